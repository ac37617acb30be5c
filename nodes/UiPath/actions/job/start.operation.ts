import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { allOrNone, cancelSignalOf } from '../../../shared/abort';
import { waitSettingsOf } from '../../../shared/parameters';
import { Awaiting } from '../../../shared/router';
import { withParsedArguments } from '../../api/jobs';
import { folderOf } from '../common';
import { startFields } from './startFields';
import { startJobsOnce } from './startOnce';
import { releaseKeyOf, startInfoOf } from './startInfo';
import { waitForJob } from './waitForJob';

export const option = { name: 'Start', action: 'Start a job', description: 'Start a process, optionally waiting for it to finish' };

export const description: INodeProperties[] = startFields;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | Awaiting> {
	const folder = folderOf.call(this, itemIndex);
	// Read before the job starts: a Timeout or Check Interval that is not a number fails the item, not the wait.
	const settings = waitSettingsOf.call(this, itemIndex, 'waitForCompletion', 'startOptions');
	const releaseKey = await releaseKeyOf.call(this, folder, itemIndex);
	// Once per item: a re-run of the node (Retry On Fail) returns the jobs an earlier try started.
	const jobs = await startJobsOnce.call(this, startInfoOf.call(this, itemIndex, releaseKey), folder, itemIndex);
	if (!settings) return jobs.map(withParsedArguments);
	// The router starts every item first, then waits for all of them together. When one of the item's jobs fails
	// the item fails, and its other waits stop too; all end when the execution is cancelled.
	const wait = async (job: (typeof jobs)[number], signal: AbortSignal) => await waitForJob.call(this, job, folder, itemIndex, { ...settings, signal });
	return new Awaiting(async () => await allOrNone(jobs, wait, cancelSignalOf(this)));
}
