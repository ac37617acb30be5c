// Queue Transaction: n8n as a queue worker. Start takes the next item of a queue (now In Progress), Set Progress
// reports how far it got, Set Result ends it as successful (with output) or failed (with an exception).
export * as setProgress from './setProgress.operation';
export * as setResult from './setResult.operation';
export * as start from './start.operation';
