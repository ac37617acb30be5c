// Job → Start's durable wait: the jobs' end events (or the robot's call back) resume the paused execution, which
// then reads each job again and outputs it as Poll does (orchestratorWait.ts has the subscription's life).
import type { IDataObject } from 'n8n-workflow';

import type { PausedWait, ReadContext } from '../../../shared/durableWait';
import { FINISHED_JOB_STATES, getJob, type Job } from '../../api/jobs';
import type { FolderRef, UiPathContext } from '../../transport';
import { orchestratorWait, recordsOf } from '../orchestratorWait';
import { finishedJobOutput } from './waitForJob';

export interface AwaitedJobs extends IDataObject {
	jobs: number[];
	folder: IDataObject;
	returnFailed: boolean;
}

/** Every job the wait still waits for. */
const awaitedJobsOf = (wait: PausedWait) => wait.items.flatMap((item) => ('awaits' in item ? (item.awaits as AwaitedJobs).jobs : []));

export const uiPathJobWait = orchestratorWait({
	kind: 'uiPathJob',
	noun: 'job',
	endEvents: ['job.completed', 'job.faulted', 'job.stopped'],
	isAbout: (event, wait) => recordsOf(event, 'Job', 'Jobs').some((job) => awaitedJobsOf(wait).includes(Number(job.Id))),
	awaitedIdsOf: awaitedJobsOf,
	async readAgain(ctx: ReadContext, awaits: IDataObject, itemIndex: number) {
		const { jobs, folder, returnFailed } = awaits as AwaitedJobs;
		const read: Job[] = [];
		for (const id of jobs) {
			const job = await getJob(ctx as unknown as UiPathContext, id, folder as unknown as FolderRef, itemIndex);
			if (!FINISHED_JOB_STATES.includes(job.State)) return undefined;
			read.push(job);
		}
		return read.map((job) => finishedJobOutput(ctx, job, itemIndex, returnFailed));
	},
	deadlineAdvice: 'The job may still run in Orchestrator: read it with Job → Get, or raise Timeout.',
});
