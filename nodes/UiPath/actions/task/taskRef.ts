// Fields and helpers the Task operations share: the task ID and the JSON data field.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { jsonObjectOf } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: 'The numeric ID of the task, as Task → Create or Get Many returns it',
};

export function taskDataField(description: string): INodeProperties {
	return { displayName: 'Data (JSON)', name: 'taskData', type: 'json', default: '{}', description };
}

export function taskIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = textOf(this.getNodeParameter('taskId', itemIndex, '')).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), raw ? `"${raw}" is not a task ID` : 'Task ID is empty', {
			itemIndex,
			description: 'A task ID is a number: Task → Get Many lists the tasks of a folder and their IDs.',
		});
	}
	return Number(raw);
}

export function taskDataOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return jsonObjectOf.call(this, 'taskData', itemIndex, {
		label: 'Data (JSON)',
		example: '{"invoiceId": 42}',
		keys: "The task's data is a JSON object: its keys are the fields a person sees and fills in.",
	});
}
