// Waits for one started job: polls it by Id (not the rate-limited list) until it finishes or the timeout passes.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { waitForCompletion } from '../../../shared/waitFor';
import { FINISHED_JOB_STATES, getJob, withParsedArguments, type Job } from '../../api/jobs';
import type { FolderRef } from '../../transport';

export async function waitForJob(
	this: IExecuteFunctions,
	job: Job,
	folder: FolderRef,
	itemIndex: number,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const timeoutSeconds = this.getNodeParameter('waitTimeout', itemIndex, 600) as number;
	const options = this.getNodeParameter('startOptions', itemIndex, {}) as { pollInterval?: number; returnFailed?: boolean };
	const outcome = await waitForCompletion(
		async () => {
			const current = await getJob(this, job.Id, folder, itemIndex);
			return { done: FINISHED_JOB_STATES.includes(current.State), value: current };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: (options.pollInterval ?? 5) * 1000, maxIntervalMs: 30_000, signal },
	);
	if (!outcome.finished) {
		throw new NodeOperationError(this.getNode(), `Job ${job.Id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `Its last state was ${outcome.last.State}. The job goes on in Orchestrator; raise the timeout, or follow it with the UiPath Trigger.`,
		});
	}
	const finished = outcome.value;
	if (finished.State !== 'Successful' && !options.returnFailed) {
		const why = finished.Info || (finished.JobError as IDataObject | undefined)?.Details || 'no reason given';
		throw new NodeOperationError(this.getNode(), `Job ${finished.Id} (${finished.ReleaseName ?? 'process'}) ended ${finished.State}: ${String(why)}`, {
			itemIndex,
			description: 'To receive faulted and stopped jobs as output instead, turn on "Return Faulted and Stopped Jobs as Output".',
		});
	}
	return withParsedArguments(finished);
}
