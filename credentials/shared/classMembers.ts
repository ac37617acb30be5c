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
} from 'n8n-workflow';

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

/**
 * `requestOptions` with the token as a Bearer header, and any `otherHeaders`. Without a token the request goes
 * without one: its 401 makes n8n call preAuthentication for a new token.
 */
export function withBearer(requestOptions: IHttpRequestOptions, token: unknown, otherHeaders: IDataObject = {}): IHttpRequestOptions {
	return {
		...requestOptions,
		headers: { ...requestOptions.headers, ...(token ? { Authorization: `Bearer ${String(token)}` } : {}), ...otherHeaders },
	};
}
