// One request core that each service configures: its base URL and credential, pacing, which statuses prove a call
// that starts work was not taken (so it may be sent again), and a table of hints per status and error code that
// turns a failure into the n8n error users see. Nothing here knows either service.
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { cancelSignalOf } from './abort';
import { describeFailure, jsonAnswer, QUOTA_WINDOW_MS, withRetries, type HttpFailure } from './http';
import type { RequestPacer } from './pacer';
import { followRedirects } from './redirects';

export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ServiceRequest {
	method: IHttpRequestMethods;
	/** path after the service's base URL */
	path: string;
	/** a full URL instead of base + path */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** reads may be re-sent after a timeout or 5xx; a call that starts work never is (default: GET only) */
	idempotent?: boolean;
	itemIndex?: number;
	/** the answer is not JSON (e.g. 200 with no body) */
	expectEmpty?: boolean;
	/** bytes sent as they are, with their Content-Type, instead of a JSON `body` (a multipart upload) */
	rawBody?: { data: Buffer; contentType: string };
	/** the answer as bytes with its headers ({ body: Buffer, headers }), not JSON (a file download) */
	binaryAnswer?: boolean;
	/** the operation's own end (a wait's deadline): a quota, Retry-After or backoff wait ends there too */
	signal?: AbortSignal;
}

/** What the user reads for one status or error code; the description may depend on the request. */
export interface Hint<R> {
	message: string;
	/** may depend on the request, and on the credential's fields (e.g. its authentication method) */
	description?: string | ((request: R, credentials: IDataObject) => string);
}

export interface HintTable<R> {
	/** checked first: the service's own error codes */
	byErrorCode?: Record<string, Hint<R>>;
	byStatus: Record<number, Hint<R>>;
	/** any other failure with an answer */
	otherwise: (status: number | undefined) => Hint<R>;
}

export interface ServiceConfig<R extends ServiceRequest> {
	/** the service as the user knows it, e.g. "UiPath Orchestrator" */
	service: string;
	credentialType: (ctx: RequestContext) => string;
	/** the base the request's path is appended to (a request may name another service of the same tenant) */
	baseUrl: (credentials: IDataObject, request: R) => string;
	/** the pacer this request waits on, if any (keyed per tenant or API key) */
	pacer?: (credentials: IDataObject, request: R, baseUrl: string) => RequestPacer | undefined;
	headers?: (request: R) => Record<string, string> | undefined;
	timeoutMs: (credentials: IDataObject) => number;
	/**
	 * Statuses that prove the server did not take a call that starts work, so it may be sent again. Both services
	 * name only 429: a 503 from a proxy may come after the call was taken.
	 */
	startsWorkRetryStatuses: number[];
	hints: HintTable<R>;
	/** the API's own message and error code, read from an error body */
	readBody: (body: unknown) => { message?: string; errorCode?: string | number };
	/** appended to the message for an error code not in the hint table; undefined adds nothing */
	errorCodeSuffix?: (errorCode: string | number) => string | undefined;
	/** said when a call that may have started work got no answer or a 5xx (it is not re-sent): what to look for */
	notResent: (request: R) => string | undefined;
	/** said when no answer came to a call that may be sent again */
	checkReach: string;
}

// Errors of calls that start work and may have been carried out all the same (no answer after sending, or a 5xx).
const carriedOutMaybe = new WeakSet<object>();

/** Whether this error came from a call that starts work and may have been carried out (see startOnce.ts). */
export function mayHaveBeenCarriedOut(error: unknown): boolean {
	return typeof error === 'object' && error !== null && carriedOutMaybe.has(error);
}

function mayHaveActed(failure: HttpFailure): boolean {
	if (failure.credentialRejected || failure.tokenUnavailable || failure.redirectRefused) return false;
	return failure.timedOut || failure.connectionCut || (failure.status !== undefined && failure.status >= 500);
}

/** What a request is sent with, read from its credential: a bad URL or number is named, not reported as an outage. */
async function connectionOf<R extends ServiceRequest>(ctx: RequestContext, config: ServiceConfig<R>, request: R) {
	const credentialType = config.credentialType(ctx);
	const credentials = await ctx.getCredentials(credentialType);
	try {
		const base = config.baseUrl(credentials, request);
		return { credentialType, credentials, base, pacer: config.pacer?.(credentials, request, base), timeout: config.timeoutMs(credentials) };
	} catch (error) {
		// a credential URL without https:// or a credential number that is not one (credentialUrl.ts, numbers.ts)
		throw serviceError(ctx.getNode(), config, describeFailure(error), request, { credentials, credentialType });
	}
}

/** The headers of a request that sends or answers bytes: their Content-Type, and any answer type for a download. */
function bytesHeaders(request: ServiceRequest): Record<string, string> {
	return { ...(request.rawBody ? { 'Content-Type': request.rawBody.contentType } : {}), ...(request.binaryAnswer ? { Accept: '*/*' } : {}) };
}

/** Sends one request: paced, retried within a bound, and a failure turned into the service's n8n error. */
export async function serviceRequest<T, R extends ServiceRequest>(ctx: RequestContext, config: ServiceConfig<R>, request: R): Promise<T> {
	const { credentialType, credentials, base, pacer, timeout } = await connectionOf(ctx, config, request);
	// Quota and Retry-After waits end when the execution is cancelled, and at the operation's deadline.
	const cancel = cancelSignalOf(ctx);
	const signal = cancel && request.signal ? AbortSignal.any([cancel, request.signal]) : (cancel ?? request.signal);
	const send = async () => {
		await pacer?.acquire(Date.now, signal);
		const sentAt = Date.now();
		// The quota is shared with processes this one cannot see: a 429 is the only word of them (pacer.ts).
		const throttled = async (error: unknown): Promise<never> => {
			if (describeFailure(error).status === 429) pacer?.throttled(sentAt);
			return await Promise.reject(error);
		};
		// n8n-core follows no redirect: a same-origin one is followed here, one to another origin fails (redirects.ts).
		const response = (await followRedirects(
			async (options) => await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options),
			{
				method: request.method,
				url: request.url ?? `${base}${request.path}`,
				qs: request.qs,
				body: request.rawBody?.data ?? request.body,
				headers: { ...config.headers?.(request), ...bytesHeaders(request) },
				json: !request.rawBody && !request.binaryAnswer,
				...(request.binaryAnswer ? { encoding: 'arraybuffer' as const, returnFullResponse: true } : {}),
				timeout,
			},
			{ service: config.service },
		).catch(throttled)) as unknown;
		pacer?.accepted();
		return request.expectEmpty || request.binaryAnswer ? (response as T) : jsonAnswer<T>(response);
	};
	const options = { idempotent: request.idempotent ?? request.method === 'GET', unsafeRetryStatuses: config.startsWorkRetryStatuses, signal };
	// A paced request of an execution counts against a per-minute quota: a 429 without Retry-After waits for the
	// window. A trigger's poll does not (it fails, its cursor stays, the next poll reads again: a poll that waited
	// minutes would overlap the next one), nor does a picker (no one waits minutes for a list).
	const quota = pacer && signal && { windowMs: QUOTA_WINDOW_MS, lastAcceptedAt: () => pacer.lastAcceptedAt, holdMs: () => pacer.holdMs() };
	return await withRetries(send, quota ? { ...options, quota } : options, (failure) =>
		serviceError(ctx.getNode(), config, failure, request, { credentials, credentialType }),
	);
}

/** Which credential a failed request used, so an error can name it. */
export interface UsedCredential {
	credentials?: IDataObject;
	credentialType?: string;
}

/** The credential as the user named it in n8n, e.g. `credential "UiPath prod"`. */
function credentialLabel(node: INode, used: UsedCredential): string {
	const name = used.credentialType ? node.credentials?.[used.credentialType]?.name : undefined;
	return name ? `credential "${name}"` : 'credential';
}

/** Message and advice for failures that carry no API answer to word: no token, no answer, or no JSON. */
function describeWithoutAnswer<R extends ServiceRequest>(failure: HttpFailure, config: ServiceConfig<R>, request: R, credential: string) {
	if (failure.credentialRejected) {
		return { message: failure.credentialRejected, description: `Fix the ${credential}, then use its Test button to check it.` };
	}
	// Not followed: nothing reached the other address, and the call was not carried out there.
	if (failure.redirectRefused) return { message: failure.redirectRefused.message, description: failure.redirectRefused.advice };
	if (failure.tokenUnavailable) {
		return {
			message: failure.tokenUnavailable,
			description: `This is an outage in front of ${config.service}'s sign-in, not a wrong credential: n8n retried. Try again later; if it persists, check the credential's URL.`,
		};
	}
	if (failure.malformed) {
		return {
			message: `${config.service} answered with a body that is not valid JSON`,
			description: `This is usually a proxy or an outage in front of ${config.service}. Try again later.`,
		};
	}
	if (failure.timedOut || failure.noResponse) {
		// A reset after the request went out is not "could not reach": the server may have acted on it.
		const message = failure.timedOut
			? `${config.service} did not answer in time`
			: failure.connectionCut
				? `The connection to ${config.service} was cut before it answered`
				: `Could not reach ${config.service}`;
		return { message, description: config.notResent(request) ?? config.checkReach };
	}
	return undefined;
}

/** The n8n error for a failed call: what happened, what to do, and the API's own message and error code. */
export function serviceError<R extends ServiceRequest>(
	node: INode,
	config: ServiceConfig<R>,
	failure: HttpFailure,
	request: R,
	used: UsedCredential = {},
): NodeApiError {
	const { message: said, errorCode } = config.readBody(failure.body);
	const codeHint = errorCode !== undefined ? config.hints.byErrorCode?.[String(errorCode)] : undefined;
	const hint = codeHint ?? (failure.status ? config.hints.byStatus[failure.status] : undefined) ?? config.hints.otherwise(failure.status);
	let description = typeof hint.description === 'function' ? hint.description(request, used.credentials ?? {}) : (hint.description ?? '');
	// A 5xx to a call that starts work: it may have been carried out, so "try again" is the wrong advice.
	if (request.idempotent === false && failure.status && failure.status >= 500) description = config.notResent(request) ?? description;
	const text = describeWithoutAnswer(failure, config, request, credentialLabel(node, used)) ?? { message: hint.message, description };
	if (said && !failure.malformed) text.message = `${text.message}: ${said}`;
	const suffix = errorCode !== undefined && !codeHint ? config.errorCodeSuffix?.(errorCode) : undefined;
	if (suffix) text.message = `${text.message} ${suffix}`;
	const extra: JsonObject = config.errorCodeSuffix ? { errorCode: errorCode ?? null } : {};
	// Built from the sanitized failure only: no request, header or token goes into it.
	const error = new NodeApiError(
		node,
		{ message: text.message, status: failure.status ?? null, ...extra, body: (failure.body ?? null) as JsonObject } as JsonObject,
		{ ...text, httpCode: failure.status ? String(failure.status) : undefined, itemIndex: request.itemIndex },
	);
	if (request.idempotent === false && mayHaveActed(failure)) carriedOutMaybe.add(error);
	return error;
}
