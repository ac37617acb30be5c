import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonObjectOf, updateFieldsCollection } from '../../../shared/parameters';
import { withStateAdvice } from '../../api/conflicts';
import { getQueueItem, updateQueueItem } from '../../api/queues';
import { folderField, folderOf, odataDate } from '../common';
import { schedulingFields } from './addFields';
import { queueItemIdField, queueItemIdOf } from './itemId';

export const option = {
	name: 'Update',
	action: 'Update a queue item',
	description: "Change a New item's priority, content, dates or progress",
};

export const description: INodeProperties[] = [
	folderField,
	queueItemIdField,
	updateFieldsCollection([
		...schedulingFields,
		{ displayName: 'Progress', name: 'progress', type: 'string', default: '', description: 'Free text on how far the item got' },
		{
			displayName: 'Specific Content (JSON)',
			name: 'specificContent',
			type: 'json',
			default: '{}',
			description: 'The item\'s whole new data, replacing the old, e.g. {"InvoiceNumber": "INV-42"}',
		},
	]),
];

/** Only the fields the user added: Orchestrator ignores the rest of QueueItemDataDto on an update. */
function changesOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	if (fields.priority) changes.Priority = fields.priority;
	if (fields.progress !== undefined) changes.Progress = fields.progress;
	if (fields.dueDate) changes.DueDate = odataDate(fields.dueDate, this.getTimezone(), 'Due Date');
	if (fields.deferDate) changes.DeferDate = odataDate(fields.deferDate, this.getTimezone(), 'Defer Date');
	if (fields.specificContent !== undefined) {
		changes.SpecificContent = jsonObjectOf.call(this, 'updateFields.specificContent', itemIndex, {
			label: 'Specific Content (JSON)',
			example: '{"InvoiceNumber": "INV-42"}',
			keys: 'Each key is a field the robot reads from the item.',
		});
	}
	return changes;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = queueItemIdOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	await withStateAdvice(
		this,
		itemIndex,
		async () => await updateQueueItem(this, id, changesOf.call(this, itemIndex), folder, itemIndex),
		'Orchestrator lets you edit only New items: a robot has this one already, or it is done.',
	);
	return await getQueueItem(this, id, folder, itemIndex);
}
