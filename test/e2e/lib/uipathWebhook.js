// @ts-check
'use strict';
/**
 * What the UiPath Webhook Trigger's end-to-end tests share (test/e2e/webhook.e2e.js in one n8n process,
 * test/e2e/queue.e2e.js in queue mode): the trigger node of a workflow, starting a job in the UiPath simulator,
 * waiting for n8n to serve the production URL after activation, publishing, and reading the trigger's items.
 */
const assert = require('node:assert/strict');

const TRIGGER = 'UiPath Webhook Trigger';

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {number[]} xs */
function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The UiPath Webhook Trigger node, on `events` of the jobs in the folder at `folderPath`.
 * @param {{ webhookId: string, credential: { id: string, name: string, type: string }, events: string[], folderPath: string }} options
 */
function webhookTriggerNode({ webhookId, credential, events, folderPath }) {
	return {
		name: TRIGGER,
		type: 'n8n-nodes-rpa.uiPathWebhookTrigger',
		typeVersion: 1,
		webhookId,
		parameters: { authentication: credential.type, events, filters: { folder: { __rl: true, mode: 'path', value: folderPath } } },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/** The production URL n8n subscribes with. @param {string} baseUrl n8n's own @param {string} webhookId */
const productionUrl = (baseUrl, webhookId) => `${baseUrl}/webhook/${webhookId}/webhook`;

/**
 * Starts one job of a release through the simulator's StartJobs (the job then runs to its end on its own).
 * @param {any} ui the UiPath simulator @param {{ Id: number }} folder @param {{ Key: string }} release
 * @returns {Promise<number>} the job's Id
 */
async function startJob(ui, folder, release) {
	const res = await fetch(`${ui.baseUrl('cloud')}/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`, {
		method: 'POST',
		headers: { authorization: `Bearer ${ui.issueToken()}`, 'content-type': 'application/json', 'X-UIPATH-OrganizationUnitId': String(folder.Id) },
		body: JSON.stringify({ startInfo: { ReleaseKey: release.Key, Strategy: 'ModernJobsCount', JobsCount: 1, InputArguments: '{"n":1}' } }),
	});
	assert.equal(res.status, 201, 'StartJobs');
	return /** @type {{ value: Array<{ Id: number }> }} */ (await res.json()).value[0].Id;
}

/** The trigger's items of an execution. @param {any} execution */
function itemsOf(execution) {
	return (execution.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);
}

async function waitUntil(/** @type {() => boolean} */ condition, /** @type {number} */ timeoutMs, /** @type {string} */ what) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(100);
	}
}

/** Until n8n serves the production webhook (an unsigned POST gets the node's 401, not n8n's 404). @param {string} url */
async function waitForWebhookUrl(url) {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		if (res.status === 401) return;
		if (Date.now() > deadline) throw new Error(`${url} still answers ${res.status}`);
		await sleep(250);
	}
}

/**
 * Publishes or unpublishes through n8n's public API, as the editor's toggle does (activation hooks run).
 * @param {{ publicApi: (method: string, path: string, body?: unknown) => Promise<any> }} server @param {string} id @param {boolean} active
 */
async function setActive(server, id, active) {
	await server.publicApi('POST', `/workflows/${id}/${active ? 'publish' : 'unpublish'}`, {});
}

module.exports = { TRIGGER, sleep, median, webhookTriggerNode, productionUrl, startJob, itemsOf, waitUntil, waitForWebhookUrl, setActive };
