// n8n finds this package's nodes and credentials through the `n8n` block of package.json; nothing is exported here.
module.exports = {};
