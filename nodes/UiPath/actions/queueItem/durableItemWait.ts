// Queue Item → Add's durable wait: the item's transaction events (or the robot's call back) resume the paused
// execution, which then reads the item's latest try and outputs it as Poll does (orchestratorWait.ts has the
// subscription's life).
import type { IDataObject } from 'n8n-workflow';

import type { FolderRef, UiPathContext } from '../../transport';
import { orchestratorWait } from '../orchestratorWait';
import { FINISHED_ITEM_STATES, processedItemOutput, readLatestTry } from './waitForQueueItem';

export interface AwaitedItems extends IDataObject {
	queueItems: number[];
	/** the items' queues (QueueDefinitionId): a retry copy's end there is read at once */
	queues: number[];
	folder: IDataObject;
	returnFailed: boolean;
}

export const uiPathQueueItemWait = orchestratorWait<AwaitedItems>({
	kind: 'uiPathQueueItem',
	noun: 'queue item',
	// Failed includes a try Orchestrator retries: the read then follows the copy and, while it waits, goes on waiting.
	endEvents: ['queueItem.transactionCompleted', 'queueItem.transactionFailed', 'queueItem.transactionAbandoned'],
	record: { one: 'QueueItem', many: 'QueueItems' },
	idsOf: (awaits) => awaits.queueItems,
	// The awaited item's own events, those of its retry copy (whose AncestorId is the item it retries) and, as a copy
	// of a copy may name only its own ancestor, the end of any retry copy in an awaited item's queue: the read follows
	// the item's chain to its latest try, so a read too many costs one request and misses nothing.
	isAbout: (item, ids, awaits) =>
		ids.has(Number(item.Id)) || ids.has(Number(item.AncestorId)) || (Number(item.RetryNumber) > 0 && awaits.some((a) => (a.queues ?? []).includes(Number(item.QueueDefinitionId)))),
	read: async (ctx, id, { folder }, itemIndex) => await readLatestTry(ctx as unknown as UiPathContext, String(id), folder as unknown as FolderRef, itemIndex),
	ended: (item) => FINISHED_ITEM_STATES.includes(String(item.Status)),
	output: (ctx, item, { returnFailed }, itemIndex) => processedItemOutput(ctx, item, returnFailed, itemIndex),
	deadlineAdvice: 'The item stays in the queue: read it with Queue Item → Get, check that a robot or a queue trigger processes the queue, or raise Timeout.',
});
