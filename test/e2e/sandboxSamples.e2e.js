#!/usr/bin/env node
'use strict';
/**
 * The sandbox's sample workflows for files (upload to a bucket, then a job that reads it) and queue transactions
 * (issue 11), as `npm start` imports them: the sandbox on free ports with a temporary n8n folder, then each sample
 * run with `n8n execute` as `npm run demo` runs it, and its output judged by the sample's own check.
 * Run `npm run build` first; test/e2e/run.js calls `runSandboxSamplesE2e()` too.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { startSandbox, runDemo, formatTable } = require('../../scripts/sandbox/core');

const SAMPLE_IDS = ['sbxUiPathFileJob', 'sbxUiPathQueueTx'];

async function runSandboxSamplesE2e() {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-samples-'));
	const say = (/** @type {string} */ line) => process.stderr.write(`[samples e2e] ${line}\n`);
	/** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
	let sandbox;
	try {
		sandbox = await startSandbox({ n8nPort: await n8n.freePort(), uiPathPort: await n8n.freePort(), rcPort: await n8n.freePort(), dataDir, server: false, log: say });
		const chosen = sandbox.samples.filter((s) => SAMPLE_IDS.includes(s.workflow.id));
		if (chosen.length !== SAMPLE_IDS.length) throw new Error(`the sandbox imports ${chosen.length} of the samples ${SAMPLE_IDS.join(', ')}`);
		const rows = await runDemo({ ...sandbox, samples: chosen }, { log: say });
		process.stderr.write(`${formatTable(rows)}\n`);
		const failed = rows.filter((r) => !r.ok);
		if (failed.length) throw new Error(`${failed.length} sample(s) failed: ${failed.map((r) => `${r.workflow}: ${r.summary}`).join('; ')}`);
		// What the samples did, on the sandbox's side.
		const ui = sandbox.sims.ui;
		const put = ui.log.find((/** @type {any} */ e) => e.service === 'blob' && e.method === 'PUT');
		if (!put || put.status >= 300) throw new Error('the file sample made no successful PUT to the storage URI');
		const taken = ui.log.filter((/** @type {any} */ e) => String(e.path).endsWith('StartTransaction') && e.status === 200);
		const ended = ui.log.filter((/** @type {any} */ e) => String(e.path).endsWith('SetTransactionResult') && e.status < 300);
		if (taken.length !== 1 || ended.length !== 1) throw new Error(`the queue sample took ${taken.length} and ended ${ended.length} transactions, not 1 and 1`);
		return rows;
	} finally {
		if (sandbox) await sandbox.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

module.exports = { runSandboxSamplesE2e };

if (require.main === module) {
	runSandboxSamplesE2e()
		.then((rows) => process.stdout.write(`\nsandbox samples e2e passed: ${rows.length} samples\n`))
		.catch((error) => {
			process.stderr.write(`\n[samples e2e] FAILED: ${error && error.stack ? error.stack : error}\n`);
			process.exit(1);
		});
}
