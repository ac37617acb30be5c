// Job → Start's durable wait: the jobs' end events (or the robot's call back) resume the paused execution, which
// then reads each job again and outputs it as Poll does (orchestratorWait.ts has the subscription's life).
import type { IDataObject } from 'n8n-workflow';

import { getJob, FINISHED_JOB_STATES, type Job } from '../../api/jobs';
import type { FolderRef, UiPathContext } from '../../transport';
import { orchestratorWait } from '../orchestratorWait';
import { finishedJobOutput } from './waitForJob';

export interface AwaitedJobs extends IDataObject {
	jobs: number[];
	folder: IDataObject;
	returnFailed: boolean;
}

export const uiPathJobWait = orchestratorWait<AwaitedJobs>({
	kind: 'uiPathJob',
	noun: 'job',
	endEvents: ['job.completed', 'job.faulted', 'job.stopped'],
	record: { one: 'Job', many: 'Jobs' },
	idsOf: (awaits) => awaits.jobs,
	isAbout: (job, ids) => ids.has(Number(job.Id)),
	read: async (ctx, id, { folder }, itemIndex) => await getJob(ctx as unknown as UiPathContext, id, folder as unknown as FolderRef, itemIndex),
	ended: (job) => FINISHED_JOB_STATES.includes((job as Job).State),
	output: (ctx, job, { returnFailed }, itemIndex) => finishedJobOutput(ctx, job as Job, itemIndex, returnFailed),
	deadlineAdvice: 'The job may still run in Orchestrator: read it with Job → Get, or raise Timeout.',
});
