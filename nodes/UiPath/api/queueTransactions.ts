// Queue transactions: n8n as a queue worker. Take the next item of a queue, report its progress and its result.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder } from './folders';
import { presentQueueItem } from './queues';

const WRITE_SCOPES = 'OR.Queues (or OR.Queues.Write)';

const noSuchItem = (id: string) => `There is no queue item ${id} in this folder: check the ID (from Queue Transaction → Start) and the folder.`;

/**
 * StartTransaction: the next New item of the queue, now InProgress; undefined when the queue has none (204).
 * Never re-sent: a second call would take a second item.
 */
export async function startTransaction(
	ctx: UiPathContext,
	transactionData: IDataObject,
	folder: FolderRef,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const answer = await uiPathRequest<IDataObject | string | undefined>(ctx, {
		method: 'POST',
		path: '/odata/Queues/UiPathODataSvc.StartTransaction',
		body: { transactionData },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: `There is no queue named "${String(transactionData.Name)}" in ${describeFolder(folder)}: pick it from the list (queues are per folder).`,
	});
	if (!answer || typeof answer !== 'object' || answer.Id === undefined) return undefined;
	delete answer['@odata.context'];
	return presentQueueItem(answer);
}

/** A report on a transaction in progress: answers 204; never re-sent, as a result may already be recorded. */
async function reportOnTransaction(ctx: UiPathContext, path: string, body: IDataObject, id: string, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'POST',
		path,
		body,
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchItem(id),
		expectEmpty: true,
	});
}

/** SetTransactionResult (the path says Queues, but the key is the queue item's Id). */
export async function setTransactionResult(ctx: UiPathContext, id: string, transactionResult: IDataObject, folder: FolderRef, itemIndex: number): Promise<void> {
	await reportOnTransaction(ctx, `/odata/Queues(${id})/UiPathODataSvc.SetTransactionResult`, { transactionResult }, id, folder, itemIndex);
}

export async function setTransactionProgress(ctx: UiPathContext, id: string, progress: string, folder: FolderRef, itemIndex: number): Promise<void> {
	await reportOnTransaction(ctx, `/odata/QueueItems(${id})/UiPathODataSvc.SetTransactionProgress`, { progress }, id, folder, itemIndex);
}
