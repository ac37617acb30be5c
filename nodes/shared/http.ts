// Retries, backoff, Retry-After and pacing to a quota: written once, used by every node of the package.
// Nothing here knows either service.
import { sleepUnlessAborted, throwIfAborted } from './abort';

/** What a failed HTTP call tells us, read from the error n8n-core throws (an AxiosError, often wrapped). */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	retryAfterMs?: number;
	/** no answer came back: connection refused or reset, DNS, or our own timeout */
	noResponse: boolean;
	timedOut: boolean;
	/** the connection was cut (reset, hang-up) after the request went out: it may have been carried out */
	connectionCut: boolean;
	/** an answer came back, but its body was not the JSON the API promises */
	malformed: boolean;
	/** the credential could not get a token: the reason, worded for the user */
	credentialRejected?: string;
	/** the token endpoint stayed unavailable (retried already): the reason, worded for the user */
	tokenUnavailable?: string;
	/** a 3xx answer's Location (n8n-core's following is off: see redirects.ts) */
	location?: string;
	/** a redirect that was not followed (another origin, or too many): what happened and what to do */
	redirectRefused?: { message: string; advice: string };
}

/**
 * Thrown by a credential when the service refused to issue a token: the message says which field to check, and
 * sending the request again would not help.
 */
export class CredentialRejectedError extends Error {
	override name = 'CredentialRejectedError';
}

/**
 * Thrown by a credential when its token endpoint stayed unavailable (5xx, reset, timeout) after retries: the
 * credential was not checked, so the message does not blame it.
 */
export class TokenUnavailableError extends Error {
	override name = 'TokenUnavailableError';
}

/** Thrown by a transport when a 2xx answer's body is not valid JSON. */
export class MalformedResponseError extends Error {
	readonly malformedResponse = true;
}

interface ErrorLike {
	cause?: unknown;
	response?: { status?: number; data?: unknown; body?: unknown; headers?: Record<string, unknown> };
	httpCode?: string | null;
	code?: string;
	message?: string;
	advice?: string;
	context?: { data?: unknown };
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** An answer as JSON: n8n-core hands over a body it could not parse as text; that is a malformed answer. */
export function jsonAnswer<T>(response: unknown): T {
	if (typeof response !== 'string' || !response.length) return response as T;
	const parsed = parseJson(response);
	if (parsed === undefined) throw new MalformedResponseError('The answer is not JSON');
	return parsed as T;
}

/** Parses a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function describeFailure(error: unknown): HttpFailure {
	// n8n-core wraps the transport error in NodeApiError; the response lives on the innermost error.
	let current = error as ErrorLike | undefined;
	let response: ErrorLike['response'];
	let code: string | undefined;
	let httpCode: string | undefined;
	let credentialRejected: string | undefined;
	let tokenUnavailable: string | undefined;
	let redirectRefused: HttpFailure['redirectRefused'];
	for (let depth = 0; current && depth < 5; depth++) {
		if ((current as Error).name === 'CredentialRejectedError') credentialRejected = current.message;
		if ((current as Error).name === 'TokenUnavailableError') tokenUnavailable = current.message;
		if ((current as Error).name === 'RedirectRefusedError') redirectRefused ??= { message: String(current.message), advice: String(current.advice) };
		response ??= current.response;
		code ??= current.code;
		httpCode ??= current.httpCode ?? undefined;
		current = current.cause as ErrorLike | undefined;
	}
	const status = response?.status ?? (httpCode && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined);
	const headers = response?.headers ?? {};
	const retryAfter = headers['retry-after'] ?? headers['Retry-After'];
	const location = headers.location ?? headers.Location;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String((error as ErrorLike)?.message));
	const malformed = error instanceof MalformedResponseError;
	const connectionCut = !response && (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(String((error as ErrorLike)?.message)));
	return {
		status,
		body: response?.data ?? response?.body,
		retryAfterMs: parseRetryAfter(retryAfter),
		noResponse: !response && !status && !malformed && !credentialRejected && !tokenUnavailable && !redirectRefused,
		timedOut,
		connectionCut,
		malformed,
		credentialRejected,
		tokenUnavailable,
		location: typeof location === 'string' ? location : undefined,
		redirectRefused,
	};
}

export interface RetryOptions {
	/**
	 * True for calls that may be sent twice without harm (reads). A call that starts work is only re-sent when the
	 * server proved it did not take it: a 429 (the quota check comes before any work). Never after a timeout, a reset
	 * or a 5xx, a 503 included: a proxy or load balancer answers 503 also after the origin has acted.
	 */
	idempotent: boolean;
	/** retries after the first attempt */
	maxRetries?: number;
	/** first backoff when the server gives no Retry-After; doubles each time */
	baseDelayMs?: number;
	/** longest single wait; a Retry-After beyond it is not waited for */
	maxDelayMs?: number;
	/** Statuses that prove the server did not take a call that starts work, so it may be sent again (default 429). */
	unsafeRetryStatuses?: number[];
	/** called before each wait, e.g. to log */
	onRetry?: (failure: HttpFailure, attempt: number, delayMs: number) => void;
	/** the execution's cancel signal: a Retry-After or backoff wait ends when it fires */
	signal?: AbortSignal;
	/**
	 * The request counts against a per-minute quota: a 429 without Retry-After then means "wait for the window", and
	 * is retried until `windowMs` (two minutes and a bit) has passed with none of this process's requests under the
	 * quota taken (`lastAcceptedAt`), instead of the few seconds of `maxRetries`.
	 */
	quota?: {
		windowMs: number;
		lastAcceptedAt: () => number;
		/** how long this process's pacer would hold the next request: a retry it would hold past the end is not made */
		holdMs: () => number;
	};
}

/**
 * How long a quota's window may stay closed to this process before a 429 is given up on: two windows of a minute
 * and a margin. One would do for a single process; with several, the one whose retries came just after others
 * took the freed places gets a second window.
 */
export const QUOTA_WINDOW_MS = 130_000;

/**
 * The next wait for a quota's window, `leftMs` before giving up: doubling from a second (a sliding window often
 * opens a slot soon) up to 30 s, with jitter so the processes that met the same 429 do not come back together.
 * 0: the window has had time to open and did not, so give up.
 */
export function windowDelay(attempt: number, leftMs: number): number {
	if (leftMs < 250) return 0;
	return Math.round(Math.min(leftMs, 30_000, 1000 * 2 ** attempt * (0.75 + Math.random() * 0.5)));
}

export function isRetryable(failure: HttpFailure, idempotent: boolean, unsafeRetryStatuses = [429]): boolean {
	// A token failure was already retried where the token is fetched (fetchToken); a refused redirect would only
	// be refused again.
	if (failure.credentialRejected || failure.tokenUnavailable || failure.redirectRefused) return false;
	if (failure.status === 429 || failure.status === 503) return idempotent || unsafeRetryStatuses.includes(failure.status);
	if (!idempotent) return false;
	if (failure.noResponse || failure.timedOut || failure.malformed) return true;
	return failure.status === 500 || failure.status === 502 || failure.status === 504;
}

/**
 * Sends `send()` and retries it within a bound when the failure is transient. When it gives up, `toError` turns
 * the last failure into the error to throw (each service words its own).
 */
export async function withRetries<T>(
	send: () => Promise<T>,
	options: RetryOptions,
	toError: (failure: HttpFailure, error: unknown) => Error,
): Promise<T> {
	const maxRetries = options.maxRetries ?? 4;
	const baseDelayMs = options.baseDelayMs ?? 500;
	const maxDelayMs = options.maxDelayMs ?? 60_000;
	// Waits for a quota's window are counted apart: they do not use up the retries for other failures.
	let windowWaits = 0;
	let first429At: number | undefined;
	for (let attempt = 0; ; ) {
		let caught: unknown;
		// A cancelled execution sends nothing more (n8n-core aborts the request in flight).
		throwIfAborted(options.signal);
		try {
			return await send();
		} catch (error) {
			caught = error;
		}
		const failure = describeFailure(caught);
		const retryable = isRetryable(failure, options.idempotent, options.unsafeRetryStatuses);
		let delay: number;
		if (retryable && options.quota && failure.status === 429 && failure.retryAfterMs === undefined) {
			first429At ??= Date.now();
			const closedSince = Math.max(first429At, options.quota.lastAcceptedAt());
			const leftMs = options.quota.windowMs - (Date.now() - closedSince);
			delay = windowDelay(windowWaits++, leftMs);
			if (delay <= 0 || delay + options.quota.holdMs() > leftMs) throw toError(failure, caught);
		} else {
			const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
			delay = failure.retryAfterMs ?? backoff;
			if (attempt >= maxRetries || !retryable || delay > maxDelayMs) throw toError(failure, caught);
			attempt++;
		}
		options.onRetry?.(failure, attempt + windowWaits, delay);
		await sleepUnlessAborted(delay, options.signal);
	}
}

/**
 * Sends a token request, retried like a read (asking for a token twice is harmless). Only a 400, 401 or 403 means
 * the server refused the credential (`refused` words that); any other failure that outlasts the retries is an
 * outage of the token endpoint, and says so instead of blaming the credential.
 */
export async function fetchToken<T>(send: () => Promise<T>, service: string, refused: (error: unknown) => Error): Promise<T> {
	return await withRetries(send, { idempotent: true }, (failure, error) => {
		// The credential's URL sends its secrets elsewhere: that is for the user to fix in the credential.
		if (failure.redirectRefused) return new CredentialRejectedError(`${failure.redirectRefused.message}. ${failure.redirectRefused.advice}`);
		if (failure.status === 400 || failure.status === 401 || failure.status === 403) return refused(error);
		const what = failure.status
			? `answered ${failure.status}`
			: failure.timedOut
				? 'did not answer in time'
				: failure.malformed
					? 'answered with a body that is not JSON'
					: 'could not be reached';
		return new TokenUnavailableError(`${service}'s token endpoint ${what}, also after retries, so the credential could not be checked`);
	});
}
