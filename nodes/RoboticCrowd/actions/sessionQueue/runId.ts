// The Run ID field of Get and Cancel.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { textOf } from '../../../shared/text';

export const runIdField: INodeProperties = {
	displayName: 'Run ID',
	name: 'sessionQueueId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 341559',
	description: 'The ID of the session queue (run), as shown on the Sessions page or returned by Create',
};

export function runIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = textOf(this.getNodeParameter('sessionQueueId', itemIndex)).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `Run ID "${raw}" is not a number`, {
			itemIndex,
			description: 'Give the numeric ID of the session queue, e.g. the "id" field that Create returned.',
		});
	}
	return Number(raw);
}
