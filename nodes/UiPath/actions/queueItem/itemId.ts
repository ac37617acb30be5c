// The Queue Item ID field of the operations on one queue item, and reading it.
import type { IExecuteFunctions } from 'n8n-workflow';

import { numericIdField, numericIdOf } from '../../../shared/numericId';

export const queueItemIdField = numericIdField({
	displayName: 'Queue Item ID',
	name: 'queueItemId',
	placeholder: 'e.g. 1234',
	description: 'The numeric ID of the queue item',
});

export function queueItemIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return numericIdOf.call(this, itemIndex, 'queueItemId', {
		message: (raw) => `"${raw}" is not a queue item ID`,
		hint: 'A queue item ID is a number, e.g. from Add or Get Many.',
	});
}
