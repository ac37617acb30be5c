import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { getQueueItem } from '../../api/queues';
import { folderField, folderOf } from '../common';
import { textOf } from '../../../shared/text';

export const option = { name: 'Get', action: 'Get a queue item', description: 'Get one queue item by its ID' };

export const description: INodeProperties[] = [
	folderField,
	{
		displayName: 'Queue Item ID',
		name: 'queueItemId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234',
		description: 'The numeric ID of the queue item',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = textOf(this.getNodeParameter('queueItemId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a queue item ID`, {
			itemIndex,
			description: 'A queue item ID is a number, e.g. from Add or Get Many.',
		});
	}
	return await getQueueItem(this, id, folderOf.call(this, itemIndex), itemIndex);
}
