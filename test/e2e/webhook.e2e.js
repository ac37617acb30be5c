#!/usr/bin/env node
'use strict';
/**
 * The UiPath Webhook Trigger in a real n8n 2.41.1 (Node 24) against the UiPath simulator: publishing subscribes in
 * "Orchestrator", a finished job starts an execution (the delay from the simulator's state change to the
 * execution's start is measured over several jobs), forged, unsigned, stale and duplicate deliveries start nothing,
 * a restart keeps the one subscription, the workflow as the public and editor APIs return it holds no secret, a
 * burst of 200 concurrent signed deliveries replayed after a restart starts nothing again, unpublishing (also after a restart) leaves none, and the editor's test
 * listening works the same way. Run `npm run build` first (the package is packed from dist/), then
 * `node test/e2e/webhook.e2e.js`; test/e2e/run.js calls `runWebhookE2e()` too.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');
const { TRIGGER, sleep, median, webhookTriggerNode, productionUrl: productionUrlOf, startJob: startJobIn, itemsOf, waitUntil, waitForWebhookUrl, setActive } = require('./lib/uipathWebhook');
const { startUiPathSimulator } = require('../simulators/uipath');

const APP = { clientId: 'e2e-hooks', clientSecret: 'e2e-hooks-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Webhooks'] };
const CRED = { id: 'e2eUiHooks000001', name: 'UiPath Cloud (webhooks)', type: 'uiPathCloudOAuthApi' };
const JOBS = 7;
const BURST = 200;

const log = (/** @type {string} */ line) => process.stderr.write(`[webhook e2e] ${line}\n`);

/**
 * @param {{ ui?: any, runtime?: any, tarball?: string }} [options] a simulator, runtime and tarball to reuse (run.js)
 * @returns {Promise<{ medianDelayMs: number, delaysMs: number[] }>}
 */
async function runWebhookE2e(options = {}) {
	const ui = options.ui ?? (await startUiPathSimulator());
	ui.addExternalApp(APP);
	const folder = ui.addFolder({ displayName: 'Hooks' });
	ui.addRobot({ folderId: folder.Id, name: 'HookRobot' });
	const release = ui.addRelease({ folderId: folder.Id, name: 'HookedProcess', queueDelayMs: 200, durationMs: 300, outputArguments: { total: 42 } });
	const startJob = () => startJobIn(ui, folder, release);
	/** @returns {any[]} */
	const subscriptions = () => ui.webhooks.subscriptions;
	const completions = () => ui.webhooks.deliveries.filter((/** @type {any} */ d) => d.type === 'job.completed');

	const runtime = options.runtime ?? (await n8n.ensureRuntime());
	const tarball = options.tarball ?? (await n8n.packPackage());
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {any} */
	let server;
	try {
		await home.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } }]);
		const webhookId = crypto.randomUUID();
		const workflow = wf.linearWorkflow({
			name: 'UiPath Webhook Trigger: jobs ended',
			nodes: [webhookTriggerNode({ webhookId, credential: CRED, events: ['job.completed', 'job.faulted'], folderPath: 'Hooks' })],
		});
		await home.importWorkflows([workflow]);
		await home.publish(workflow.id);
		server = await home.start();
		await server.setupOwner({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass1' });
		await server.createApiKey();

		// ---- publish → the subscription appears ------------------------------------------------------------------
		const productionUrl = productionUrlOf(home.url, webhookId);
		// n8n activates published workflows while (or just after) it turns ready.
		await waitUntil(() => subscriptions().length > 0, 20_000, `the subscription (n8n's log:\n${server.tail()})`);
		assert.equal(subscriptions().length, 1, 'one subscription after publishing');
		const [sub] = subscriptions();
		assert.equal(sub.Url, productionUrl);
		assert.deepEqual(sub.Events.map((/** @type {any} */ e) => e.EventType).sort(), ['job.completed', 'job.faulted']);
		log(`subscription ${sub.Id} → ${sub.Url}`);
		// n8n answers 404 for a moment after activation: wait until a delivery gets through (the signed ping will do).
		await waitForWebhookUrl(productionUrl);

		// ---- finished jobs → executions, and the delay -----------------------------------------------------------
		const executionsNow = async () => (await server.publicApi('GET', `/executions?workflowId=${workflow.id}&includeData=true&limit=250`)).data ?? [];
		const jobIds = [];
		for (let i = 0; i < JOBS; i++) {
			jobIds.push(await startJob());
			await sleep(700);
		}
		const executions = await server.waitForExecutions(workflow.id, { atLeast: JOBS, timeoutMs: 60_000 });
		const emitted = executions.map((/** @type {any} */ e) => ({ startedAt: Date.parse(e.startedAt), items: itemsOf(e) }));
		assert.deepEqual(emitted.flatMap((e) => e.items.map((/** @type {any} */ i) => i.Id)).sort(), [...jobIds].sort(), 'each finished job started one execution');
		const first = emitted[0].items[0];
		assert.deepEqual(first.OutputArguments, { total: 42 });
		assert.equal(first.Event.Type, 'job.completed');
		const delays = emitted.map((e) => {
			const delivery = completions().find((/** @type {any} */ d) => d.eventId === e.items[0].Event.EventId);
			assert.ok(delivery, `a delivery for event ${e.items[0].Event.EventId}`);
			return e.startedAt - delivery.changeAt;
		});
		log(`delay from the job's end to the execution's start, ${JOBS} jobs: median ${median(delays)} ms (${delays.join(', ')})`);
		assert.ok(median(delays) < 1000, `median delay ${median(delays)} ms is under 1 s`);

		// ---- forged, unsigned, stale, duplicate → nothing (more) ------------------------------------------------
		const before = (await executionsNow()).length;
		for (const kind of ['wrongSignature', 'unsigned', 'late', 'duplicate']) ui.webhooks.addFault({ kind, type: 'job.completed', gapMs: 300 });
		for (let i = 0; i < 4; i++) await startJob();
		const faulty = await ui.webhooks.waitForDeliveries(5, (/** @type {any} */ d) => d.type === 'job.completed' && d.fault, 20_000);
		const statusOf = (/** @type {string} */ fault) => faulty.filter((/** @type {any} */ d) => d.fault === fault).map((/** @type {any} */ d) => d.status);
		assert.deepEqual(statusOf('wrongSignature'), [401], 'forged delivery → 401');
		assert.deepEqual(statusOf('unsigned'), [401], 'unsigned delivery → 401');
		assert.deepEqual(statusOf('late'), [401], 'stale delivery → 401');
		assert.deepEqual(statusOf('duplicate'), [200, 200], 'duplicate delivery answered, twice');
		await sleep(2000);
		const afterFaults = await executionsNow();
		assert.equal(afterFaults.length, before + 1, 'forged, unsigned and stale deliveries started no execution, the duplicate one');
		log('forged, unsigned, stale → 401 and no execution; a duplicate → one execution');

		// ---- a replay of an accepted delivery (same bytes, a valid signature) → nothing ---------------------------
		const accepted = completions().find((/** @type {any} */ d) => d.status === 200 && !d.fault);
		const replay = () =>
			fetch(productionUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-uipath-signature': crypto.createHmac('sha256', subscriptions()[0].Secret).update(accepted.body).digest('base64') },
				body: accepted.body,
			});
		assert.equal((await replay()).status, 200, 'a replayed delivery is answered');
		await sleep(1500);
		assert.equal((await executionsNow()).length, afterFaults.length, 'a replayed delivery starts no execution');
		log('a replay of an accepted delivery starts nothing');

		// ---- restart: the same one subscription ------------------------------------------------------------------
		await server.stop();
		server = await home.start();
		await server.login();
		await sleep(2000);
		assert.deepEqual(subscriptions().map((/** @type {any} */ s) => s.Id), [sub.Id], 'after a restart: the same one subscription');
		await waitForWebhookUrl(productionUrl);
		assert.equal((await replay()).status, 200, 'a replayed delivery is answered after the restart');
		await sleep(1500);
		assert.equal((await executionsNow()).length, afterFaults.length, 'a delivery seen before the restart starts no execution after it');
		log('restart: same subscription; a replay of a delivery seen before the restart starts nothing');

		// ---- the secret is nowhere a reader of the workflow looks ---------------------------------------------------
		const { Secret } = subscriptions()[0];
		const exported = [JSON.stringify(await server.publicApi('GET', `/workflows/${workflow.id}`)), JSON.stringify(await server.rest('GET', `/workflows/${workflow.id}`))];
		assert.ok(exported[0].includes('"staticData"'), 'the public API returns the static data');
		assert.ok(exported.every((text) => !text.includes(Secret)), "GET /api/v1/workflows/{id} and the editor's GET /rest/workflows/{id} hold no subscription secret");
		log('the subscription secret is in neither the public API nor the editor API answer for the workflow');

		// ---- a burst of signed deliveries at once, a restart, every one replayed → nothing new ---------------------
		// Ended executions, all pages. Under the burst n8n's database health check may time out and the API answer
		// 503 "Database is not ready!" for a moment: ask again.
		const countExecutions = async () => {
			for (let attempt = 0; ; attempt++) {
				try {
					let total = 0;
					let cursor = '';
					do {
						const page = await server.publicApi('GET', `/executions?workflowId=${workflow.id}&limit=250${cursor ? `&cursor=${cursor}` : ''}`);
						total += (page.data ?? []).filter((/** @type {any} */ e) => !['new', 'running'].includes(e.status)).length;
						cursor = page.nextCursor ?? '';
					} while (cursor);
					return total;
				} catch (error) {
					if (attempt >= 60 || !String(error).includes('503')) throw error;
					await sleep(1000);
				}
			}
		};
		const beforeBurst = await countExecutions();
		const burst = Array.from({ length: BURST }, (_, i) => {
			const body = JSON.stringify({ Type: 'job.completed', EventId: crypto.randomUUID().replace(/-/g, ''), Timestamp: new Date().toISOString(), TenantId: 1, OrganizationUnitId: folder.Id, OrganizationUnitKey: folder.Key, Job: { Id: 900000 + i, State: 'Successful', Release: { Name: 'HookedProcess' } } });
			return { body, signature: crypto.createHmac('sha256', Secret).update(body).digest('base64') };
		});
		const deliverAll = () => Promise.all(burst.map(async (d) => {
			const res = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': d.signature }, body: d.body });
			return { status: res.status, message: /** @type {any} */ (await res.json()).message };
		}));
		const firstTime = await deliverAll();
		assert.deepEqual(firstTime.filter((a) => a.status !== 200), [], `each of the ${BURST} deliveries answered 200`);
		const deadline = Date.now() + 60_000;
		while ((await countExecutions()) < beforeBurst + BURST && Date.now() < deadline) await sleep(500);
		assert.equal(await countExecutions(), beforeBurst + BURST, `the burst of ${BURST} started ${BURST} executions`);
		await server.stop();
		server = await home.start();
		await server.login();
		await waitForWebhookUrl(productionUrl);
		const replayed = await deliverAll();
		assert.deepEqual(replayed.filter((a) => a.status !== 200 || a.message !== 'Delivery already received'), [], 'every replay after the restart: "Delivery already received"');
		await sleep(3000);
		assert.equal(await countExecutions(), beforeBurst + BURST, `replaying the ${BURST} deliveries after a restart started no execution`);
		log(`a burst of ${BURST} concurrent signed deliveries: ${BURST} executions; after a restart their replays started none`);

		// ---- unpublish (after the restart) → no subscription left -------------------------------------------------
		const count = (/** @type {number} */ n, /** @type {string} */ what) => waitUntil(() => subscriptions().length === n, 10_000, `${what} (subscriptions: ${JSON.stringify(subscriptions().map((/** @type {any} */ s) => s.Url))}; n8n's log:\n${server.tail()})`);
		await setActive(server, workflow.id, false);
		await count(0, 'unpublishing after a restart to leave no subscription');
		// … and publish + unpublish without a restart.
		await setActive(server, workflow.id, true);
		await count(1, 'publishing again to subscribe again');
		await setActive(server, workflow.id, false);
		await count(0, 'unpublishing to leave no subscription');
		log('unpublish → no subscription left (after a restart, and without one)');

		// ---- the editor's test listening ----------------------------------------------------------------------------
		const listening = await server.rest('POST', `/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: TRIGGER }, destinationNode: { nodeName: TRIGGER, mode: 'inclusive' } });
		assert.ok(listening?.waitingForWebhook, `the editor listens for a test event: ${JSON.stringify(listening)}`);
		assert.equal(subscriptions().length, 1, 'a test subscription while listening');
		assert.equal(subscriptions()[0].Url, `${home.url}/webhook-test/${webhookId}/webhook`);
		await startJob();
		const manual = await server.waitForExecutions(workflow.id, { mode: 'manual', atLeast: 1, timeoutMs: 30_000 });
		assert.equal(itemsOf(manual[0])[0].Event.Type, 'job.completed');
		await waitUntil(() => subscriptions().length === 0, 10_000, 'the test subscription to go once the test event arrived');
		log('test event: subscribed with the test URL, one manual execution, subscription removed');
		return { medianDelayMs: median(delays), delaysMs: delays };
	} finally {
		if (server) await server.stop().catch(() => undefined);
		if (!process.env.N8N_E2E_KEEP) await home.cleanup();
		if (!options.tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		await ui.webhooks.settle();
		if (!options.ui) await ui.close();
	}
}

module.exports = { runWebhookE2e };

if (require.main === module) {
	runWebhookE2e()
		.then(({ medianDelayMs }) => {
			process.stdout.write(`\nwebhook e2e passed: median delay from job end to execution start ${medianDelayMs} ms\n`);
		})
		.catch((error) => {
			process.stderr.write(`\n[webhook e2e] FAILED: ${error && error.stack ? error.stack : error}\n`);
			process.exit(1);
		});
}
