#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: the package inside a real n8n 2.41.1 (Node 24), against the loopback simulators started here.
 * Installs the package as a community package from its `npm pack` tarball, imports credentials and workflows,
 * runs them with `n8n execute`, then activates the triggers under `n8n start` and checks that finished runs and
 * jobs arrive, once. A plain script (not jest): prints figures, exits non-zero on the first failed check.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { startRoboticCrowdSimulator } = require('../simulators/roboticCrowd');
const { startUiPathSimulator } = require('../simulators/uipath');
const { scenarios } = require('./scenarios');
const { runBrowserCheck } = require('./browser');
const { runWebhookE2e } = require('./webhook.e2e');
const { runDurableWaitE2e } = require('./durableWait.e2e');
const { runDurableEdgesE2e } = require('./durableEdges.e2e');
const { runVerifiedPackagesE2e } = require('./verifiedPackages.e2e');
const { runBreadthE2e } = require('./breadth.e2e');
const { suiteE2e } = require('./suite.e2e');
const { startTally, summaryLine } = require('../suiteTally');
const { runSandboxSamplesE2e } = require('./sandboxSamples.e2e');
const { checkEditorLists } = require('./editorLists');
const { runLine1Smoke } = require('./smoke123.e2e');

/** @type {Array<{ step: string, ms: number }>} */
const figures = [];
async function timed(/** @type {string} */ step, /** @type {() => Promise<any>} */ fn) {
	const started = Date.now();
	process.stderr.write(`[e2e] ${step}…\n`);
	const value = await fn();
	figures.push({ step, ms: Date.now() - started });
	process.stderr.write(`[e2e] ${step}: ${Date.now() - started} ms\n`);
	return value;
}

async function main() {
	const startedAt = Date.now();
	const tally = startTally();
	/** @type {string[]} what the secrets scan reads: every `n8n execute` output (run data, log) and the server's log */
	const scanned = [];
	const rc = await startRoboticCrowdSimulator({ quotaPerMinute: 1000 });
	const ui = await startUiPathSimulator();
	/** @type {Awaited<ReturnType<typeof n8n.createN8nHome>> | undefined} */
	let home;
	/** @type {any} */
	let server;
	let tarballDir;
	try {
		const runtime = await timed('runtime (Node 24 + n8n, cached)', () => n8n.ensureRuntime());
		const tarball = await timed('npm pack', () => n8n.packPackage());
		tarballDir = path.dirname(tarball);
		home = await timed('n8n user folder with the community package', () => n8n.createN8nHome({ tarball, runtime }));
		const h = home;

		const world = scenarios({ rc, ui });
		const suite = suiteE2e({ rc, ui, world });
		await timed('import credentials', () => h.importCredentials([...world.credentials, ...suite.credentials]));
		await timed('import workflows', () => h.importWorkflows([...world.executions.map((e) => e.workflow), ...world.triggers.map((t) => t.workflow), suite.workflow]));

		for (const execution of world.executions) {
			execution.before?.();
			const result = await timed(`execute: ${execution.workflow.name}`, () => h.execute(execution.workflow.id));
			scanned.push(result.stdout, result.stderr);
			try {
				execution.check(result, (/** @type {string} */ node) => n8n.outputOf(result, node));
			} catch (error) {
				throw new Error(`${execution.workflow.name}: ${/** @type {Error} */ (error).message}\n${n8n.describeResult(result)}`);
			}
		}

		// the suite's part in real n8n: faults and bad inputs in one workflow (after the others: it adds runs and jobs)
		const suiteRun = await timed('suite: faults and bad inputs (one workflow)', () => suite.run(h, n8n));
		scanned.push(suiteRun.stdout, suiteRun.stderr);

		for (const trigger of world.triggers) await h.publish(trigger.workflow.id);
		server = await timed('n8n start', () => h.start());
		await server.setupOwner({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass1' });
		await timed('credential Test buttons', () => world.checkCredentialTests(server));
		await timed('suite: credential Test buttons with URLs without https://', () => suite.checkCredentialTests(server));
		await timed('editor lists: Job → Start input arguments as fields, Task → Assign user picker', () => checkEditorLists(server, { ui, cred: world.credentials[2] }));
		// Both triggers poll every minute: check them side by side.
		await Promise.all(world.triggers.map((trigger) => timed(`trigger: ${trigger.workflow.name}`, () => trigger.check(server))));
		await timed('UiPath Webhook Trigger (its own n8n: publish, deliveries, restart, unpublish, test event)', () => runWebhookE2e({ ui, runtime, tarball }));
		await timed('durable waits (issue 19): Job → Start and Queue Item → Add paused and resumed by webhook, by call back, across a restart with 10 waiting', () => runDurableWaitE2e({ runtime, tarball }));
		await timed('durable waits: cancel, 403, deadline, loop', () => runDurableEdgesE2e({ runtime, tarball }));
		await timed('UiPath breadth (issue 11): one workflow per new resource, its own simulator and n8n folder', () => runBreadthE2e({ runtime, tarball }));
		await timed('single-service packages (issue 20): each tarball in its own n8n, a workflow of its service', () => runVerifiedPackagesE2e({ runtime }));
		await timed('sandbox samples (issue 11): a file for a job, a queue transaction, imported and run as npm start has them', () => runSandboxSamplesE2e());
		await server.stop();
		scanned.push(server.log.stdout, server.log.stderr);
		server = undefined;
		await timed('suite: secrets scan of run data and logs', async () => suite.scanSecrets(scanned));
	} finally {
		if (server) await server.stop();
		if (home && !process.env.N8N_E2E_KEEP) await home.cleanup();
		if (tarballDir) fs.rmSync(tarballDir, { recursive: true, force: true });
		await rc.close();
		await ui.close();
	}
	await timed('n8n 1.123 smoke set', () => runLine1Smoke());
	// The editor in headless Chromium: the sample workflows on the canvas, our nodes in the node panel.
	const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-shots-'));
	await timed('browser check (sandbox, editor, node panel)', () => runBrowserCheck({ screenshotsDir: shots }));
	fs.rmSync(shots, { recursive: true, force: true });
	process.stdout.write('\nend-to-end figures (real n8n 2.41.1 on Node 24)\n');
	for (const { step, ms } of figures) process.stdout.write(`  ${String(ms).padStart(7)} ms  ${step}\n`);
	process.stdout.write(`  ${String(Date.now() - startedAt).padStart(7)} ms  total\n`);
	process.stdout.write(`\n${summaryLine('e2e suite (real n8n)', tally)}\n`);
	fs.rmSync(tally, { recursive: true, force: true });
}

main().catch((error) => {
	process.stderr.write(`\n[e2e] FAILED: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
