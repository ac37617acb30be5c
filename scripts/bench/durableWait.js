// @ts-check
// Scenario 8: Job → Start's waits in one real n8n 2.41.1 against the UiPath simulator, side by side: the delay from
// a job's end to the next node's start with Poll (the default), the Orchestrator webhook and the robot's call back
// (one 20-second job each, at the same time); then 50 webhook waits at once: requests to Orchestrator and
// deliveries received per wait, and the subscriptions left after they all ended. Prints figures; asserts nothing.
'use strict';
const n8n = require('../../test/e2e/lib/n8n');
const { sleep } = require('../../test/e2e/lib/uipathWebhook');
const { startUiPathSimulator } = require('../../test/simulators/uipath');
const { durableWorkflow, executionWith, APP, CRED } = require('../../test/e2e/durableWait.e2e');

const JOB_MS = 20_000;
const MANY = 50;
const post = (/** @type {string} */ url, body = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const ours = (/** @type {any} */ ui) => ui.webhooks.subscriptions.filter((/** @type {any} */ s) => s.Name.startsWith('n8n durable wait'));

/** @param {any} server @param {string} workflowId @param {number} count */
async function ended(server, workflowId, count, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = (await server.publicApi('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`)).data ?? [];
		const done = list.filter((/** @type {any} */ e) => e.status === 'success');
		if (done.length >= count) return done;
		if (Date.now() > deadline) throw new Error(`${done.length} of ${count} executions of ${workflowId} ended: ${list.map((/** @type {any} */ e) => `${e.status} ${JSON.stringify(e.data?.resultData?.error?.message ?? '')}`).join(', ')}\n${server.tail(30)}`);
		await sleep(500);
	}
}

/** @param {any} ui @param {any} server @param {string} home @param {Record<string, any>} flows */
async function delays(ui, server, home, flows) {
	const jobOf = (/** @type {any} */ execution) => ui.jobs.find((/** @type {any} */ j) => j.Id === execution.data.resultData.runData['Start job'][0].data.main[0][0].json.Id);
	for (const via of ['poll', 'webhook', 'callback']) await post(`${home}/webhook/bench-${via}`);
	// The robot's last step, played here: when the callback job is about to end, it calls the URL it was given.
	await executionWith(server, flows.callback.id, 'waiting');
	const job = ui.jobs.find((/** @type {any} */ j) => JSON.stringify(j.InputArguments ?? '').includes('webhook-waiting'));
	const url = JSON.parse(job.InputArguments).n8nResumeUrl;
	while (Date.parse(ui.jobs.find((/** @type {any} */ j) => j.Id === job.Id).StartTime ?? '') + JOB_MS - 1000 > Date.now() || !ui.jobs.find((/** @type {any} */ j) => j.Id === job.Id).StartTime) await sleep(200);
	await post(url, { done: true });
	/** @type {any[]} */
	const rows = [];
	for (const via of ['poll', 'webhook', 'callback']) {
		const [execution] = await ended(server, flows[via].id, 1);
		const delay = execution.data.resultData.runData.After[0].startTime - Date.parse(jobOf(execution).EndTime);
		rows.push({ durable: true, scenario: `8 Job → Start, Wait Mode ${via}`, delayMs: delay, notes: via === 'poll' ? 'Check Interval 5 s, growing by half' : '' });
	}
	return rows;
}

/** @param {any} ui @param {any} server @param {string} home @param {any} flow */
async function many(ui, server, home, flow) {
	const calls = () => ui.log.filter((/** @type {any} */ e) => e.path.includes('/odata/')).length;
	const before = calls();
	const deliveriesBefore = ui.webhooks.deliveries.length;
	await Promise.all(Array.from({ length: MANY }, () => post(`${home}/webhook/bench-many`)));
	const started = Date.now();
	await ended(server, flow.id, MANY, 180_000);
	await sleep(1000);
	const requests = calls() - before;
	const delivered = ui.webhooks.deliveries.slice(deliveriesBefore).filter((/** @type {any} */ d) => d.url.includes('/webhook-waiting/'));
	return [
		{
			durable: true,
			scenario: `8 ${MANY} webhook waits at once`,
			requestsPerWait: requests / MANY,
			deliveriesPerWait: delivered.length / MANY,
			subscriptionsLeft: ours(ui).length,
			notes: `all ended ${Math.round((Date.now() - started) / 1000)} s after the last start`,
		},
	];
}

async function durableWaits() {
	const ui = await startUiPathSimulator();
	ui.addExternalApp(APP);
	const folder = ui.addFolder({ displayName: 'Durable' });
	ui.addRobot({ folderId: folder.Id, name: 'BenchRobot' });
	ui.addRelease({ folderId: folder.Id, name: 'LongJob', queueDelayMs: 300, durationMs: JOB_MS, outputArguments: { total: 1 } });
	const runtime = await n8n.ensureRuntime();
	const tarball = await n8n.packPackage();
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {any} */ let server;
	try {
		await home.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } }]);
		/** @type {Record<string, any>} */
		const flows = {};
		for (const via of ['poll', 'webhook', 'callback']) flows[via] = durableWorkflow(`Bench ${via}`, `bench-${via}`, via);
		const manyFlow = durableWorkflow('Bench many', 'bench-many', 'webhook');
		await home.importWorkflows([...Object.values(flows), manyFlow]);
		for (const flow of [...Object.values(flows), manyFlow]) await home.publish(flow.id);
		server = await home.start();
		await server.setupOwner({ email: 'owner@example.com', firstName: 'Bench', lastName: 'Owner', password: 'Bench-owner-pass1' });
		await server.createApiKey();
		return [...(await delays(ui, server, home.url, flows)), ...(await many(ui, server, home.url, manyFlow))];
	} finally {
		await server?.stop().catch(() => undefined);
		await home.cleanup().catch(() => undefined);
		await ui.close();
	}
}

/** @param {any[]} rows */
function printDurable(rows) {
	const durable = rows.filter((r) => r.durable);
	if (!durable.length) return '';
	const lines = ['Scenario 8 (real n8n): job end → next node, and 50 webhook waits at once'];
	for (const r of durable) {
		if (r.delayMs !== undefined) lines.push(`  ${r.scenario.padEnd(44)} delay ${String(r.delayMs).padStart(6)} ms  ${r.notes}`);
		else lines.push(`  ${r.scenario.padEnd(44)} requests/wait ${r.requestsPerWait.toFixed(1)}, deliveries/wait ${r.deliveriesPerWait.toFixed(1)}, subscriptions left ${r.subscriptionsLeft}; ${r.notes}`);
	}
	return lines.join('\n');
}

module.exports = { durableWaits, printDurable };

if (require.main === module) durableWaits().then((rows) => console.log(printDurable(rows)), (error) => { console.error(error); process.exit(1); });
