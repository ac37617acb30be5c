// The Schedule ID field of Enable and Disable, and the one-schedule switch both run.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { numericIdField, numericIdOf } from '../../../shared/numericId';
import { getSchedule, setScheduleEnabled } from '../../api/schedules';
import { folderOf } from '../common';

export const scheduleIdField = numericIdField({
	displayName: 'Schedule ID',
	name: 'scheduleId',
	placeholder: 'e.g. 42',
	description: 'The numeric ID of the schedule, as Process Schedule → Get Many returns it',
});

/** Switches one schedule on or off, then reads it back. */
export async function switchSchedule(this: IExecuteFunctions, itemIndex: number, enabled: boolean): Promise<IDataObject> {
	const id = Number(
		numericIdOf.call(this, itemIndex, 'scheduleId', {
			message: (raw) => (raw ? `"${raw}" is not a schedule ID` : 'Schedule ID is empty'),
			hint: 'A schedule ID is a number: Process Schedule → Get Many lists the schedules of a folder and their IDs.',
		}),
	);
	const folder = folderOf.call(this, itemIndex);
	await setScheduleEnabled(this, id, enabled, folder, itemIndex);
	return await getSchedule(this, id, folder, itemIndex);
}
