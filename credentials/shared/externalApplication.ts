// The External Application fields both UiPath credentials ask for (client credentials against an identity
// server): Client ID, Client Secret, Scopes and Identity URL. Each credential shows them for its own choices.
// Also the token both fetch in preAuthentication and the hidden field n8n stores it in.
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SCOPES, explainTokenFailure, fetchAccessToken } from '../../nodes/UiPath/auth';
import { fetchToken } from '../../nodes/shared/http';
import { storedToken } from './tokenFingerprint';
import { oneTokenAtATime } from './tokenSingleFlight';

type Show = { show: { authMethod: string[] } };

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

/** Where n8n stores the token preAuthentication fetched; empty again when it expires or a call answers 401. */
export const accessTokenField: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

/** How long a token request may take before it counts as an outage (and is retried). */
const TOKEN_TIMEOUT_MS = 30_000;

/**
 * preAuthentication of both UiPath credentials: the token, or an error that names the field to check. The token
 * call is retried like a read; only a 400/401/403 blames the credential.
 */
export async function identityToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	/** the fields the token depends on (see tokenFingerprint.ts) */
	inputs: readonly string[],
) {
	const send = async (options: IHttpRequestOptions) =>
		await fetchToken(
			async () => await helper.helpers.httpRequest({ timeout: TOKEN_TIMEOUT_MS, ...options }),
			'UiPath',
			(error) => explainTokenFailure(error, credentials),
		);
	// Simultaneous 401s of many executions make one token request in this process, not one each.
	return await oneTokenAtATime(credentials, inputs, async () => {
		const token = await fetchAccessToken(send, credentials);
		return token === undefined ? {} : storedToken(token, credentials, inputs);
	});
}
