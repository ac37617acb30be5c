// Ending waits early: when the execution is cancelled, or when a sibling wait of the same item has failed.
import { sleep } from 'n8n-workflow';

const SLICE_MS = 200;

/** Thrown when a wait ends because its signal fired. */
export class WaitAbortedError extends Error {
	override name = 'WaitAbortedError';
}

export function throwIfAborted(signal?: AbortSignal) {
	if (signal?.aborted) throw new WaitAbortedError('The wait was ended: the execution was cancelled or another wait of this item failed');
}

/** Sleeps `ms`, or less when `signal` fires first (then throws WaitAbortedError). */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfAborted(signal);
	if (!signal) return await sleep(ms);
	// In short slices: n8n's sleep cannot be cleared, and a timer left running would hold the process.
	for (const end = Date.now() + ms; !signal.aborted && Date.now() < end; ) await sleep(Math.min(SLICE_MS, end - Date.now()));
	throwIfAborted(signal);
}

/** The execution's cancel signal, where the context has one (executions do; polls and pickers do not). */
export function cancelSignalOf(ctx: object): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

/**
 * Runs waits that belong together (the jobs of one item): when one fails, the others stop at their next pause
 * instead of polling on until their timeout. Each also ends when `outer` (the execution's cancel signal) fires.
 */
export async function allOrNone<T, R>(tasks: T[], wait: (task: T, signal: AbortSignal) => Promise<R>, outer?: AbortSignal): Promise<R[]> {
	const siblings = new AbortController();
	const signal = outer ? AbortSignal.any([siblings.signal, outer]) : siblings.signal;
	// The first failure fails the item: stop its siblings, and hand the failure on unchanged.
	const stopSiblings = async (reason: unknown): Promise<never> => {
		siblings.abort();
		return await Promise.reject(reason);
	};
	return await Promise.all(tasks.map(async (task) => await wait(task, signal).catch(stopSiblings)));
}
