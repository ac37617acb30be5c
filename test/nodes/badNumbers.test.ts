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
	uiLimit('folder', 'getMany'),
	uiLimit('machine', 'getMany'),
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

/** Every number field of the built nodes and credentials, keyed as the table is. */
function numberFieldsOfTheBuild(): string[] {
	const keys: string[] = [];
	const walk = (type: string, properties: IDataObject[], path: string[], show?: IDataObject) => {
		for (const p of properties) {
			const shownFor = (p.displayOptions as { show?: IDataObject } | undefined)?.show ?? show;
			if (p.type === 'number') {
				const resources = (shownFor?.resource as string[] | undefined) ?? [''];
				const operations = (shownFor?.operation as string[] | undefined) ?? [''];
				for (const r of resources) for (const o of operations) keys.push(`${type}:${r}:${o}:${[...path, p.name].join('.')}`);
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
	return [...new Set(keys)].sort();
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

	it('has a row for every number field of the built nodes and credentials, and none for a field that is gone', () => {
		expect(params().map((p) => p.key).sort()).toEqual(numberFieldsOfTheBuild());
	});

	it.each(params().map((p) => [p.key, p] as const))('%s: each bad value fails the item, naming the field, before anything is sent', async (_key, param) => {
		for (const bad of param.bad) {
			tally.tried++;
			const outcome = await attempt(param.spec(bad.given), /waitTimeout|pollInterval/.test(param.key));
			if (EXPLORE) console.log(`${param.key} ${JSON.stringify(bad.given)}: ${JSON.stringify(outcome)}`);
			if (outcome.crashed) tally.crashes++;
			expect({ value: bad.given, crashed: outcome.crashed }).toEqual({ value: bad.given, crashed: undefined });
			expect({ value: bad.given, text: outcome.text }).toEqual({ value: bad.given, text: expect.stringMatching(expected(param, bad)) });
			expect({ value: bad.given, requests: outcome.requests }).toEqual({ value: bad.given, requests: param.budget ?? 0 });
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
