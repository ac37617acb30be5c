import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getQueueItem } from '../../api/queues';
import { folderField, folderOf } from '../common';
import { queueItemIdField, queueItemIdOf } from './itemId';

export const option = { name: 'Get', action: 'Get a queue item', description: 'Get one queue item by its ID' };

export const description: INodeProperties[] = [folderField, queueItemIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = queueItemIdOf.call(this, itemIndex);
	return await getQueueItem(this, id, folderOf.call(this, itemIndex), itemIndex);
}
