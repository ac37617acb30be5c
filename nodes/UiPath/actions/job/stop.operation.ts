import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';
import { stopJob } from '../../api/jobs';
import { folderField, folderOf } from '../common';
import { jobField, jobOf } from './jobRef';

export const option = { name: 'Stop', action: 'Stop a job', description: 'Stop a running job, softly or by killing it' };

export const description: INodeProperties[] = [
	folderField,
	jobField,
	optionsParameter('Stop Strategy', 'stopStrategy', [
		['Soft Stop', 'SoftStop', 'Ask the process to stop where it checks for it'],
		['Kill', 'Kill', 'End the process at once'],
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const job = await jobOf.call(this, folder, itemIndex);
	const strategy = this.getNodeParameter('stopStrategy', itemIndex) as string;
	await stopJob(this, job.Id, strategy, folder, itemIndex);
	return { Id: job.Id, Key: job.Key, stopRequested: true, strategy };
}
