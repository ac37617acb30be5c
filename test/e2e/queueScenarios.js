// @ts-check
'use strict';
/**
 * What the queue-mode e2e (test/e2e/queue.e2e.js) and the queue-mode bench (scripts/bench/queueMode.js) run:
 * simulator seed data, credentials and webhook workflows whose executions n8n's main puts on the queue for the
 * workers, and the Robotic Crowd quota measurement both print.
 */
const wf = require('./lib/workflows');
const queue = require('./lib/queueMode');
const { webhookTriggerNode } = require('./lib/uipathWebhook');

const PKG = 'n8n-nodes-rpa';

/** Webhook v2.1 and Split Out 1 of n8n 2.41.1 (n8n-nodes-base). */
const WEBHOOK = { type: 'n8n-nodes-base.webhook', typeVersion: 2.1 };
const SPLIT_OUT = { type: 'n8n-nodes-base.splitOut', typeVersion: 1 };

const RC_BATCH_KEY = { accessKeyId: 'QUEUEBATCH01', secretAccessKey: 'queue-batch-secret-0123456789abcdef', projectId: 226 };
const RC_TRIGGER_KEY = { accessKeyId: 'QUEUETRIGGER1', secretAccessKey: 'queue-trigger-secret-0123456789abcd', projectId: 227 };
const UI_APP = { clientId: 'queue-app', clientSecret: 'queue-app-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Robots.Read', 'OR.Webhooks'] };

const CRED = {
	rcBatch: { id: 'queueRcBatch0001', name: 'Robotic Crowd (batch)', type: 'roboticCrowdApi' },
	rcTrigger: { id: 'queueRcTrigger01', name: 'Robotic Crowd (trigger)', type: 'roboticCrowdApi' },
	cloud: { id: 'queueUiCloud0001', name: 'UiPath Cloud', type: 'uiPathCloudOAuthApi' },
};

/** @param {keyof typeof CRED} which */
const credentialRef = (which) => ({ [CRED[which].type]: { id: CRED[which].id, name: CRED[which].name } });

/**
 * Webhook (POST /webhook/<path>, answered at once) → Split Out of `body.items` → the node under test: one
 * execution per call, one item per entry of `items`.
 * @param {string} name
 * @param {string} webhookPath
 * @param {any} tested
 */
function webhookWorkflow(name, webhookPath, tested) {
	return wf.linearWorkflow({
		name,
		nodes: [
			{ name: 'Webhook', ...WEBHOOK, webhookId: webhookIdFor(webhookPath), parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} } },
			{ name: 'Items', ...SPLIT_OUT, parameters: { fieldToSplitOut: 'body.items', options: {} } },
			tested,
		],
	});
}

/** A stable UUID-shaped webhook id per path. @param {string} webhookPath */
function webhookIdFor(webhookPath) {
	const hex = require('node:crypto').createHash('sha256').update(webhookPath).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Seeds the simulators and returns the credentials and workflows of the queue-mode runs.
 * @param {{ rc: any, ui?: any, rcQuotaPerMinute?: number }} sims rcQuotaPerMinute: the batch credential's "Requests per Minute"
 */
function queueWorld({ rc, ui, rcQuotaPerMinute = 60 }) {
	rc.addApiKey(RC_BATCH_KEY);
	rc.addApiKey(RC_TRIGGER_KEY);
	const batchWorkflow = rc.addWorkflow({ name: 'Batch intake', projectId: RC_BATCH_KEY.projectId, queueDelayMs: 500, durationMs: 2000 });
	const triggerWorkflow = rc.addWorkflow({ name: 'Watched intake', projectId: RC_TRIGGER_KEY.projectId, queueDelayMs: 300, durationMs: 1500 });

	/** @type {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>} */
	const credentials = [
		{ ...CRED.rcBatch, data: { accessKeyId: RC_BATCH_KEY.accessKeyId, secretAccessKey: RC_BATCH_KEY.secretAccessKey, baseUrl: rc.url, quotaPerMinute: rcQuotaPerMinute } },
		{ ...CRED.rcTrigger, data: { accessKeyId: RC_TRIGGER_KEY.accessKeyId, secretAccessKey: RC_TRIGGER_KEY.secretAccessKey, baseUrl: rc.url } },
	];
	const rcBatch = webhookWorkflow('Queue: Robotic Crowd batch', 'queue-rc-batch', {
		name: 'Robotic Crowd',
		type: `${PKG}.roboticCrowd`,
		typeVersion: 1,
		parameters: {
			resource: 'sessionQueue',
			operation: 'create',
			workflowId: { __rl: true, mode: 'id', value: String(batchWorkflow.id) },
			paramsInput: 'fields',
			params: { parameter: [{ name: 'batch', value: '={{ $json.batch }}' }, { name: 'item', value: '={{ $json.item }}' }] },
		},
		credentials: credentialRef('rcBatch'),
	});
	const rcTrigger = wf.linearWorkflow({
		name: 'Queue: Robotic Crowd Trigger',
		nodes: [{ name: 'Robotic Crowd Trigger', type: `${PKG}.roboticCrowdTrigger`, typeVersion: 1, parameters: { statuses: ['success', 'error'], pollTimes: { item: [{ mode: 'everyMinute' }] } }, credentials: credentialRef('rcTrigger') }],
	});
	const workflows = { rcBatch, rcTrigger };

	/** @type {any} */
	let uiPath;
	if (ui) {
		ui.addExternalApp(UI_APP);
		const shared = ui.addFolder({ displayName: 'Shared' });
		const release = ui.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing', queueDelayMs: 300, durationMs: 1500, outputArguments: { total: 1 } });
		credentials.push({
			...CRED.cloud,
			data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: UI_APP.clientId, clientSecret: UI_APP.clientSecret, scopes: UI_APP.scopes.join(' ') },
		});
		const sharedFolder = { __rl: true, mode: 'path', value: 'Shared' };
		const uiStart = webhookWorkflow('Queue: UiPath start jobs', 'queue-uipath-start', {
			name: 'UiPath',
			type: `${PKG}.uiPath`,
			typeVersion: 1,
			parameters: {
				authentication: 'uiPathCloudOAuthApi',
				resource: 'job',
				operation: 'start',
				folder: sharedFolder,
				process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' },
				strategy: 'ModernJobsCount',
				jobsCount: 1,
				inputArguments: '={{ JSON.stringify({ batch: $json.batch, item: $json.item }) }}',
			},
			credentials: credentialRef('cloud'),
		});
		const uiTrigger = wf.linearWorkflow({
			name: 'Queue: UiPath Trigger',
			nodes: [
				{
					name: 'UiPath Trigger',
					type: `${PKG}.uiPathTrigger`,
					typeVersion: 1,
					parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [{ folder: sharedFolder }] }, states: ['Successful', 'Faulted', 'Stopped'], pollTimes: { item: [{ mode: 'everyMinute' }] } },
					credentials: credentialRef('cloud'),
				},
			],
		});
		// the UiPath Webhook Trigger on the completed jobs of a folder of its own (the polling trigger watches Shared)
		const hooks = ui.addFolder({ displayName: 'Hooks' });
		ui.addRobot({ folderId: hooks.Id, name: 'HookRobot' });
		const hookRelease = ui.addRelease({ folderId: hooks.Id, name: 'HookedProcess', queueDelayMs: 200, durationMs: 300, outputArguments: { total: 42 } });
		const hookWebhookId = webhookIdFor('queue-uipath-webhook-trigger');
		const uiHook = wf.linearWorkflow({
			name: 'Queue: UiPath Webhook Trigger',
			nodes: [webhookTriggerNode({ webhookId: hookWebhookId, credential: CRED.cloud, events: ['job.completed'], folderPath: 'Hooks' })],
		});
		uiPath = { shared, release, uiStart, uiTrigger, hooks, hookRelease, hookWebhookId, uiHook };
	}
	return { credentials, workflows, batchWorkflow, triggerWorkflow, uiPath };
}

/** The items of a webhook call: `count` entries `{ batch, item }`. @param {number} batch @param {number} count */
const batchItems = (batch, count) => ({ items: Array.from({ length: count }, (_, item) => ({ batch, item })) });

/**
 * The most requests in any 60-second stretch of a simulator's log, all and accepted (not 429).
 * @param {Array<{ time: number, status: number }>} entries
 */
function busiestMinute(entries) {
	const times = entries.map((e) => e.time).sort((a, b) => a - b);
	const accepted = entries.filter((e) => e.status !== 429).map((e) => e.time).sort((a, b) => a - b);
	const most = (/** @type {number[]} */ list) => {
		let best = 0;
		for (let i = 0, j = 0; j < list.length; j++) {
			while (list[j] - list[i] >= 60_000) i++;
			best = Math.max(best, j - i + 1);
		}
		return best;
	};
	return { sent: most(times), accepted: most(accepted) };
}

/**
 * Runs `executions` webhook executions of `runsPerExecution` Robotic Crowd run starts each, all at once, on the
 * cluster's workers, and measures what the quota did to them. Prints nothing; returns the figures.
 * @param {import('./lib/queueMode').QueueCluster} cluster
 * @param {any} rc the Robotic Crowd simulator (its log is cleared first)
 * @param {{ workflowId: string, executions?: number, runsPerExecution?: number, firstBatch?: number, timeoutMs?: number }} options
 */
async function runRoboticCrowdBatch(cluster, rc, options) {
	const executions = options.executions ?? 10;
	const runsPerExecution = options.runsPerExecution ?? 10;
	const firstBatch = options.firstBatch ?? 1;
	const server = cluster.server;
	const before = new Set((await queue.listExecutions(server, options.workflowId)).map((e) => String(e.id)));
	const logStart = rc.log.length;
	const started = Date.now();
	const batches = Array.from({ length: executions }, (_, i) => firstBatch + i);
	const answers = await Promise.all(batches.map((batch) => queue.postWebhook(server, 'queue-rc-batch', batchItems(batch, runsPerExecution))));
	const refused = answers.filter((/** @type {any} */ a) => a.status !== 200);
	if (refused.length) throw new Error(`webhook refused ${refused.length} calls: ${refused[0].status} ${refused[0].text}`);
	const all = await queue.waitForEnded(server, options.workflowId, before.size + executions, { timeoutMs: options.timeoutMs ?? 10 * 60 * 1000, describe: () => cluster.tails() });
	const ms = Date.now() - started;
	const mine = all.filter((e) => !before.has(String(e.id)));
	const entries = rc.log.slice(logStart).filter((/** @type {any} */ e) => e.claims?.sub === RC_BATCH_KEY.accessKeyId || e.accessKeyId === RC_BATCH_KEY.accessKeyId);
	const runs = rc.runs.filter((/** @type {any} */ r) => batches.includes(Number(r.params.batch)));
	/** @type {Map<string, number>} */
	const starts = new Map();
	for (const run of runs) starts.set(`${run.params.batch}/${run.params.item}`, (starts.get(`${run.params.batch}/${run.params.item}`) ?? 0) + 1);
	const batchOf = (/** @type {any} */ execution) => Number(execution.data?.resultData?.runData?.Webhook?.[0]?.data?.main?.[0]?.[0]?.json?.body?.items?.[0]?.batch);
	const failed = mine.filter((e) => e.status !== 'success');
	const errorText = (/** @type {any} */ e) => `${e.data?.resultData?.error?.message ?? ''} ${e.data?.resultData?.error?.description ?? ''}`;
	const failedWith429 = failed.filter((e) => /429|too many requests|quota|requests per minute/i.test(errorText(e)));
	const failedBatches = new Set(failed.map(batchOf));
	const busiest = busiestMinute(entries);
	const spanMinutes = entries.length ? Math.max(1 / 60, (entries[entries.length - 1].time - entries[0].time) / 60_000) : 0;
	return {
		executions,
		runsPerExecution,
		ms,
		succeeded: mine.length - failed.length,
		failed: failed.length,
		failedWith429: failedWith429.length,
		/** the first error message of a failed execution, for the report */
		sampleError: failed.length ? errorText(failed[0]).trim().slice(0, 300) : undefined,
		runsCreated: runs.length,
		runsCreatedTwice: [...starts.values()].filter((n) => n > 1).length,
		runsLeftByFailed: runs.filter((/** @type {any} */ r) => failedBatches.has(Number(r.params.batch))).length,
		requests: entries.length,
		responses429: entries.filter((/** @type {any} */ e) => e.status === 429).length,
		busiestMinuteSent: busiest.sent,
		busiestMinuteAccepted: busiest.accepted,
		/** from the first request to the last */
		spanSeconds: Math.round(spanMinutes * 60),
		onWorkers: mine.filter((e) => cluster.workerOf(e.id)).length,
		byWorker: countBy(mine.map((e) => cluster.workerOf(e.id) ?? 'main')),
	};
}

/** @param {string[]} values */
function countBy(values) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

module.exports = { queueWorld, webhookWorkflow, batchItems, busiestMinute, runRoboticCrowdBatch, countBy, RC_BATCH_KEY, RC_TRIGGER_KEY, UI_APP, CRED };
