// Bad numbers (issue 18, item 3): every number a user or an expression can set, in both action nodes and the
// credentials, given what an expression can give: nothing, text, 0, a negative number, NaN, Infinity, a fraction.
// Each must fail the item with an error naming the field and the value (or use the field's documented default,
// asserted), before anything is sent: the simulators count the requests, so a wait that spins shows. The table is
// checked against the built descriptions, so a new number field without a row fails here.
import type { IDataObject } from 'n8n-workflow';

import type { EngineHarness, NodeSpec } from '../harness/engine';
import * as rc from './roboticCrowd.helpers';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { recordTally } from '../suiteTally';

const EXPLORE = process.env.BAD_INPUTS_EXPLORE === '1';

/** A bad value as a node parameter holds it, and how it shows in the message ('' when empty). */
interface Bad {
	given: unknown;
	shown: string;
}
const EMPTY: Bad[] = [
	{ given: '={{ $json.nothing }}', shown: '' },
	{ given: '', shown: '' },
];
const TEXT: Bad = { given: '={{ "abc" }}', shown: 'abc' };
const ZERO: Bad = { given: 0, shown: '0' };
const NEGATIVE: Bad = { given: -5, shown: '-5' };
const NAN: Bad = { given: '={{ NaN }}', shown: 'NaN' };
const INFINITE: Bad = { given: '={{ 1/0 }}', shown: 'Infinity' };
const FRACTION: Bad = { given: 1.5, shown: '1.5' };
const BELOW_ONE: Bad = { given: 0.5, shown: '0.5' };

interface Param {
	/** node type (or credential type), resource, operation, parameter path: as the built description has it */
	key: string;
	label: string;
	bad: Bad[];
	/** runs the node (or a node with the credential) with the value */
	spec: (value: unknown) => NodeSpec;
	/** requests the simulators may count for a bad value: 0 unless the API itself is left to judge (below) */
	budget?: number;
	/** values the API judges (its 400 names the field and the range), with what it says */
	apiJudges?: { bad: Bad[]; message: RegExp; budget: number };
	/** the documented default for an empty value: the run must succeed, and `check` sees it was used */
	emptyMeans?: { empties: unknown[]; spec: (value: unknown) => NodeSpec; check: () => void };
}

let ui: UiSim;
let rcSim: rc.RcSim;
let harness: EngineHarness;
let releaseKey: string;

const ref = (mode: string, value: string) => ({ __rl: true, mode, value });
const JOB_KEY = '6f1c2a9e-7b3d-4e5f-8a9b-0c1d2e3f4a5b';
const start = (parameters: IDataObject) =>
	uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', releaseKey), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}', ...parameters });
const addItem = (parameters: IDataObject) =>
	uiNode({ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: ref('name', 'Invoices'), addMode: 'perItem', specificContentInput: 'json', specificContentJson: '{"n":1}', ...parameters });
const rcCreate = (parameters: IDataObject) =>
	rc.rcNode({ resource: 'sessionQueue', operation: 'create', workflowId: ref('id', String(workflowId)), paramsInput: 'json', paramsJson: '{}', ...parameters });
let workflowId: number;

/** Limit of a UiPath list operation (every Get Many, and Get Logs), with what else it needs before the limit. */
function uiLimit(resource: string, operation: string, extra: IDataObject = {}): Param {
	return {
		key: `uiPath:${resource}:${operation}:limit`,
		label: 'Limit',
		bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, FRACTION],
		spec: (limit) => uiNode({ resource, operation, folder: inFolder(), returnAll: false, limit, ...extra }),
	};
}
function rcLimit(resource: string): Param {
	return {
		key: `roboticCrowd:${resource}:getMany:limit`,
		label: 'Limit',
		bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, FRACTION],
		spec: (limit) => rc.rcNode({ resource, operation: 'getMany', returnAll: false, limit }),
	};
}
/** The Timeout and Check Interval of a wait: `node(waitTimeout, pollInterval)`. */
function waitParams(prefix: string, options: string, node: (timeout: unknown, interval: unknown) => NodeSpec): Param[] {
	return [
		{ key: `${prefix}:waitTimeout`, label: 'Timeout (Seconds)', bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, BELOW_ONE], spec: (v) => node(v, 1) },
		{ key: `${prefix}:${options}.pollInterval`, label: 'Check Interval (Seconds)', bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, BELOW_ONE], spec: (v) => node(5, v) },
	];
}

let stored = 0;
/** A node spec that runs with a fresh credential holding `data`. */
function withCredential(type: string, data: IDataObject, spec: NodeSpec): NodeSpec {
	const id = `numbers-${++stored}`;
	harness.addCredential(type, data, id);
	return { ...spec, credentials: { [type]: id } };
}
const rcList = () => rc.rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true });
const CREDENTIAL_BAD = (integer: boolean): Bad[] => [
	{ given: 'abc', shown: 'abc' },
	{ given: 'Infinity', shown: 'Infinity' },
	{ given: '1e999', shown: '1e999' },
	ZERO,
	NEGATIVE,
	...(integer ? [FRACTION] : [BELOW_ONE]),
];
/** A credential's field left empty (cleared in the form, or null in imported data) */
const CREDENTIAL_EMPTY = ['', null];
function rcCredentialNumber(name: string, label: string, integer: boolean, check: () => void = () => undefined): Param {
	const spec = (value: unknown) => withCredential('roboticCrowdApi', rc.credentialData(rcSim, { [name]: value }), rcList());
	return { key: `roboticCrowdApi:::${name}`, label: `The credential's ${label}`, bad: CREDENTIAL_BAD(integer), spec, emptyMeans: { empties: CREDENTIAL_EMPTY, spec, check } };
}

const params = (): Param[] => [
	// ── UiPath: Job ──
	...waitParams('uiPath:job:start', 'startOptions', (waitTimeout, pollInterval) => start({ waitForCompletion: true, waitTimeout, startOptions: { pollInterval } })),
	...(['jobsCount', 'noOfRobots'] as const).map((name): Param => ({
		key: `uiPath:job:start:${name}`,
		label: name === 'jobsCount' ? 'Jobs Count' : 'Number of Robots',
		bad: [...EMPTY, TEXT, NAN, INFINITE, FRACTION],
		spec: (v) => start({ strategy: name === 'jobsCount' ? 'ModernJobsCount' : 'RobotCount', [name]: v }),
		// Orchestrator's range (1 to 10,000 jobs) is its own: its 400 names the field, and nothing starts
		apiJudges: { bad: [ZERO, NEGATIVE], message: name === 'jobsCount' ? /startInfo\.JobsCount must be between 1 and 10000/ : /startInfo\.NoOfRobots must be greater than 0/, budget: 1 },
	})),
	uiLimit('job', 'getMany'),
	uiLimit('job', 'getLogs', { jobId: JOB_KEY }),
	// ── UiPath: queues ──
	...waitParams('uiPath:queueItem:add', 'addOptions', (waitTimeout, pollInterval) => addItem({ waitForProcessing: true, waitTimeout, addOptions: { pollInterval } })),
	uiLimit('queueItem', 'getMany'),
	uiLimit('queue', 'getMany'),
	// ── UiPath: other resources ──
	...(['create', 'update'] as const).map((operation): Param => ({
		key: `uiPath:asset:${operation}:intValue`,
		label: 'Integer Value',
		bad: [...EMPTY, TEXT, NAN, INFINITE, FRACTION, { given: 2 ** 31, shown: String(2 ** 31) }],
		spec: (intValue) => uiNode({ resource: 'asset', operation, folder: inFolder(), assetName: 'Counter', valueType: 'Integer', intValue }),
	})),
	uiLimit('asset', 'getMany'),
	uiLimit('bucket', 'getMany'),
	uiLimit('bucketFile', 'getMany', { bucket: ref('id', '1') }),
	...(['upload', 'download'] as const).map((operation): Param => ({
		key: `uiPath:bucketFile:${operation}:options.expiryInMinutes`,
		label: 'URI Expiry (Minutes)',
		bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, FRACTION],
		spec: (expiryInMinutes) => uiNode({ resource: 'bucketFile', operation, folder: inFolder(), bucket: ref('id', '1'), filePath: 'in/a.pdf', binaryPropertyName: 'data', options: { expiryInMinutes } }),
	})),
	uiLimit('entity', 'getMany'),
	uiLimit('entityRecord', 'getMany', { entity: ref('id', '5c3e1d2a-0f4b-4e7a-9a11-2b6f0c8d9e10') }),
	uiLimit('folder', 'getMany'),
	uiLimit('machine', 'getMany'),
	uiLimit('maestroInstance', 'getMany'),
	uiLimit('maestroProcess', 'getMany'),
	uiLimit('process', 'getMany'),
	uiLimit('processSchedule', 'getMany'),
	uiLimit('robot', 'getMany'),
	uiLimit('session', 'getMany'),
	{
		key: 'uiPath:task:create:formLayoutId',
		label: 'Form Layout ID',
		bad: [TEXT, NEGATIVE, NAN, INFINITE, FRACTION],
		spec: (formLayoutId) => uiNode({ resource: 'task', operation: 'create', folder: inFolder(), taskType: 'form', title: 'Check', taskData: '{}', formLayoutId }),
		// documented: 0 (and so nothing) means the Form Layout JSON
		emptyMeans: {
			empties: EMPTY.map((e) => e.given),
			spec: (formLayoutId) => withCredential('uiPathCloudOAuthApi', tasksCredential(), uiNode({ resource: 'task', operation: 'create', folder: inFolder(), taskType: 'form', title: 'Check', taskData: '{}', formLayout: '{"components": []}', formLayoutId })),
			check: () => expect(uiLog(ui).filter((e) => e.path.endsWith('/forms/TaskForms/CreateFormTask')).at(-1)?.body).toEqual(expect.objectContaining({ formLayout: { components: [] } })),
		},
	},
	uiLimit('task', 'getMany'),
	// ── Robotic Crowd ──
	...waitParams('roboticCrowd:sessionQueue:create', 'createOptions', (waitTimeout, pollInterval) => rcCreate({ waitForCompletion: true, waitTimeout, createOptions: { pollInterval } })),
	rcLimit('sessionQueue'),
	rcLimit('workflow'),
	{
		key: 'roboticCrowd:token:create:expiresIn',
		label: 'Expires In',
		bad: [...EMPTY, TEXT, ZERO, NEGATIVE, NAN, INFINITE, FRACTION],
		spec: (expiresIn) => rc.rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn }),
	},
	// ── Credentials: empty is each field's documented default ──
	rcCredentialNumber('lifetimeSeconds', 'Token Lifetime (Seconds)', true, () => {
		const claims = rc.log(rcSim).at(-1)?.claims as { nbf: number; exp: number };
		expect(claims.exp - claims.nbf).toBe(300 + 60);
	}),
	rcCredentialNumber('quotaPerMinute', 'Requests per Minute', true),
	rcCredentialNumber('processesSharingQuota', 'Processes Sharing This Quota', true),
	rcCredentialNumber('timeoutSeconds', 'Request Timeout (Seconds)', false),
	{
		key: 'uiPathCloudOAuthApi:::listCallsPerMinute',
		label: "The credential's Job and Queue Item Lists per Minute",
		// 0 is valid: it turns pacing off
		bad: CREDENTIAL_BAD(true).filter((b) => b !== ZERO),
		spec: (value) => withCredential('uiPathCloudOAuthApi', cloudCredential(ui, { listCallsPerMinute: value }), uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true })),
		emptyMeans: { empties: CREDENTIAL_EMPTY, spec: (value) => withCredential('uiPathCloudOAuthApi', cloudCredential(ui, { listCallsPerMinute: value }), uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true })), check: () => undefined },
	},
];

const TASKS_APP = { clientId: 'numbers-tasks', clientSecret: 'numbers-tasks-secret', scopes: [...APP.scopes, 'OR.Tasks'] };
const tasksCredential = () => cloudCredential(ui, { clientId: TASKS_APP.clientId, clientSecret: TASKS_APP.clientSecret, scopes: TASKS_APP.scopes.join(' ') });

/** Requests the simulators took, token requests aside (a stored token may or may not be there). */
const requests = () =>
	[...uiLog(ui), ...rc.log(rcSim)].filter((e) => !/\/connect\/token|\/Account\/Authenticate|\/v1\/token$/.test(e.path)).length;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function expected(param: Param, bad: Bad): RegExp {
	const label = escape(param.label);
	return bad.shown === '' ? new RegExp(`^${label} is empty, not `) : new RegExp(`^${label} "?${escape(bad.shown)}"? is not `);
}

let cancelsPendingUntil = 0;
/** Runs a spec; a wait (that would spin on the old code) is cut off by a cancel, so the count shows it. */
async function attempt(spec: NodeSpec, wait: boolean): Promise<{ text?: string; crashed?: string; requests: number }> {
	const before = requests();
	try {
		if (wait) cancelsPendingUntil = Date.now() + 4000;
		const { error } = await harness.run(spec, [{}], 'manual', wait ? { cancelAfterMs: 4000 } : {});
		return { text: error ? `${error.message}\n${error.description ?? ''}` : undefined, requests: requests() - before };
	} catch (error) {
		return { crashed: `${(error as Error).constructor?.name}: ${(error as Error).message}`, requests: requests() - before };
	}
}

/** Every number field of the built nodes and credentials, keyed as the table is, with its display name. */
function numberFieldsOfTheBuild(): Record<string, string> {
	const keys: Array<[string, string]> = [];
	const walk = (type: string, properties: IDataObject[], path: string[], show?: IDataObject) => {
		for (const p of properties) {
			const shownFor = (p.displayOptions as { show?: IDataObject } | undefined)?.show ?? show;
			if (p.type === 'number') {
				const resources = (shownFor?.resource as string[] | undefined) ?? [''];
				const operations = (shownFor?.operation as string[] | undefined) ?? [''];
				for (const r of resources) for (const o of operations) keys.push([`${type}:${r}:${o}:${[...path, p.name].join('.')}`, String(p.displayName)]);
			}
			if (p.type === 'collection' && Array.isArray(p.options)) walk(type, p.options as IDataObject[], [...path, String(p.name)], shownFor);
			if (p.type === 'fixedCollection') for (const group of (p.options as IDataObject[]) ?? []) walk(type, (group.values as IDataObject[]) ?? [], [...path, String(p.name), String(group.name)], shownFor);
		}
	};
	const pkg = require('../../package.json') as { n8n: { nodes: string[]; credentials: string[] } };
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		// the webhook trigger's Max Delivery Age is checked with its deliveries (test/nodes/uiPathWebhookTrigger.test.ts)
		if (file.includes('UiPathWebhookTrigger')) continue;
		const exported = require(`../../${file}`) as Record<string, new () => { description?: { name: string; properties: IDataObject[] }; name?: string; properties?: IDataObject[] }>;
		for (const Type of Object.values(exported)) {
			const instance = new Type();
			if (instance.description) walk(instance.description.name, instance.description.properties, []);
			else walk(String(instance.name), instance.properties ?? [], []);
		}
	}
	return Object.fromEntries(keys);
}

const tally = { tried: 0, clear: 0, crashes: 0 };

describe('bad numbers', () => {
	beforeAll(async () => {
		let shared: { Id: number };
		({ sim: ui, harness, shared } = await setUp());
		ui.addExternalApp(TASKS_APP);
		releaseKey = ui.addRelease({ folderId: shared.Id, name: 'Long', durationMs: 60_000 }).Key;
		ui.addQueue({ folderId: shared.Id, name: 'Invoices' });
		({ sim: rcSim } = await rc.setUp());
		harness.addCredential('roboticCrowdApi', rc.credentialData(rcSim), 'rc');
		workflowId = rcSim.addWorkflow({ name: 'Invoice intake' }).id;
	});
	afterAll(async () => {
		// the cancels of the wait rows (their runs ended long before) fire before the simulators close
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, cancelsPendingUntil + 100 - Date.now())));
		await ui.close();
		await rcSim.close();
		// bad numbers are bad inputs too: the suite's line counts them in both (test/suiteTally.js)
		recordTally('badInputs numbers', { badInputsTried: tally.tried, badInputsClear: tally.clear, crashes: tally.crashes, badNumbersTried: tally.tried, badNumbersClear: tally.clear });
	});

	it('has a row for every number field of the built nodes and credentials, none for a field that is gone, each named as the field', () => {
		const built = numberFieldsOfTheBuild();
		expect(params().map((p) => p.key).sort()).toEqual(Object.keys(built).sort());
		// the errors name the field as the user sees it in the editor (Expires In keeps its message of old: no unit)
		for (const p of params()) expect({ key: p.key, label: built[p.key].replace(/ \(Seconds\)$/, p.key.endsWith('expiresIn') ? '' : ' (Seconds)') }).toEqual({ key: p.key, label: p.label.replace(/^The credential's /, '') });
	});

	it.each(params().map((p) => [p.key, p] as const))('%s: each bad value fails the item, naming the field, before anything is sent', async (_key, param) => {
		for (const bad of param.bad) {
			tally.tried++;
			const outcome = await attempt(param.spec(bad.given), /waitTimeout|pollInterval/.test(param.key));
			if (EXPLORE) console.log(`${param.key} ${JSON.stringify(bad.given)}: ${JSON.stringify(outcome)}`);
			if (outcome.crashed) tally.crashes++;
			// one object, so a failure shows the value, the message and what the simulators counted together
			expect({ value: bad.given, ...outcome }).toEqual({ value: bad.given, text: expect.stringMatching(expected(param, bad)), requests: param.budget ?? 0 });
			tally.clear++;
		}
		for (const bad of param.apiJudges?.bad ?? []) {
			tally.tried++;
			const outcome = await attempt(param.spec(bad.given), false);
			expect(outcome.text).toMatch(param.apiJudges!.message);
			expect(outcome.requests).toBeLessThanOrEqual(param.apiJudges!.budget);
			tally.clear++;
		}
		for (const empty of param.emptyMeans?.empties ?? []) {
			const outcome = await attempt(param.emptyMeans!.spec(empty), false);
			if (EXPLORE) console.log(`${param.key} empty ${JSON.stringify(empty)}: ${JSON.stringify(outcome)}`);
			expect({ value: empty, text: outcome.text }).toEqual({ value: empty, text: undefined });
			param.emptyMeans!.check();
		}
	}, 60_000);
});

// The quota cap (issue 18): a wait's own Timeout also ends the waits of its reads for a 429's window, a Retry-After
// or a backoff; the item ends at the deadline with the timeout's error, and nothing more is sent.
describe("a wait's Timeout caps the retries of its reads", () => {
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const TOO_MANY = { status: 429, body: { message: 'Too many requests' }, times: 1000 };
	// a read at 1 s and its retries after about 0.5 s and 1 s; the next would come after the deadline: none follows
	const expectNoReadAfterDeadline = async (reads: () => number) => {
		const atEnd = reads();
		expect(atEnd).toBeGreaterThanOrEqual(1);
		expect(atEnd).toBeLessThanOrEqual(4);
		await sleep(2500);
		expect(reads()).toBe(atEnd);
	};

	it('UiPath Job → Start: job reads answered 429 without Retry-After end at the Timeout, with the timeout error', async () => {
		const { sim, harness: h, shared } = await setUp();
		try {
			const key = sim.addRelease({ folderId: shared.Id, name: 'Long', durationMs: 60_000 }).Key;
			sim.faults.add({ method: 'GET', path: /\/odata\/Jobs\(\d+\)$/, ...TOO_MANY });
			const { error } = await h.run(
				uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', key), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}', waitForCompletion: true, waitTimeout: 3, startOptions: { pollInterval: 1 } }),
			);
			const reads = () => uiLog(sim).filter((e) => e.method === 'GET' && /\/odata\/Jobs\(\d+\)$/.test(e.path)).length;
			expect(error?.message).toMatch(/^Job \d+ did not finish within 3 seconds$/);
			expect(error?.description).toMatch(/^No read of it succeeded in that time/);
			await expectNoReadAfterDeadline(reads);
		} finally {
			await sim.close();
		}
	}, 30_000);

	it('UiPath Queue Item → Add: reads of the item answered 429 without Retry-After end at the Timeout', async () => {
		const { sim, harness: h, shared } = await setUp();
		try {
			sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
			sim.faults.add({ method: 'GET', path: /\/odata\/QueueItems\(\d+\)$/, ...TOO_MANY });
			const { error } = await h.run(
				uiNode({ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: ref('name', 'Invoices'), addMode: 'perItem', specificContentInput: 'json', specificContentJson: '{"n":1}', waitForProcessing: true, waitTimeout: 3, addOptions: { pollInterval: 1 } }),
			);
			const reads = () => uiLog(sim).filter((e) => e.method === 'GET' && /\/odata\/QueueItems\(\d+\)$/.test(e.path)).length;
			expect(error?.message).toMatch(/^Queue item \d+ could not be read within 3 seconds$/);
			await expectNoReadAfterDeadline(reads);
		} finally {
			await sim.close();
		}
	}, 30_000);

	it("Robotic Crowd Run → Create: a quota's window that stays closed ends at the Timeout, not after two minutes", async () => {
		const { sim, harness: h } = await rc.setUp({ quotaPerMinute: 100_000 });
		try {
			h.addCredential('roboticCrowdApi', rc.credentialData(sim, { quotaPerMinute: 100_000 }), 'rc');
			const id = sim.addWorkflow({ name: 'Slow', queueDelayMs: 60_000, durationMs: 60_000 }).id;
			sim.faults.add({ method: 'GET', path: '/v1/session_queues', ...TOO_MANY });
			const { error } = await h.run(
				rc.rcNode({ resource: 'sessionQueue', operation: 'create', workflowId: ref('id', String(id)), paramsInput: 'json', paramsJson: '{}', waitForCompletion: true, waitTimeout: 3, createOptions: { pollInterval: 1 } }),
			);
			const reads = () => rc.log(sim).filter((e) => e.method === 'GET').length;
			expect(error?.message).toMatch(/^Run \d+ did not finish within 3 seconds$/);
			expect(error?.description).toMatch(/^No read of the run list succeeded in that time/);
			await expectNoReadAfterDeadline(reads);
		} finally {
			await sim.close();
		}
	}, 40_000);
});

// The second line of defence: the wait loop and the pacer refuse to run without a pause, whatever they are given
// (the readers above keep such numbers from reaching them). Counted in calls, not time.
describe('the wait loop and the pacer never run without a pause', () => {
	const { waitForCompletion } = require('../../dist/nodes/shared/waitFor') as typeof import('../../nodes/shared/waitFor');
	const { RequestPacer, pacerFor } = require('../../dist/nodes/shared/pacer') as typeof import('../../nodes/shared/pacer');
	/** a check that is never done, and gives up (so a loop that spins ends) after `most` calls */
	const counting = (most: number) => {
		let calls = 0;
		const check = async () => {
			if (++calls > most) throw new Error(`spun: ${calls} checks`);
			return { done: false, value: calls };
		};
		return { check, calls: () => calls };
	};

	it('an interval of 0 or NaN still pauses a second between checks', async () => {
		for (const interval of [0, NaN, -5]) {
			const { check, calls } = counting(50);
			const outcome = await waitForCompletion(check, { timeoutMs: 2500, initialIntervalMs: interval, maxIntervalMs: interval });
			expect({ interval, finished: outcome.finished }).toEqual({ interval, finished: false });
			expect(calls()).toBeLessThanOrEqual(4);
		}
	}, 20_000);

	it('a timeout that is not a number of milliseconds is refused before the first check', async () => {
		for (const timeoutMs of [NaN, Infinity, -1]) {
			const { check, calls } = counting(50);
			await expect(waitForCompletion(check, { timeoutMs, initialIntervalMs: 0 })).rejects.toThrow(/^A wait needs a timeout in milliseconds/);
			expect(calls()).toBe(0);
		}
	});

	it('a pacer refuses a limit that is not 1 or more a minute', () => {
		for (const limit of [NaN, 0, -5]) expect(() => new RequestPacer(limit)).toThrow(/^A pacer needs a limit of 1 or more a minute/);
		// pacerFor gives every process at least one a minute of a number; NaN is no number
		expect(() => pacerFor('numbers-nan', NaN)).toThrow(/^A pacer needs a limit/);
	});
});
