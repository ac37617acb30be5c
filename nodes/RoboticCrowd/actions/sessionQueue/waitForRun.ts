// Waits for one created run. The API has no read-one call: the run list (newest first) is read and matched by id.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { cancelSignalOf, WaitAbortedError } from '../../../shared/abort';
import type { WaitSettings } from '../../../shared/parameters';
import { waitForCompletion } from '../../../shared/waitFor';
import { FINISHED_STATUSES, MAX_PER_PAGE, listSessionQueues, type SessionQueue, type SessionQueuePage } from '../../api/sessionQueues';

// Runs of one node execution that wait together check the newest page at about the same moments: they share one
// read of it per second instead of each spending the organisation's quota on the same page.
const SHARED_READ_MS = 1000;
const newestPages = new WeakMap<object, { at: number; page: Promise<SessionQueuePage> }>();

async function newestRuns(this: IExecuteFunctions, itemIndex: number, signal: AbortSignal): Promise<SessionQueue[]> {
	// (a resume request's context has no input items: its reads are its own)
	const key = typeof this.getInputData === 'function' ? this.getInputData() : {};
	const shared = newestPages.get(key);
	if (shared && Date.now() - shared.at < SHARED_READ_MS) {
		// A read that ended with the wait that made it (its deadline) is not this wait's end: it reads for itself.
		const othersEnd = (error: unknown) => error instanceof WaitAbortedError && !signal.aborted;
		const runs = await shared.page.then(
			(page) => page.session_queues,
			async (error: unknown) => (othersEnd(error) ? undefined : await Promise.reject(error)),
		);
		if (runs) return runs;
	}
	const page = listSessionQueues(this, '', 1, MAX_PER_PAGE, itemIndex, signal);
	newestPages.set(key, { at: Date.now(), page });
	page.catch(() => newestPages.delete(key));
	return (await page).session_queues;
}

/** Where a run is in a page of the list (ids grow with creation, the list is newest first). */
function place(runs: SessionQueue[], id: number): 'here' | 'below' | 'above' | 'gone' {
	if (runs.some((r) => Number(r.id) === id)) return 'here';
	if (runs.length && runs.every((r) => Number(r.id) > id)) return runs.length < MAX_PER_PAGE ? 'gone' : 'below';
	if (runs.length && runs.every((r) => Number(r.id) < id)) return 'above';
	// It would sit inside this page, or the list ends before it: it was removed.
	return 'gone';
}

/**
 * Follows one run down the list: each check starts at the page it was last seen on (new runs push it down one
 * page at a time), so a run below the newest page costs about one read per check, not a walk from the top.
 */
function runTracker(ctx: IExecuteFunctions, id: number, itemIndex: number) {
	let lastPage = 2;
	return async (signal: AbortSignal): Promise<SessionQueue | undefined> => {
		const newest = await newestRuns.call(ctx, itemIndex, signal);
		if (place(newest, id) === 'here') return newest.find((r) => Number(r.id) === id);
		if (place(newest, id) !== 'below') return undefined;
		let step = 0;
		for (let page = lastPage, reads = 0; reads < 1000; reads++) {
			const { session_queues: runs } = await listSessionQueues(ctx, '', page, MAX_PER_PAGE, itemIndex, signal);
			const where = place(runs, id);
			if (where === 'here') {
				lastPage = page;
				return runs.find((r) => Number(r.id) === id);
			}
			// New runs move it down, queued runs removed above it move it up; a turn back means it is not there.
			const next = where === 'below' ? 1 : where === 'above' ? -1 : 0;
			if (!next || (step && next !== step) || page + next < 2) return undefined;
			step = next;
			page += next;
		}
		return undefined;
	};
}

/** A queued run that is cancelled is removed from the list: said when a read no longer finds it. */
function goneError(ctx: Pick<IExecuteFunctions, 'getNode'>, id: number, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Run ${id} is no longer in the run list: it was cancelled while queued`, {
		itemIndex,
		description: 'A queued run that is cancelled is removed in Robotic Crowd. Create the run again if it is still needed.',
	});
}

export async function waitForRun(this: IExecuteFunctions, run: SessionQueue, itemIndex: number, settings: WaitSettings): Promise<IDataObject> {
	const { timeoutSeconds } = settings;
	const current = runTracker(this, Number(run.id), itemIndex);
	const outcome = await waitForCompletion(
		async (ends) => {
			const seen = await current(ends);
			// A queued run that is cancelled is removed from the list: say so now rather than at the timeout.
			if (!seen) throw goneError(this, Number(run.id), itemIndex);
			return { done: FINISHED_STATUSES.includes(seen.status), value: seen };
		},
		{ timeoutMs: timeoutSeconds * 1000, initialIntervalMs: settings.intervalMs, maxIntervalMs: 30_000, signal: cancelSignalOf(this) },
	);
	if (!outcome.finished) {
		const last = outcome.last ? `Its last status was "${outcome.last.status}".` : 'No read of the run list succeeded in that time (the quota stayed used up, or Robotic Crowd did not answer).';
		throw new NodeOperationError(this.getNode(), `Run ${run.id} did not finish within ${timeoutSeconds} seconds`, {
			itemIndex,
			description: `${last} The run goes on in Robotic Crowd; raise the timeout, or follow it with the Robotic Crowd Trigger.`,
		});
	}
	return finishedRunOutput(this, outcome.value, Number(run.id), itemIndex, settings.returnFailed);
}

/** A run that ended, as the node outputs it; status "error" fails the item unless Return Failed Runs is on. */
export function finishedRunOutput(ctx: Pick<IExecuteFunctions, 'getNode'>, ended: SessionQueue, id: number, itemIndex: number, returnFailed: boolean): IDataObject {
	if (ended.status === 'error' && !returnFailed) {
		throw new NodeOperationError(ctx.getNode(), `Run ${id} of workflow "${ended.workflow?.name ?? ended.workflow?.id}" ended with an error`, {
			itemIndex,
			description: 'See the session in Robotic Crowd for the cause (a run cancelled while running ends with an error). To receive failed runs as output instead, turn on "Return Failed Runs as Output".',
		});
	}
	return ended;
}

/** One read of a run (for a durable wait): as the list shows it now; fails the item when it is gone. */
export async function readRunOnce(ctx: IExecuteFunctions, id: number, itemIndex: number): Promise<SessionQueue> {
	const seen = await runTracker(ctx, id, itemIndex)(new AbortController().signal);
	if (!seen) throw goneError(ctx, id, itemIndex);
	return seen;
}
