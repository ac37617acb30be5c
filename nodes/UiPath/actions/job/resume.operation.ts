import type { INodeProperties } from 'n8n-workflow';

import { resumeJob } from '../../api/jobs';
import { folderField } from '../common';
import { jobField, jobKeyOf } from './jobRef';
import { jobStateChange } from './jobStateChange';

export const option = {
	name: 'Resume',
	action: 'Resume a job',
	description: 'Resume a suspended job (one waiting on a task, a queue item or a job it started)',
};

export const description: INodeProperties[] = [folderField, jobField];

export const execute = jobStateChange(jobKeyOf, resumeJob, 'Only a Suspended job can be resumed: Job → Get shows its state.');
