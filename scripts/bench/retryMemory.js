#!/usr/bin/env node
// What the Retry On Fail memory (nodes/shared/retryMemory.ts) costs the n8n process: 1,000 executions of Queue Item →
// Add with 100 KB of content through n8n's engine, the heap used after garbage collection before and after, in MB
// per 1,000 executions. Three ways: Retry On Fail off; on, every execution passing; on, every execution failing
// after its item was added (item 2 refused on every try: what a retry needs is kept then). The simulator runs in a
// child process, so the items it stores are not on this heap. Figures only; it asserts nothing.
// Run: `npm run build && node --expose-gc scripts/bench/retryMemory.js` (options: --executions N).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');

const CONTENT_BYTES = 100 * 1024;

async function simulator() {
	const { startUiPathSimulator } = require('../../test/simulators/uipath.js');
	const { APP } = require('../../test/nodes/uiPath.helpers.ts');
	const sim = await startUiPathSimulator();
	sim.addExternalApp(APP);
	const folder = sim.addFolder({ displayName: 'Shared' });
	sim.addQueue({ folderId: folder.Id, name: 'Invoices', enforceUniqueReference: false });
	// Every try of an execution in the "failing" way: item 1 passes, item 2 is refused (one call per try).
	let adds = 0;
	let failing = false;
	const original = sim.faults.take.bind(sim.faults);
	sim.faults.take = (method, p) => (failing && p.endsWith('AddQueueItem') && ++adds % 3 !== 1 ? { status: 409 } : original(method, p));
	process.on('message', (message) => {
		if (message === 'failing') failing = true;
		// the simulator's own log keeps every body: dropped, so the child stays small too
		sim.log.length = 0;
		process.send?.('ok');
	});
	// ends with the bench, however the bench ends
	process.on('disconnect', () => process.exit(0));
	process.send?.({ url: sim.url, organization: sim.organization, tenant: sim.tenant });
}

function ask(child, message) {
	return new Promise((resolve) => {
		child.once('message', resolve);
		child.send(message);
	});
}

async function heapMb() {
	for (let i = 0; i < 3; i++) {
		global.gc();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main() {
	if (typeof global.gc !== 'function') throw new Error('run node with --expose-gc');
	const executions = Number(process.argv[process.argv.indexOf('--executions') + 1]) || 1000;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-bench-'));
	Object.assign(process.env, { N8N_USER_FOLDER: userFolder, N8N_LOG_LEVEL: 'silent', N8N_DIAGNOSTICS_ENABLED: 'false' });
	process.env.N8N_ENCRYPTION_KEY ??= 'bench-encryption-key';
	const { EngineHarness } = require('../../test/harness/engine.ts');
	const { cloudCredential, inFolder, uiNode } = require('../../test/nodes/uiPath.helpers.ts');
	const child = fork(__filename, ['--simulator'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const sim = await new Promise((resolve) => child.once('message', resolve));
	const harness = await EngineHarness.create();
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim), 'cloud');
	const content = JSON.stringify({ text: 'x'.repeat(CONTENT_BYTES) });
	const add = (retry) =>
		uiNode(
			{ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Invoices' }, addMode: 'perItem', specificContentInput: 'json', specificContentJson: content, addOptions: {} },
			'cloud',
			retry ? { retryOnFail: { maxTries: 2, waitBetweenTries: 1 } } : {},
		);
	try {
		await measureWays(harness, child, add, executions);
	} finally {
		child.kill();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

async function measureWays(harness, child, add, executions) {
	const ways = [
		['Retry On Fail off', add(false), [{}], false],
		['Retry On Fail on, passing', add(true), [{}], false],
		['Retry On Fail on, failing after the add', add(true), [{}, {}], true],
	];
	// one execution first: the engine's and the package's own first-use allocations are not the memory's
	await harness.run(add(true), [{}]);
	const started = Date.now();
	const rows = [];
	for (const [name, spec, inputs, failing] of ways) {
		if (failing) await ask(child, 'failing');
		const before = await heapMb();
		for (let i = 0; i < executions; i++) {
			const { error } = await harness.run(spec, inputs);
			if (Boolean(error) !== failing) throw new Error(`${name}: execution ${i} ${error ? `failed: ${error.message}` : 'passed'}`);
			if (i % 100 === 99) await ask(child, 'clear');
		}
		const after = await heapMb();
		rows.push({ way: name, heapBeforeMb: +before.toFixed(1), heapAfterMb: +after.toFixed(1), mbPer1000Executions: +(((after - before) * 1000) / executions).toFixed(1) });
	}
	console.log(`Retry On Fail memory: ${executions} executions of Queue Item → Add with ${CONTENT_BYTES / 1024} KB of content each, heap used after gc`);
	console.table(rows);
	console.log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[2] === '--simulator') {
	require('./load-ts');
	simulator().catch((error) => {
		console.error(error);
		process.exit(1);
	});
} else {
	require('./load-ts');
	main()
		.then(() => process.exit(0))
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
