#!/usr/bin/env node
// `npm run bench`: requests made and time per item, this package's nodes (run through n8n's own engine) side by
// side with the way people do it today (hand-built HTTP calls), against the loopback simulators, in one run.
// It prints figures; it asserts nothing about time. Exit code 1 only when a scenario errored.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core reads these when it loads: keep its settings folder and its logging out of the way (as test/setup-env.js).
const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-bench-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_ENCRYPTION_KEY ??= 'bench-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'nodes'))) {
	console.error('dist/ is missing: run `npm run build` first (or `npm run bench`, which builds).');
	process.exit(1);
}
require('./bench/load-ts');
const { printTable } = require('./bench/measure');
const uipath = require('./bench/uipath');
const roboticCrowd = require('./bench/roboticCrowd');
const webhook = require('./bench/webhook');
const durable = require('./bench/durableWait');
const dataFabric = require('./bench/dataFabric');

const SCENARIOS = [
	['1 UiPath start jobs', uipath.startJobs],
	['2 UiPath start + wait', uipath.startAndWait],
	['3 UiPath add queue items', uipath.addQueueItems],
	['4 UiPath Trigger polls', uipath.triggerPolls],
	['5 Robotic Crowd create / get many', roboticCrowd.createAndList],
	['6 Robotic Crowd Trigger polls', roboticCrowd.triggerPolls],
	['7 UiPath Webhook Trigger answer times (real n8n)', webhook.webhookAnswerTimes],
	['8 Job → Start durable waits beside polling (real n8n)', durable.durableWaits],
	['9 Data Fabric create 500 records', dataFabric.createRecords],
];

async function main() {
	const started = Date.now();
	const rows = [];
	let failed = 0;
	// BENCH_ONLY=<regex> runs only the scenarios whose name matches (e.g. BENCH_ONLY='^9 ').
	const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
	for (const [name, scenario] of SCENARIOS.filter(([name]) => !only || only.test(name))) {
		process.stderr.write(`running ${name} …\n`);
		try {
			rows.push(...(await scenario()));
		} catch (error) {
			failed++;
			rows.push({ scenario: name, error: error instanceof Error ? error.message : String(error) });
		}
	}
	console.log('');
	console.log('n8n-nodes-rpa bench: ours = the package\'s nodes through n8n\'s engine; base = hand-built HTTP calls (plain fetch, no engine)');
	console.log('Settings: UiPath cloud credential listCallsPerMinute 0 in the trigger scenario (pacing off; the clock jumps 1 min per poll);');
	console.log('          UiPath simulator list limit 100/min per tenant (Automation Cloud\'s); Robotic Crowd credential and simulator');
	console.log('          quotaPerMinute 100000 (quota pacing off). Token = identity /connect/token or /v1/token calls.');
	console.log('          Triggers: items = records finished; ms/item = time spent polling / items. Notes give ours/base.');
	console.log('');
	console.log(printTable(rows.filter((r) => !r.answerMs && !r.durable)));
	console.log('');
	console.log(webhook.printAnswerTimes(rows));
	console.log('');
	console.log(durable.printDurable(rows));
	console.log('');
	console.log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} scenario(s) errored` : ''}`);
	console.log('');
	console.log('JSON summary:');
	console.log(JSON.stringify(rows, null, 2));
	return failed;
}

main()
	.then((failed) => {
		fs.rmSync(userFolder, { recursive: true, force: true });
		// Loopback servers are closed; n8n-core may keep timers alive, so end explicitly.
		process.exit(failed ? 1 : 0);
	})
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
