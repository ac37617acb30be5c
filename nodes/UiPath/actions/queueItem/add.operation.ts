import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { folderOf } from '../common';
import { addFields } from './addFields';
import { addQueueItemOnce } from './addOnce';
import { addAllInOneCall } from './addAllInOneCall';
import { itemDataOf, queueNameOf } from './itemData';

export const option = { name: 'Add', action: 'Add a queue item', description: 'Add work items to a queue, one per input item or all in one call' };

export const description: INodeProperties[] = addFields;

/** One AddQueueItem call for this input item; a re-run of the node (Retry On Fail) returns the item added before. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const itemData = itemDataOf.call(this, itemIndex, queueNameOf.call(this, itemIndex));
	return await addQueueItemOnce.call(this, itemData, folder, itemIndex);
}

/** With "All Input Items in One Call" the router hands this operation every input item at once. */
export function handlesAllItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('addMode', 0, 'perItem') === 'bulk';
}

export const executeAll = addAllInOneCall;
