// Session Queue: one run of a Robotic Crowd workflow. Create (optionally wait), Get, Get Many, Cancel.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { jsonObjectOf, limitOf, namedValuesOf, returnAllFields } from '../../shared/parameters';
import { paginate, type Page, type PageRequest } from '../../shared/paginate';
import { Awaiting, type Operation } from '../../shared/router';
import { toInstant } from '../../shared/time';
import { waitForCompletion } from '../../shared/waitFor';
import { roboticCrowdRequest, type RoboticCrowdContext } from '../transport';

const show = { resource: ['sessionQueue'] };

export interface SessionQueue extends IDataObject {
	id: number;
	status: 'queued' | 'running' | 'success' | 'error';
	created_at: string;
	ended_at: string | null;
	workflow: { id: number; name: string };
}

interface SessionQueuePage {
	session_queues: SessionQueue[];
	total_count: number;
}

export const FINISHED_STATUSES = ['success', 'error'];
const MAX_PER_PAGE = 50;

export const sessionQueueOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show },
	options: [
		{ name: 'Cancel', value: 'cancel', action: 'Cancel a run', description: 'Cancel a running run or remove a queued one' },
		{ name: 'Create', value: 'create', action: 'Start a workflow run', description: 'Queue a run of a workflow, optionally waiting for it to finish' },
		{ name: 'Get', value: 'get', action: 'Get a run', description: 'Get one run by its ID' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many runs', description: 'List runs, newest first' },
	],
	default: 'create',
};

export const sessionQueueFields: INodeProperties[] = [
	{
		displayName: 'Workflow',
		name: 'workflowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { ...show, operation: ['create'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWorkflows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6391',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A workflow ID is a number' } }],
			},
		],
		description: 'The Robotic Crowd workflow to run',
	},
	{
		displayName: 'Parameters Input',
		name: 'paramsInput',
		type: 'options',
		displayOptions: { show: { ...show, operation: ['create'] } },
		options: [
			{ name: 'Name/Value Pairs', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
		description: "How to give the initial values of the workflow's variables",
	},
	{
		displayName: 'Parameters',
		name: 'params',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show: { ...show, operation: ['create'], paramsInput: ['fields'] } },
		options: [
			{
				name: 'parameter',
				displayName: 'Parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Variable name in the workflow' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'paramsJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, operation: ['create'], paramsInput: ['json'] } },
		description: 'An object: each key is a workflow variable, its value the initial value (string, number, array…)',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		displayOptions: { show: { ...show, operation: ['create'] } },
		description: 'Whether to wait until the run finishes and return it as it ended',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		displayOptions: { show: { ...show, operation: ['create'], waitForCompletion: [true] } },
		description: 'How long to wait before failing with a timeout error. The run itself goes on.',
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, operation: ['create'], waitForCompletion: [true] } },
		options: [
			{
				displayName: 'Check Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'First pause between checks of the run; it grows by half each time, up to 30 seconds',
			},
			{
				displayName: 'Return Failed Runs as Output',
				name: 'returnFailed',
				type: 'boolean',
				default: false,
				description: 'Whether a run that ends with status "error" is returned as output instead of failing the node',
			},
		],
	},
	{
		displayName: 'Run ID',
		name: 'sessionQueueId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 341559',
		displayOptions: { show: { ...show, operation: ['get', 'cancel'] } },
		description: 'The ID of the session queue (run), as shown on the Sessions page or returned by Create',
	},
	...returnAllFields({ ...show, operation: ['getMany'] }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...show, operation: ['getMany'] } },
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only runs created after this time (to the minute, UTC)',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only runs created before this time (to the minute, UTC)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Error', value: 'error' },
					{ name: 'Queued', value: 'queued' },
					{ name: 'Running', value: 'running' },
					{ name: 'Success', value: 'success' },
				],
				default: [],
			},
			{
				displayName: 'Workflow Name',
				name: 'workflowName',
				type: 'string',
				default: '',
				description: 'Only runs of workflows whose name starts with this text',
			},
		],
	},
];

/** `after:"2026-11-25 10:05"`: the query syntax takes dates to the minute. */
export function queryDate(value: string | Date, timeZone?: string): string {
	const iso = toInstant(value, timeZone).toISOString();
	return `"${iso.slice(0, 10)} ${iso.slice(11, 16)}"`;
}

/** The API's `query`; Date & Time values without an offset are read in `timeZone` (the workflow's). */
export function buildQuery(
	filters: { workflowName?: string; status?: string[]; createdAfter?: string; createdBefore?: string },
	timeZone?: string,
): string {
	const terms: string[] = [];
	if (filters.workflowName) terms.push(filters.workflowName.trim());
	for (const status of filters.status ?? []) terms.push(`is:${status}`);
	if (filters.createdAfter) terms.push(`after:${queryDate(filters.createdAfter, timeZone)}`);
	if (filters.createdBefore) terms.push(`before:${queryDate(filters.createdBefore, timeZone)}`);
	return terms.join(' ');
}

export async function listSessionQueues(
	this: RoboticCrowdContext,
	query: string,
	page: number,
	perPage: number,
	itemIndex?: number,
): Promise<SessionQueuePage> {
	const qs: IDataObject = { page, per_page: perPage };
	if (query) qs.query = query;
	return await roboticCrowdRequest<SessionQueuePage>(this, {
		method: 'GET',
		path: '/session_queues',
		qs,
		itemIndex,
	});
}

/** One page of runs, as the paginator reads it. */
function runPages(ctx: RoboticCrowdContext, query: string, itemIndex?: number) {
	return async ({ page, size }: PageRequest): Promise<Page<SessionQueue>> => {
		const { session_queues: items, total_count: total } = await listSessionQueues.call(ctx, query, page, size, itemIndex);
		return { items, total };
	};
}

/** There is no call to read one run: page through the list (newest first) until its id shows up. */
export async function findSessionQueue(this: RoboticCrowdContext, id: number, itemIndex?: number): Promise<SessionQueue | undefined> {
	// ids grow with creation time and the list is newest first: once past it, it is not there.
	const runs = await paginate(runPages(this, '', itemIndex), {
		limit: Infinity,
		maxPageSize: MAX_PER_PAGE,
		stopAfter: (page) => page.some((r) => Number(r.id) <= id),
	});
	return runs.find((r) => Number(r.id) === id);
}

function parseRunId(this: IExecuteFunctions, itemIndex: number): number {
	const raw = String(this.getNodeParameter('sessionQueueId', itemIndex)).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `Run ID "${raw}" is not a number`, {
			itemIndex,
			description: 'Give the numeric ID of the session queue, e.g. the "id" field that Create returned.',
		});
	}
	return Number(raw);
}

/** The API misbehaves on a `${…}` literal inside a parameter value, so it is refused before anything is sent. */
function findTemplateLiteral(value: unknown, path: string): string | undefined {
	if (typeof value === 'string') return /\$\{[^}]*\}/.test(value) ? path : undefined;
	if (Array.isArray(value)) {
		for (const [i, v] of value.entries()) {
			const found = findTemplateLiteral(v, `${path}[${i}]`);
			if (found) return found;
		}
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			const found = findTemplateLiteral(v, path ? `${path}.${k}` : k);
			if (found) return found;
		}
	}
	return undefined;
}

function readParams(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const params =
		this.getNodeParameter('paramsInput', itemIndex) === 'json'
			? jsonObjectOf.call(this, 'paramsJson', itemIndex, {
					label: 'Parameters (JSON)',
					example: '{"customer": "ACME", "rows": [1, 2]}',
					keys: 'Each key is a workflow variable and its value the initial value, e.g. {"customer": "ACME"}.',
				})
			: namedValuesOf.call(this, (this.getNodeParameter('params.parameter', itemIndex, []) as IDataObject[]) ?? [], itemIndex, {
					message: 'A parameter has no name',
					description: 'Give each parameter the name of a variable of the workflow, or remove it.',
				});
	const offending = findTemplateLiteral(params, '');
	if (offending) {
		throw new NodeOperationError(this.getNode(), `Parameter "${offending}" holds a \${…} literal, which Robotic Crowd cannot take`, {
			itemIndex,
			description:
				'Robotic Crowd treats ${…} inside a parameter value as a workflow variable and misbehaves or fails. Remove it, or write it differently (for example "$ {name}").',
		});
	}
	return params;
}

function workflowIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true })).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `Workflow "${raw}" is not a workflow ID`, {
			itemIndex,
			description: 'Pick a workflow from the list, or give its numeric ID (shown in the project screen of Robotic Crowd).',
		});
	}
	return Number(raw);
}

async function create(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | Awaiting> {
	const workflowId = workflowIdOf.call(this, itemIndex);
	const params = readParams.call(this, itemIndex);
	const run = await roboticCrowdRequest<SessionQueue>(this, {
		method: 'POST',
		path: '/session_queues',
		body: { workflow_id: workflowId, params },
		idempotent: false,
		itemIndex,
	});
	if (!this.getNodeParameter('waitForCompletion', itemIndex, false)) return run;
	return new Awaiting(async () => await waitForRun.call(this, run, itemIndex));
}

// Runs of one node execution that wait together check the newest page at about the same moments: they share one
// read of it per second instead of each spending the organisation's quota on the same page.
const SHARED_READ_MS = 1000;
const newestPages = new WeakMap<object, { at: number; page: Promise<SessionQueuePage> }>();

async function newestRuns(this: IExecuteFunctions, itemIndex: number): Promise<SessionQueue[]> {
	const key = this.getInputData();
	const shared = newestPages.get(key);
	if (shared && Date.now() - shared.at < SHARED_READ_MS) return (await shared.page).session_queues;
	const page = listSessionQueues.call(this, '', 1, MAX_PER_PAGE, itemIndex);
	newestPages.set(key, { at: Date.now(), page });
	page.catch(() => newestPages.delete(key));
	return (await page).session_queues;
}

async function waitForRun(this: IExecuteFunctions, run: SessionQueue, itemIndex: number): Promise<IDataObject> {
	const workflowId = run.workflow?.id;

	const timeoutSeconds = this.getNodeParameter('waitTimeout', itemIndex, 600) as number;
	const options = this.getNodeParameter('createOptions', itemIndex, {}) as { pollInterval?: number; returnFailed?: boolean };
	const outcome = await waitForCompletion(
		async () => {
			const newest = await newestRuns.call(this, itemIndex);
			const current =
				newest.find((r) => Number(r.id) === Number(run.id)) ??
				(await findSessionQueue.call(this, Number(run.id), itemIndex)) ??
				run;
			return { done: FINISHED_STATUSES.includes(current.status), value: current };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: (options.pollInterval ?? 5) * 1000, maxIntervalMs: 30_000 },
	);
	if (!outcome.finished) {
		throw new NodeOperationError(this.getNode(), `Run ${run.id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `Its last status was "${outcome.last.status}". The run goes on in Robotic Crowd; raise the timeout, or follow it with the Robotic Crowd Trigger.`,
		});
	}
	if (outcome.value.status === 'error' && !options.returnFailed) {
		throw new NodeOperationError(this.getNode(), `Run ${run.id} of workflow "${outcome.value.workflow?.name ?? workflowId}" ended with an error`, {
			itemIndex,
			description: 'See the session in Robotic Crowd for the cause. To receive failed runs as output instead, turn on "Return Failed Runs as Output".',
		});
	}
	return outcome.value;
}

async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = parseRunId.call(this, itemIndex);
	const run = await findSessionQueue.call(this, id, itemIndex);
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Run ${id} was not found`, {
			itemIndex,
			description: "Check the ID. Only runs of the API key's project can be read.",
		});
	}
	return run;
}

/** Pages through the runs a query selects (newest first, 50 a page at most) until `limit` are read. */
export async function listRuns(this: RoboticCrowdContext, query: string, limit: number, itemIndex?: number): Promise<SessionQueue[]> {
	return await paginate(runPages(this, query, itemIndex), { limit, maxPageSize: MAX_PER_PAGE });
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = buildQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, this.getTimezone());
	return await listRuns.call(this, query, limitOf.call(this, itemIndex), itemIndex);
}

async function cancel(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = parseRunId.call(this, itemIndex);
	const answer = await roboticCrowdRequest<IDataObject | string | undefined>(this, {
		method: 'DELETE',
		path: `/session_queues/${id}/cancel`,
		idempotent: false,
		itemIndex,
	});
	return answer && typeof answer === 'object' ? { cancelled: true, ...answer } : { id, cancelled: true };
}

export const sessionQueueActions: Record<string, Operation> = {
	create,
	get,
	getMany,
	cancel,
};

