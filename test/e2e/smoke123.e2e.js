#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The package on the n8n 1.x line: a smoke set in a real n8n 1.123.x (N8N_LINE1_VERSION, default lib/n8nLines.js's
 * LINE_1.tested) under Node 24, installed beside 2.41.1 by scripts/ensure-n8n.js, against the loopback simulators:
 *   - the tarball installed as a community package: n8n 1.123 loads the five nodes and three credentials;
 *   - the credentials imported, their Test buttons (`POST /rest/credentials/test`): right ones OK, wrong ones Error;
 *   - Job → Start with Wait for Completion (polling), Queue Item → Add "All Input Items in One Call" (one bulk call),
 *     Robotic Crowd Run → Create with Wait for Completion, each with `n8n execute`;
 *   - activation with 1.x's `update:workflow --active=true` and with its public API's `/activate`;
 *   - the UiPath Trigger (polling): finished jobs fire one trigger execution, and the next poll fires nothing again;
 *     its "Fetch test event" (1.x's `POST /rest/workflows/:id/run` with the workflow in the body);
 *   - the UiPath Webhook Trigger: the published workflow subscribes in the simulator with n8n's URL, a signed
 *     delivery starts one execution, a forged one none;
 *   - Job → Start with Wait Mode "webhook" fails with 'This Wait Mode needs n8n 2.27 or newer' (1.x's resume URL has
 *     no token) and starts no job, makes no subscription.
 * `npm run build`, then `node test/e2e/smoke123.e2e.js` (prints figures, exits 1 on the first failed check);
 * test/e2e/run.js calls `runLine1Smoke()` too.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');
const { LINE_1 } = require('./lib/n8nLines');
const { sleep, waitUntil, webhookTriggerNode, productionUrl, startJob, itemsOf, waitForWebhookUrl } = require('./lib/uipathWebhook');
const { startUiPathSimulator } = require('../simulators/uipath');
const { startRoboticCrowdSimulator } = require('../simulators/roboticCrowd');

const VERSION = process.env.N8N_LINE1_VERSION || LINE_1.tested;
const PKG = 'n8n-nodes-rpa';
const RC_KEY = { accessKeyId: 'E2ELINE10001', secretAccessKey: 'e2e-line1-rc-secret-0123456789ab' };
const APP = { clientId: 'e2e-line1', clientSecret: 'e2e-line1-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Webhooks'] };
const ON_PREM = { tenancyName: 'Default', username: 'e2e-line1', password: 'e2e-line1-Pass1' };
const CRED = {
	rc: { id: 'e2eL1RcCred00001', name: 'Robotic Crowd (1.x)', type: 'roboticCrowdApi' },
	cloud: { id: 'e2eL1Cloud000001', name: 'UiPath Cloud (1.x)', type: 'uiPathCloudOAuthApi' },
	onPrem: { id: 'e2eL1OnPrem00001', name: 'UiPath On-Premises (1.x)', type: 'uiPathOnPremisesApi' },
};
const REFUSED = 'This Wait Mode needs n8n 2.27 or newer';

/** @type {Array<{ step: string, ms: number }>} */
const figures = [];
const log = (/** @type {string} */ line) => process.stderr.write(`[n8n 1.x smoke] ${line}\n`);
/** @template T @param {string} step @param {() => Promise<T>} fn @returns {Promise<T>} */
async function timed(step, fn) {
	const started = Date.now();
	const value = await fn();
	figures.push({ step, ms: Date.now() - started });
	log(`${step}: ${Date.now() - started} ms`);
	return value;
}

/** A node of this package with its credential. @param {string} name @param {string} type @param {Record<string, unknown>} parameters @param {keyof typeof CRED} credential */
function node(name, type, parameters, credential) {
	const c = CRED[credential];
	return { name, type: `${PKG}.${type}`, typeVersion: 1, parameters, credentials: { [c.type]: { id: c.id, name: c.name } } };
}

/**
 * @param {{ tarball?: string }} [options] a packed tarball to reuse (else `npm pack` of this repository's build)
 * @returns {Promise<{ version: string, figures: Array<{ step: string, ms: number }> }>}
 */
async function runLine1Smoke(options = {}) {
	const startedAt = Date.now();
	const runtime = await timed(`runtime (Node 24 + n8n ${VERSION}, cached)`, () => n8n.ensureRuntime({ n8nVersion: VERSION }));
	assert.equal(runtime.n8nVersion, VERSION);
	assert.match(runtime.n8nBin, new RegExp(`n8n-${VERSION.replace(/\./g, '\\.')}/`), 'its own cache folder');
	const installed = JSON.parse(fs.readFileSync(path.join(path.dirname(runtime.n8nBin), '..', 'package.json'), 'utf8'));
	assert.equal(installed.version, VERSION, `the n8n package in ${runtime.n8nBin}`);
	const tarball = options.tarball ?? (await timed('npm pack', () => n8n.packPackage()));
	const rc = await startRoboticCrowdSimulator({ quotaPerMinute: 1000 });
	const ui = await startUiPathSimulator();
	const home = await timed('n8n user folder with the community package', () => n8n.createN8nHome({ tarball, runtime }));
	assert.equal(home.line.name, '1.x');
	/** @type {any} */
	let server;
	try {
		// ---- simulators' seed --------------------------------------------------------------------------------------
		rc.addApiKey(RC_KEY);
		const rcWorkflow = rc.addWorkflow({ name: 'Line 1 intake', queueDelayMs: 300, durationMs: 1200 });
		ui.addExternalApp(APP);
		ui.addOnPremUser(ON_PREM);
		const shared = ui.addFolder({ displayName: 'Shared' });
		const hooks = ui.addFolder({ displayName: 'Hooks' });
		ui.addRobot({ folderId: hooks.Id, name: 'HookRobot' });
		const invoices = ui.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing', queueDelayMs: 300, durationMs: 1500, outputArguments: { total: 1250.5, approved: true } });
		const hooked = ui.addRelease({ folderId: hooks.Id, name: 'HookedProcess', queueDelayMs: 200, durationMs: 300, outputArguments: { total: 42 } });
		const probe = ui.addRelease({ folderId: shared.Id, name: 'DurableProbe', queueDelayMs: 200, durationMs: 2000 });
		ui.addQueue({ folderId: shared.Id, name: 'Invoices' });
		const credentials = [
			{ ...CRED.rc, data: { ...RC_KEY, baseUrl: rc.url, quotaPerMinute: 600 } },
			{ ...CRED.cloud, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } },
			{ ...CRED.onPrem, data: { orchestratorUrl: ui.url, authMethod: 'password', ...ON_PREM } },
		];
		const sharedFolder = { __rl: true, mode: 'path', value: 'Shared' };

		// ---- workflows ---------------------------------------------------------------------------------------------
		const jobWait = wf.linearWorkflow({ name: '1.x: Job → Start, wait (poll)', nodes: [wf.manualTriggerNode(), wf.setNode('Input', { invoiceId: 'INV-1' }),
			node('UiPath', 'uiPath', { authentication: CRED.cloud.type, resource: 'job', operation: 'start', folder: sharedFolder, process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '={{ JSON.stringify({ invoiceId: $json.invoiceId }) }}', waitForCompletion: true, waitTimeout: 60, startOptions: { pollInterval: 1 } }, 'cloud')] });
		const bulk = wf.linearWorkflow({ name: '1.x: Queue Item → Add in one bulk call', nodes: [wf.manualTriggerNode(),
			{ name: 'Invoices', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: "return Array.from({ length: 25 }, (_, i) => ({ json: { invoiceId: 'INV-' + i, amount: i * 10 } }));" } },
			node('UiPath', 'uiPath', { authentication: CRED.cloud.type, resource: 'queueItem', operation: 'add', folder: sharedFolder, queue: { __rl: true, mode: 'name', value: 'Invoices' }, addMode: 'bulk', commitType: 'ProcessAllIndependently', specificContentInput: 'json', specificContentJson: '={{ JSON.stringify({ invoiceId: $json.invoiceId, amount: $json.amount }) }}', addOptions: { reference: '={{ $json.invoiceId }}' } }, 'cloud')] });
		const rcWait = wf.linearWorkflow({ name: '1.x: Robotic Crowd Run → Create, wait', nodes: [wf.manualTriggerNode(), wf.setNode('Input', { customer: 'ACME' }),
			node('Robotic Crowd', 'roboticCrowd', { resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(rcWorkflow.id) }, paramsInput: 'fields', params: { parameter: [{ name: 'customer', value: '={{ $json.customer }}' }] }, waitForCompletion: true, waitTimeout: 60, createOptions: { pollInterval: 1 } }, 'rc')] });
		const pollTrigger = wf.linearWorkflow({ name: '1.x: UiPath Trigger', nodes: [node('UiPath Trigger', 'uiPathTrigger', { authentication: CRED.cloud.type, event: 'jobFinished', folders: { folder: [{ folder: sharedFolder }] }, states: ['Successful', 'Faulted', 'Stopped'], pollTimes: { item: [{ mode: 'everyMinute' }] } }, 'cloud')] });
		const webhookId = crypto.randomUUID();
		const hookTrigger = wf.linearWorkflow({ name: '1.x: UiPath Webhook Trigger', nodes: [webhookTriggerNode({ webhookId, credential: CRED.cloud, events: ['job.completed', 'job.faulted'], folderPath: 'Hooks' })] });
		const durable = wf.linearWorkflow({ name: '1.x: Job → Start, Wait Mode webhook', nodes: [
			/** @type {any} */ ({ name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: 'line1-durable', responseMode: 'onReceived' } }),
			wf.setNode('Resume URL', { resumeUrl: '={{ $execution.resumeUrl }}' }),
			node('Start job', 'uiPath', { authentication: CRED.cloud.type, resource: 'job', operation: 'start', folder: sharedFolder, process: { __rl: true, mode: 'name', value: 'DurableProbe' }, inputArguments: '{"order": 7}', waitForCompletion: true, waitTimeout: 600, waitMode: 'webhook' }, 'cloud'),
			{ name: 'After', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }] });

		// ---- the package loads; headless runs ------------------------------------------------------------------------
		const types = await timed('export:nodes', () => home.nodeTypes());
		const ours = types.map((t) => t.name).filter((name) => name.startsWith(`${PKG}.`) && !name.endsWith('Tool')).sort();
		assert.deepEqual(ours, ['roboticCrowd', 'roboticCrowdTrigger', 'uiPath', 'uiPathTrigger', 'uiPathWebhookTrigger'].map((n) => `${PKG}.${n}`));
		await timed('import credentials (3)', () => home.importCredentials(credentials));
		await timed('import workflows (6)', () => home.importWorkflows([jobWait, bulk, rcWait, pollTrigger, hookTrigger, durable]));

		const job = await timed('execute: Job → Start with Wait for Completion', () => home.execute(jobWait.id));
		assert.equal(job.exitCode, 0, n8n.describeResult(job));
		const [ended] = n8n.outputOf(job, 'UiPath');
		assert.equal(ended.State, 'Successful');
		assert.deepEqual(ended.OutputArguments, { total: 1250.5, approved: true });
		assert.deepEqual(ended.InputArguments, { invoiceId: 'INV-1' });
		const jobReads = ui.log.filter((/** @type {any} */ e) => e.method === 'GET' && new RegExp(`/odata/Jobs\\(${ended.Id}\\)$`).test(e.path)).length;
		assert.ok(jobReads >= 1, 'the job was polled until it ended');

		const added = await timed('execute: Queue Item → Add, All Input Items in One Call', () => home.execute(bulk.id));
		assert.equal(added.exitCode, 0, n8n.describeResult(added));
		assert.equal(n8n.outputOf(added, 'UiPath').length, 25);
		/** @type {any[]} */
		const bulkCalls = ui.log.filter((/** @type {any} */ e) => e.path.endsWith('BulkAddQueueItems'));
		assert.equal(bulkCalls.length, 1, 'one bulk call');
		assert.equal(bulkCalls[0].body.queueItems.length, 25);
		assert.equal(ui.queueItems.length, 25);

		const run = await timed('execute: Robotic Crowd Run → Create with Wait for Completion', () => home.execute(rcWait.id));
		assert.equal(run.exitCode, 0, n8n.describeResult(run));
		const [rcRun] = n8n.outputOf(run, 'Robotic Crowd');
		assert.equal(rcRun.status, 'success');
		assert.deepEqual(rcRun.params, { customer: 'ACME' });

		// ---- n8n start: activation, owner, API key, credential tests -------------------------------------------------
		await timed('update:workflow --active=true (2)', async () => {
			await home.publish(pollTrigger.id);
			await home.publish(hookTrigger.id);
		});
		const activationPolls = () => ui.log.filter((/** @type {any} */ e) => e.method === 'GET' && /\/odata\/Jobs$/.test(e.path) && /EndTime ge/.test(e.query.$filter ?? '')).length;
		server = await timed('n8n start (to readiness and its last start-up line)', () => home.start());
		await server.setupOwner({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass1' });
		await server.createApiKey();
		const listed = Object.fromEntries((await server.publicApi('GET', '/workflows')).data.map((/** @type {any} */ w) => [w.id, w.active]));
		assert.deepEqual([listed[pollTrigger.id], listed[hookTrigger.id], listed[durable.id]], [true, true, false], 'update:workflow activated the two');
		await timed("public API's /activate", () => server.setActive(durable.id, true));
		assert.equal((await server.publicApi('GET', `/workflows/${durable.id}`)).active, true);

		await timed('credential Test buttons', async () => {
			const test = async (/** @type {any} */ c, /** @type {Record<string, unknown>} */ change = {}) => await server.rest('POST', '/credentials/test', { credentials: { ...c, data: { ...c.data, ...change } } });
			for (const c of credentials) assert.equal((await test(c)).status, 'OK', c.name);
			const [rcCred, cloudCred, onPremCred] = credentials;
			assert.equal((await test(rcCred, { secretAccessKey: 'not-the-secret' })).status, 'Error');
			assert.match((await test(cloudCred, { clientSecret: 'not-the-secret' })).message, /Check the client ID and client secret/);
			assert.match((await test(onPremCred, { password: 'not-the-password' })).message, /Check the tenancy name, user name and password/);
		});

		// ---- the polling trigger, beside the rest: finished jobs fire once, the next poll nothing again ------------------
		const polling = timed('UiPath Trigger: finished jobs fire one execution, the next poll none', async () => {
			await waitUntil(() => activationPolls() >= 1, 90_000, 'the UiPath Trigger to poll at activation');
			const since = Date.now();
			const jobIds = [ui.addJob({ folderId: shared.Id, releaseId: invoices.Id, state: 'Successful', outputArguments: { total: 1 } }).Id, ui.addJob({ folderId: shared.Id, releaseId: invoices.Id, state: 'Faulted', info: 'Selector not found' }).Id];
			const [fired] = await server.waitForExecutions(pollTrigger.id, { mode: 'trigger', atLeast: 1, since, timeoutMs: 130_000 });
			const emitted = fired.data.resultData.runData['UiPath Trigger'][0].data.main[0].map((/** @type {any} */ i) => i.json);
			assert.deepEqual(emitted.map((/** @type {any} */ j) => j.Id).sort(), [...jobIds].sort(), 'the finished jobs, once each');
			const pollsThen = activationPolls();
			await waitUntil(() => activationPolls() > pollsThen, 90_000, 'the next poll');
			await sleep(3000);
			const all = await server.waitForExecutions(pollTrigger.id, { mode: 'trigger', atLeast: 1, since });
			assert.equal(all.length, 1, 'the next poll fired nothing again');
			return Date.parse(fired.startedAt) - since;
		});

		// ---- the webhook trigger: subscribed with n8n's URL; a signed delivery → one execution, a forged one → none ---
		const hookUrl = productionUrl(home.url, webhookId);
		const hookSubscriptions = () => ui.webhooks.subscriptions.filter((/** @type {any} */ s) => s.Url === hookUrl);
		const delayMs = await timed('UiPath Webhook Trigger: subscription, signed and forged deliveries', async () => {
			await waitUntil(() => hookSubscriptions().length > 0, 30_000, `the subscription to ${hookUrl} (subscriptions: ${JSON.stringify(ui.webhooks.subscriptions.map((/** @type {any} */ s) => s.Url))})`);
			assert.equal(hookSubscriptions().length, 1);
			await waitForWebhookUrl(hookUrl);
			const jobId = await startJob(ui, hooks, hooked);
			const [execution] = await server.waitForExecutions(hookTrigger.id, { atLeast: 1, timeoutMs: 60_000 });
			const [item] = itemsOf(execution);
			assert.equal(item.Id, jobId);
			assert.equal(item.Event.Type, 'job.completed');
			assert.deepEqual(item.OutputArguments, { total: 42 });
			ui.webhooks.addFault({ kind: 'wrongSignature', type: 'job.completed', gapMs: 300 });
			await startJob(ui, hooks, hooked);
			const [forged] = await ui.webhooks.waitForDeliveries(1, (/** @type {any} */ d) => d.fault === 'wrongSignature', 20_000);
			assert.equal(forged.status, 401, 'a forged delivery is refused');
			await sleep(2000);
			const executions = (await server.publicApi('GET', `/executions?workflowId=${hookTrigger.id}&limit=250`)).data;
			assert.equal(executions.length, 1, 'one execution for the signed delivery, none for the forged one');
			const delivery = ui.webhooks.deliveries.find((/** @type {any} */ d) => d.eventId === item.Event.EventId);
			assert.ok(delivery, `the delivery of event ${item.Event.EventId}`);
			return Date.parse(execution.startedAt) - delivery.changeAt;
		});

		// ---- Wait Mode webhook on 1.x: refused before anything starts ------------------------------------------------
		const subscriptionsBefore = ui.webhooks.subscriptions.length;
		const resumeUrl = await timed(`Job → Start, Wait Mode webhook: "${REFUSED}"`, async () => {
			const hook = await fetch(`${home.url}/webhook/line1-durable`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order":7}' });
			assert.equal(hook.status, 200, 'the Webhook node took the call');
			const [failed] = await server.waitForExecutions(durable.id, { atLeast: 1, timeoutMs: 60_000 });
			assert.equal(failed.status, 'error');
			const error = failed.data.resultData.error;
			assert.equal(error?.message, REFUSED, JSON.stringify(error));
			assert.equal(error.node?.name, 'Start job');
			assert.equal(failed.data.resultData.runData.After, undefined, 'the next node did not run');
			const url = n8n.outputOf({ runData: failed.data.resultData.runData }, 'Resume URL')[0].resumeUrl;
			assert.match(url, new RegExp(`^${home.url}/webhook-waiting/${failed.id}$`), '1.x resume URL');
			assert.equal(new URL(url).searchParams.has('signature'), false, 'no token in it');
			return url;
		});
		assert.deepEqual(ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === probe.Name), [], 'no job started');
		assert.equal(ui.log.filter((/** @type {any} */ e) => /StartJobs$/.test(e.path) && e.body?.startInfo?.ReleaseKey === probe.Key).length, 0, 'no StartJobs call for it');
		assert.equal(ui.webhooks.subscriptions.length, subscriptionsBefore, 'no subscription made');

		const pollDelayMs = await polling;
		const testEvent = await timed('UiPath Trigger: Fetch test event (workflowData in the body)', () => server.fetchTestEvent(pollTrigger.id, 'UiPath Trigger'));
		assert.equal(testEvent.status, 'success', JSON.stringify(testEvent.error));
		assert.ok(testEvent.items[0]?.State, `test event: ${JSON.stringify(testEvent.items)}`);
		assert.equal(testEvent.execution.mode, 'manual');

		const stopped = await server.stop();
		assert.equal(stopped.forced, false, 'n8n stopped on SIGTERM');
		server = undefined;
		log(`n8n ${VERSION}: job end → webhook execution ${delayMs} ms; jobs added → trigger execution ${pollDelayMs} ms (next minute's poll); refused resume URL ${resumeUrl}`);
		figures.push({ step: 'total', ms: Date.now() - startedAt });
		return { version: VERSION, figures };
	} finally {
		if (server) await server.stop().catch(() => undefined);
		if (!process.env.N8N_E2E_KEEP) await home.cleanup();
		if (!options.tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		await ui.webhooks.settle();
		await ui.close();
		await rc.close();
	}
}

module.exports = { runLine1Smoke };

if (require.main === module) {
	runLine1Smoke()
		.then(({ version }) => {
			process.stdout.write(`\nn8n ${version} smoke set passed (real n8n on Node 24)\n`);
			for (const { step, ms } of figures) process.stdout.write(`  ${String(ms).padStart(7)} ms  ${step}\n`);
		})
		.catch((error) => {
			process.stderr.write(`\n[n8n 1.x smoke] FAILED: ${error && error.stack ? error.stack : error}\n`);
			process.exit(1);
		});
}
