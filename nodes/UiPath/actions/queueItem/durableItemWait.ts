// Queue Item → Add's durable wait: the item's transaction events (or the robot's call back) resume the paused
// execution, which then reads the item's latest try and outputs it as Poll does (orchestratorWait.ts has the
// subscription's life).
import type { IDataObject } from 'n8n-workflow';

import type { PausedWait, ReadContext } from '../../../shared/durableWait';
import type { FolderRef, UiPathContext } from '../../transport';
import { orchestratorWait, recordsOf } from '../orchestratorWait';
import { FINISHED_ITEM_STATES, processedItemOutput, readLatestTry } from './waitForQueueItem';

export interface AwaitedItems extends IDataObject {
	queueItems: number[];
	/** the items' queues (QueueDefinitionId): a retry copy's end there is read at once */
	queues: number[];
	folder: IDataObject;
	returnFailed: boolean;
}

const awaitsOf = (wait: PausedWait) => wait.items.flatMap((item) => ('awaits' in item ? [item.awaits as AwaitedItems] : []));
const awaitedItemsOf = (wait: PausedWait) => awaitsOf(wait).flatMap((awaits) => awaits.queueItems);

/**
 * The awaited item's own events, those of its retry copy (whose AncestorId is the item it retries) and, as a copy of
 * a copy may name only its own ancestor, the end of any retry copy in an awaited item's queue: the read follows the
 * item's chain to its latest try, so a read too many costs one request and misses nothing.
 */
function isAboutAwaited(event: IDataObject, wait: PausedWait): boolean {
	const items = new Set(awaitedItemsOf(wait));
	const queues = new Set(awaitsOf(wait).flatMap((awaits) => awaits.queues ?? []));
	return recordsOf(event, 'QueueItem', 'QueueItems').some(
		(record) => items.has(Number(record.Id)) || items.has(Number(record.AncestorId)) || (Number(record.RetryNumber) > 0 && queues.has(Number(record.QueueDefinitionId))),
	);
}

export const uiPathQueueItemWait = orchestratorWait({
	kind: 'uiPathQueueItem',
	noun: 'queue item',
	// Failed includes a try Orchestrator retries: the read then follows the copy and, while it waits, goes on waiting.
	endEvents: ['queueItem.transactionCompleted', 'queueItem.transactionFailed', 'queueItem.transactionAbandoned'],
	isAbout: isAboutAwaited,
	awaitedIdsOf: awaitedItemsOf,
	async readAgain(ctx: ReadContext, awaits: IDataObject, itemIndex: number) {
		const { queueItems, folder, returnFailed } = awaits as AwaitedItems;
		const read: IDataObject[] = [];
		for (const id of queueItems) {
			const item = await readLatestTry(ctx as unknown as UiPathContext, String(id), folder as unknown as FolderRef, itemIndex);
			if (!FINISHED_ITEM_STATES.includes(String(item.Status))) return undefined;
			read.push(item);
		}
		return read.map((item) => processedItemOutput(ctx, item, returnFailed, itemIndex));
	},
	deadlineAdvice: 'The item stays in the queue: read it with Queue Item → Get, check that a robot or a queue trigger processes the queue, or raise Timeout.',
});
