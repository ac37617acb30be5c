'use strict';
/**
 * What the end-to-end run sets up and checks: simulator seed data, credentials, workflows to execute with the
 * n8n CLI (each with its check), and trigger workflows to activate (each with a check against the running n8n).
 */
const assert = require('node:assert/strict');
const wf = require('./lib/workflows');
const { httpRequestExecutions } = require('./httpRequestScenarios');

const PKG = 'n8n-nodes-rpa';
const RC_KEY = { accessKeyId: 'E2EKEY0001', secretAccessKey: 'e2e-rc-secret-0123456789abcdef' };
const APP = { clientId: 'e2e-app', clientSecret: 'e2e-app-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Assets.Read', 'OR.Robots.Read', 'OR.Monitoring.Read'] };
const ON_PREM = { tenancyName: 'Default', username: 'e2e-admin', password: 'e2e-on-prem-Pass1' };
const CRED = {
	rc: { id: 'e2eRcCred0000001', name: 'Robotic Crowd (sandbox)', type: 'roboticCrowdApi' },
	cloud: { id: 'e2eUiCloud000001', name: 'UiPath Cloud (sandbox)', type: 'uiPathCloudOAuthApi' },
	onPrem: { id: 'e2eUiOnPrem00001', name: 'UiPath On-Premises (sandbox)', type: 'uiPathOnPremisesApi' },
};

/** A node of this package, with its credential. */
function node(/** @type {string} */ name, /** @type {string} */ type, /** @type {Record<string, unknown>} */ parameters, /** @type {keyof typeof CRED} */ credential) {
	const c = CRED[credential];
	return { name, type: `${PKG}.${type}`, typeVersion: 1, parameters, credentials: { [c.type]: { id: c.id, name: c.name } } };
}

/** Manual Trigger → (optional Set producing input items) → the node under test. */
function executable(/** @type {string} */ name, /** @type {any} */ tested, /** @type {Record<string, unknown> | undefined} */ input) {
	return wf.linearWorkflow({ name, nodes: [wf.manualTriggerNode(), ...(input ? [wf.setNode('Input', input)] : []), tested] });
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(/** @type {() => boolean} */ condition, /** @type {number} */ timeoutMs, /** @type {string} */ what) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

/** The items each trigger-mode execution of a workflow emitted, oldest execution first. */
function emittedBy(/** @type {any[]} */ executions, /** @type {string} */ triggerName) {
	return executions.map((e) => (e.data?.resultData?.runData?.[triggerName]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json));
}

/**
 * @param {{ rc: any, ui: any }} sims
 */
function scenarios({ rc, ui }) {
	// ---- Robotic Crowd sandbox ----
	rc.addApiKey(RC_KEY);
	const invoiceWorkflow = rc.addWorkflow({ name: 'Invoice intake', queueDelayMs: 300, durationMs: 1500 });
	for (let i = 0; i < 120; i++) rc.addRun({ workflow_id: invoiceWorkflow.id, status: i % 5 ? 'success' : 'error', created_at: Date.now() - (3600 - i * 10) * 1000 });
	const toCancel = rc.addRun({ workflow_id: invoiceWorkflow.id, status: 'running' });

	// ---- UiPath sandbox ----
	ui.addExternalApp(APP);
	ui.addOnPremUser(ON_PREM);
	const shared = ui.addFolder({ displayName: 'Shared' });
	const archive = ui.addFolder({ displayName: 'Archive' });
	const invoices = ui.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing', queueDelayMs: 300, durationMs: 1500, outputArguments: { total: 1250.5, approved: true } });
	ui.addQueue({ folderId: shared.Id, name: 'Invoices' });
	for (let i = 0; i < 1100; i++) ui.addJob({ folderId: archive.Id, state: i % 7 ? 'Successful' : 'Faulted', endTime: Date.now() - (2 * 86400 - i * 60) * 1000 });

	const credentials = [
		{ ...CRED.rc, data: { ...RC_KEY, baseUrl: rc.url, quotaPerMinute: 600 } },
		{ ...CRED.cloud, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } },
		{ ...CRED.onPrem, data: { orchestratorUrl: ui.url, authMethod: 'password', ...ON_PREM } },
	];

	const sharedFolder = { __rl: true, mode: 'path', value: 'Shared' };
	const executions = [
		{
			workflow: executable(
				'Robotic Crowd: create a run and wait',
				node('Robotic Crowd', 'roboticCrowd', {
					resource: 'sessionQueue',
					operation: 'create',
					workflowId: { __rl: true, mode: 'id', value: String(invoiceWorkflow.id) },
					paramsInput: 'fields',
					params: { parameter: [{ name: 'customer', value: '={{ $json.customer }}' }] },
					waitForCompletion: true,
					waitTimeout: 60,
					createOptions: { pollInterval: 1 },
				}, 'rc'),
				{ customer: 'ACME' },
			),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				const [run] = out('Robotic Crowd');
				assert.equal(run.status, 'success');
				assert.deepEqual(run.params, { customer: 'ACME' });
				const post = rc.log.find((/** @type {any} */ e) => e.method === 'POST' && e.path === '/v1/session_queues');
				assert.equal(post.claims.scopes, 'session_queue.write');
				assert.equal(post.claims.exp - post.claims.nbf, 300 + 60);
			},
		},
		{
			workflow: executable('Robotic Crowd: get many runs', node('Robotic Crowd', 'roboticCrowd', { resource: 'sessionQueue', operation: 'getMany', returnAll: true }, 'rc')),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				assert.ok(out('Robotic Crowd').length >= 121, `expected every run, got ${out('Robotic Crowd').length}`);
			},
		},
		{
			workflow: executable('Robotic Crowd: cancel a run', node('Robotic Crowd', 'roboticCrowd', { resource: 'sessionQueue', operation: 'cancel', sessionQueueId: String(toCancel.id) }, 'rc')),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				assert.equal(out('Robotic Crowd')[0].cancelled, true);
				assert.equal(rc.getRun(toCancel.id).status, 'error');
			},
		},
		{
			workflow: executable(
				'Robotic Crowd: a ${…} literal is refused',
				node('Robotic Crowd', 'roboticCrowd', { resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(invoiceWorkflow.id) }, paramsInput: 'json', paramsJson: '{"note": "total ${amount}"}' }, 'rc'),
			),
			check: (/** @type {any} */ result) => {
				assert.equal(result.exitCode, 1);
				assert.match(String(result.errorMessage), /holds a \$\{…\} literal/);
			},
		},
		{
			workflow: executable(
				'UiPath: start a job through the cloud credential and wait',
				node('UiPath', 'uiPath', {
					authentication: 'uiPathCloudOAuthApi',
					resource: 'job',
					operation: 'start',
					folder: sharedFolder,
					process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' },
					strategy: 'ModernJobsCount',
					jobsCount: 1,
					inputArguments: '={{ JSON.stringify({ invoiceId: $json.invoiceId }) }}',
					waitForCompletion: true,
					waitTimeout: 60,
					startOptions: { pollInterval: 1 },
				}, 'cloud'),
				{ invoiceId: 'INV-1' },
			),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				const [job] = out('UiPath');
				assert.equal(job.State, 'Successful');
				assert.deepEqual(job.OutputArguments, { total: 1250.5, approved: true });
				assert.deepEqual(job.InputArguments, { invoiceId: 'INV-1' });
			},
		},
		{
			workflow: executable(
				'UiPath: start a job through the on-premises credential',
				node('UiPath', 'uiPath', { authentication: 'uiPathOnPremisesApi', resource: 'job', operation: 'start', folder: sharedFolder, process: { __rl: true, mode: 'key', value: invoices.Key }, strategy: 'ModernJobsCount', jobsCount: 2, inputArguments: '{}' }, 'onPrem'),
			),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				assert.equal(out('UiPath').length, 2);
				assert.ok(ui.log.some((/** @type {any} */ e) => e.path === '/api/Account/Authenticate' && e.status === 200));
				assert.ok(ui.log.some((/** @type {any} */ e) => e.path === '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs' && e.status === 201));
			},
		},
		{
			workflow: executable(
				'UiPath: get many jobs with Return All',
				node('UiPath', 'uiPath', { authentication: 'uiPathCloudOAuthApi', resource: 'job', operation: 'getMany', folder: { __rl: true, mode: 'path', value: 'Archive' }, returnAll: true }, 'cloud'),
			),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				assert.equal(out('UiPath').length, 1100);
			},
		},
		{
			workflow: wf.linearWorkflow({
				name: 'UiPath: add queue items in one bulk call',
				nodes: [
					wf.manualTriggerNode(),
					{
						name: 'Invoices',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: { jsCode: "return Array.from({ length: 25 }, (_, i) => ({ json: { invoiceId: 'INV-' + i, amount: i * 10 } }));" },
					},
					node('UiPath', 'uiPath', {
						authentication: 'uiPathCloudOAuthApi',
						resource: 'queueItem',
						operation: 'add',
						folder: sharedFolder,
						queue: { __rl: true, mode: 'name', value: 'Invoices' },
						addMode: 'bulk',
						commitType: 'ProcessAllIndependently',
						specificContentInput: 'json',
						specificContentJson: '={{ JSON.stringify({ invoiceId: $json.invoiceId, amount: $json.amount }) }}',
						addOptions: { reference: '={{ $json.invoiceId }}' },
					}, 'cloud'),
				],
			}),
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				assert.equal(out('UiPath').length, 25);
				const bulk = ui.log.filter((/** @type {any} */ e) => e.path.endsWith('BulkAddQueueItems'));
				assert.equal(bulk.length, 1);
				assert.equal(bulk[0].body.queueItems.length, 25);
				assert.equal(ui.queueItems.length, 25);
			},
		},
		// The credentials in n8n's own HTTP Request node (Predefined Credential Type).
		...httpRequestExecutions({ rc, ui, cred: CRED }),
	];

	const triggers = [
		{
			workflow: wf.linearWorkflow({
				name: 'Robotic Crowd Trigger: runs finished',
				nodes: [{ name: 'Robotic Crowd Trigger', type: `${PKG}.roboticCrowdTrigger`, typeVersion: 1, parameters: { statuses: ['success', 'error'], pollTimes: { item: [{ mode: 'everyMinute' }] } }, credentials: node('x', 'x', {}, 'rc').credentials }],
			}),
			check: async (/** @type {any} */ server) => {
				const id = triggers[0].workflow.id;
				const polls = () => rc.log.filter((/** @type {any} */ e) => e.method === 'GET' && /is:queued is:running/.test(e.query.query ?? '')).length;
				await until(() => polls() >= 1, 90_000, 'the Robotic Crowd Trigger to poll at activation');
				const test = await server.fetchTestEvent(id, 'Robotic Crowd Trigger');
				assert.ok(['success', 'error'].includes(test.items[0]?.status), `test event: ${JSON.stringify(test.items)}`);
				const since = Date.now();
				const batchA = [1, 2, 3].map(() => rc.addRun({ workflow_id: invoiceWorkflow.id, status: 'success' }).id);
				const first = await server.waitForExecutions(id, { mode: 'trigger', atLeast: 1, since, timeoutMs: 130_000 });
				const batchB = [1, 2].map(() => rc.addRun({ workflow_id: invoiceWorkflow.id, status: 'error' }).id);
				const both = await server.waitForExecutions(id, { mode: 'trigger', atLeast: first.length + 1, since, timeoutMs: 130_000 });
				const emitted = emittedBy(both, 'Robotic Crowd Trigger').flat().map((r) => r.id);
				assert.deepEqual([...emitted].sort(), [...batchA, ...batchB].sort(), 'each finished run once');
			},
		},
		{
			workflow: wf.linearWorkflow({
				name: 'UiPath Trigger: jobs finished',
				nodes: [
					{
						name: 'UiPath Trigger',
						type: `${PKG}.uiPathTrigger`,
						typeVersion: 1,
						parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [{ folder: sharedFolder }] }, states: ['Successful', 'Faulted', 'Stopped'], pollTimes: { item: [{ mode: 'everyMinute' }] } },
						credentials: node('x', 'x', {}, 'cloud').credentials,
					},
				],
			}),
			check: async (/** @type {any} */ server) => {
				const id = triggers[1].workflow.id;
				const polls = () => ui.log.filter((/** @type {any} */ e) => e.method === 'GET' && /\/odata\/Jobs$/.test(e.path) && /EndTime ge/.test(e.query.$filter ?? '')).length;
				await until(() => polls() >= 1, 90_000, 'the UiPath Trigger to poll at activation');
				const test = await server.fetchTestEvent(id, 'UiPath Trigger');
				assert.ok(test.items[0]?.State, `test event: ${JSON.stringify(test.items)}`);
				const since = Date.now();
				const batchA = [1, 2, 3].map(() => ui.addJob({ folderId: shared.Id, releaseId: invoices.Id, state: 'Successful', outputArguments: { total: 1 } }).Id);
				const first = await server.waitForExecutions(id, { mode: 'trigger', atLeast: 1, since, timeoutMs: 130_000 });
				const batchB = [1, 2].map(() => ui.addJob({ folderId: shared.Id, releaseId: invoices.Id, state: 'Faulted', info: 'Selector not found' }).Id);
				const both = await server.waitForExecutions(id, { mode: 'trigger', atLeast: first.length + 1, since, timeoutMs: 130_000 });
				const emitted = emittedBy(both, 'UiPath Trigger').flat();
				assert.deepEqual(emitted.map((j) => j.Id).sort(), [...batchA, ...batchB].sort(), 'each finished job once');
				assert.deepEqual(emitted.find((j) => j.Id === batchA[0]).OutputArguments, { total: 1 });
			},
		},
	];

	/** The credentials' Test buttons, as the editor presses them (`POST /rest/credentials/test`). */
	async function checkCredentialTests(/** @type {any} */ server) {
		const test = async (/** @type {any} */ credential, /** @type {Record<string, unknown>} */ change) =>
			await server.rest('POST', '/credentials/test', { credentials: { ...credential, data: { ...credential.data, ...change } } });
		for (const credential of credentials) {
			const ok = await test(credential, {});
			assert.equal(ok.status, 'OK', `${credential.name}: ${JSON.stringify(ok)}`);
		}
		const [rcCred, cloudCred, onPremCred] = credentials;
		assert.equal((await test(rcCred, { secretAccessKey: 'not-the-secret' })).status, 'Error');
		const badClient = await test(cloudCred, { clientSecret: 'not-the-secret' });
		assert.equal(badClient.status, 'Error');
		assert.match(badClient.message, /Check the client ID and client secret/);
		assert.doesNotMatch(badClient.message, /not-the-secret/);
		const badScope = await test(cloudCred, { scopes: 'OR.Jobs OR.Administration' });
		assert.match(badScope.message, /not granted one of the scopes/);
		const badPassword = await test(onPremCred, { password: 'not-the-password' });
		assert.match(badPassword.message, /Check the tenancy name, user name and password/);
	}

	// for the suite's part in real n8n (suite.e2e.js): what to scan for, and where its nodes point
	const secrets = [RC_KEY.secretAccessKey, APP.clientSecret, ON_PREM.password];
	return { credentials, executions, triggers, checkCredentialTests, secrets, invoiceWorkflowId: invoiceWorkflow.id, archiveFolderId: archive.Id };
}

module.exports = { scenarios };
