// What the UiPath Trigger watches: one job list per folder, or one queue's items, each with its own cursor; and
// how a watch reads the records that finished (through UiPath/api).
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { paginate } from '../shared/paginate';
import { textOf } from '../shared/text';
import { withParsedArguments } from '../UiPath/api/jobs';
import { anyOf, odataPage, parseJsonField } from '../UiPath/api/odata';
import { findQueueId } from '../UiPath/api/queues';
import { folderRefFrom, odataString, type FolderRef } from '../UiPath/transport';

const JOB_PAGE = 1000;
const QUEUE_ITEM_PAGE = 100;
// A backlog (after downtime) is read in slices of this many pages per poll, oldest first.
const PAGES_PER_POLL = 5;

/** Queue ids found by name, kept in the trigger's static data: the lookup is not repeated on every poll. */
export type QueueIdCache = Record<string, { name: string; id: number }>;

export interface Watch {
	/** the static-data key of this folder or queue's cursor */
	key: string;
	path: string;
	folder: FolderRef;
	baseFilter: string;
	timeField: 'EndTime' | 'EndProcessing';
	pageSize: number;
	shape: (record: IDataObject) => IDataObject;
}

export const timeOf = (record: IDataObject, field: string) => Date.parse(String(record[field]));

function withParsedQueueItem(item: IDataObject): IDataObject {
	return {
		...item,
		SpecificContent: parseJsonField(item.SpecificContent) as IDataObject,
		Output: parseJsonField(item.Output) as IDataObject,
	};
}

async function cachedQueueId(ctx: IPollFunctions, cache: QueueIdCache, queueName: string, folder: FolderRef) {
	const key = `${folder.by}:${folder.value}`;
	if (cache[key]?.name === queueName) return cache[key].id;
	const id = await findQueueId(ctx, queueName, folder);
	if (id !== undefined) cache[key] = { name: queueName, id };
	return id;
}

export async function watchesOf(ctx: IPollFunctions, queueIds: QueueIdCache = {}): Promise<Watch[]> {
	if (ctx.getNodeParameter('event') === 'queueItemFinished') {
		const folder = folderRefFrom(ctx.getNodeParameter('folder') as IDataObject);
		const queueName = textOf(ctx.getNodeParameter('queue', '', { extractValue: true })).trim();
		const statuses = ctx.getNodeParameter('statuses', []) as string[];
		if (!folder || !queueName || !statuses.length) {
			throw new NodeOperationError(ctx.getNode(), 'Pick a folder, a queue and at least one status to watch');
		}
		const queueId = await cachedQueueId(ctx, queueIds, queueName, folder);
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
	const scopes = watch.path === '/odata/Jobs' ? 'OR.Jobs (or OR.Jobs.Read)' : 'OR.Queues (or OR.Queues.Read)';
	const qs = { $filter: filter, $orderby: orderBy };
	const { items } = await odataPage(ctx, watch.path, { offset: skip, page: 1, size: top }, { qs, folder: watch.folder, scopes });
	return items;
}

/** The watch's newest finished record, or undefined. */
export async function readLatest(ctx: IPollFunctions, watch: Watch): Promise<IDataObject | undefined> {
	const [record] = await readPage(ctx, watch, watch.baseFilter, `${watch.timeField} desc,Id desc`, 1, 0);
	return record;
}

/**
 * What finished at or after `from`, oldest first: one request unless more than a page finished, and at most
 * PAGES_PER_POLL pages once they hold new records (a backlog goes on at the next poll, from where this one ended).
 * Finished records never leave the list, so a record inserted ahead of the offset between two pages only makes a
 * later record appear twice (the cursor drops it); none is skipped.
 */
export async function readWindow(ctx: IPollFunctions, watch: Watch, from: number, isNew: (r: IDataObject) => boolean = () => true): Promise<IDataObject[]> {
	const filter = `${watch.baseFilter} and ${watch.timeField} ge ${new Date(from).toISOString()}`;
	let fresh = 0;
	return await paginate(
		async ({ size, offset }) => ({ items: await readPage(ctx, watch, filter, `${watch.timeField} asc,Id asc`, size, offset) }),
		{
			limit: Infinity,
			maxPageSize: watch.pageSize,
			shrinkLastPage: true,
			// Pages of records emitted already (the lookback) do not count: every poll moves the cursor on.
			stopAfter: (page) => (fresh += page.filter(isNew).length) >= PAGES_PER_POLL * watch.pageSize,
		},
	);
}
