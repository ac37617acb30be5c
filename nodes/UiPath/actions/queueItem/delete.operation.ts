import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withStateAdvice } from '../../api/conflicts';
import { deleteQueueItem } from '../../api/queues';
import { folderField, folderOf } from '../common';
import { queueItemIdField, queueItemIdOf } from './itemId';

export const option = { name: 'Delete', action: 'Delete a queue item', description: 'Delete a New queue item, so no robot processes it' };

export const description: INodeProperties[] = [folderField, queueItemIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = queueItemIdOf.call(this, itemIndex);
	await withStateAdvice(
		this,
		itemIndex,
		async () => await deleteQueueItem(this, id, folderOf.call(this, itemIndex), itemIndex),
		'Only New items can be deleted: a robot has this one already, or it is done.',
	);
	return { Id: Number(id), deleted: true };
}
