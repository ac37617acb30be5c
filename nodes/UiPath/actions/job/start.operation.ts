import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { allOrNone, cancelSignalOf } from '../../../shared/abort';
import { resumeUrlNameOf, waitSettingsOf, waitViaOf } from '../../../shared/parameters';
import { Pausing, pausePlanOf } from '../../../shared/durableWait';
import { Awaiting } from '../../../shared/router';
import { withParsedArguments } from '../../api/jobs';
import { folderOf } from '../common';
import { startFields } from './startFields';
import { startJobsOnce } from './startOnce';
import { releaseKeyOf, startInfoOf } from './startInfo';
import { uiPathJobWait } from './durableJobWait';
import { waitForJob } from './waitForJob';
import { isMaestroJob, waitForMaestroInstance } from './waitForMaestro';

export const option = { name: 'Start', action: 'Start a job', description: 'Start a process, optionally waiting for it to finish' };

export const description: INodeProperties[] = startFields;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | Awaiting | Pausing> {
	const folder = folderOf.call(this, itemIndex);
	// Read before the job starts: a Timeout or Check Interval that is not a number fails the item, not the wait.
	const settings = waitSettingsOf.call(this, itemIndex, 'waitForCompletion', 'startOptions');
	const via = settings ? waitViaOf.call(this, itemIndex) : undefined;
	const releaseKey = await releaseKeyOf.call(this, folder, itemIndex);
	const startInfo = startInfoOf.call(this, itemIndex, releaseKey);
	// Durable: subscribed (or the resume URL added to the arguments) before the job starts, so its end cannot be missed.
	const plan = via && settings ? pausePlanOf(this, uiPathJobWait, via, settings.timeoutSeconds) : undefined;
	if (plan) await plan.prepare(this);
	if (plan && via === 'callback') startInfo.InputArguments = withResumeUrl.call(this, startInfo.InputArguments, plan.resumeUrl, itemIndex);
	// Once per item: a re-run of the node (Retry On Fail) returns the jobs an earlier try started.
	const jobs = await startJobsOnce.call(this, startInfo, folder, itemIndex);
	if (!settings) return jobs.map(withParsedArguments);
	if (plan) return new Pausing(plan, { jobs: jobs.map((job) => job.Id), folder: { ...folder }, returnFailed: settings.returnFailed });
	// The router starts every item first, then waits for all of them together. When one of the item's jobs fails
	// the item fails, and its other waits stop too; all end when the execution is cancelled.
	// A job of a Maestro process is its instance: the instance's end is the process's end.
	const wait = async (job: (typeof jobs)[number], signal: AbortSignal) =>
		await (isMaestroJob(job) ? waitForMaestroInstance : waitForJob).call(this, job, folder, itemIndex, { ...settings, signal });
	return new Awaiting(async () => await allOrNone(jobs, wait, cancelSignalOf(this)));
}

/** The input arguments with the resume URL under the name the user chose. */
function withResumeUrl(this: IExecuteFunctions, inputArguments: unknown, resumeUrl: string, itemIndex: number): string {
	const name = resumeUrlNameOf.call(this, itemIndex, "process's input argument (a String)");
	const args = typeof inputArguments === 'string' ? (JSON.parse(inputArguments) as IDataObject) : {};
	return JSON.stringify({ ...args, [name]: resumeUrl });
}
