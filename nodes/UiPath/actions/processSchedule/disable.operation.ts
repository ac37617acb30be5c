import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { folderField } from '../common';
import { scheduleIdField, switchSchedule } from './scheduleRef';

export const option = { name: 'Disable', action: 'Disable a process schedule', description: 'Switch a time or queue trigger off; it starts no jobs until enabled again' };

export const description: INodeProperties[] = [folderField, scheduleIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await switchSchedule.call(this, itemIndex, false);
}
