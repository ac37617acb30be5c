import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { paginate } from '../shared/paginate';
import { FinishedRecordsCursor, type CursorState } from '../shared/pollCursor';
import { withParsedArguments } from '../UiPath/api/jobs';
import { anyOf, parseJsonField } from '../UiPath/api/odata';
import { findQueueId } from '../UiPath/api/queues';
import { searchFolders, searchQueues } from '../UiPath/methods/listSearch';
import { authenticationProperty, folderLocator, queueLocator, uiPathCredentials } from '../UiPath/descriptions';
import { folderRefFrom, odataString, uiPathRequest, type FolderRef } from '../UiPath/transport';

// A job's EndTime can become visible a little after the moment it names. Each poll reads back this far behind
// the newest end time it has seen, and remembers the ids it emitted over that stretch, so such late writes are
// caught and nothing is emitted twice.
const LOOKBACK_MS = 2 * 60_000;
const JOB_PAGE = 1000;
const QUEUE_ITEM_PAGE = 100;

interface Watch {
	/** the static-data key of this folder or queue's cursor */
	key: string;
	path: string;
	folder: FolderRef;
	baseFilter: string;
	timeField: 'EndTime' | 'EndProcessing';
	pageSize: number;
	shape: (record: IDataObject) => IDataObject;
}

const timeOf = (record: IDataObject, field: string) => Date.parse(String(record[field]));

function withParsedQueueItem(item: IDataObject): IDataObject {
	return {
		...item,
		SpecificContent: parseJsonField(item.SpecificContent) as IDataObject,
		Output: parseJsonField(item.Output) as IDataObject,
	};
}

export class UiPathTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UiPath Trigger',
		name: 'uiPathTrigger',
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "queueItemFinished" ? "Queue item finished" : "Job finished"}}',
		description: 'Starts the workflow when UiPath Orchestrator jobs or queue items finish, whoever started them',
		defaults: { name: 'UiPath Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: uiPathCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Job Finished', value: 'jobFinished', description: 'A job ends Successful, Faulted or Stopped' },
					{ name: 'Queue Item Finished', value: 'queueItemFinished', description: 'A queue item is processed' },
				],
				default: 'jobFinished',
			},
			{
				displayName: 'Folders',
				name: 'folders',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Folder',
				default: {},
				required: true,
				description: 'The folders whose jobs to watch',
				displayOptions: { show: { event: ['jobFinished'] } },
				options: [{ name: 'folder', displayName: 'Folder', values: [{ ...folderLocator, description: '' }] }],
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: [
					{ name: 'Faulted', value: 'Faulted' },
					{ name: 'Stopped', value: 'Stopped' },
					{ name: 'Successful', value: 'Successful' },
				],
				default: ['Successful', 'Faulted', 'Stopped'],
				description: 'Fire for jobs that end in these states',
				displayOptions: { show: { event: ['jobFinished'] } },
			},
			{
				displayName: 'Process Name',
				name: 'processName',
				type: 'string',
				default: '',
				description: 'Only jobs of this process (release name). Leave empty for every process.',
				displayOptions: { show: { event: ['jobFinished'] } },
			},
			{ ...folderLocator, displayOptions: { show: { event: ['queueItemFinished'] } } },
			{ ...queueLocator, displayOptions: { show: { event: ['queueItemFinished'] } } },
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Abandoned', value: 'Abandoned' },
					{ name: 'Failed', value: 'Failed' },
					{ name: 'Successful', value: 'Successful' },
				],
				default: ['Successful', 'Failed'],
				description: 'Fire for queue items that end with these statuses',
				displayOptions: { show: { event: ['queueItemFinished'] } },
			},
		],
	};

	methods = { listSearch: { searchFolders, searchQueues } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watches = await watchesOf(this);
		const staticData = this.getWorkflowStaticData('node') as IDataObject & { cursors?: Record<string, CursorState> };

		// "Fetch test event": the latest finished record across the watched folders; the cursors stay where they are.
		if (this.getMode() === 'manual') {
			const latest: IDataObject[] = [];
			for (const watch of watches) {
				const [record] = await readPage(this, watch, watch.baseFilter, `${watch.timeField} desc,Id desc`, 1, 0);
				if (record) latest.push(watch.shape(record));
			}
			const newest = latest.sort((a, b) => timeOf(b, watches[0].timeField) - timeOf(a, watches[0].timeField))[0];
			return newest ? [[{ json: newest }]] : null;
		}

		const cursors = { ...(staticData.cursors ?? {}) };
		const emitted: IDataObject[] = [];
		for (const watch of watches) {
			const firstPoll = !cursors[watch.key];
			let state = cursors[watch.key];
			if (firstPoll) {
				// Start at the newest finished record: what finished before activation is history, not news.
				const [latest] = await readPage(this, watch, watch.baseFilter, `${watch.timeField} desc,Id desc`, 1, 0);
				state = FinishedRecordsCursor.start(latest ? timeOf(latest, watch.timeField) : Date.now());
			}
			const cursor = new FinishedRecordsCursor(state, LOOKBACK_MS);
			const records = await readWindow(this, watch, cursor.queryFrom);
			const idOf = (r: IDataObject) => String(r.Id);
			const time = (r: IDataObject) => timeOf(r, watch.timeField);
			if (firstPoll) cursor.skip(records, idOf, time);
			else emitted.push(...cursor.take(records, idOf, time).map(watch.shape));
			cursors[watch.key] = cursor.advance(Math.max(state.time, ...records.map(time)));
		}
		// Only now, with every window read, do the cursors move: an error above (a 429 that outlasted the retries)
		// leaves them where they were, and the next poll reads the same windows again.
		staticData.cursors = cursors;
		return emitted.length ? [emitted.map((json) => ({ json }))] : null;
	}
}

async function watchesOf(ctx: IPollFunctions): Promise<Watch[]> {
	if (ctx.getNodeParameter('event') === 'queueItemFinished') {
		const folder = folderRefFrom(ctx.getNodeParameter('folder') as IDataObject);
		const queueName = String(ctx.getNodeParameter('queue', '', { extractValue: true }) ?? '').trim();
		const statuses = ctx.getNodeParameter('statuses', []) as string[];
		if (!folder || !queueName || !statuses.length) {
			throw new NodeOperationError(ctx.getNode(), 'Pick a folder, a queue and at least one status to watch');
		}
		const queueId = await findQueueId(ctx, queueName, folder);
		if (queueId === undefined) {
			throw new NodeOperationError(ctx.getNode(), `There is no queue named "${queueName}" in this folder`, {
				description: 'Pick the queue from the list, or check its name and the folder.',
			});
		}
		return [
			{
				key: `queue:${folder.by}:${folder.value}:${queueId}`,
				path: '/odata/QueueItems',
				folder,
				baseFilter: `QueueDefinitionId eq ${queueId} and ${anyOf('Status', statuses)}`,
				timeField: 'EndProcessing',
				pageSize: QUEUE_ITEM_PAGE,
				shape: withParsedQueueItem,
			},
		];
	}
	const entries = ((ctx.getNodeParameter('folders', {}) as IDataObject).folder ?? []) as Array<{ folder: IDataObject }>;
	const folders = entries.map((e) => folderRefFrom(e.folder)).filter((f): f is FolderRef => f !== undefined);
	const states = ctx.getNodeParameter('states', []) as string[];
	const processName = String(ctx.getNodeParameter('processName', '') ?? '').trim();
	if (!folders.length || !states.length) {
		throw new NodeOperationError(ctx.getNode(), 'Pick at least one folder and one state to watch');
	}
	const baseFilter = [anyOf('State', states), ...(processName ? [`ReleaseName eq ${odataString(processName)}`] : [])].join(' and ');
	return folders.map((folder) => ({
		key: `jobs:${folder.by}:${folder.value}`,
		path: '/odata/Jobs',
		folder,
		baseFilter,
		timeField: 'EndTime' as const,
		pageSize: JOB_PAGE,
		shape: withParsedArguments,
	}));
}

async function readPage(ctx: IPollFunctions, watch: Watch, filter: string, orderBy: string, top: number, skip: number) {
	const answer = await uiPathRequest<{ value: IDataObject[] }>(ctx, {
		method: 'GET',
		path: watch.path,
		qs: { $filter: filter, $orderby: orderBy, $top: top, ...(skip ? { $skip: skip } : {}) },
		folder: watch.folder,
		scopes: watch.path === '/odata/Jobs' ? 'OR.Jobs (or OR.Jobs.Read)' : 'OR.Queues (or OR.Queues.Read)',
	});
	return answer.value ?? [];
}

/**
 * Everything that finished at or after `from`, oldest first: one request unless more than a page finished.
 * Finished records never leave the list, so a record inserted ahead of the offset between two pages only makes a
 * later record appear twice (the cursor drops it); none is skipped.
 */
async function readWindow(ctx: IPollFunctions, watch: Watch, from: number): Promise<IDataObject[]> {
	const filter = `${watch.baseFilter} and ${watch.timeField} ge ${new Date(from).toISOString()}`;
	return await paginate(
		async ({ size, offset }) => ({ items: await readPage(ctx, watch, filter, `${watch.timeField} asc,Id asc`, size, offset) }),
		{ limit: Infinity, maxPageSize: watch.pageSize, shrinkLastPage: true },
	);
}
