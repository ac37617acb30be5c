import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { optionsParameter } from '../nodes/shared/optionsParameter';
import { type Authenticate, credentialTest, showFor, unencryptedHttpField } from './shared/classMembers';
import { externalApplicationFields, identityTokenFor, orchestratorRequest } from './shared/externalApplication';
import { storedTokenFields, tokenForCurrentValues } from './shared/tokenFingerprint';

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
		{ displayName: 'Tenancy Name', name: 'tenancyName', type: 'string', default: 'Default' },
		optionsParameter('Authentication Method', 'authMethod', [
			['User Name and Password', 'password', 'POST /api/Account/Authenticate with a local or domain user'],
			['External Application', 'externalApp', "Client credentials against the server's own identity service (2021.10 and later)"],
		]),
		{ displayName: 'User Name or Email', name: 'username', type: 'string', default: '', displayOptions: showFor(['password']) },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor(['password']),
		},
		...externalApplicationFields({
			clientIdFor: showFor(['externalApp']),
			secretFor: showFor(['externalApp']),
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
		unencryptedHttpField,
		...storedTokenFields,
	];

	// Called by n8n when there is no token yet or a request got a 401; the token is stored and reused.
	preAuthentication = identityTokenFor(TOKEN_INPUTS);

	authenticate: Authenticate = async (credentials, requestOptions) => {
		// A token issued for other values is not sent: the 401 makes n8n fetch one for the values in the form.
		const token = tokenForCurrentValues(credentials, TOKEN_INPUTS);
		const skipSslCertificateValidation = credentials.ignoreSslIssues === true || requestOptions.skipSslCertificateValidation;
		return orchestratorRequest(credentials, { ...requestOptions, skipSslCertificateValidation }, token);
	};

	test = credentialTest(
		{
			baseURL: '={{$credentials.orchestratorUrl.replace(/\\/+$/, "")}}',
			url: '/odata/Folders',
			qs: { $top: 1 },
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		{
			401: 'Orchestrator did not accept the token: check the tenancy name, user name and password, or the client ID and secret.',
			403: 'The user or application may not read folders: give it the Folders View permission (or OR.Folders.Read).',
			404: 'No Orchestrator API at this address: check the Orchestrator URL (e.g. https://orchestrator.example.com, without /odata).',
		},
	);
}
