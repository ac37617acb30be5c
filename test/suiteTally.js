// The suite's one summary line (issue 10): each part of the suite (faults, bad inputs, secrets scan) records what
// it tried and what the simulators counted; the line is printed once, at the end of the run, from those records.
// Jest runs test files in separate workers, so the records are small JSON files in a folder of this run (made by
// globalSetup, named in RPA_SUITE_TALLY_DIR). The e2e (test/e2e/run.js) sums its records with the same code.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PARTS = [
	'faultsTried',
	'redirectsTried',
	'redirectsLeaked',
	'badInputsTried',
	'badInputsClear',
	'crashes',
	'badNumbersTried',
	'badNumbersClear',
	'secretsScanned',
	'textsScanned',
	'secretsFound',
	'lost',
	'duplicated',
];

/** A folder for this run's records; the jest workers and the e2e find it through the environment. */
function startTally() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-suite-'));
	process.env.RPA_SUITE_TALLY_DIR = dir;
	return dir;
}

/** Adds one part's counts (any of PARTS) to this run's records; nothing when no run folder was made. */
function recordTally(part, counts) {
	const dir = process.env.RPA_SUITE_TALLY_DIR;
	if (!dir || !fs.existsSync(dir)) return;
	const file = path.join(dir, `${part.replace(/\W+/g, '-')}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
	fs.writeFileSync(file, JSON.stringify({ part, ...counts }));
}

/** The sums of every record in `dir`, and which parts recorded anything. */
function readTally(dir) {
	const sums = Object.fromEntries(PARTS.map((p) => [p, 0]));
	const parts = new Set();
	for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (!name.endsWith('.json')) continue;
		const record = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
		parts.add(record.part);
		for (const p of PARTS) sums[p] += Number(record[p] ?? 0);
	}
	return { sums, parts };
}

/** The one line: what was tried, and what was lost, duplicated or leaked. */
function summaryLine(label, dir) {
	const { sums, parts } = readTally(dir);
	if (!parts.size) return undefined;
	const has = (part) => [...parts].some((p) => p.startsWith(part));
	// redirects are faults too (counted in faultsTried); what crossed to another origin is counted as leaked
	const redirects = has('faults') && sums.redirectsTried ? ` (redirects ${sums.redirectsTried}, ${sums.redirectsLeaked} leaked)` : '';
	const faults = has('faults') ? `faults tried ${sums.faultsTried}${redirects}` : 'faults not run';
	// bad numbers (item 3 of issue 18) are bad inputs too: counted in both
	const numbers = sums.badNumbersTried ? `, bad numbers ${sums.badNumbersTried} (${sums.badNumbersClear} clear)` : '';
	const bad = has('badInputs')
		? `bad inputs tried ${sums.badInputsTried} (${sums.badInputsClear} with a clear error, ${sums.crashes} crashes${numbers})`
		: 'bad inputs not run';
	const secrets = has('secrets') ? `secrets scanned ${sums.secretsScanned} in ${sums.textsScanned} texts (${sums.secretsFound} found)` : 'secrets not run';
	// lost and duplicated are what the simulators counted under the faults
	const counted = has('faults') ? `items lost ${sums.lost}, duplicated ${sums.duplicated}` : 'items lost and duplicated not counted';
	return `${label}: ${faults}, ${bad}, ${secrets}, ${counted}`;
}

module.exports = { startTally, recordTally, readTally, summaryLine };
