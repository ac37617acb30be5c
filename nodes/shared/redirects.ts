// Redirects are followed here, not by n8n-core. n8n 2.41's HTTP helper puts the Authorization header back on a
// redirected request whatever its origin (sendCredentialsOnCrossOriginRedirect defaults to true) and replays a
// body to wherever Location points: a proxy answering 302/307 to another host would get the token and the secrets.
// So every request of the package goes out with following off; a redirect to the same origin (scheme, host and
// port of the first request) is followed here, a bounded number of times; one to another origin fails with an
// error that names both origins, or, where the API hands out such URIs (storage), is followed without credentials.
import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { describeFailure } from './http';

/** More hops than any deployment needs (http→https, a trailing slash, a login host): a loop ends here. */
export const MAX_REDIRECTS = 5;

const FOLLOWED = [301, 302, 303, 307, 308];

/** Thrown when a redirect is not followed: to another origin, or one too many. Nothing was sent there. */
export class RedirectRefusedError extends Error {
	override name = 'RedirectRefusedError';

	constructor(
		message: string,
		/** what to do about it, for the error's description */
		readonly advice: string,
	) {
		super(message);
	}
}

/** scheme://host:port of a URL; the text itself when it is not one (it then matches nothing else). */
export function originOf(url: string): string {
	return URL.canParse(url) ? new URL(url).origin : url;
}

export interface RedirectPolicy {
	/** the server as the error names it, e.g. "UiPath Orchestrator" */
	service: string;
	/** storage URIs: another origin is followed, without credentials; anything else refuses it */
	crossOrigin?: 'refuse' | 'followWithoutCredentials';
}

/**
 * The request after a redirect, as RFC 9110 §15.4 has it. 303: the answer is elsewhere, GET it, without the body.
 * 307/308: the same request at the new place. 301/302: the spec lets a client turn a POST into a GET only "for
 * historical reasons" (browsers); the resource moved, so the request goes as it was: a GET would drop the call (no
 * job started) and report another resource's answer as its result. A server that has acted answers 303.
 */
function nextRequest(options: IHttpRequestOptions, status: number, url: string): IHttpRequestOptions {
	const method = (options.method ?? 'GET').toUpperCase();
	const toGet = status === 303 && method !== 'GET' && method !== 'HEAD';
	// The Location is the whole target: the first request's query is not added to it again.
	const next: IHttpRequestOptions = { ...options, url, qs: undefined };
	if (!toGet) return next;
	const headers = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([name]) => !/^content-/i.test(name)));
	return { ...next, method: 'GET' as IHttpRequestMethods, body: undefined, headers };
}

/** An answer's body that is a stream is closed, so its connection is freed. */
function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | undefined;
	if (stream && typeof stream === 'object' && typeof stream.destroy === 'function') stream.destroy();
}

function refuse(policy: RedirectPolicy, status: number, from: string, to: string): RedirectRefusedError {
	return new RedirectRefusedError(
		`${policy.service} answered ${status} redirecting from ${originOf(from)} to ${originOf(to)}, another address: not followed, so no token, secret or request body went there`,
		`Check the credential's URL: use the address ${policy.service} answers at itself (https://, the host and port it ends on). If a proxy in front of it redirects elsewhere, have it pass the requests through instead.`,
	);
}

/**
 * Sends `options` with n8n-core's following turned off and follows redirects itself. `send` gets each hop's
 * request and whether the chain has left the first origin (it must then go without credentials).
 */
export async function followRedirects<T>(
	send: (options: IHttpRequestOptions, crossedOrigin: boolean) => Promise<T>,
	options: IHttpRequestOptions,
	policy: RedirectPolicy,
): Promise<T> {
	const first = originOf(options.url);
	let current: IHttpRequestOptions = { ...options, disableFollowRedirect: true };
	let crossed = false;
	for (let hops = 0; ; hops++) {
		let caught: unknown;
		try {
			return await send({ ...current }, crossed);
		} catch (error) {
			caught = error;
		}
		const { status, location, body } = describeFailure(caught);
		if (status === undefined || !FOLLOWED.includes(status) || !location || !URL.canParse(location, current.url)) throw caught;
		discard(body);
		const target = new URL(location, current.url);
		if (target.origin !== first) {
			if (policy.crossOrigin !== 'followWithoutCredentials' || !/^https?:$/.test(target.protocol)) {
				throw refuse(policy, status, current.url, target.href);
			}
			crossed = true;
		}
		if (hops >= MAX_REDIRECTS) {
			throw new RedirectRefusedError(
				`${policy.service} redirected the request more than ${MAX_REDIRECTS} times (last to ${target.origin}): not followed further`,
				"A redirect loop: check the credential's URL, and any proxy in front of the service.",
			);
		}
		current = nextRequest(current, status, target.href);
	}
}
