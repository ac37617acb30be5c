// Waits for one started job: polls it by Id (not the rate-limited list) until it finishes or the timeout passes.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { WaitSettings } from '../../../shared/parameters';
import { waitForCompletion } from '../../../shared/waitFor';
import { FINISHED_JOB_STATES, getJob, withParsedArguments, type Job } from '../../api/jobs';
import type { FolderRef } from '../../transport';

export async function waitForJob(
	this: IExecuteFunctions,
	job: Job,
	folder: FolderRef,
	itemIndex: number,
	wait: WaitSettings & { signal?: AbortSignal },
): Promise<IDataObject> {
	const { timeoutSeconds } = wait;
	const outcome = await waitForCompletion(
		async (ends) => {
			const current = await getJob(this, job.Id, folder, itemIndex, ends);
			return { done: FINISHED_JOB_STATES.includes(current.State), value: current };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: wait.intervalMs, maxIntervalMs: 30_000, signal: wait.signal },
	);
	if (!outcome.finished) {
		const last = outcome.last ? `Its last state was ${outcome.last.State}.` : 'No read of it succeeded in that time: Orchestrator refused them (429, 503) or did not answer, and n8n was waiting to try again.';
		throw new NodeOperationError(this.getNode(), `Job ${job.Id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `${last} The job goes on in Orchestrator; raise the timeout, or follow it with the UiPath Trigger.`,
		});
	}
	return finishedJobOutput(this, outcome.value, itemIndex, wait.returnFailed);
}

/** A job that ended, as the node outputs it; Faulted or Stopped fails the item unless Return … as Output is on. */
export function finishedJobOutput(ctx: Pick<IExecuteFunctions, 'getNode'>, finished: Job, itemIndex: number, returnFailed: boolean): IDataObject {
	if (finished.State !== 'Successful' && !returnFailed) {
		const why = finished.Info || (finished.JobError as IDataObject | undefined)?.Details || 'no reason given';
		throw new NodeOperationError(ctx.getNode(), `Job ${finished.Id} (${finished.ReleaseName ?? 'process'}) ended ${finished.State}: ${String(why)}`, {
			itemIndex,
			description: 'To receive faulted and stopped jobs as output instead, turn on "Return Faulted and Stopped Jobs as Output".',
		});
	}
	return withParsedArguments(finished);
}
