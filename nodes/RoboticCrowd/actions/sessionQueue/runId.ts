// The Run ID field of Get and Cancel.
import type { IExecuteFunctions } from 'n8n-workflow';

import { numericIdField, numericIdOf } from '../../../shared/numericId';

export const runIdField = numericIdField({
	displayName: 'Run ID',
	name: 'sessionQueueId',
	placeholder: 'e.g. 341559',
	description: 'The ID of the session queue (run), as shown on the Sessions page or returned by Create',
});

export function runIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const id = numericIdOf.call(this, itemIndex, 'sessionQueueId', {
		message: (raw) => `Run ID "${raw}" is not a number`,
		hint: 'Give the numeric ID of the session queue, e.g. the "id" field that Create returned.',
	});
	return Number(id);
}
