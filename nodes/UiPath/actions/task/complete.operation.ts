import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { completeTask, getTask } from '../../api/tasks';
import { folderField, folderOf } from '../common';
import { taskDataField, taskDataOf, taskIdField, taskIdOf } from './taskRef';

export const option = { name: 'Complete', action: 'Complete a task', description: 'Complete an assigned task with an action (e.g. Approve) and data' };

export const description: INodeProperties[] = [
	folderField,
	taskIdField,
	{ displayName: 'Action', name: 'action', type: 'string', required: true, default: 'Approve', description: 'The action the task is completed with, e.g. Approve or Reject' },
	taskDataField('The data to complete the task with'),
];

/** Reads the task's Type to pick its route (a form task cannot be completed as a generic one), completes it, reads it back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const taskId = taskIdOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const task = await getTask(this, taskId, folder, itemIndex);
	const body = { taskId, action: String(this.getNodeParameter('action', itemIndex, 'Approve')), data: taskDataOf.call(this, itemIndex) };
	await completeTask(this, task.Type === 'FormTask', body, folder, itemIndex);
	return await getTask(this, taskId, folder, itemIndex);
}
