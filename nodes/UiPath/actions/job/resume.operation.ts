import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withStateAdvice } from '../../api/conflicts';
import { resumeJob, withParsedArguments } from '../../api/jobs';
import { folderField, folderOf } from '../common';
import { jobField, jobKeyOf } from './jobRef';

export const option = {
	name: 'Resume',
	action: 'Resume a job',
	description: 'Resume a suspended job (one waiting on a task, a queue item or a job it started)',
};

export const description: INodeProperties[] = [folderField, jobField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const key = await jobKeyOf.call(this, folder, itemIndex);
	const resumed = await withStateAdvice(
		this,
		itemIndex,
		async () => await resumeJob(this, key, folder, itemIndex),
		'Only a Suspended job can be resumed: Job → Get shows its state.',
	);
	return withParsedArguments(resumed);
}
