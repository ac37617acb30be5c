// @ts-check
// Scenario 7: how fast the UiPath Webhook Trigger answers a burst of signed deliveries, beside n8n's own Webhook node
// in the same real n8n 2.41.1 (`n8n start`, SQLite): Orchestrator opens a subscription's circuit for an hour when a
// delivery times out, so the trigger must add nothing n8n's own webhook does not pay. Each side gets a warm-up of
// 20 requests, then 200 at once (each waits for the executions of the one before); the answer time of each request
// is measured at the client. Prints p50, p99 and max; asserts nothing about time.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const n8n = require('../../test/e2e/lib/n8n');
const wf = require('../../test/e2e/lib/workflows');
const { webhookTriggerNode, productionUrl, waitForWebhookUrl, sleep } = require('../../test/e2e/lib/uipathWebhook');
const { startUiPathSimulator } = require('../../test/simulators/uipath');
const { round } = require('./measure');

const BURST = 200;
const WARM_UP = 20;
const APP = { clientId: 'bench-hooks', clientSecret: 'bench-hooks-secret', scopes: ['OR.Jobs', 'OR.Folders.Read', 'OR.Webhooks'] };
const CRED = { id: 'benchUiHooks0001', name: 'UiPath Cloud (bench webhooks)', type: 'uiPathCloudOAuthApi' };

/** @param {number[]} xs @param {number} p */
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Sends `requests` at once; each one's answer time in ms. @param {Array<() => Promise<Response>>} requests */
async function answerTimes(requests) {
	return await Promise.all(
		requests.map(async (send) => {
			const started = performance.now();
			const res = await send();
			await res.arrayBuffer();
			if (res.status !== 200) throw new Error(`a request was answered ${res.status}`);
			return performance.now() - started;
		}),
	);
}

async function webhookAnswerTimes() {
	const ui = await startUiPathSimulator();
	ui.addExternalApp(APP);
	const folder = ui.addFolder({ displayName: 'Bench' });
	const runtime = await n8n.ensureRuntime();
	const tarball = await n8n.packPackage();
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {any} */
	let server;
	try {
		await home.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } }]);
		const hookId = crypto.randomUUID();
		const ours = wf.linearWorkflow({ name: 'bench: UiPath Webhook Trigger', nodes: [webhookTriggerNode({ webhookId: hookId, credential: CRED, events: ['job.completed'], folderPath: 'Bench' })] });
		const plain = wf.linearWorkflow({
			name: "bench: n8n's Webhook node",
			nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path: 'bench-plain', responseMode: 'onReceived', options: {} } }],
		});
		await home.importWorkflows([ours, plain]);
		await home.publish(ours.id);
		await home.publish(plain.id);
		server = await home.start();
		await server.setupOwner({ email: 'owner@example.com', firstName: 'Bench', lastName: 'Owner', password: 'Bench-owner-pass1' });
		await server.createApiKey();
		const oursUrl = productionUrl(home.url, hookId);
		const plainUrl = `${home.url}/webhook/bench-plain`;
		const deadline = Date.now() + 30_000;
		while (!ui.webhooks.subscriptions.length && Date.now() < deadline) await sleep(100);
		const { Secret } = ui.webhooks.subscriptions[0];
		await waitForWebhookUrl(oursUrl);
		let jobId = 0;
		const signed = () => {
			const body = JSON.stringify({ Type: 'job.completed', EventId: crypto.randomUUID().replace(/-/g, ''), Timestamp: new Date().toISOString(), TenantId: 1, OrganizationUnitId: folder.Id, OrganizationUnitKey: folder.Key, Job: { Id: ++jobId, State: 'Successful' } });
			const signature = crypto.createHmac('sha256', Secret).update(body).digest('base64');
			return () => fetch(oursUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': signature }, body });
		};
		const unsigned = () => {
			const body = JSON.stringify({ Type: 'job.completed', EventId: crypto.randomUUID(), Job: { Id: ++jobId } });
			return () => fetch(plainUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		};
		let expected = 0;
		// Ended executions, all pages (a 503 "Database is not ready!" under the burst counts as none yet).
		const executions = async () => {
			let total = 0;
			let cursor = '';
			try {
				do {
					const page = await server.publicApi('GET', `/executions?limit=250${cursor ? `&cursor=${cursor}` : ''}`);
					total += (page.data ?? []).filter((/** @type {any} */ e) => !['new', 'running'].includes(e.status)).length;
					cursor = page.nextCursor ?? '';
				} while (cursor);
			} catch (error) {
				if (!String(error).includes('503')) throw error;
				return 0;
			}
			return total;
		};
		/** A batch, then until n8n ended its executions (the next batch must not share the machine with them). */
		const batch = async (/** @type {() => () => Promise<Response>} */ make, /** @type {number} */ n) => {
			const times = await answerTimes(Array.from({ length: n }, make));
			expected += n;
			const until = Date.now() + 120_000;
			while ((await executions()) < expected && Date.now() < until) await sleep(500);
			return times;
		};
		await batch(unsigned, WARM_UP);
		await batch(signed, WARM_UP);
		const plainTimes = await batch(unsigned, BURST);
		const ourTimes = await batch(signed, BURST);
		const figures = (/** @type {number[]} */ t) => ({ p50: round(percentile(t, 50), 1), p99: round(percentile(t, 99), 1), max: round(Math.max(...t), 1) });
		return [
			{ scenario: `UiPath Webhook Trigger: ${BURST} signed deliveries at once`, items: BURST, answerMs: figures(ourTimes), notes: 'real n8n 2.41.1, SQLite; signature, age, EventId checked' },
			{ scenario: `n8n's Webhook node: ${BURST} requests at once`, items: BURST, answerMs: figures(plainTimes), notes: 'the same n8n, the same run, answered on receipt' },
		];
	} finally {
		if (server) await server.stop().catch(() => undefined);
		await home.cleanup();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		await ui.webhooks.settle();
		await ui.close();
	}
}

/** The answer-time table (p50, p99, max in ms). @param {any[]} rows */
function printAnswerTimes(rows) {
	const timed = rows.filter((r) => r.answerMs);
	if (!timed.length) return '';
	const line = (/** @type {string[]} */ c) => `${c[0].padEnd(50)} ${c[1].padStart(8)} ${c[2].padStart(8)} ${c[3].padStart(8)}  ${c[4]}`;
	return [line(['answer times (ms)', 'p50', 'p99', 'max', 'notes']), line(['-'.repeat(50), '-'.repeat(8), '-'.repeat(8), '-'.repeat(8), '-----'])]
		.concat(timed.map((r) => line([r.scenario, String(r.answerMs.p50), String(r.answerMs.p99), String(r.answerMs.max), r.notes])))
		.join('\n');
}

module.exports = { webhookAnswerTimes, printAnswerTimes };

if (require.main === module) {
	webhookAnswerTimes()
		.then((rows) => {
			console.log(printAnswerTimes(rows));
			process.exit(0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
