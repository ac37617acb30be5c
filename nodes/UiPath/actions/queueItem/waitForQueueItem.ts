// Waits for an added queue item until a robot processed it: polls the item by Id (not the rate-limited list), and
// follows Orchestrator's retry copy when a try failed with an application exception.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { cancelSignalOf } from '../../../shared/abort';
import type { WaitSettings } from '../../../shared/parameters';
import { waitForCompletion } from '../../../shared/waitFor';
import { getItemLastRetry, getQueueItem } from '../../api/queues';
import type { FolderRef, UiPathContext } from '../../transport';

export const FINISHED_ITEM_STATES = ['Successful', 'Failed', 'Abandoned', 'Deleted'];

/** A processed item as the node outputs it; Failed or Abandoned fails the item unless Return … as Output is on. */
export function processedItemOutput(ctx: Pick<IExecuteFunctions, 'getNode'>, item: IDataObject, returnFailed: boolean, itemIndex: number): IDataObject {
	checkOutcome(ctx, item, returnFailed, itemIndex);
	return item;
}

/** The item's latest try: when a try failed and Orchestrator queued a copy, the copy is what a robot processes next. */
export async function readLatestTry(ctx: UiPathContext, id: string, folder: FolderRef, itemIndex: number, signal?: AbortSignal): Promise<IDataObject> {
	const current = await getQueueItem(ctx, id, folder, itemIndex, signal);
	return current.Status === 'Retried' ? await getItemLastRetry(ctx, id, folder, itemIndex, signal) : current;
}

/** Throws what a user must know about an item that did not end Successful (unless it is to be returned). */
function checkOutcome(ctx: Pick<IExecuteFunctions, 'getNode'>, item: IDataObject, returnFailed: boolean, itemIndex: number): void {
	const returnAsOutput = 'To receive failed and abandoned items as output instead, turn on "Return Failed and Abandoned Items as Output".';
	if (item.Status === 'Deleted') {
		throw new NodeOperationError(ctx.getNode(), `Queue item ${String(item.Id)} was deleted before a robot processed it`, { itemIndex, description: 'Someone deleted it in Orchestrator or with Queue Item → Delete.' });
	}
	if (item.Status === 'Successful' || returnFailed) return;
	if (item.Status === 'Abandoned') {
		throw new NodeOperationError(ctx.getNode(), `Queue item ${String(item.Id)} was abandoned (in progress for too long without a result)`, { itemIndex, description: returnAsOutput });
	}
	const exception = (item.ProcessingException ?? {}) as IDataObject;
	const why = [exception.Type, exception.Reason].filter(Boolean).join(': ') || 'no reason given';
	throw new NodeOperationError(ctx.getNode(), `Queue item ${String(item.Id)} failed: ${String(why)}`, {
		itemIndex,
		description: `${exception.Details ? `${String(exception.Details)}. ` : ''}${returnAsOutput}`,
	});
}

export async function waitForQueueItem(
	this: IExecuteFunctions,
	added: IDataObject,
	target: { queueName: string; folder: FolderRef },
	itemIndex: number,
	settings: WaitSettings,
): Promise<IDataObject> {
	const { folder } = target;
	let id = String(added.Id);
	const outcome = await waitForCompletion(
		async (ends) => {
			let current = await getQueueItem(this, id, folder, itemIndex, ends);
			// Retried: this try failed and Orchestrator queued a copy; the copy is what a robot processes next.
			if (current.Status === 'Retried') {
				current = await getItemLastRetry(this, id, folder, itemIndex, ends);
				id = String(current.Id);
			}
			return { done: FINISHED_ITEM_STATES.includes(String(current.Status)), value: current };
		},
		// A cancelled execution ends the wait at once, not at the next check (which may be 30 s away).
		{ timeoutMs: settings.timeoutSeconds * 1000, initialIntervalMs: settings.intervalMs, maxIntervalMs: 30_000, signal: cancelSignalOf(this) },
	);
	if (!outcome.finished) {
		const { last } = outcome;
		throw new NodeOperationError(
			this.getNode(),
			last ? `Queue item ${id} was still ${String(last.Status)} after ${settings.timeoutSeconds} seconds` : `Queue item ${id} could not be read within ${settings.timeoutSeconds} seconds`,
			{
				itemIndex,
				description: last
					? `Is a robot or a queue trigger processing queue "${target.queueName}"? Raise the timeout, or check the queue's trigger. The item stays in the queue.`
					: 'Orchestrator refused the reads (429, 503) or did not answer, and n8n was waiting to try again. The item stays in the queue.',
			},
		);
	}
	return processedItemOutput(this, outcome.value, settings.returnFailed, itemIndex);
}
