#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Smoke test of test/e2e/lib against a real n8n, with n8n's built-in nodes and a throwaway community package
 * (one tiny node), so it proves the library before the package's own nodes exist.
 *
 *   node test/e2e/smoke.e2e.js          (N8N_E2E_VERBOSE=1 echoes n8n's output; N8N_E2E_KEEP=1 keeps the folder)
 *
 * A plain node script (not jest): exits non-zero on failure.
 */
const assert = require('node:assert/strict');
const fsp = require('node:fs/promises');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');

/** @type {Array<{ step: string, ms: number }>} */
const figures = [];
/**
 * @template T
 * @param {string} step
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function timed(step, fn) {
	const started = Date.now();
	process.stderr.write(`[smoke] ${step}…\n`);
	const value = await fn();
	const ms = Date.now() - started;
	figures.push({ step, ms });
	process.stderr.write(`[smoke] ${step}: ${ms} ms\n`);
	return value;
}

/**
 * A throwaway community package with one node that needs n8n-workflow (resolved to n8n's own copy).
 * @param {string} dir
 */
async function writeSmokePackage(dir) {
	const nodeDir = path.join(dir, 'dist', 'nodes', 'SmokeHello');
	await fsp.mkdir(nodeDir, { recursive: true });
	await fsp.writeFile(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-smoke',
				version: '0.0.1',
				description: 'throwaway package of the e2e smoke test',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/nodes/SmokeHello/SmokeHello.node.js'] },
				peerDependencies: { 'n8n-workflow': '*' },
				devDependencies: { typescript: '*' },
			},
			null,
			2,
		),
	);
	await fsp.writeFile(
		path.join(nodeDir, 'SmokeHello.node.js'),
		`'use strict';
const { NodeConnectionTypes } = require('n8n-workflow');
class SmokeHello {
	constructor() {
		this.description = {
			displayName: 'Smoke Hello',
			name: 'smokeHello',
			group: ['transform'],
			version: 1,
			description: 'Says hello',
			defaults: { name: 'Smoke Hello' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Who', name: 'who', type: 'string', default: 'world' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		return [items.map((item, i) => ({ json: { ...item.json, hello: this.getNodeParameter('who', i), node: process.version }, pairedItem: { item: i } }))];
	}
}
module.exports = { SmokeHello };
`,
	);
}

/**
 * An RSS feed on 127.0.0.1 with one item dated tomorrow (so every poll of an active trigger emits it).
 * @returns {Promise<{ url: string, hits: () => number, close: () => Promise<void> }>}
 */
async function startFeedServer() {
	let hits = 0;
	const port = await n8n.freePort();
	const server = http.createServer((_request, response) => {
		hits++;
		const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toUTCString();
		response.setHeader('content-type', 'application/rss+xml');
		response.end(
			'<?xml version="1.0"?><rss version="2.0"><channel><title>smoke</title><link>http://example.com/</link>' +
				'<description>smoke feed</description><item><title>Smoke item</title><link>http://example.com/1</link>' +
				`<guid>smoke-1</guid><pubDate>${tomorrow}</pubDate></item></channel></rss>`,
		);
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
	return {
		url: `http://127.0.0.1:${port}`,
		hits: () => hits,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

async function main() {
	const runtime = await timed('ensureRuntime (ensure-n8n.js, warm cache)', () => n8n.ensureRuntime());
	process.stderr.write(`[smoke] n8n ${runtime.n8nVersion} under Node ${runtime.nodeVersion}: ${runtime.n8nBin}\n`);

	const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-smoke-'));
	const feed = await startFeedServer();
	/** @type {Awaited<ReturnType<typeof n8n.createN8nHome>> | undefined} */
	let home;
	/** @type {import('./lib/n8n').N8nServer | undefined} */
	let server;
	try {
		const packageDir = path.join(scratch, 'package');
		await writeSmokePackage(packageDir);
		const tarball = await timed('packPackage (npm pack of a throwaway package)', () =>
			n8n.packPackage(packageDir, { destination: scratch }),
		);
		const h = await timed('createN8nHome', () => n8n.createN8nHome({ tarball, runtime }));
		home = h;
		const installedJson = JSON.parse(fs.readFileSync(path.join(h.package?.dir ?? '', 'package.json'), 'utf8'));
		assert.equal(installedJson.name, 'n8n-nodes-e2e-smoke');
		assert.equal(installedJson.peerDependencies, undefined, 'peerDependencies dropped as n8n does');
		const ledger = JSON.parse(fs.readFileSync(path.join(h.nodesDir, 'package.json'), 'utf8'));
		assert.deepEqual(ledger.dependencies, { 'n8n-nodes-e2e-smoke': '0.0.1' });

		// --- headless: import, execute
		const credential = {
			id: 'smokeCred0000001',
			name: 'Smoke header auth',
			type: 'httpHeaderAuth',
			data: { name: 'X-Smoke', value: 'secret-value' },
		};
		await timed('importCredentials (cold user folder: DB migrations)', () => h.importCredentials([credential]));

		const setWorkflow = wf.linearWorkflow({
			id: 'smokeSetWf000001',
			name: 'smoke: set a field',
			nodes: [
				wf.manualTriggerNode(),
				wf.setNode('Set Greeting', { greeting: 'hello', sum: '={{ 1 + 2 }}', flag: true }),
				{ name: 'Smoke Hello', type: 'n8n-nodes-e2e-smoke.smokeHello', typeVersion: 1, parameters: { who: 'n8n' } },
			],
		});
		// "={{ 1 + 2 }}" typed as string → the expression's result is converted to a string
		const failWorkflow = wf.linearWorkflow({
			id: 'smokeFailWf00001',
			name: 'smoke: stop and error',
			nodes: [wf.manualTriggerNode(), wf.stopAndErrorNode('Fail Here', 'smoke failure on purpose')],
		});
		const scheduleWorkflow = wf.linearWorkflow({
			id: 'smokeSchedWf0001',
			name: 'smoke: schedule',
			nodes: [wf.scheduleTriggerNode('Every 2 Seconds', 2), wf.setNode('Mark', { scheduled: true })],
		});
		const rssWorkflow = wf.linearWorkflow({
			id: 'smokeRssWf000001',
			name: 'smoke: polling trigger',
			nodes: [wf.rssFeedTriggerNode('Feed', `${feed.url}/feed.xml`), wf.setNode('Polled', { polled: true })],
		});
		await timed('importWorkflows (4, warm user folder)', () =>
			h.importWorkflows([setWorkflow, failWorkflow, scheduleWorkflow, rssWorkflow]),
		);

		const ok = await timed('execute (success)', () => h.execute(setWorkflow.id));
		assert.equal(ok.exitCode, 0, n8n.describeResult(ok));
		assert.equal(ok.errorMessage, undefined);
		// "={{ 1 + 2 }}" in a field typed string: the expression's result, as a string
		assert.deepEqual(n8n.outputOf(ok, 'Set Greeting'), [{ greeting: 'hello', sum: '3', flag: true }]);
		const helloOut = n8n.outputOf(ok, 'Smoke Hello');
		assert.equal(helloOut.length, 1);
		assert.equal(helloOut[0].hello, 'n8n');
		assert.equal(helloOut[0].greeting, 'hello');
		assert.match(helloOut[0].node, /^v24\./, 'the community node runs inside n8n, under Node 24');
		assert.equal(ok.run.status, 'success');

		const failed = await timed('execute (failing node)', () => h.execute(failWorkflow.id));
		assert.equal(failed.exitCode, 1, n8n.describeResult(failed));
		assert.equal(failed.errorMessage, 'smoke failure on purpose');
		assert.equal(failed.error.node?.name, 'Fail Here');
		assert.equal(failed.runData?.['Fail Here']?.[0]?.error?.message, 'smoke failure on purpose');
		assert.throws(() => n8n.outputOf(failed, 'Fail Here'), /failed: smoke failure on purpose/);

		const types = await timed('nodeTypes (export:nodes)', () => h.nodeTypes());
		assert.ok(types.some((t) => t.name === 'n8n-nodes-e2e-smoke.smokeHello'), 'the package node is loaded');
		assert.ok(types.some((t) => t.name === 'n8n-nodes-base.set'));

		const missing = await timed('execute (unknown workflow id)', () => h.execute('doesNotExist0001'));
		assert.equal(missing.exitCode, 1, n8n.describeResult(missing));
		assert.match(missing.errorMessage ?? '', /does not exist/);

		await timed('publish (publish:workflow, schedule)', () => h.publish(scheduleWorkflow.id));
		await timed('publish (publish:workflow, polling)', () => h.publish(rssWorkflow.id));

		// --- server
		server = await timed('start (n8n start to /healthz/readiness)', () => h.start());
		const running = server;
		const owner = await timed('setupOwner', () =>
			running.setupOwner({ email: 'smoke@example.com', firstName: 'Smoke', lastName: 'Test', password: 'Smoke-pass-123' }),
		);
		assert.equal(owner.email, 'smoke@example.com');
		await timed('createApiKey', () => running.createApiKey());

		const workflows = await running.publicApi('GET', '/workflows');
		const byId = Object.fromEntries(workflows.data.map((/** @type {any} */ w) => [w.id, w]));
		for (const w of [setWorkflow, failWorkflow, scheduleWorkflow, rssWorkflow]) assert.ok(byId[w.id], `${w.id} listed`);
		assert.equal(byId[scheduleWorkflow.id].active, true, 'a published workflow is active after start');
		assert.equal(byId[rssWorkflow.id].active, true, 'a published workflow is active after start');
		assert.equal(byId[setWorkflow.id].active, false);

		const credentials = await running.rest('GET', '/credentials');
		assert.ok(
			credentials.some((/** @type {any} */ c) => c.id === credential.id && c.type === 'httpHeaderAuth'),
			JSON.stringify(credentials),
		);

		// the schedule fires every 2 s; the polling trigger polls once at activation (item dated tomorrow: emitted)
		const [scheduled] = await timed('first scheduled execution (public API)', () =>
			running.waitForExecutions(scheduleWorkflow.id, { status: 'success', mode: 'trigger', timeoutMs: 30000 }),
		);
		assert.equal(scheduled.mode, 'trigger');
		assert.equal(n8n.outputOf({ runData: scheduled.data.resultData.runData }, 'Mark')[0].scheduled, true);
		const [polled] = await timed('poll at activation (public API)', () =>
			running.waitForExecutions(rssWorkflow.id, { status: 'success', mode: 'trigger', timeoutMs: 30000 }),
		);
		const polledItems = n8n.outputOf({ runData: polled.data.resultData.runData }, 'Polled');
		assert.deepEqual(
			polledItems.map((item) => [item.title, item.polled]),
			[['Smoke item', true]],
		);
		const feedHitsAfterFirstStart = feed.hits();
		assert.ok(feedHitsAfterFirstStart >= 1);

		const testEvent = await timed('fetchTestEvent (schedule trigger)', () =>
			running.fetchTestEvent(scheduleWorkflow.id, 'Every 2 Seconds'),
		);
		assert.equal(testEvent.status, 'success', JSON.stringify(testEvent.error));
		assert.equal(testEvent.items.length, 1);
		assert.ok(testEvent.items[0].timestamp, JSON.stringify(testEvent.items));
		assert.equal(testEvent.runData?.Mark, undefined, 'only the trigger ran');
		const whole = await running.fetchTestEvent(scheduleWorkflow.id, 'Every 2 Seconds', { wholeWorkflow: true });
		assert.equal(n8n.outputOf(whole, 'Mark')[0].scheduled, true);
		const pollEvent = await timed('fetchTestEvent (polling trigger)', () => running.fetchTestEvent(rssWorkflow.id, 'Feed'));
		assert.equal(pollEvent.status, 'success', JSON.stringify(pollEvent.error));
		assert.deepEqual(
			pollEvent.items.map((item) => item.title),
			['Smoke item'],
		);
		assert.ok(feed.hits() > feedHitsAfterFirstStart, 'the manual poll fetched the feed');

		// the CLI still works on the same folder while the server runs (separate task broker port)
		const concurrent = await timed('execute while the server runs', () => h.execute(setWorkflow.id));
		assert.equal(concurrent.exitCode, 0, n8n.describeResult(concurrent));

		const stopped = await timed('stop', () => running.stop());
		assert.equal(stopped.forced, false, 'n8n stopped on SIGTERM');
		assert.equal(running.isAlive(), false, 'no process of n8n is left');
		assert.throws(() => process.kill(running.pid, 0), /ESRCH/);
		server = undefined;
		const afterStop = await fetch(`${running.url}/healthz`).then(
			() => 'answered',
			() => 'refused',
		);
		assert.equal(afterStop, 'refused');

		// --- a restart on the same folder: the owner logs in again, the API key still works, the poll runs again
		const hitsBeforeRestart = feed.hits();
		const restartedAt = Date.now();
		server = await timed('restart (n8n start to /healthz/readiness)', () => h.start());
		const again = server;
		const listed = await again.rest('GET', '/workflows');
		assert.ok(listed.some((/** @type {any} */ w) => w.id === rssWorkflow.id), 'rest() logged in by itself');
		await timed('poll at activation after restart (API key of the first start)', () =>
			again.waitForExecutions(rssWorkflow.id, { status: 'success', mode: 'trigger', since: restartedAt, timeoutMs: 30000 }),
		);
		assert.ok(feed.hits() > hitsBeforeRestart);
		await timed('stop (after restart)', () => again.stop());
		assert.equal(again.isAlive(), false);
		server = undefined;
	} finally {
		if (server) await server.stop().catch(() => undefined);
		if (home && !process.env.N8N_E2E_KEEP) {
			const dir = home.dir;
			await home.cleanup();
			assert.equal(fs.existsSync(dir), false);
		} else if (home) {
			process.stderr.write(`[smoke] kept ${home.dir}\n`);
		}
		await fsp.rm(scratch, { recursive: true, force: true });
		await feed.close();
	}

	process.stdout.write('\nn8n e2e smoke: OK\n\nTimings (ms):\n');
	for (const { step, ms } of figures) process.stdout.write(`  ${String(ms).padStart(7)}  ${step}\n`);
	process.stdout.write('\nCLI steps of the user folder (ms):\n');
	for (const { step, ms } of home?.timings ?? []) process.stdout.write(`  ${String(ms).padStart(7)}  ${step}\n`);
}

main().catch((error) => {
	process.stderr.write(`\nn8n e2e smoke: FAILED\n${error && error.stack ? error.stack : error}\n`);
	process.exitCode = 1;
});
