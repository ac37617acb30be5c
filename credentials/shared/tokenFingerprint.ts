// A stored token is good only for the values it was issued for. n8n calls preAuthentication only while the hidden
// token field is empty or after a 401, and its credential Test reuses the stored token, so a token issued before
// the secret, URL, client ID or scopes were changed would go on being used (and the Test would pass with a wrong
// secret). So next to the token we store a fingerprint of the values it was issued for; `authenticate` sends no
// token when the values in the form no longer match, the server answers 401, and n8n asks preAuthentication for a
// new token with the values now in the form.
// The fingerprint is an HMAC keyed with the token itself: without the token it says nothing about the values, so
// no secret is kept in clear (or in a form that can be guessed at) in the new field.
import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/** Where n8n stores the token preAuthentication fetched; empty again when it expires or a call answers 401. */
const accessTokenField: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

/** Where the fingerprint of the values the stored token was issued for is kept. */
const tokenIssuedForField: INodeProperties = {
	displayName: 'Token Issued For',
	name: 'tokenIssuedFor',
	type: 'hidden',
	typeOptions: { password: true },
	default: '',
};

/** The hidden fields n8n keeps what preAuthentication returns in (`storedToken`), last in every credential's form. */
export const storedTokenFields: INodeProperties[] = [accessTokenField, tokenIssuedForField];

function fingerprint(token: string, credentials: ICredentialDataDecryptedObject, inputs: readonly string[]): string {
	const values = inputs.map((name) => [name, credentials[name] ?? null]);
	return createHmac('sha256', token).update(JSON.stringify(values)).digest('base64url');
}

/** What preAuthentication stores: the token and the fingerprint of the values (`inputs`) it was issued for. */
export function storedToken(token: string, credentials: ICredentialDataDecryptedObject, inputs: readonly string[]) {
	return { accessToken: token, tokenIssuedFor: fingerprint(token, credentials, inputs) };
}

/**
 * The stored token if it was issued for the values in the form now; undefined when any of them changed (or the token
 * was stored before fingerprints were kept), so the request goes without it and n8n fetches a new one on the 401.
 */
export function tokenForCurrentValues(credentials: ICredentialDataDecryptedObject, inputs: readonly string[]): string | undefined {
	const token = credentials.accessToken;
	if (typeof token !== 'string' || !token) return undefined;
	return credentials.tokenIssuedFor === fingerprint(token, credentials, inputs) ? token : undefined;
}
