import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { valueOptions } from '../../../shared/optionsParameter';
import { limitOf, returnAllFields } from '../../../shared/parameters';
import { LOG_LEVELS, listJobLogs } from '../../api/robotLogs';
import { folderField, folderOf } from '../common';
import { jobField, jobKeyOf } from './jobRef';

export const option = {
	name: 'Get Logs',
	action: 'Get the logs of a job',
	description: 'Get the robot logs of one job, newest first',
};

export const description: INodeProperties[] = [
	folderField,
	jobField,
	{
		displayName: 'Minimum Level',
		name: 'minLevel',
		type: 'options',
		// LOG_LEVELS is in order of severity; the editor lists them alphabetically, as n8n's lint asks.
		options: valueOptions([...LOG_LEVELS].sort(), { Trace: 'Trace (All Logs)' }),
		default: 'Trace',
		description: 'Only logs of this level and the levels above it (e.g. Warn keeps Warn, Error and Fatal)',
	},
	...returnAllFields(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const folder = folderOf.call(this, itemIndex);
	const key = await jobKeyOf.call(this, folder, itemIndex);
	const minLevel = this.getNodeParameter('minLevel', itemIndex, 'Trace') as string;
	const logs = await listJobLogs(this, key, { minLevel, folder, limit: limitOf.call(this, itemIndex), itemIndex });
	if (!logs.length) {
		// Not an error: robots send their logs a few seconds after the job ends.
		this.addExecutionHints({
			message: `No logs yet for job ${key}: robots send their logs a few seconds after the job ends; run again, or add a Wait before this node.`,
			location: 'outputPane',
		});
	}
	return logs;
}
