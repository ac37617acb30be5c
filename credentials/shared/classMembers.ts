// The values of the class members n8n reads from every credential here, where the three say the same thing: when a
// field shows, the Test button's request, and the Bearer header that `authenticate` adds. Each credential class
// keeps the members themselves (n8n reads them from its instance). icon and documentationUrl stay literals in each
// class: n8n's lint checks that icon files exist only for a literal icon, and takes only a literal documentationUrl.
import type {
	IAuthenticate,
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ALLOW_UNENCRYPTED } from '../../nodes/shared/credentialUrl';
import { CredentialRejectedError } from '../../nodes/shared/http';

/** A credential's own `authenticate`: n8n calls it with the credential's values before each request. */
export type Authenticate = Exclude<IAuthenticate, IAuthenticateGeneric>;

/** A credential's `preAuthentication`: n8n calls it with its HTTP helper as `this` and stores what it returns. */
export type PreAuthentication = NonNullable<ICredentialType['preAuthentication']>;

/** `displayOptions` of a field shown only for these authentication methods. */
export function showFor(authMethod: string[]): { show: { authMethod: string[] } } {
	return { show: { authMethod } };
}

/**
 * The Test button's request, and what n8n shows when it fails with one of these statuses (instead of the bare
 * status text).
 */
export function credentialTest(
	request: ICredentialTestRequest['request'],
	messageForStatus: Record<number, string>,
): ICredentialTestRequest {
	return {
		request,
		rules: Object.entries(messageForStatus).map(([status, message]) => ({
			type: 'responseCode',
			properties: { value: Number(status), message },
		})),
	};
}

/** The switch every credential has for a server without TLS (see nodes/shared/credentialUrl.ts). */
export const unencryptedHttpField: INodeProperties = {
	displayName: ALLOW_UNENCRYPTED,
	name: 'allowUnencryptedHttp',
	type: 'boolean',
	default: false,
	description:
		'Whether to allow http:// URLs of other hosts than this machine. The token, secrets and data then cross the network in clear: use it only on a network you trust.',
};

/** Where a request goes: n8n's own requests carry `url` (and maybe `baseURL`); the HTTP Request node's carry `uri`. */
function targetOrigin(requestOptions: IHttpRequestOptions): string | undefined {
	const raw = String(requestOptions.url ?? (requestOptions as { uri?: unknown }).uri ?? '');
	return URL.canParse(raw, requestOptions.baseURL) ? new URL(raw, requestOptions.baseURL).origin : undefined;
}

/**
 * `requestOptions` with the token as a Bearer header, and any `otherHeaders`. Without a token the request goes
 * without one: its 401 makes n8n call preAuthentication for a new token. Only a request to the credential's own
 * origin (`base`, the URL in the credential) gets them: n8n calls `authenticate` for any URL the HTTP Request node
 * is given. And n8n-core is told not to carry them along a redirect to another origin (it would by default).
 */
export function withBearer(
	requestOptions: IHttpRequestOptions,
	token: unknown,
	own: { base: string; service: string },
	otherHeaders: IDataObject = {},
): IHttpRequestOptions {
	const ownOrigin = new URL(own.base).origin;
	const target = targetOrigin(requestOptions);
	if (target !== ownOrigin) {
		throw new CredentialRejectedError(
			`The ${own.service} credential adds its token only to requests to ${ownOrigin}, the address in the credential: ${target ?? 'this URL'} is another address, so nothing was sent`,
		);
	}
	return {
		...requestOptions,
		headers: { ...requestOptions.headers, ...(token ? { Authorization: `Bearer ${String(token)}` } : {}), ...otherHeaders },
		sendCredentialsOnCrossOriginRedirect: false,
	};
}
