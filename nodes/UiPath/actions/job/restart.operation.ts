import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withStateAdvice } from '../../api/conflicts';
import { restartJob, withParsedArguments } from '../../api/jobs';
import { folderField, folderOf } from '../common';
import { jobField, jobIdOf } from './jobRef';

export const option = {
	name: 'Restart',
	action: 'Restart a job',
	description: 'Run a finished job again, as a new job with the same process and input arguments',
};

export const description: INodeProperties[] = [folderField, jobField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const id = await jobIdOf.call(this, folder, itemIndex);
	const restarted = await withStateAdvice(
		this,
		itemIndex,
		async () => await restartJob(this, id, folder, itemIndex),
		'Only a finished job (Successful, Faulted, Stopped) can be restarted: wait for it (Job → Start with Wait for Completion, or the UiPath Trigger), or stop it first.',
	);
	return withParsedArguments(restarted);
}
