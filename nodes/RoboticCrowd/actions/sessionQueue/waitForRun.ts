// Waits for one created run. The API has no read-one call: the newest page of runs is read and matched by id.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { waitForCompletion } from '../../../shared/waitFor';
import {
	FINISHED_STATUSES,
	MAX_PER_PAGE,
	findSessionQueue,
	listSessionQueues,
	type SessionQueue,
	type SessionQueuePage,
} from '../../api/sessionQueues';

// Runs of one node execution that wait together check the newest page at about the same moments: they share one
// read of it per second instead of each spending the organisation's quota on the same page.
const SHARED_READ_MS = 1000;
const newestPages = new WeakMap<object, { at: number; page: Promise<SessionQueuePage> }>();

async function newestRuns(this: IExecuteFunctions, itemIndex: number): Promise<SessionQueue[]> {
	const key = this.getInputData();
	const shared = newestPages.get(key);
	if (shared && Date.now() - shared.at < SHARED_READ_MS) return (await shared.page).session_queues;
	const page = listSessionQueues(this, '', 1, MAX_PER_PAGE, itemIndex);
	newestPages.set(key, { at: Date.now(), page });
	page.catch(() => newestPages.delete(key));
	return (await page).session_queues;
}

export async function waitForRun(this: IExecuteFunctions, run: SessionQueue, itemIndex: number): Promise<IDataObject> {
	const timeoutSeconds = this.getNodeParameter('waitTimeout', itemIndex, 600) as number;
	const options = this.getNodeParameter('createOptions', itemIndex, {}) as { pollInterval?: number; returnFailed?: boolean };
	const outcome = await waitForCompletion(
		async () => {
			const newest = await newestRuns.call(this, itemIndex);
			const current =
				newest.find((r) => Number(r.id) === Number(run.id)) ?? (await findSessionQueue(this, Number(run.id), itemIndex)) ?? run;
			return { done: FINISHED_STATUSES.includes(current.status), value: current };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: (options.pollInterval ?? 5) * 1000, maxIntervalMs: 30_000 },
	);
	if (!outcome.finished) {
		throw new NodeOperationError(this.getNode(), `Run ${run.id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `Its last status was "${outcome.last.status}". The run goes on in Robotic Crowd; raise the timeout, or follow it with the Robotic Crowd Trigger.`,
		});
	}
	if (outcome.value.status === 'error' && !options.returnFailed) {
		throw new NodeOperationError(this.getNode(), `Run ${run.id} of workflow "${outcome.value.workflow?.name ?? run.workflow?.id}" ended with an error`, {
			itemIndex,
			description: 'See the session in Robotic Crowd for the cause. To receive failed runs as output instead, turn on "Return Failed Runs as Output".',
		});
	}
	return outcome.value;
}
