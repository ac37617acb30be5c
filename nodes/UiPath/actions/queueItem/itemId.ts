// The Queue Item ID field of the operations on one queue item, and reading it.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { textOf } from '../../../shared/text';

export const queueItemIdField: INodeProperties = {
	displayName: 'Queue Item ID',
	name: 'queueItemId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The numeric ID of the queue item',
};

export function queueItemIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const id = textOf(this.getNodeParameter('queueItemId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a queue item ID`, {
			itemIndex,
			description: 'A queue item ID is a number, e.g. from Add or Get Many.',
		});
	}
	return id;
}
