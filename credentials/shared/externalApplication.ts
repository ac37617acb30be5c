// The External Application fields both UiPath credentials ask for (client credentials against an identity
// server): Client ID, Client Secret, Scopes and Identity URL. Each credential shows them for its own choices.
// Also the token both fetch in preAuthentication and the request both send it with.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_SCOPES, explainTokenFailure, fetchAccessToken, orchestratorBaseUrl } from '../../nodes/UiPath/auth';
import { type PreAuthentication, type showFor, withBearer } from './classMembers';
import { issuedToken } from './issuedToken';

type Show = ReturnType<typeof showFor>;

export function externalApplicationFields(options: {
	/** where Client ID shows (the legacy API key has one too) */
	clientIdFor: Show;
	/** where Client Secret, Scopes and Identity URL show */
	secretFor: Show;
	scopesDescription: string;
	identityPlaceholder: string;
	identityDescription: string;
}): INodeProperties[] {
	return [
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', displayOptions: options.clientIdFor },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: options.secretFor,
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_SCOPES,
			description: options.scopesDescription,
			displayOptions: options.secretFor,
		},
		{
			displayName: 'Identity URL',
			name: 'identityUrl',
			type: 'string',
			default: '',
			placeholder: options.identityPlaceholder,
			description: options.identityDescription,
			displayOptions: options.secretFor,
		},
	];
}

/** preAuthentication of a UiPath credential whose token depends on `inputs` (see tokenFingerprint.ts). */
export function identityTokenFor(inputs: readonly string[]): PreAuthentication {
	return async function (this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// A personal access token is used as it is: there is nothing to fetch.
		if (credentials.authMethod === 'personalAccessToken') return {};
		return await issuedToken(this, credentials, inputs, {
			service: 'UiPath',
			timeoutMs: 30_000,
			read: (answer) => answer,
			// the error names the credential field to check
			refused: (error) => explainTokenFailure(error, credentials),
			issue: async (send) => await fetchAccessToken(send, credentials),
		});
	};
}

/** What authenticate of both UiPath credentials sends, once each has chosen its token: `token` as a Bearer header. */
export function orchestratorRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	token: unknown,
	otherHeaders?: IDataObject,
): IHttpRequestOptions {
	// A URL without https:// is named here, also by the Test button (n8n would answer a bare "Invalid URL").
	return withBearer(requestOptions, token, { base: orchestratorBaseUrl(credentials), service: 'UiPath' }, otherHeaders);
}
