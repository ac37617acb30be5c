// @ts-check
'use strict';
/**
 * What the sandbox imports into n8n: one credential for each way to sign in (pointing at the loopback services),
 * and the sample workflows, each with a one-line summary of what it returned for `npm run demo`.
 *
 * Ids are fixed, so importing again overwrites instead of adding duplicates. Bump SAMPLES_VERSION when the samples
 * change: the next start then imports them again into an existing `.sandbox/`.
 */
const wf = require('../../test/e2e/lib/workflows');
const { LOGINS } = require('./seed');
const { breadthSamples } = require('./breadthSamples');
const { platformSamples } = require('./platformSamples');

const SAMPLES_VERSION = 3;
const PKG = 'n8n-nodes-rpa';

/** Credential ids and names (n8n ids: up to 16 letters and digits here). */
const CRED = {
	uiPathExternalApp: { id: 'sbxUiPathExtApp1', name: 'UiPath Cloud: External Application (sandbox)', type: 'uiPathCloudOAuthApi' },
	uiPathPat: { id: 'sbxUiPathPat0001', name: 'UiPath Cloud: personal access token (sandbox)', type: 'uiPathCloudOAuthApi' },
	uiPathLegacy: { id: 'sbxUiPathLegacy1', name: 'UiPath Cloud: API key, legacy (sandbox)', type: 'uiPathCloudOAuthApi' },
	uiPathOnPrem: { id: 'sbxUiPathOnPrem1', name: 'UiPath On-Premises: user and password (sandbox)', type: 'uiPathOnPremisesApi' },
	rcLocal: { id: 'sbxRcSignedLocal', name: 'Robotic Crowd: tokens signed in n8n (sandbox)', type: 'roboticCrowdApi' },
	rcTokenEndpoint: { id: 'sbxRcTokenEndpnt', name: 'Robotic Crowd: token endpoint (sandbox)', type: 'roboticCrowdApi' },
};

/**
 * The credentials, pointing at the sandbox's services.
 * @param {{ uiPathUrl: string, rcUrl: string }} urls
 */
function credentials({ uiPathUrl, rcUrl }) {
	const ui = LOGINS.uiPath;
	const rc = LOGINS.roboticCrowd;
	const cloud = { cloudUrl: uiPathUrl, organization: ui.organization, tenant: ui.tenant };
	return [
		{ ...CRED.uiPathExternalApp, data: { authMethod: 'externalApp', ...cloud, clientId: ui.externalApp.clientId, clientSecret: ui.externalApp.clientSecret, scopes: ui.externalApp.scopes.join(' ') } },
		{ ...CRED.uiPathPat, data: { authMethod: 'personalAccessToken', ...cloud, personalAccessToken: ui.personalAccessToken } },
		{
			...CRED.uiPathLegacy,
			data: {
				authMethod: 'apiKey',
				clientId: ui.legacy.clientId,
				refreshToken: ui.legacy.userKey,
				accountLogicalName: ui.legacy.accountLogicalName,
				tenantLogicalName: ui.legacy.tenantLogicalName,
				accountUrl: uiPathUrl,
				platformUrl: uiPathUrl,
			},
		},
		{ ...CRED.uiPathOnPrem, data: { orchestratorUrl: uiPathUrl, authMethod: 'password', ...ui.onPremises } },
		{ ...CRED.rcLocal, data: { ...rc, baseUrl: rcUrl, authMethod: 'localJwt', quotaPerMinute: 600 } },
		{ ...CRED.rcTokenEndpoint, data: { ...rc, baseUrl: rcUrl, authMethod: 'tokenEndpoint', quotaPerMinute: 600 } },
	];
}

/** @param {keyof typeof CRED} key */
const credentialOf = (key) => ({ [CRED[key].type]: { id: CRED[key].id, name: CRED[key].name } });

/**
 * A node of this package.
 * @param {string} name @param {string} type @param {Record<string, unknown>} parameters @param {keyof typeof CRED} credential
 */
function node(name, type, parameters, credential) {
	return { name, type: `${PKG}.${type}`, typeVersion: 1, parameters, credentials: credentialOf(credential) };
}

/** @param {string} content @param {[number, number]} position @param {number} [width] @param {number} [height] */
function sticky(content, position = [-40, -240], width = 620, height = 200) {
	return { id: `sticky-${position.join('-')}`, name: 'About this workflow', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position, parameters: { content, width, height } };
}

/**
 * @typedef {object} Sample
 * @property {import('../../test/e2e/lib/workflows').Workflow} workflow
 * @property {'execute' | 'trigger'} kind execute: run with `n8n execute` in the demo; trigger: "Fetch test event"
 * @property {string} node the node whose output the demo summarizes (the trigger for a trigger)
 * @property {(items: any[]) => string} summarize a one-line account of that node's output
 * @property {(items: any[]) => string | undefined} [problem] what is wrong with the output, if anything
 */

/**
 * A linear workflow with fixed id and a sticky note on top.
 * @param {string} id @param {string} name @param {string} note @param {any[]} nodes
 */
function sampleWorkflow(id, name, note, nodes) {
	const workflow = wf.linearWorkflow({ id, name, nodes: nodes.map((n, i) => ({ position: [i * 260, 0], ...n })) });
	workflow.nodes.push(/** @type {any} */ (sticky(note)));
	return workflow;
}

const folder = (/** @type {string} */ path) => ({ __rl: true, mode: 'path', value: path });
const json = (/** @type {unknown} */ value) => JSON.stringify(value);
const cut = (/** @type {string} */ text, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * @param {{ uiPath: { buckets: Array<{ name: string, id: number }>, entities: Array<{ name: string, id: string }>,
 *   maestro: { process: string, processKey: string } } }} seeded what the sandbox seeded (seed.js)
 * @returns {Sample[]}
 */
function samples(seeded) {
	return [
		{
			kind: 'execute',
			node: 'Start job and wait',
			workflow: sampleWorkflow(
				'sbxUiPathStartJb',
				'UiPath: start a job and wait for its output',
				'## Start a UiPath job and wait for it\nStarts **InvoiceProcessing** in the *Finance* folder with the invoice as input arguments, waits until the job ends (a few seconds in the sandbox), and returns the job with its **output arguments**.\n\nCredential: UiPath Cloud, External Application.',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					wf.setNode('Invoice', { invoiceId: 'INV-1001', amount: 1250.5 }),
					node(
						'Start job and wait',
						'uiPath',
						{
							authentication: 'uiPathCloudOAuthApi',
							resource: 'job',
							operation: 'start',
							folder: folder('Finance'),
							process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' },
							strategy: 'ModernJobsCount',
							jobsCount: 1,
							inputArguments: '={{ JSON.stringify({ invoiceId: $json.invoiceId, amount: $json.amount }) }}',
							waitForCompletion: true,
							waitTimeout: 120,
							startOptions: { pollInterval: 1, reference: '={{ $json.invoiceId }}' },
						},
						'uiPathExternalApp',
					),
				],
			),
			summarize: ([job]) => `${job?.ReleaseName} job ${job?.Id}: ${job?.State}, output ${json(job?.OutputArguments)}`,
			problem: ([job]) => (job?.State === 'Successful' ? undefined : `expected a Successful job, got ${job?.State}`),
		},
		{
			kind: 'execute',
			node: 'Add all in one call',
			workflow: sampleWorkflow(
				'sbxUiPathQueueBk',
				'UiPath: add many queue items in one call',
				'## Add many queue items in one call\nMakes 25 invoices and adds them all to the **Invoices** queue (*Finance*) with one `BulkAddQueueItems` call. A sandbox robot then works through them in real time.\n\nCredential: UiPath Cloud, personal access token.',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					{
						name: 'Make 25 invoices',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: {
							jsCode:
								"// References must be unique in the queue: tag this run's invoices\nconst run = Date.now().toString(36);\nreturn Array.from({ length: 25 }, (_, i) => ({ json: { invoiceId: `INV-${2000 + i}`, amount: 100 + i * 12.5, reference: `INV-${2000 + i}-${run}` } }));",
						},
					},
					node(
						'Add all in one call',
						'uiPath',
						{
							authentication: 'uiPathCloudOAuthApi',
							resource: 'queueItem',
							operation: 'add',
							folder: folder('Finance'),
							queue: { __rl: true, mode: 'name', value: 'Invoices' },
							addMode: 'bulk',
							commitType: 'ProcessAllIndependently',
							specificContentInput: 'json',
							specificContentJson: '={{ JSON.stringify({ invoiceId: $json.invoiceId, amount: $json.amount }) }}',
							addOptions: { reference: '={{ $json.reference }}' },
						},
						'uiPathPat',
					),
				],
			),
			summarize: (items) => `${items.filter((i) => i.added).length} of ${items.length} invoices added to the Invoices queue in one call (first reference ${items[0]?.Reference})`,
			problem: (items) => (items.length === 25 && items.every((i) => i.added) ? undefined : `expected 25 added items`),
		},
		{
			kind: 'execute',
			node: 'Start job and wait',
			workflow: sampleWorkflow(
				'sbxUiPathFaulted',
				'UiPath: a job that faults, kept as output',
				'## A job that faults\nStarts **PaymentReconciliation** (*Finance*), which always faults in the sandbox. "Return Faulted and Stopped Jobs as Output" is on, so the faulted job comes out as an item (State, Info, JobError) instead of failing the workflow: branch on `State` after it.\n\nCredential: UiPath on-premises, user name and password.',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node(
						'Start job and wait',
						'uiPath',
						{
							authentication: 'uiPathOnPremisesApi',
							resource: 'job',
							operation: 'start',
							folder: folder('Finance'),
							process: { __rl: true, mode: 'name', value: 'PaymentReconciliation' },
							strategy: 'ModernJobsCount',
							jobsCount: 1,
							inputArguments: '{}',
							waitForCompletion: true,
							waitTimeout: 120,
							startOptions: { pollInterval: 1, returnFailed: true },
						},
						'uiPathOnPrem',
					),
				],
			),
			summarize: ([job]) => `${job?.ReleaseName} job ${job?.Id}: ${job?.State}, ${cut(String(job?.Info ?? ''), 70)}`,
			problem: ([job]) => (job?.State === 'Faulted' ? undefined : `expected a Faulted job, got ${job?.State}`),
		},
		{
			kind: 'execute',
			node: 'Get assets',
			workflow: sampleWorkflow(
				'sbxUiPathAssets1',
				'UiPath: read the assets of a folder (legacy API key)',
				'## Read assets\nLists the assets of the *Shared* folder (text, number, boolean and credential assets; a credential shows its user name only).\n\nCredential: UiPath Cloud, legacy API key (account and platform URL are the sandbox).',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node('Get assets', 'uiPath', { authentication: 'uiPathCloudOAuthApi', resource: 'asset', operation: 'getMany', folder: folder('Shared'), returnAll: true }, 'uiPathLegacy'),
				],
			),
			summarize: (items) => `${items.length} assets: ${items.map((a) => `${a.Name} (${a.ValueType})`).join(', ')}`,
			problem: (items) => (items.length > 0 ? undefined : 'no assets'),
		},
		...breadthSamples({ node, sampleWorkflow, folder, json, bucketId: seeded.uiPath.buckets[0].id }),
		...platformSamples({ node, sampleWorkflow, credentialOf, folder, json, entity: seeded.uiPath.entities[0], maestro: seeded.uiPath.maestro }),
		{
			kind: 'execute',
			node: 'Start run and wait',
			workflow: sampleWorkflow(
				'sbxRcStartRunWt1',
				'Robotic Crowd: start a run and wait',
				'## Start a Robotic Crowd run and wait for it\nQueues a run of the **Invoice intake** workflow with the customer as a parameter, waits until it ends (a few seconds in the sandbox), and returns the run.\n\nCredential: Robotic Crowd, tokens signed in n8n (the secret never leaves n8n).',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					wf.setNode('Customer', { customer: 'ACME Corp' }),
					node(
						'Start run and wait',
						'roboticCrowd',
						{
							resource: 'sessionQueue',
							operation: 'create',
							workflowId: { __rl: true, mode: 'list', value: '101', cachedResultName: 'Invoice intake' },
							paramsInput: 'fields',
							params: { parameter: [{ name: 'customer', value: '={{ $json.customer }}' }] },
							waitForCompletion: true,
							waitTimeout: 120,
							createOptions: { pollInterval: 1 },
						},
						'rcLocal',
					),
				],
			),
			summarize: ([run]) => `run ${run?.id} of "${run?.workflow?.name}": ${run?.status}, params ${json(run?.params)}`,
			problem: ([run]) => (run?.status === 'success' ? undefined : `expected status success, got ${run?.status}`),
		},
		{
			kind: 'execute',
			node: 'Get failed runs',
			workflow: sampleWorkflow(
				'sbxRcFailedRuns1',
				'Robotic Crowd: list the runs that failed',
				'## List failed runs\nReads the latest runs that ended in `error` (the API filters with `is:error`).\n\nCredential: Robotic Crowd, token endpoint (n8n asks Robotic Crowd for a token and reuses it).',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node('Get failed runs', 'roboticCrowd', { resource: 'sessionQueue', operation: 'getMany', returnAll: false, limit: 5, filters: { status: ['error'] } }, 'rcTokenEndpoint'),
				],
			),
			summarize: (items) => `${items.length} failed runs, latest: run ${items[0]?.id} of "${items[0]?.workflow?.name}"`,
			problem: (items) => (items.length > 0 && items.every((r) => r.status === 'error') ? undefined : `expected failed runs only, got ${json(items.map((r) => r.status))}`),
		},
		{
			kind: 'trigger',
			node: 'When a job finishes',
			workflow: sampleWorkflow(
				'sbxUiPathTrigger',
				'UiPath Trigger: post each finished job',
				'## Each finished UiPath job\nPolls every minute for jobs that finished in *Finance*, *HR* and *Shared*, whoever started them, and makes a message of each. Replace "Post the message" with Slack, e-mail, a ticket… The sandbox finishes a job now and then by itself; start one with the other workflows to see it here.\n\n**Fetch test event** shows the latest finished job.',
				[
					{
						name: 'When a job finishes',
						type: `${PKG}.uiPathTrigger`,
						typeVersion: 1,
						parameters: {
							authentication: 'uiPathCloudOAuthApi',
							event: 'jobFinished',
							folders: { folder: [{ folder: folder('Finance') }, { folder: folder('HR') }, { folder: folder('Shared') }] },
							states: ['Successful', 'Faulted', 'Stopped'],
							pollTimes: { item: [{ mode: 'everyMinute' }] },
						},
						credentials: credentialOf('uiPathExternalApp'),
					},
					wf.setNode(
						'Message',
						{ message: '={{ $json.ReleaseName }} ({{ $json.OrganizationUnitFullyQualifiedName }}) ended {{ $json.State }}{{ $json.State === "Successful" ? ": " + JSON.stringify($json.OutputArguments) : ": " + $json.Info }}' },
						{ keepOnlySet: true },
					),
					{ name: 'Post the message', ...wf.BUILTIN.noOp, parameters: {} },
				],
			),
			summarize: ([job]) => (job ? `latest finished job: ${job.ReleaseName} job ${job.Id} in ${job.OrganizationUnitFullyQualifiedName}, ${job.State}` : 'no finished job'),
			problem: ([job]) => (job?.State ? undefined : 'the test event holds no job'),
		},
		{
			kind: 'trigger',
			node: 'When a run finishes',
			workflow: sampleWorkflow(
				'sbxRcTrigger0001',
				'Robotic Crowd Trigger: each finished run',
				'## Each finished Robotic Crowd run\nPolls every minute and fires once for each run that ends (success or error), and makes a message of it. The sandbox finishes a run now and then by itself.\n\n**Fetch test event** shows the latest finished run.',
				[
					{
						name: 'When a run finishes',
						type: `${PKG}.roboticCrowdTrigger`,
						typeVersion: 1,
						parameters: { statuses: ['success', 'error'], pollTimes: { item: [{ mode: 'everyMinute' }] } },
						credentials: credentialOf('rcLocal'),
					},
					wf.setNode('Message', { message: '=Run {{ $json.id }} of "{{ $json.workflow.name }}" ended: {{ $json.status }}' }, { keepOnlySet: true }),
					{ name: 'Post the message', ...wf.BUILTIN.noOp, parameters: {} },
				],
			),
			summarize: ([run]) => (run ? `latest finished run: run ${run.id} of "${run.workflow?.name}", ${run.status}` : 'no finished run'),
			problem: ([run]) => (run?.status ? undefined : 'the test event holds no run'),
		},
	];
}

module.exports = { SAMPLES_VERSION, CRED, credentials, samples };
