// Queues and queue items: add (one, or many in one call), read one, list, and find a queue by name.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder } from './folders';
import { firstNamed, odataEntity, odataList, odataListById, parseJsonField } from './odata';

export const QUEUE_READ_SCOPES = 'OR.Queues (or OR.Queues.Read)';
const WRITE_SCOPES = 'OR.Queues (or OR.Queues.Write)';

export interface BulkFailure {
	Ordinal?: number | null;
	ErrorCode?: string;
	ErrorMessage?: string;
}

export interface BulkAnswer {
	Success?: boolean;
	Message?: string | null;
	FailedItems?: BulkFailure[] | null;
}

/** The fields of a queue item that hold its content (SpecificData: the same as a string), the bulk of a big one. */
export const CONTENT_FIELDS = ['SpecificContent', 'SpecificData'];

/** SpecificContent and Output are objects in the API; some versions hand them over as JSON strings. */
export function presentQueueItem(item: IDataObject): IDataObject {
	const out: IDataObject = { ...item };
	if (typeof item.SpecificContent === 'string') out.SpecificContent = parseJsonField(item.SpecificContent) as IDataObject;
	if (typeof item.Output === 'string') out.Output = parseJsonField(item.Output) as IDataObject;
	return out;
}

const noSuchQueue = (queueName: string, folder: FolderRef) =>
	`There is no queue named "${queueName}" in ${describeFolder(folder)}: the name must match exactly.`;

/** The Id of the queue with this exact name, or undefined. */
export async function findQueueId(ctx: UiPathContext, name: string, folder: FolderRef, itemIndex?: number): Promise<number | undefined> {
	const options = { folder, itemIndex, scopes: QUEUE_READ_SCOPES, select: 'Id,Name' };
	return (await firstNamed<{ Id: number }>(ctx, '/odata/QueueDefinitions', name, options))?.Id;
}

/** AddQueueItem: never re-sent after a timeout, as the item may have been added. */
export async function addQueueItem(ctx: UiPathContext, itemData: IDataObject, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const created = await uiPathRequest<IDataObject>(ctx, {
		method: 'POST',
		path: '/odata/Queues/UiPathODataSvc.AddQueueItem',
		body: { itemData },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchQueue(String(itemData.Name), folder),
	});
	delete created['@odata.context'];
	return presentQueueItem(created);
}

export async function bulkAddQueueItems(
	ctx: UiPathContext,
	body: { queueName: string; commitType: string; queueItems: IDataObject[] },
	folder: FolderRef,
): Promise<BulkAnswer> {
	return await uiPathRequest<BulkAnswer>(ctx, {
		method: 'POST',
		path: '/odata/Queues/UiPathODataSvc.BulkAddQueueItems',
		body,
		folder,
		idempotent: false,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchQueue(body.queueName, folder),
	});
}

export async function getQueueItem(ctx: UiPathContext, id: string, folder: FolderRef, itemIndex: number, signal?: AbortSignal): Promise<IDataObject> {
	const notFoundHint = `There is no queue item ${id} in this folder: check the ID and the folder (Queue Item → Get Many lists them).`;
	return presentQueueItem(await odataEntity(ctx, `/odata/QueueItems(${id})`, { folder, itemIndex, scopes: QUEUE_READ_SCOPES, notFoundHint, signal }));
}

/** Queue items newest first (by Id, keyset paged). */
export async function listQueueItems(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	const found = await odataListById<IDataObject>(ctx, '/odata/QueueItems', {
		qs,
		folder,
		limit,
		maxPageSize: 100,
		itemIndex,
		scopes: QUEUE_READ_SCOPES,
	});
	return found.map(presentQueueItem);
}

/** The queue definitions of a folder. */
export async function listQueues(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/QueueDefinitions', { qs, folder, limit, itemIndex, scopes: QUEUE_READ_SCOPES });
}

const noSuchItem = (id: string) => `There is no queue item ${id} in this folder: check the ID and the folder (Queue Item → Get Many lists them).`;

/** PUT QueueItems(id): Orchestrator changes only Priority, SpecificContent, DueDate, DeferDate and Progress. */
export async function updateQueueItem(ctx: UiPathContext, id: string, changes: IDataObject, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'PUT',
		path: `/odata/QueueItems(${id})`,
		body: changes,
		folder,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchItem(id),
		expectEmpty: true,
	});
}

export async function deleteQueueItem(ctx: UiPathContext, id: string, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'DELETE',
		path: `/odata/QueueItems(${id})`,
		folder,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchItem(id),
		expectEmpty: true,
	});
}

/** The newest retry of an item (the item itself when it was never retried). */
export async function getItemLastRetry(ctx: UiPathContext, id: string, folder: FolderRef, itemIndex: number, signal?: AbortSignal): Promise<IDataObject> {
	const path = `/odata/QueueItems(${id})/UiPath.Server.Configuration.OData.GetItemLastRetry`;
	return presentQueueItem(await odataEntity(ctx, path, { folder, itemIndex, scopes: QUEUE_READ_SCOPES, notFoundHint: noSuchItem(id), signal }));
}
