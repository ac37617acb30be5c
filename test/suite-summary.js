// jest globalTeardown: prints the suite's one summary line from what the test files recorded (suiteTally.js).
'use strict';
const fs = require('node:fs');

const { summaryLine } = require('./suiteTally');

module.exports = async () => {
	const dir = process.env.RPA_SUITE_TALLY_DIR;
	if (!dir) return;
	const line = summaryLine('suite', dir);
	if (line) process.stdout.write(`\n${line}\n`);
	fs.rmSync(dir, { recursive: true, force: true });
};
