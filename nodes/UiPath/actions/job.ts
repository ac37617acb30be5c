// Job: start a process (optionally waiting for it), get one, get many, stop.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { jsonObjectOf, limitOf, returnAllFields } from '../../shared/parameters';
import { Awaiting } from '../../shared/router';
import { waitForCompletion } from '../../shared/waitFor';
import { odataString, uiPathRequest, type FolderRef } from '../transport';
import { odataList } from '../api/odata';
import { folderField, folderOf, jobStateOptions, odataDate, withParsedArguments } from './common';

const resource = ['job'];
const op = (...operation: string[]) => ({ resource, operation });

export const FINISHED_JOB_STATES = ['Successful', 'Faulted', 'Stopped'];
const MAX_INPUT_ARGUMENTS = 10_000;
const JOB_SCOPES = 'OR.Jobs (or OR.Jobs.Read / OR.Jobs.Write)';

export interface Job extends IDataObject {
	Id: number;
	Key: string;
	State: string;
	Info?: string | null;
	ReleaseName?: string;
}

export const jobOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get a job', description: 'Get one job by its ID or Key' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many jobs', description: 'List jobs with filters' },
		{ name: 'Start', value: 'start', action: 'Start a job', description: 'Start a process, optionally waiting for it to finish' },
		{ name: 'Stop', value: 'stop', action: 'Stop a job', description: 'Stop a running job, softly or by killing it' },
	],
	default: 'start',
};

export const jobFields: INodeProperties[] = [
	folderField(op('start', 'get', 'getMany', 'stop')),
	{
		displayName: 'Process',
		name: 'process',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: op('start') },
		description: 'The process (release) to run',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchProcesses', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. InvoiceProcessing' },
			{
				displayName: 'By Release Key',
				name: 'key',
				type: 'string',
				placeholder: 'e.g. 5b1c3e43-8a1f-4c3b-9f0e-2d6a7c4b8e11',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9a-fA-F-]{36}$', errorMessage: 'A release key is a GUID' },
					},
				],
			},
		],
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		displayOptions: { show: op('start') },
		options: [
			{ name: 'All Robots', value: 'All', description: 'One job on each robot of the folder (classic folders)' },
			{ name: 'Jobs Count (Classic)', value: 'JobsCount', description: 'Start a number of jobs (classic folders)' },
			{ name: 'Jobs Count (Modern Folders)', value: 'ModernJobsCount', description: 'Start a number of jobs; Orchestrator picks the robots' },
			{ name: 'Robot Count', value: 'RobotCount', description: 'Run on a number of robots' },
			{ name: 'Specific Robots', value: 'Specific', description: 'One job on each of the given robots' },
		],
		default: 'ModernJobsCount',
	},
	{
		displayName: 'Jobs Count',
		name: 'jobsCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { ...op('start'), strategy: ['ModernJobsCount', 'JobsCount'] } },
	},
	{
		displayName: 'Robot IDs',
		name: 'robotIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12, 15',
		displayOptions: { show: { ...op('start'), strategy: ['Specific'] } },
		description: 'IDs of the robots to run on, separated by commas (Robot → Get Many lists them)',
	},
	{
		displayName: 'Number of Robots',
		name: 'noOfRobots',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show: { ...op('start'), strategy: ['RobotCount'] } },
	},
	{
		displayName: 'Input Arguments',
		name: 'inputArguments',
		type: 'json',
		default: '{}',
		displayOptions: { show: op('start') },
		description: "An object of the process's input arguments, e.g. {\"customerId\": 42}. Sent as the JSON string Orchestrator wants (at most 10,000 characters).",
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		displayOptions: { show: op('start') },
		description: 'Whether to wait until the job finishes and return it with its output arguments',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		displayOptions: { show: { ...op('start'), waitForCompletion: [true] } },
		description: 'How long to wait before failing with a timeout error. The job itself goes on.',
	},
	{
		displayName: 'Options',
		name: 'startOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: op('start') },
		options: [
			{
				displayName: 'Check Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'With Wait for Completion: first pause between checks of the job; it grows by half each time, up to 30 seconds',
			},
			{
				displayName: 'Priority',
				name: 'jobPriority',
				type: 'options',
				options: [
					{ name: 'Low', value: 'Low' },
					{ name: 'Normal', value: 'Normal' },
					{ name: 'High', value: 'High' },
				],
				default: 'Normal',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own reference for the job (at most 128 characters), to find it again',
			},
			{
				displayName: 'Return Faulted and Stopped Jobs as Output',
				name: 'returnFailed',
				type: 'boolean',
				default: false,
				description: 'Whether a job that ends Faulted or Stopped is returned as output instead of failing the node',
			},
			{
				displayName: 'Runtime Type',
				name: 'runtimeType',
				type: 'options',
				options: ['Unattended', 'NonProduction', 'Attended', 'Development', 'Headless', 'TestAutomation', 'Serverless'].map((v) => ({ name: v, value: v })),
				default: 'Unattended',
				description: 'The kind of licence the robot runs the job with',
			},
		],
	},
	{
		displayName: 'Job',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234 or a job Key',
		displayOptions: { show: op('get', 'stop') },
		description: 'The job\'s numeric ID, or its Key (GUID)',
	},
	{
		displayName: 'Stop Strategy',
		name: 'stopStrategy',
		type: 'options',
		displayOptions: { show: op('stop') },
		options: [
			{ name: 'Soft Stop', value: 'SoftStop', description: 'Ask the process to stop where it checks for it' },
			{ name: 'Kill', value: 'Kill', description: 'End the process at once' },
		],
		default: 'SoftStop',
	},
	...returnAllFields(op('getMany')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: op('getMany') },
		options: [
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
			{ displayName: 'Ended After', name: 'endedAfter', type: 'dateTime', default: '' },
			{ displayName: 'Ended Before', name: 'endedBefore', type: 'dateTime', default: '' },
			{ displayName: 'Process Name', name: 'processName', type: 'string', default: '', description: 'Only jobs of this process (release name)' },
			{ displayName: 'Reference', name: 'reference', type: 'string', default: '' },
			{ displayName: 'States', name: 'states', type: 'multiOptions', options: jobStateOptions, default: [] },
		],
	},
];

// Release keys looked up by name, per node execution: a batch of items starting the same process asks once.
const releaseKeyCache = new WeakMap<object, Map<string, string>>();

async function releaseKeyOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<string> {
	const locator = this.getNodeParameter('process', itemIndex) as { mode: string; value: string };
	const value = String(locator?.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), 'Pick a process', { itemIndex, description: 'Choose the process to run from the list, or give its name or release key.' });
	}
	if (locator.mode !== 'name') return value;
	const cache = releaseKeyCache.get(this.getInputData()) ?? new Map<string, string>();
	releaseKeyCache.set(this.getInputData(), cache);
	const cacheKey = `${folder.by}:${folder.value}:${value}`;
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	const { value: releases } = await uiPathRequest<{ value: Array<{ Key: string }> }>(this, {
		method: 'GET',
		path: '/odata/Releases',
		qs: { $filter: `Name eq ${odataString(value)}`, $top: 1, $select: 'Key,Name' },
		folder,
		itemIndex,
		scopes: 'OR.Execution (or OR.Execution.Read)',
	});
	if (!releases?.length) {
		throw new NodeOperationError(this.getNode(), `There is no process named "${value}" in this folder`, {
			itemIndex,
			description: 'Process → Get Many lists the processes of a folder; the name must match exactly. A process must be published to the folder before it can run.',
		});
	}
	cache.set(cacheKey, releases[0].Key);
	return releases[0].Key;
}

function inputArgumentsOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const parsed = jsonObjectOf.call(this, 'inputArguments', itemIndex, {
		label: 'Input Arguments',
		example: '{"customerId": 42, "notify": true}',
		keys: 'Each key is an input argument of the process, e.g. {"customerId": 42}.',
	});
	if (!Object.keys(parsed).length) return undefined;
	const text = JSON.stringify(parsed);
	if (text.length > MAX_INPUT_ARGUMENTS) {
		throw new NodeOperationError(this.getNode(), `Input Arguments are ${text.length} characters long; UiPath takes at most 10,000`, {
			itemIndex,
			description: 'Pass large data another way: a queue item, a storage bucket, or a reference the process can look up.',
		});
	}
	return text;
}

function startInfoOf(this: IExecuteFunctions, itemIndex: number, releaseKey: string): IDataObject {
	const strategy = this.getNodeParameter('strategy', itemIndex) as string;
	const options = this.getNodeParameter('startOptions', itemIndex, {}) as IDataObject;
	const startInfo: IDataObject = { ReleaseKey: releaseKey, Strategy: strategy };
	if (strategy === 'ModernJobsCount' || strategy === 'JobsCount') startInfo.JobsCount = this.getNodeParameter('jobsCount', itemIndex, 1);
	if (strategy === 'RobotCount') startInfo.NoOfRobots = this.getNodeParameter('noOfRobots', itemIndex, 1);
	if (strategy === 'Specific') {
		const ids = String(this.getNodeParameter('robotIds', itemIndex, ''))
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		if (!ids.length || ids.some((id) => !/^\d+$/.test(id))) {
			throw new NodeOperationError(this.getNode(), 'Robot IDs must be numbers separated by commas', {
				itemIndex,
				description: 'Robot → Get Many lists the robots of the folder and their IDs.',
			});
		}
		startInfo.RobotIds = ids.map(Number);
	}
	if (strategy === 'All') {
		// As the seed sends it: no robot list, Orchestrator uses every robot of the folder.
		startInfo.RobotIds = [];
		startInfo.NoOfRobots = 0;
	}
	const inputArguments = inputArgumentsOf.call(this, itemIndex);
	if (inputArguments !== undefined) startInfo.InputArguments = inputArguments;
	if (options.jobPriority) startInfo.JobPriority = options.jobPriority;
	if (options.runtimeType) startInfo.RuntimeType = options.runtimeType;
	if (options.reference) {
		const reference = String(options.reference);
		if (reference.length > 128) {
			throw new NodeOperationError(this.getNode(), 'Reference is longer than 128 characters', { itemIndex });
		}
		startInfo.Reference = reference;
	}
	return startInfo;
}

export async function getJobById(this: IExecuteFunctions, id: number, folder: FolderRef, itemIndex: number): Promise<Job> {
	return await uiPathRequest<Job>(this, {
		method: 'GET',
		path: `/odata/Jobs(${id})`,
		folder,
		itemIndex,
		scopes: JOB_SCOPES,
		notFoundHint: `There is no job ${id} in this folder: check the ID and the folder.`,
	});
}

async function waitForJob(this: IExecuteFunctions, job: Job, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const timeoutSeconds = this.getNodeParameter('waitTimeout', itemIndex, 600) as number;
	const options = this.getNodeParameter('startOptions', itemIndex, {}) as { pollInterval?: number; returnFailed?: boolean };
	// One job by Id: not the rate-limited list call.
	const outcome = await waitForCompletion(
		async () => {
			const current = await getJobById.call(this, job.Id, folder, itemIndex);
			return { done: FINISHED_JOB_STATES.includes(current.State), value: current };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: (options.pollInterval ?? 5) * 1000, maxIntervalMs: 30_000 },
	);
	if (!outcome.finished) {
		throw new NodeOperationError(this.getNode(), `Job ${job.Id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `Its last state was ${outcome.last.State}. The job goes on in Orchestrator; raise the timeout, or follow it with the UiPath Trigger.`,
		});
	}
	const finished = outcome.value;
	if (finished.State !== 'Successful' && !options.returnFailed) {
		const why = finished.Info || (finished.JobError as IDataObject | undefined)?.Details || 'no reason given';
		throw new NodeOperationError(this.getNode(), `Job ${finished.Id} (${finished.ReleaseName ?? 'process'}) ended ${finished.State}: ${String(why)}`, {
			itemIndex,
			description: 'To receive faulted and stopped jobs as output instead, turn on "Return Faulted and Stopped Jobs as Output".',
		});
	}
	return withParsedArguments(finished);
}

async function start(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | Awaiting> {
	const folder = folderOf.call(this, itemIndex);
	const releaseKey = await releaseKeyOf.call(this, folder, itemIndex);
	const startInfo = startInfoOf.call(this, itemIndex, releaseKey);
	const { value: jobs } = await uiPathRequest<{ value: Job[] }>(this, {
		method: 'POST',
		path: '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs',
		body: { startInfo },
		folder,
		idempotent: false,
		itemIndex,
		scopes: 'OR.Jobs (or OR.Jobs.Write)',
		notFoundHint: 'The process was not found in this folder: Process → Get Many lists the processes of a folder.',
	});
	if (!this.getNodeParameter('waitForCompletion', itemIndex, false)) return jobs.map(withParsedArguments);
	return new Awaiting(async () => await Promise.all(jobs.map(async (job) => await waitForJob.call(this, job, folder, itemIndex))));
}

async function jobOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<Job> {
	const ref = String(this.getNodeParameter('jobId', itemIndex)).trim();
	if (/^\d+$/.test(ref)) return await getJobById.call(this, Number(ref), folder, itemIndex);
	if (/^[0-9a-fA-F-]{36}$/.test(ref)) {
		const { value } = await uiPathRequest<{ value: Job[] }>(this, {
			method: 'GET',
			path: '/odata/Jobs',
			qs: { $filter: `Key eq ${ref}`, $top: 1 },
			folder,
			itemIndex,
			scopes: JOB_SCOPES,
		});
		if (value?.length) return value[0];
		throw new NodeOperationError(this.getNode(), `There is no job with Key ${ref} in this folder`, { itemIndex, description: 'Check the Key and the folder.' });
	}
	throw new NodeOperationError(this.getNode(), `"${ref}" is neither a job ID nor a job Key`, {
		itemIndex,
		description: 'Give the numeric Id or the Key (GUID) of the job, e.g. from Start or Get Many.',
	});
}

async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return withParsedArguments(await jobOf.call(this, folderOf.call(this, itemIndex), itemIndex));
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const clauses: string[] = [];
	const states = (filters.states as string[] | undefined) ?? [];
	if (states.length) clauses.push(`(${states.map((s) => `State eq ${odataString(s)}`).join(' or ')})`);
	if (filters.processName) clauses.push(`ReleaseName eq ${odataString(String(filters.processName))}`);
	if (filters.reference) clauses.push(`Reference eq ${odataString(String(filters.reference))}`);
	if (filters.createdAfter) clauses.push(`CreationTime ge ${odataDate(String(filters.createdAfter), timeZone)}`);
	if (filters.createdBefore) clauses.push(`CreationTime lt ${odataDate(String(filters.createdBefore), timeZone)}`);
	if (filters.endedAfter) clauses.push(`EndTime ge ${odataDate(String(filters.endedAfter), timeZone)}`);
	if (filters.endedBefore) clauses.push(`EndTime lt ${odataDate(String(filters.endedBefore), timeZone)}`);
	const qs: IDataObject = { $orderby: 'CreationTime desc,Id desc' };
	if (clauses.length) qs.$filter = clauses.join(' and ');
	const jobs = await odataList<Job>(this, '/odata/Jobs', {
		qs,
		folder: folderOf.call(this, itemIndex),
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		scopes: JOB_SCOPES,
	});
	return jobs.map(withParsedArguments);
}

async function stop(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const job = await jobOf.call(this, folder, itemIndex);
	const strategy = this.getNodeParameter('stopStrategy', itemIndex) as string;
	await uiPathRequest(this, {
		method: 'POST',
		path: `/odata/Jobs(${job.Id})/UiPath.Server.Configuration.OData.StopJob`,
		body: { strategy },
		folder,
		idempotent: false,
		itemIndex,
		scopes: 'OR.Jobs (or OR.Jobs.Write)',
		expectEmpty: true,
	});
	return { Id: job.Id, Key: job.Key, stopRequested: true, strategy };
}

export const jobActions = { start, get, getMany, stop };
