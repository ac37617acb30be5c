import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { Pausing, pausePlanOf } from '../../../shared/durableWait';
import { resumeUrlNameOf, waitSettingsOf, waitViaOf } from '../../../shared/parameters';
import { Awaiting } from '../../../shared/router';
import { folderOf } from '../common';
import { addFields } from './addFields';
import { addQueueItemOnce } from './addOnce';
import { addAllInOneCall } from './addAllInOneCall';
import { uiPathQueueItemWait } from './durableItemWait';
import { itemDataOf, queueNameOf } from './itemData';
import { waitForQueueItem } from './waitForQueueItem';

export const option = { name: 'Add', action: 'Add a queue item', description: 'Add work items to a queue, one per input item or all in one call' };

export const description: INodeProperties[] = addFields;

/**
 * One AddQueueItem call for this input item (a re-run of the node by Retry On Fail returns the item added before);
 * with Wait for Processing, the item once a robot processed it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | Awaiting | Pausing> {
	const folder = folderOf.call(this, itemIndex);
	const queueName = queueNameOf.call(this, itemIndex);
	// Read before the item is added: a Timeout or Check Interval that is not a number fails the item, not the wait.
	const settings = waitSettingsOf.call(this, itemIndex, 'waitForProcessing', 'addOptions');
	const itemData = itemDataOf.call(this, itemIndex, queueName);
	const via = settings ? waitViaOf.call(this, itemIndex) : undefined;
	// Durable: subscribed (or the resume URL added to the content) before the item is added, so its end cannot be missed.
	const plan = via && settings ? pausePlanOf(this, uiPathQueueItemWait, via, settings.timeoutSeconds) : undefined;
	if (plan && via === 'callback') {
		itemData.SpecificContent = { ...(itemData.SpecificContent as IDataObject), [resumeUrlNameOf.call(this, itemIndex, "item's Specific Content field")]: plan.resumeUrl };
	}
	if (plan) await plan.prepare(this);
	const added = await addQueueItemOnce.call(this, itemData, folder, itemIndex);
	if (!settings) return added;
	if (plan) {
		const awaits = { queueItems: [Number(added.Id)], queues: [Number(added.QueueDefinitionId)], folder: { ...folder }, returnFailed: settings.returnFailed };
		return new Pausing(plan, awaits);
	}
	// The router adds every item first, then waits for all of them together.
	return new Awaiting(async () => await waitForQueueItem.call(this, added, { queueName, folder }, itemIndex, settings));
}

/** With "All Input Items in One Call" the router hands this operation every input item at once. */
export function handlesAllItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('addMode', 0, 'perItem') === 'bulk';
}

export const executeAll = addAllInOneCall;
