'use strict';
/**
 * A small part of the issue 10 suite in real n8n (run by run.js against its simulators): a few faults (each node
 * recovers or ends with a clear error; the simulators count what was lost or came twice), a few bad inputs (one
 * workflow, each node with "On Error: Continue", each expecting its own message), the credential Test button
 * with URLs lacking https://, and the secrets scan over every `n8n execute` output (run data and log) and the
 * server's log. Each part records its counts (test/suiteTally.js); run.js prints the one summary line.
 */
const assert = require('node:assert/strict');

const wf = require('./lib/workflows');
const { recordTally } = require('../suiteTally');

const PKG = 'n8n-nodes-rpa';
const ref = (/** @type {string} */ mode, /** @type {string} */ value) => ({ __rl: true, mode, value });
const shared = ref('path', 'Shared');

/**
 * @param {{ rc: any, ui: any, world: any }} options world: what scenarios.js set up (credentials, secrets, ids)
 */
function suiteE2e({ rc, ui, world }) {
	const [rcCred, cloudCred, onPremCred] = world.credentials;
	// a credential without a stored token: its first token request meets the outage
	const fresh = { id: 'e2eSuiteFresh001', name: 'UiPath Cloud (suite, no token yet)', type: cloudCred.type, data: { ...cloudCred.data } };
	const noSchemeCloud = { id: 'e2eSuiteNoScheme1', name: 'UiPath Cloud (no https)', type: cloudCred.type, data: { ...cloudCred.data, cloudUrl: 'cloud.uipath.com' } };
	const noSchemeRc = { id: 'e2eSuiteNoScheme2', name: 'Robotic Crowd (no https)', type: rcCred.type, data: { ...rcCred.data, baseUrl: 'api.roboticcrowd.com/' } };
	const credentials = [fresh, noSchemeCloud, noSchemeRc];
	const use = (/** @type {any} */ c) => ({ [c.type]: { id: c.id, name: c.name } });

	/** A node of the chain: runs once (for the first input item), and an error becomes its output item. */
	const step = (/** @type {string} */ name, /** @type {string} */ type, /** @type {Record<string, unknown>} */ parameters, /** @type {any} */ credential) => ({
		name,
		type: `${PKG}.${type}`,
		typeVersion: 1,
		parameters: type === 'uiPath' ? { authentication: credential.type, ...parameters } : parameters,
		credentials: use(credential),
		executeOnce: true,
		onError: 'continueRegularOutput',
	});
	const wfId = String(world.invoiceWorkflowId);
	const startRef = 'e2e-suite-reset-after';
	/** @type {number[]} */
	let runsBefore = [];

	/** @type {Array<{ name: string, node: any, arm?: () => void, count: (items: any[]) => { lost: number, duplicated: number, error?: string }, clear?: RegExp }>} */
	const faults = [
		{
			name: 'Fault: token endpoint 503 twice',
			node: step('Fault: token endpoint 503 twice', 'uiPath', { resource: 'folder', operation: 'getMany', returnAll: true }, fresh),
			arm: () => ui.faults.add({ path: /connect\/token/, status: 503, times: 2 }),
			count: (items) => countIds(ui.folders.map((/** @type {any} */ f) => f.Id), items.map((i) => i.Id), items),
		},
		{
			name: 'Fault: UiPath job paging, 503 on page 2',
			node: step('Fault: UiPath job paging, 503 on page 2', 'uiPath', { resource: 'job', operation: 'getMany', folder: ref('path', 'Archive'), returnAll: true }, cloudCred),
			arm: () => nth(ui, (m, p) => m === 'GET' && p.endsWith('/odata/Jobs'), 2, { status: 503 }),
			count: (items) => countIds(ui.jobs.filter((/** @type {any} */ j) => j.OrganizationUnitId === world.archiveFolderId).map((/** @type {any} */ j) => j.Id), items.map((i) => i.Id), items),
		},
		{
			name: 'Fault: Robotic Crowd run paging, reset on page 2',
			node: step('Fault: Robotic Crowd run paging, reset on page 2', 'roboticCrowd', { resource: 'sessionQueue', operation: 'getMany', returnAll: true }, rcCred),
			// the runs there when it read (a later node creates one)
			arm: () => {
				runsBefore = rc.runs.map((/** @type {any} */ r) => r.id);
				nth(rc, (m, p) => m === 'GET' && p === '/v1/session_queues', 2, { reset: 'before' });
			},
			count: (items) => countIds(runsBefore, items.map((i) => i.id), items),
		},
		{
			name: 'Fault: Robotic Crowd run create, 429 with Retry-After',
			node: step('Fault: Robotic Crowd run create, 429 with Retry-After', 'roboticCrowd', { resource: 'sessionQueue', operation: 'create', workflowId: ref('id', wfId), paramsInput: 'json', paramsJson: '{"suite": "429"}' }, rcCred),
			arm: () => rc.faults.add({ method: 'POST', path: '/v1/session_queues', status: 429, retryAfter: 1 }),
			count: (items) => {
				const made = rc.runs.filter((/** @type {any} */ r) => r.params?.suite === '429').length;
				return { lost: made === 0 ? 1 : 0, duplicated: Math.max(0, made - 1), error: items[0]?.error };
			},
		},
		{
			name: 'Fault: UiPath Job Start, reset after the server acted',
			node: step('Fault: UiPath Job Start, reset after the server acted', 'uiPath', { resource: 'job', operation: 'start', folder: shared, process: ref('name', 'InvoiceProcessing'), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}', startOptions: { reference: startRef } }, cloudCred),
			arm: () => ui.faults.add({ path: /StartJobs$/, reset: 'after' }),
			// not re-sent: one job, and an error that says it may have started
			count: (items) => {
				const made = ui.jobs.filter((/** @type {any} */ j) => j.Reference === startRef).length;
				return { lost: made === 0 ? 1 : 0, duplicated: Math.max(0, made - 1), error: items[0]?.error };
			},
			clear: /^The connection to UiPath Orchestrator was cut before it answered/,
		},
	];

	const bad = [
		['Bad: Job Start, input arguments not JSON', step('Bad: Job Start, input arguments not JSON', 'uiPath', { resource: 'job', operation: 'start', folder: shared, process: ref('name', 'InvoiceProcessing'), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{"a": ' }, cloudCred), /^Input Arguments is not valid JSON/],
		['Bad: Job Get, id of the wrong type', step('Bad: Job Get, id of the wrong type', 'uiPath', { resource: 'job', operation: 'get', folder: shared, jobId: 'abc' }, cloudCred), /^"abc" is neither a job ID nor a job Key/],
		['Bad: Job Get Many, Limit 0', step('Bad: Job Get Many, Limit 0', 'uiPath', { resource: 'job', operation: 'getMany', folder: shared, returnAll: false, limit: '={{ 0 }}' }, cloudCred), /^Limit 0 is not a number of results to return/],
		['Bad: Job Get Many, Created After not a date', step('Bad: Job Get Many, Created After not a date', 'uiPath', { resource: 'job', operation: 'getMany', folder: shared, returnAll: true, filters: { createdAfter: 'next tuesday' } }, cloudCred), /"Created After" is not a date: "next tuesday"/],
		['Bad: Queue Item Add, Due Date not a date', step('Bad: Queue Item Add, Due Date not a date', 'uiPath', { resource: 'queueItem', operation: 'add', folder: shared, queue: ref('name', 'Invoices'), addMode: 'perItem', specificContentInput: 'json', specificContentJson: '{"n":1}', addOptions: { dueDate: 'end of month' } }, cloudCred), /^Due Date is not a date: "end of month"/],
		['Bad: Cloud URL without https://', step('Bad: Cloud URL without https://', 'uiPath', { resource: 'folder', operation: 'getMany', returnAll: true }, noSchemeCloud), /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\//],
		['Bad: Run Get, id of the wrong type', step('Bad: Run Get, id of the wrong type', 'roboticCrowd', { resource: 'sessionQueue', operation: 'get', sessionQueueId: 'abc' }, rcCred), /^Run ID "abc" is not a number/],
		['Bad: Run Create, parameters of 2 MB', step('Bad: Run Create, parameters of 2 MB', 'roboticCrowd', { resource: 'sessionQueue', operation: 'create', workflowId: ref('id', wfId), paramsInput: 'json', paramsJson: '={{ JSON.stringify({ blob: "x".repeat(2000000) }) }}' }, rcCred), /^Parameters are 2000011 bytes of JSON; n8n sends at most 1,000,000/],
		['Bad: Token Create, lifetime 0', step('Bad: Token Create, lifetime 0', 'roboticCrowd', { resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: '={{ 0 }}' }, rcCred), /^Expires In 0 is not a lifetime a token can have/],
		['Bad: API Base URL without https://', step('Bad: API Base URL without https://', 'roboticCrowd', { resource: 'workflow', operation: 'getMany', returnAll: true }, noSchemeRc), /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL: it needs https:\/\//],
	];

	const workflow = wf.linearWorkflow({ name: 'Suite: faults and bad inputs', nodes: [wf.manualTriggerNode(), ...faults.map((f) => f.node), ...bad.map(([, node]) => node)] });

	/** Arms the faults, runs the workflow, checks and counts each node. */
	async function run(/** @type {any} */ h, /** @type {any} */ n8n) {
		for (const f of faults) f.arm?.();
		const result = await h.execute(workflow.id);
		// every fault met its request: none is counted as tried without having happened
		assert.deepEqual([...ui.faults.queue, ...rc.faults.queue, ...pending], [], 'faults not applied');
		ui.faults.clear();
		rc.faults.clear();
		let lost = 0;
		let duplicated = 0;
		const counts = [];
		for (const f of faults) {
			const items = n8n.outputOf(result, f.name);
			const counted = f.count(items);
			counts.push(`${f.name}: lost ${counted.lost}, duplicated ${counted.duplicated}`);
			lost += counted.lost;
			duplicated += counted.duplicated;
			if (f.clear) assert.match(String(counted.error), f.clear, f.name);
			else assert.equal(items[0]?.error, undefined, `${f.name}: ${items[0]?.error}`);
		}
		let clear = 0;
		for (const [name, , message] of bad) {
			const [item] = n8n.outputOf(result, name);
			assert.match(String(item?.error), message, `${name}: ${JSON.stringify(item)}`);
			clear++;
		}
		recordTally('faults e2e', { faultsTried: faults.length, lost, duplicated });
		recordTally('badInputs e2e', { badInputsTried: bad.length, badInputsClear: clear, crashes: 0 });
		assert.equal(lost + duplicated, 0, `items lost or duplicated:\n${counts.join('\n')}`);
		return result;
	}

	/** The Test button with URLs without https://, as the editor presses it. */
	async function checkCredentialTests(/** @type {any} */ server) {
		const cases = [
			[cloudCred, { cloudUrl: 'cloud.uipath.com' }, /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\//],
			[cloudCred, { authMethod: 'personalAccessToken', personalAccessToken: 'p', cloudUrl: 'cloud.uipath.com' }, /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL/],
			[onPremCred, { orchestratorUrl: 'orch.example.com/' }, /^The credential's Orchestrator URL "orch\.example\.com" is not a full URL: it needs https:\/\//],
			[rcCred, { baseUrl: 'api.roboticcrowd.com' }, /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL/],
		];
		for (const [credential, change, message] of cases) {
			const answer = await server.rest('POST', '/credentials/test', { credentials: { ...credential, data: { ...credential.data, ...change } } });
			assert.equal(answer.status, 'Error', JSON.stringify(answer));
			assert.match(answer.message, message);
		}
		recordTally('badInputs e2e credential tests', { badInputsTried: cases.length, badInputsClear: cases.length, crashes: 0 });
	}

	/** Looks for every known secret and every token the simulators saw in `texts` (run data and logs). */
	function scanSecrets(/** @type {string[]} */ texts) {
		const bearer = [...ui.log, ...rc.log].map((e) => /^Bearer (.+)$/.exec(String(e.headers?.authorization ?? ''))?.[1]).filter(Boolean);
		const secrets = [...new Set([...world.secrets, ...bearer])];
		assert.ok(bearer.length > 3, 'the simulators saw tokens');
		const found = secrets.filter((s) => texts.some((t) => t.includes(s)));
		recordTally('secrets e2e', { secretsScanned: secrets.length, textsScanned: texts.length, secretsFound: found.length });
		assert.deepEqual(found.map((s) => s.slice(0, 6)), [], 'secrets in run data or logs');
	}

	return { credentials, workflow, run, checkCredentialTests, scanSecrets };
}

/** Faults armed by `nth` that no request met yet. */
const pending = new Set();

/** Applies `fault` to the `n`th request that `matches`. */
function nth(/** @type {any} */ sim, /** @type {(m: string, p: string) => boolean} */ matches, /** @type {number} */ n, /** @type {any} */ fault) {
	const take = sim.faults.take.bind(sim.faults);
	let seen = 0;
	pending.add(fault);
	sim.faults.take = (/** @type {string} */ method, /** @type {string} */ path) => {
		if (matches(method, path) && ++seen === n) {
			sim.faults.take = take;
			pending.delete(fault);
			return { ...fault, times: 1 };
		}
		return take(method, path);
	};
}

/** Lost: expected ids that did not come out (with no error saying so); duplicated: ids that came twice. */
function countIds(/** @type {number[]} */ expected, /** @type {number[]} */ got, /** @type {any[]} */ items) {
	const error = items[0]?.error;
	return { lost: error ? 1 : expected.filter((id) => !got.includes(id)).length, duplicated: got.length - new Set(got).size, error };
}

module.exports = { suiteE2e };
