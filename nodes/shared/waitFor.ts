// Polls one run until it finishes: backoff between checks, a timeout, and no request after the deadline.
import { sleepUnlessAborted, throwIfAborted, WaitAbortedError } from './abort';

/**
 * The shortest pause between checks. The parameters are checked when read (numbers.ts); this floor is the second
 * line of defence, so no wait polls without a pause whatever it is given.
 */
export const MIN_INTERVAL_MS = 1000;

/** The longest timeout a timer can hold (about 24.8 days); a longer one would fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

export interface WaitOptions {
	timeoutMs: number;
	/** first pause between checks; grows by half each time up to maxIntervalMs */
	initialIntervalMs?: number;
	maxIntervalMs?: number;
	/** ends the wait (WaitAbortedError) at once: the execution was cancelled, or a sibling wait failed */
	signal?: AbortSignal;
}

/** `last` is undefined when no check was answered before the deadline (its requests waited for a quota). */
export type WaitOutcome<T> = { finished: true; value: T; checks: number } | { finished: false; last: T | undefined; checks: number };

/** A pause of at least the floor (NaN, 0 and negative pauses included). */
function pause(ms: number | undefined, fallback: number): number {
	const given = ms ?? fallback;
	return Number.isFinite(given) && given > MIN_INTERVAL_MS ? given : MIN_INTERVAL_MS;
}

/**
 * Calls `check` until it reports the run finished or the time is up. The first check comes after one interval:
 * a run that was just started is never finished yet. `check` gets a signal that also fires at the deadline: its
 * requests hand it on, so a wait for a quota's window or a Retry-After ends there, with the timeout.
 */
export async function waitForCompletion<T>(
	check: (signal: AbortSignal) => Promise<{ done: boolean; value: T }>,
	options: WaitOptions,
): Promise<WaitOutcome<T>> {
	const { timeoutMs } = options;
	if (!(timeoutMs >= 0 && timeoutMs <= MAX_TIMEOUT_MS)) throw new RangeError(`A wait needs a timeout in milliseconds, not ${timeoutMs}`);
	const deadline = Date.now() + timeoutMs;
	const timeUp = AbortSignal.timeout(timeoutMs);
	const ends = options.signal ? AbortSignal.any([options.signal, timeUp]) : timeUp;
	let interval = pause(options.initialIntervalMs, 1000);
	const maxInterval = pause(options.maxIntervalMs, 15_000);
	// The deadline came while the check's requests waited (a quota, a Retry-After): that is the timeout.
	const timedOut = (error: unknown) => error instanceof WaitAbortedError && timeUp.aborted && !options.signal?.aborted;
	let last: T | undefined;
	await sleepUnlessAborted(Math.min(interval, timeoutMs), options.signal);
	for (let checks = 1; ; checks++) {
		throwIfAborted(options.signal);
		const answer = await check(ends).catch(async (error: unknown) => (timedOut(error) ? undefined : await Promise.reject(error)));
		if (!answer) return { finished: false, last, checks };
		if (answer.done) return { finished: true, value: answer.value, checks };
		last = answer.value;
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { finished: false, last, checks };
		await sleepUnlessAborted(Math.min(interval, remaining), options.signal);
		interval = Math.min(maxInterval, interval * 1.5);
	}
}
