import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { folderField } from '../common';
import { scheduleIdField, switchSchedule } from './scheduleRef';

export const option = { name: 'Enable', action: 'Enable a process schedule', description: 'Switch a time or queue trigger on' };

export const description: INodeProperties[] = [folderField, scheduleIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await switchSchedule.call(this, itemIndex, true);
}
