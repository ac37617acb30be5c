// The router's side of a durable wait: once every item has started, the execution is put to wait for the items
// whose work still runs, or, when it all ended meanwhile, goes on at once.
import type { IDataObject, IExecuteFunctions, ITaskMetadata } from 'n8n-workflow';

import { failureOf, Pausing, readItemAgain, takePausePlan, type PausedItem, type PausedWait, type PausePlan, type ReadContext } from './durableWait';

/** An item's result as the router keeps it: its outputs, its failure, or a pause. */
export type ItemResult = IDataObject | IDataObject[] | Pausing | { failed: unknown } | unknown;

/** The metadata of the node's entry on n8n's execution stack, where the paused wait travels. */
export interface PauseMetadata extends Omit<ITaskMetadata, 'resumeError'> {
	durableWait?: PausedWait;
	/** n8n fails the node with this when it resumes it without a request: at the deadline */
	resumeError?: { name: string; message: string };
}

const isFailed = (result: unknown): result is { failed: unknown } =>
	!!result && typeof result === 'object' && !Array.isArray(result) && 'failed' in result;

function pausedItemOf(result: ItemResult): PausedItem {
	if (result instanceof Pausing) return { awaits: result.awaits };
	if (isFailed(result)) return { failed: failureOf(result.failed) };
	return { done: (Array.isArray(result) ? result : [result]) as IDataObject[] };
}

/** Reads each waiting item once more: work that ended while the others started needs no pause. */
async function readBeforePausing(ctx: ReadContext, plan: PausePlan, results: ItemResult[]): Promise<void> {
	for (const [itemIndex, result] of results.entries()) {
		if (!(result instanceof Pausing)) continue;
		// A job that ended Faulted fails its item now, as it would at the resume; a refused read only means the
		// resume reads it.
		const read = await readItemAgain(plan.service, ctx, result.awaits, itemIndex).catch(() => undefined);
		if (read) results[itemIndex] = 'done' in read ? read.done : read;
	}
}

/** What the node shows for a paused item while the execution waits (n8n drops it when it resumes). */
function waitingOutput(wait: PausedWait, awaits: IDataObject): IDataObject {
	return { durableWait: { waitingFor: awaits, via: wait.via, deadline: wait.deadline } };
}

/** The wait of a plan, as the execution keeps it. */
function pausedWaitOf(plan: PausePlan, items: PausedItem[], service: IDataObject): PausedWait {
	return { waitId: plan.waitId, kind: plan.service.kind, via: plan.via, deadline: plan.deadline.toISOString(), items, service };
}

/** Releases the plan's set-up (its subscription) without letting a failure there hide the run's own error. */
export async function releasePlan(ctx: IExecuteFunctions, plan: PausePlan, waitItems: PausedItem[] = []): Promise<void> {
	const service = await plan.preparedService();
	if (!service) return;
	await plan.service.release(ctx, pausedWaitOf(plan, waitItems, service)).catch((error: Error) => ctx.logger.warn(`Durable wait: could not remove its set-up: ${error.message}`));
}

/** The run failed after an item made a plan: nothing will wait, so its subscription goes now. */
export async function releaseAfterFailure(ctx: IExecuteFunctions): Promise<void> {
	const plan = takePausePlan(ctx);
	if (plan) await releasePlan(ctx, plan);
}

/**
 * Puts the execution to wait for the items that still wait (their results become what the node shows while it
 * waits) or, when none does, releases the plan and hands back the results as they are.
 */
export async function pauseOrGoOn(ctx: IExecuteFunctions, results: ItemResult[]): Promise<ItemResult[]> {
	const plan = takePausePlan(ctx);
	if (!plan) return results;
	const outcomes = [...results];
	await readBeforePausing(ctx, plan, outcomes);
	const items = outcomes.map(pausedItemOf);
	// Nothing waits, or an item failed the node (without Continue On Fail the router throws its error next).
	if (!outcomes.some((outcome) => outcome instanceof Pausing) || (!ctx.continueOnFail() && outcomes.some(isFailed))) {
		await releasePlan(ctx, plan, items);
		return outcomes;
	}
	const wait = pausedWaitOf(plan, items, (await plan.preparedService()) ?? {});
	const entry = ctx.getExecuteData();
	const metadata: PauseMetadata = { ...entry.metadata, durableWait: wait, resumeError: { name: 'Error', message: plan.service.deadlineMessage(wait) } };
	// a plain object on purpose: n8n stores it as JSON and, at the deadline, fails the node with its message
	entry.metadata = metadata as ITaskMetadata;
	await ctx.putExecutionToWait(plan.deadline);
	return outcomes.map((outcome) => (outcome instanceof Pausing ? waitingOutput(wait, outcome.awaits) : outcome));
}
