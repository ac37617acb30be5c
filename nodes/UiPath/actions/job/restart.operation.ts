import type { INodeProperties } from 'n8n-workflow';

import { restartJob } from '../../api/jobs';
import { folderField } from '../common';
import { jobField, jobIdOf } from './jobRef';
import { jobStateChange } from './jobStateChange';

export const option = {
	name: 'Restart',
	action: 'Restart a job',
	description: 'Run a finished job again, as a new job with the same process and input arguments',
};

export const description: INodeProperties[] = [folderField, jobField];

export const execute = jobStateChange(
	jobIdOf,
	restartJob,
	'Only a finished job (Successful, Faulted, Stopped) can be restarted: wait for it (Job → Start with Wait for Completion, or the UiPath Trigger), or stop it first.',
);
