// The Schedule ID field of Enable and Disable, and the one-schedule switch both run.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { getSchedule, setScheduleEnabled } from '../../api/schedules';
import { folderOf } from '../common';
import { textOf } from '../../../shared/text';

export const scheduleIdField: INodeProperties = {
	displayName: 'Schedule ID',
	name: 'scheduleId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 42',
	description: 'The numeric ID of the schedule, as Process Schedule → Get Many returns it',
};

/** Switches one schedule on or off, then reads it back. */
export async function switchSchedule(this: IExecuteFunctions, itemIndex: number, enabled: boolean): Promise<IDataObject> {
	const raw = textOf(this.getNodeParameter('scheduleId', itemIndex, '')).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), raw ? `"${raw}" is not a schedule ID` : 'Schedule ID is empty', {
			itemIndex,
			description: 'A schedule ID is a number: Process Schedule → Get Many lists the schedules of a folder and their IDs.',
		});
	}
	const folder = folderOf.call(this, itemIndex);
	await setScheduleEnabled(this, Number(raw), enabled, folder, itemIndex);
	return await getSchedule(this, Number(raw), folder, itemIndex);
}
