// What the preAuthentication of every credential here does once it knows how to ask its server for a token: the
// token call retried like a read (only a 400/401/403 blames the credential), one token request at a time per
// credential, and the token stored with the fingerprint of the values it was issued for.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { fetchToken } from '../../nodes/shared/http';
import { followRedirects } from '../../nodes/shared/redirects';
import { storedToken } from './tokenFingerprint';
import { oneTokenAtATime } from './tokenSingleFlight';

/** How one credential asks its server for a token. */
export interface TokenIssuer {
	/** the server, as the error names it when its token endpoint cannot be reached */
	service: string;
	/** how long a token request may take before it counts as an outage (and is retried) */
	timeoutMs: number;
	/** the answer as `issue` reads it (say, parsed JSON); an error thrown here counts as a failed request */
	read: (answer: unknown) => unknown;
	/** the error for a token request refused with 400, 401 or 403: what to check in the credential */
	refused: (error: unknown) => Error;
	/** the token, asked for with `send`; undefined when this credential stores none */
	issue: (send: (options: IHttpRequestOptions) => Promise<unknown>) => Promise<string | undefined>;
}

/** What preAuthentication returns for n8n to store: the token and its fingerprint, or nothing. */
export async function issuedToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	/** the fields the token depends on (see tokenFingerprint.ts) */
	inputs: readonly string[],
	issuer: TokenIssuer,
): Promise<IDataObject> {
	const send = async (options: IHttpRequestOptions) =>
		await fetchToken(
			// A token request carries the secrets in its body: it follows no redirect to another origin (redirects.ts).
			async () =>
				issuer.read(
					await followRedirects(async (hop) => await helper.helpers.httpRequest(hop), { timeout: issuer.timeoutMs, ...options }, issuer),
				),
			issuer.service,
			issuer.refused,
		);
	// Simultaneous 401s of many executions make one token request in this process, not one each.
	return await oneTokenAtATime(credentials, inputs, async () => {
		const token = await issuer.issue(send);
		return token === undefined ? {} : storedToken(token, credentials, inputs);
	});
}
