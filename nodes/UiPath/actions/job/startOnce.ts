// Job → Start through the shared startOnce: a repeat of the node (n8n's Retry On Fail) returns the jobs an earlier
// try of the item started in the same run of the node, and after a try without an answer looks them up by the
// item's Reference.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { echoSlimEach, startOnce } from '../../../shared/startOnce';
import { listJobs, startJobs, type Job } from '../../api/jobs';
import { odataString, type FolderRef } from '../../transport';

// Clocks of n8n and Orchestrator may differ by this much.
const CLOCK_SLACK_MS = 120_000;

/** The job as StartJobs answers it: without the expanded Release. */
function omitRelease(job: Job): Job {
	const copy: Job = { ...job };
	delete copy.Release;
	return copy;
}

/** Jobs of this process with this Reference created since `sentAt`: what an unanswered start may have made. */
async function jobsWithReference(ctx: IExecuteFunctions, startInfo: IDataObject, folder: FolderRef, itemIndex: number, sentAt: number) {
	const since = new Date(sentAt - CLOCK_SLACK_MS).toISOString();
	const qs = {
		$filter: `Reference eq ${odataString(String(startInfo.Reference))} and CreationTime ge ${since}`,
		$orderby: 'Id asc',
		$expand: 'Release',
	};
	const releaseKey = String(startInfo.ReleaseKey).toLowerCase();
	const found = (await listJobs(ctx, qs, folder, 100, itemIndex)).filter(
		(job) => String((job.Release as IDataObject | null)?.Key ?? '').toLowerCase() === releaseKey,
	);
	return found.length ? found.map((job) => omitRelease(job)) : undefined;
}

export async function startJobsOnce(this: IExecuteFunctions, startInfo: IDataObject, folder: FolderRef, itemIndex: number): Promise<Job[]> {
	return await startOnce<Job[]>(this, {
		itemIndex,
		request: { startInfo, folder },
		send: async () => await startJobs(this, startInfo, folder, itemIndex),
		findEarlier: startInfo.Reference
			? async (sentAt) => await jobsWithReference(this, startInfo, folder, itemIndex, sentAt)
			: undefined,
		markRepeat: (jobs) => jobs.map((job) => ({ ...job, alreadyStarted: true })),
		// each job echoes the input arguments (up to 1 MB): kept once, in the request
		slim: echoSlimEach<Job>({ InputArguments: startInfo.InputArguments }),
		cannotCheck: {
			message: 'Not started again: an earlier try of this node may already have started the job',
			description:
				'That try got no answer or a 5xx, and without a Reference n8n cannot look the job up. Look for it with Job → Get Many; give the job a Reference (Options) so a retry can check.',
		},
	});
}
