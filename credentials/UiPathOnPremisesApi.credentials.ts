import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { orchestratorBaseUrl } from '../nodes/UiPath/auth';

import { accessTokenField, externalApplicationFields, identityToken } from './shared/externalApplication';
import { tokenForCurrentValues, tokenIssuedForField } from './shared/tokenFingerprint';

/** The fields a fetched token depends on: changing any of them drops the stored token. */
const TOKEN_INPUTS = [
	'orchestratorUrl',
	'tenancyName',
	'authMethod',
	'username',
	'password',
	'clientId',
	'clientSecret',
	'scopes',
	'identityUrl',
	'ignoreSslIssues',
] as const;

export class UiPathOnPremisesApi implements ICredentialType {
	name = 'uiPathOnPremisesApi';

	displayName = 'UiPath Orchestrator On-Premises API';

	icon: Icon = { light: 'file:../nodes/UiPath/uiPath.svg', dark: 'file:../nodes/UiPath/uiPath.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-rpa/n8n-nodes-rpa#uipath-on-premises-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Orchestrator URL',
			name: 'orchestratorUrl',
			type: 'string',
			default: '',
			placeholder: 'https://orchestrator.example.com',
			required: true,
			description: 'The address of your Orchestrator, without /odata',
		},
		{
			displayName: 'Tenancy Name',
			name: 'tenancyName',
			type: 'string',
			default: 'Default',
		},
		{
			displayName: 'Authentication Method',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'User Name and Password',
					value: 'password',
					description: 'POST /api/Account/Authenticate with a local or domain user',
				},
				{
					name: 'External Application',
					value: 'externalApp',
					description: "Client credentials against the server's own identity service (2021.10 and later)",
				},
			],
			default: 'password',
		},
		{
			displayName: 'User Name or Email',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMethod: ['password'] } },
		},
		...externalApplicationFields({
			clientIdFor: { show: { authMethod: ['externalApp'] } },
			secretFor: { show: { authMethod: ['externalApp'] } },
			scopesDescription: 'Application scopes to ask for, separated by spaces',
			identityPlaceholder: 'https://orchestrator.example.com/identity',
			identityDescription: 'Leave empty to use <Orchestrator URL>/identity',
		}),
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the certificate cannot be validated (self-signed). Anyone between n8n and Orchestrator could then read the traffic.',
		},
		accessTokenField,
		tokenIssuedForField,
	];

	// Called by n8n when there is no token yet or a request got a 401; the token is stored and reused.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await identityToken(this, credentials, TOKEN_INPUTS);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// A URL without https:// is named here, also by the Test button (n8n would answer a bare "Invalid URL").
		orchestratorBaseUrl(credentials);
		// A token issued for other values is not sent: the 401 makes n8n fetch one for the values in the form.
		const token = tokenForCurrentValues(credentials, TOKEN_INPUTS);
		return {
			...requestOptions,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true || requestOptions.skipSslCertificateValidation,
			headers: { ...requestOptions.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.orchestratorUrl.replace(/\\/+$/, "")}}',
			url: '/odata/Folders',
			qs: { $top: 1 },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		// What n8n shows when the test request fails: by status, instead of the bare status text.
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'Orchestrator did not accept the token: check the tenancy name, user name and password, or the client ID and secret.' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The user or application may not read folders: give it the Folders View permission (or OR.Folders.Read).' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Orchestrator API at this address: check the Orchestrator URL (e.g. https://orchestrator.example.com, without /odata).' },
			},
		],
	};
}
