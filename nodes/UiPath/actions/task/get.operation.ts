import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getTask, getTaskData } from '../../api/tasks';
import { folderField, folderOf } from '../common';
import { taskIdField, taskIdOf } from './taskRef';

export const option = { name: 'Get', action: 'Get a task', description: 'Get one task with its status, assignee, action and data' };

export const description: INodeProperties[] = [folderField, taskIdField];

/** The task (TaskDto), then its data from the route of its type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = taskIdOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const task = await getTask(this, id, folder, itemIndex);
	const typed = await getTaskData(this, id, task.Type === 'FormTask', folder, itemIndex);
	return { ...task, Data: typed.data ?? null, ...(typed.formLayout !== undefined ? { FormLayout: typed.formLayout } : {}) };
}
