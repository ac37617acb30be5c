// Waits for an added queue item until a robot processed it: polls the item by Id (not the rate-limited list), and
// follows Orchestrator's retry copy when a try failed with an application exception.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { cancelSignalOf } from '../../../shared/abort';
import type { WaitSettings } from '../../../shared/parameters';
import { waitForCompletion } from '../../../shared/waitFor';
import { getItemLastRetry, getQueueItem } from '../../api/queues';
import type { FolderRef } from '../../transport';

const FINISHED = ['Successful', 'Failed', 'Abandoned', 'Deleted'];

/** Throws what a user must know about an item that did not end Successful (unless it is to be returned). */
function checkOutcome(this: IExecuteFunctions, item: IDataObject, settings: WaitSettings, itemIndex: number): void {
	const returnAsOutput = 'To receive failed and abandoned items as output instead, turn on "Return Failed and Abandoned Items as Output".';
	if (item.Status === 'Deleted') {
		throw new NodeOperationError(this.getNode(), `Queue item ${String(item.Id)} was deleted before a robot processed it`, { itemIndex, description: 'Someone deleted it in Orchestrator or with Queue Item → Delete.' });
	}
	if (item.Status === 'Successful' || settings.returnFailed) return;
	if (item.Status === 'Abandoned') {
		throw new NodeOperationError(this.getNode(), `Queue item ${String(item.Id)} was abandoned (in progress for too long without a result)`, { itemIndex, description: returnAsOutput });
	}
	const exception = (item.ProcessingException ?? {}) as IDataObject;
	const why = [exception.Type, exception.Reason].filter(Boolean).join(': ') || 'no reason given';
	throw new NodeOperationError(this.getNode(), `Queue item ${String(item.Id)} failed: ${String(why)}`, {
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
			return { done: FINISHED.includes(String(current.Status)), value: current };
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
	checkOutcome.call(this, outcome.value, settings, itemIndex);
	return outcome.value;
}
