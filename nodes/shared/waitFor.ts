// Polls one run until it finishes: backoff between checks, a timeout, and no request after the deadline.
import { sleepUnlessAborted, throwIfAborted } from './abort';

export interface WaitOptions {
	timeoutMs: number;
	/** first pause between checks; grows by half each time up to maxIntervalMs */
	initialIntervalMs?: number;
	maxIntervalMs?: number;
	/** ends the wait (WaitAbortedError) at once: the execution was cancelled, or a sibling wait failed */
	signal?: AbortSignal;
}

export type WaitOutcome<T> = { finished: true; value: T; checks: number } | { finished: false; last: T; checks: number };

/**
 * Calls `check` until it reports the run finished or the time is up. The first check comes after one interval:
 * a run that was just started is never finished yet.
 */
export async function waitForCompletion<T>(
	check: () => Promise<{ done: boolean; value: T }>,
	options: WaitOptions,
): Promise<WaitOutcome<T>> {
	const deadline = Date.now() + options.timeoutMs;
	let interval = options.initialIntervalMs ?? 1000;
	const maxInterval = options.maxIntervalMs ?? 15_000;
	await sleepUnlessAborted(Math.min(interval, options.timeoutMs), options.signal);
	for (let checks = 1; ; checks++) {
		throwIfAborted(options.signal);
		const { done, value } = await check();
		if (done) return { finished: true, value, checks };
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { finished: false, last: value, checks };
		await sleepUnlessAborted(Math.min(interval, remaining), options.signal);
		interval = Math.min(maxInterval, interval * 1.5);
	}
}
