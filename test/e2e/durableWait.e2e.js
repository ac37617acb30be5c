#!/usr/bin/env node
'use strict';
/**
 * Job → Start's durable waits in a real n8n 2.41.1 (Node 24) against the UiPath simulator. A workflow started by
 * n8n's Webhook node starts a job that runs for several seconds; the execution must show `waiting` meanwhile and
 * resume once the job ended, with the job's output, through each way the end reaches n8n:
 *   webhook   Orchestrator's job webhook (a subscription to the execution's resume URL, removed at the resume)
 *   callback  the robot (here: this test) POSTs the resume URL it got as an input argument, from its last step
 * Also: a forged delivery is refused and resumes nothing, and the delay from the job's end to the next node runs;
 * Queue Item → Add paused until its item was processed, through a retry: the robot (this test) fails the first try
 * with an application exception, Orchestrator queues a copy, and the copy's end resumes the wait with the copy.
 * `npm run build`, then `node test/e2e/durableWait.e2e.js`; test/e2e/run.js calls `runDurableWaitE2e()` too.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');
const { sleep, waitUntil } = require('./lib/uipathWebhook');
const { startUiPathSimulator } = require('../simulators/uipath');
const { startRoboticCrowdSimulator } = require('../simulators/roboticCrowd');

const RC_KEY = { accessKeyId: 'E2EDURABLE01', secretAccessKey: 'e2e-durable-rc-secret-0123456789' };
const RC_CRED = { id: 'e2eRcDurable0001', name: 'Robotic Crowd (durable)', type: 'roboticCrowdApi' };

const APP = { clientId: 'e2e-durable', clientSecret: 'e2e-durable-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Webhooks'] };
const CRED = { id: 'e2eUiDurable0001', name: 'UiPath Cloud (durable)', type: 'uiPathCloudOAuthApi' };
const JOB_MS = 6000;
const log = (/** @type {string} */ line) => process.stderr.write(`[durable wait e2e] ${line}\n`);

/**
 * n8n's Webhook node on `path` → `node` (one of this package's) → a No Op "After" (none with `after: false`).
 * @param {string} name @param {string} path @param {Record<string, any>} node @param {{ after?: boolean }} [options]
 */
function hookedWorkflow(name, path, node, { after = true } = {}) {
	const hook = { name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } };
	const last = { name: 'After', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	return wf.linearWorkflow({ name, nodes: [hook, { typeVersion: 1, ...node }, ...(after ? [last] : [])] });
}

/** A UiPath node (folder "Durable", the e2e's credential) named `name`, with `parameters`. @param {string} name @param {Record<string, unknown>} parameters */
function uiPathNode(name, parameters) {
	const folder = { __rl: true, mode: 'path', value: 'Durable' };
	return { name, type: 'n8n-nodes-rpa.uiPath', parameters: { authentication: CRED.type, folder, ...parameters }, credentials: { [CRED.type]: { id: CRED.id, name: CRED.name } } };
}

/** A workflow: n8n's Webhook node on `path` → Job → Start with a durable wait `via` → a No Op "After". */
function durableWorkflow(/** @type {string} */ name, /** @type {string} */ path, /** @type {string} */ via, process = 'LongJob') {
	return hookedWorkflow(name, path, uiPathNode('Start job', {
		resource: 'job',
		operation: 'start',
		process: { __rl: true, mode: 'name', value: process },
		inputArguments: '{"order": 7}',
		waitForCompletion: true,
		waitTimeout: 600,
		waitMode: via,
	}));
}

/** @param {any} server @param {string} workflowId @param {string} status */
async function executionWith(server, workflowId, status, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = (await server.publicApi('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=50`)).data ?? [];
		const found = list.find((/** @type {any} */ e) => e.status === status);
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no ${status} execution of ${workflowId} after ${timeoutMs} ms: ${list.map((/** @type {any} */ e) => e.status).join(', ') || 'none'}\n${server.tail(40)}`);
		await sleep(250);
	}
}

const outputOf = (/** @type {any} */ execution, /** @type {string} */ node) => (execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);

/**
 * Ten executions wait (five jobs end while n8n is down, so their deliveries are lost; five end after it is back);
 * n8n is stopped and started again: each resumes once with its own job, the five whose delivery was lost when a
 * later delivery (another job's end) makes them read their job again.
 * @param {{ ui: any, home: any, server: any, workflow: any, figures: Record<string, number> }} s @returns {Promise<any>} the new server
 */
async function restartWhileWaiting({ ui, home, server, workflow, figures }) {
	const processes = Array.from({ length: 10 }, (_, i) => (i % 2 ? 'EndsAfterRestart' : 'EndsWhileDown'));
	for (const process of processes) {
		await fetch(`${home.url}/webhook/durable-restart`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ process }) });
	}
	const listed = async () => (await server.publicApi('GET', `/executions?workflowId=${workflow.id}&includeData=true&limit=50`)).data ?? [];
	const untilAll = async (/** @type {any} */ srv, /** @type {string} */ status, /** @type {number} */ timeoutMs) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = (await srv.publicApi('GET', `/executions?workflowId=${workflow.id}&includeData=true&limit=50`)).data ?? [];
			if (list.filter((/** @type {any} */ e) => e.status === status).length >= 10) return list;
			if (Date.now() > deadline) throw new Error(`not 10 ${status} executions after ${timeoutMs} ms: ${list.map((/** @type {any} */ e) => e.status).join(', ')}\n${srv.tail(40)}`);
			await sleep(500);
		}
	};
	await untilAll(server, 'waiting', 30_000);
	assert.equal((await listed()).length, 10);
	await server.stop();
	const stoppedAt = Date.now();
	const downJobs = () => ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === 'EndsWhileDown');
	await waitUntil(() => downJobs().every((/** @type {any} */ j) => j.State === 'Successful'), 30_000, 'the jobs that end while n8n is down');
	const lost = ui.webhooks.deliveries.filter((/** @type {any} */ d) => d.sentAt >= stoppedAt && d.type === 'job.completed');
	assert.ok(lost.length >= 5 && lost.every((/** @type {any} */ d) => d.status !== 200), `the job ends while n8n was down were lost (${lost.length} deliveries)`);
	const restarted = await home.start();
	figures.restartDownMs = Date.now() - stoppedAt;
	const after = await untilAll(restarted, 'success', 90_000);
	const runsOf = (/** @type {any} */ e) => e.data.resultData.runData;
	for (const execution of after) {
		assert.equal(runsOf(execution).After.length, 1, `execution ${execution.id} ran its next node once`);
		const [job] = outputOf(execution, 'Start job');
		const asked = outputOf(execution, 'Hook')[0].body.process;
		assert.equal(job.ReleaseName, asked, `execution ${execution.id} has its own job`);
		assert.deepEqual(job.OutputArguments, { early: asked === 'EndsWhileDown' });
	}
	assert.equal(new Set(after.map((/** @type {any} */ e) => outputOf(e, 'Start job')[0].Id)).size, 10, 'ten different jobs');
	assert.equal(ui.webhooks.subscriptions.filter((/** @type {any} */ s) => s.Name.startsWith('n8n durable wait')).length, 0, 'no subscription left');
	figures.restartLostDeliveries = lost.length;
	log(`restart with 10 waiting: n8n down ${figures.restartDownMs} ms, ${lost.length} deliveries failed meanwhile; 10 resumed once each, 0 subscriptions left`);
	return restarted;
}

/** Webhook node → Robotic Crowd Run → Create waiting for the workflow's call back → After. @param {number} workflowId */
function roboticCrowdWorkflow(workflowId) {
	return hookedWorkflow('Durable wait: Robotic Crowd call back', 'durable-rc', {
		name: 'Create run',
		type: 'n8n-nodes-rpa.roboticCrowd',
		parameters: { resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '{"order": 9}', waitForCompletion: true, waitTimeout: 600, waitMode: 'callback' },
		credentials: { [RC_CRED.type]: { id: RC_CRED.id, name: RC_CRED.name } },
	});
}

/**
 * The Robotic Crowd run's workflow calls back (played here from the run's parameters) shortly before its end.
 * @param {{ rc: any, home: any, server: any, workflow: any, figures: Record<string, number> }} s
 */
async function roboticCrowdCallback({ rc, home, server, workflow, figures }) {
	await fetch(`${home.url}/webhook/durable-rc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const waiting = await executionWith(server, workflow.id, 'waiting');
	const created = rc.log.find((/** @type {any} */ e) => e.method === 'POST' && String(e.path).startsWith('/v1/session_queues'));
	const params = created.body.params;
	assert.equal(params.order, 9, "the user's parameters are kept");
	assert.match(params.n8nResumeUrl, new RegExp(`/webhook-waiting/${waiting.id}\\?signature=`), 'the resume URL is a run parameter');
	await sleep(JOB_MS - 1000);
	const called = await fetch(params.n8nResumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	assert.equal(called.status, 202);
	const calledAt = Date.now();
	const done = await executionWith(server, workflow.id, 'success', 30_000);
	const [run] = outputOf(done, 'Create run');
	assert.equal(run.status, 'success', 'the run as it ended');
	assert.equal(outputOf(done, 'After').length, 1);
	figures.roboticCrowdCallbackMs = done.data.resultData.runData.After[0].startTime - calledAt;
	log(`Robotic Crowd call back: resumed ${figures.roboticCrowdCallbackMs} ms after the workflow called (it ends about 1.3 s after its call)`);
}

/** Webhook node → Queue Item → Add (one item, paused until Orchestrator reports its end) → After. */
function queueItemWorkflow() {
	return hookedWorkflow('Durable wait: queue item', 'durable-item', uiPathNode('Add item', {
		resource: 'queueItem',
		operation: 'add',
		queue: { __rl: true, mode: 'name', value: 'LongQueue' },
		addMode: 'perItem',
		specificContentInput: 'json',
		specificContentJson: '{"invoice": "INV-19"}',
		waitForProcessing: true,
		waitTimeout: 600,
		waitMode: 'webhook',
	}));
}

/**
 * The item's robot, played here through Orchestrator's transaction API: its first try fails with an application
 * exception (the queue retries it: the item ends Retried and a copy is queued), the copy's try succeeds.
 * @param {{ ui: any, folder: any, home: any, server: any, workflow: any, figures: Record<string, number> }} s
 */
async function queueItemThroughRetry({ ui, folder, home, server, workflow, figures }) {
	await fetch(`${home.url}/webhook/durable-item`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const waiting = await executionWith(server, workflow.id, 'waiting');
	const [original] = ui.queueItems.filter((/** @type {any} */ i) => i.SpecificContent?.invoice === 'INV-19');
	const headers = { authorization: `Bearer ${ui.issueToken({ scopes: ['OR.Queues'] })}`, 'content-type': 'application/json', 'x-uipath-organizationunitid': String(folder.Id) };
	const robot = async (/** @type {string} */ path, /** @type {object} */ body) => {
		const res = await fetch(`${ui.baseUrl('cloud')}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
		assert.equal(res.status, 200, `${path}: ${res.status}`);
		const text = await res.text();
		return text ? JSON.parse(text) : undefined;
	};
	const tryItem = async (/** @type {object} */ result) => {
		const taken = await robot('/odata/Queues/UiPathODataSvc.StartTransaction', { transactionData: { Name: 'LongQueue' } });
		await robot(`/odata/Queues(${taken.Id})/UiPathODataSvc.SetTransactionResult`, { transactionResult: result });
		return taken;
	};
	assert.equal((await tryItem({ IsSuccessful: false, ProcessingException: { Reason: 'Portal timeout', Type: 'ApplicationException' } })).Id, original.Id);
	await sleep(1500);
	assert.equal((await server.publicApi('GET', `/executions/${waiting.id}`)).status, 'waiting', 'the failed try that Orchestrator retries does not resume the wait');
	const copy = await tryItem({ IsSuccessful: true, Output: { booked: true } });
	const endedAt = Date.now();
	assert.notEqual(copy.Id, original.Id, 'the second try is the copy');
	const done = await executionWith(server, workflow.id, 'success', 20_000);
	const [item] = outputOf(done, 'Add item');
	assert.equal(item.Id, copy.Id, 'the output is the copy, the item as it ended');
	assert.equal(item.AncestorId, original.Id);
	assert.equal(item.Status, 'Successful');
	assert.deepEqual(item.Output, { booked: true });
	assert.equal(outputOf(done, 'After').length, 1);
	figures.queueItemDelayMs = done.data.resultData.runData.After[0].startTime - endedAt;
	await waitUntil(() => !ui.webhooks.subscriptions.some((/** @type {any} */ s) => s.Name.startsWith('n8n durable wait')), 5000, 'the subscription to go');
	log(`queue item through a retry: resumed ${figures.queueItemDelayMs} ms after the copy's transaction ended, with the copy (${copy.Id} of ${original.Id})`);
}

async function runDurableWaitE2e(/** @type {{ runtime?: any, tarball?: string }} */ options = {}) {
	const ui = await startUiPathSimulator();
	ui.addExternalApp(APP);
	const folder = ui.addFolder({ displayName: 'Durable' });
	ui.addRobot({ folderId: folder.Id, name: 'LongRobot' });
	ui.addRelease({ folderId: folder.Id, name: 'LongJob', queueDelayMs: 300, durationMs: JOB_MS, outputArguments: { total: 42 } });
	// Ends while n8n is down (its delivery is lost), and ends after n8n is back.
	ui.addRelease({ folderId: folder.Id, name: 'EndsWhileDown', queueDelayMs: 300, durationMs: 9000, outputArguments: { early: true } });
	ui.addRelease({ folderId: folder.Id, name: 'EndsAfterRestart', queueDelayMs: 300, durationMs: 40_000, outputArguments: { early: false } });
	ui.addQueue({ folderId: folder.Id, name: 'LongQueue', maxNumberOfRetries: 1 });
	const rc = await startRoboticCrowdSimulator({ quotaPerMinute: 1000 });
	rc.addApiKey(RC_KEY);
	const rcWorkflow = rc.addWorkflow({ name: 'Long intake', queueDelayMs: 300, durationMs: JOB_MS });
	const runtime = options.runtime ?? (await n8n.ensureRuntime());
	const tarball = options.tarball ?? (await n8n.packPackage());
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {any} */ let server;
	const figures = /** @type {Record<string, number>} */ ({});
	try {
		await home.importCredentials([{ ...RC_CRED, data: { ...RC_KEY, baseUrl: rc.url, quotaPerMinute: 600 } }]);
		await home.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } }]);
		const viaWebhook = durableWorkflow('Durable wait: webhook', 'durable-webhook', 'webhook');
		const viaCallback = durableWorkflow('Durable wait: callback', 'durable-callback', 'callback');
		const viaRestart = durableWorkflow('Durable wait: restart', 'durable-restart', 'webhook', '={{ $json.body.process }}');
		const viaRoboticCrowd = roboticCrowdWorkflow(rcWorkflow.id);
		const viaQueueItem = queueItemWorkflow();
		const workflows = [viaWebhook, viaCallback, viaRestart, viaRoboticCrowd, viaQueueItem];
		await home.importWorkflows(workflows);
		for (const workflow of workflows) await home.publish(workflow.id);
		server = await home.start();
		await server.setupOwner({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass1' });
		await server.createApiKey();
		const jobOf = (/** @type {number} */ id) => ui.jobs.find((/** @type {any} */ j) => j.Id === id);
		const waitingJob = async (/** @type {string} */ workflowId) => {
			const waiting = await executionWith(server, workflowId, 'waiting');
			const jobs = ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === 'LongJob' && !['Successful', 'Faulted', 'Stopped'].includes(j.State));
			assert.equal(jobs.length, 1, 'one job runs while the execution waits');
			return { waiting, job: jobs[0] };
		};

		// ---- webhook: waiting while the job runs, a forged delivery resumes nothing, the job's end resumes it ----
		const hooked = await fetch(`${home.url}/webhook/durable-webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		assert.equal(hooked.status, 200, 'the Webhook node starts the workflow');
		const first = await waitingJob(viaWebhook.id);
		const subs = ui.webhooks.subscriptions.filter((/** @type {any} */ s) => s.Name.startsWith('n8n durable wait'));
		assert.equal(subs.length, 1, 'one subscription for the wait');
		assert.match(subs[0].Url, new RegExp(`/webhook-waiting/${first.waiting.id}\\?signature=`), 'it delivers to the execution resume URL');
		log(`execution ${first.waiting.id} waits for job ${first.job.Id}; subscription "${subs[0].Name}"`);
		const forged = await fetch(subs[0].Url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-uipath-signature': 'bm90IHNpZ25lZA==' },
			body: JSON.stringify({ Type: 'job.completed', EventId: crypto.randomUUID(), Timestamp: new Date().toISOString(), Job: { Id: first.job.Id } }),
		});
		assert.equal(forged.status, 401, 'a forged delivery is refused');
		// The job's end is delivered twice at the same moment: one resume, the other answered without one.
		ui.webhooks.addFault({ kind: 'duplicate', type: 'job.completed', gapMs: 0 });
		const resumed = await executionWith(server, viaWebhook.id, 'success', JOB_MS + 20_000);
		const job = outputOf(resumed, 'Start job');
		assert.equal(job.length, 1);
		assert.equal(job[0].Id, first.job.Id);
		assert.equal(job[0].State, 'Successful');
		assert.deepEqual(job[0].OutputArguments, { total: 42 }, 'the job with its output arguments parsed');
		assert.equal(outputOf(resumed, 'After').length, 1, 'the next node ran');
		const twice = await ui.webhooks.waitForDeliveries(2, (/** @type {any} */ d) => d.type === 'job.completed' && d.url === subs[0].Url && d.status !== undefined, 10_000);
		assert.equal(twice.length, 2, 'the end was delivered twice');
		await sleep(1500);
		const runs = (await server.publicApi('GET', `/executions?workflowId=${viaWebhook.id}&includeData=true&limit=10`)).data;
		assert.equal(runs.length, 1, 'one execution');
		assert.equal(runs[0].data.resultData.runData.After.length, 1, 'two deliveries at once resumed it once');
		// A replay of the accepted delivery (same bytes, valid signature) after the resume: n8n refuses it.
		const accepted = twice[0];
		const replay = await fetch(subs[0].Url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': crypto.createHmac('sha256', subs[0].Secret).update(accepted.body).digest('base64') }, body: accepted.body });
		assert.ok([404, 409].includes(replay.status), `a replay after the resume is refused (${replay.status})`);
		log(`the end delivered twice at once: answered ${twice.map((/** @type {any} */ d) => d.status).join(' and ')}, resumed once; a replay afterwards: ${replay.status}`);
		const ended = Date.parse(jobOf(first.job.Id).EndTime);
		figures.webhookDelayMs = resumed.data.resultData.runData.After[0].startTime - ended;
		await waitUntil(() => !ui.webhooks.subscriptions.some((/** @type {any} */ s) => s.Name.startsWith('n8n durable wait')), 5000, 'the subscription to go');
		log(`webhook: resumed ${figures.webhookDelayMs} ms after the job ended; subscriptions left: 0`);

		// ---- callback: the robot calls the URL it got as an input argument ----------------------------------------
		await fetch(`${home.url}/webhook/durable-callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const second = await waitingJob(viaCallback.id);
		const args = typeof second.job.InputArguments === 'string' ? JSON.parse(second.job.InputArguments) : second.job.InputArguments;
		assert.equal(args.order, 7, "the user's input arguments are kept");
		assert.match(args.n8nResumeUrl, new RegExp(`/webhook-waiting/${second.waiting.id}\\?signature=`), 'the resume URL is an input argument');
		await waitUntil(() => jobOf(second.job.Id).State === 'Running', 10_000, 'the job to run');
		await sleep(JOB_MS - 1500);
		const calledAt = Date.now();
		const called = await fetch(args.n8nResumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"done": true}' });
		assert.equal(called.status, 202, 'the call back is answered at once');
		figures.callbackAnswerMs = Date.now() - calledAt;
		const back = await executionWith(server, viaCallback.id, 'success', 20_000);
		assert.equal(outputOf(back, 'Start job')[0].State, 'Successful');
		figures.callbackDelayMs = back.data.resultData.runData.After[0].startTime - Date.parse(jobOf(second.job.Id).EndTime);
		log(`callback: answered in ${figures.callbackAnswerMs} ms, resumed ${figures.callbackDelayMs} ms after the job ended`);

		await roboticCrowdCallback({ rc, home, server, workflow: viaRoboticCrowd, figures });
		await queueItemThroughRetry({ ui, folder, home, server, workflow: viaQueueItem, figures });
		server = await restartWhileWaiting({ ui, home, server, workflow: viaRestart, figures });
		return figures;
	} finally {
		await server?.stop().catch(() => undefined);
		await home.cleanup().catch(() => undefined);
		await ui.close();
		await rc.close();
	}
}

if (require.main === module) {
	runDurableWaitE2e().then(
		(figures) => log(`passed: ${JSON.stringify(figures)}`),
		(error) => {
			process.stderr.write(`${error.stack ?? error}\n`);
			process.exit(1);
		},
	);
}

module.exports = { runDurableWaitE2e, durableWorkflow, hookedWorkflow, uiPathNode, executionWith, outputOf, APP, CRED };
