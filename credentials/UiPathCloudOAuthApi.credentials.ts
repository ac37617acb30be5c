import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { optionsParameter } from '../nodes/shared/optionsParameter';
import { type Authenticate, credentialTest, showFor, unencryptedHttpField } from './shared/classMembers';
import { externalApplicationFields, identityTokenFor, orchestratorRequest } from './shared/externalApplication';
import { storedTokenFields, tokenForCurrentValues } from './shared/tokenFingerprint';

/** The fields a fetched token depends on: changing any of them drops the stored token. */
const TOKEN_INPUTS = [
	'authMethod',
	'cloudUrl',
	'organization',
	'tenant',
	'clientId',
	'clientSecret',
	'scopes',
	'identityUrl',
	'refreshToken',
	'accountLogicalName',
	'tenantLogicalName',
	'accountUrl',
	'platformUrl',
] as const;

export class UiPathCloudOAuthApi implements ICredentialType {
	name = 'uiPathCloudOAuthApi';

	displayName = 'UiPath Cloud OAuth API';

	icon: Icon = { light: 'file:../nodes/UiPath/uiPath.svg', dark: 'file:../nodes/UiPath/uiPath.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-rpa/n8n-nodes-rpa#uipath-automation-cloud-credential';

	properties: INodeProperties[] = [
		optionsParameter('Authentication Method', 'authMethod', [
			['External Application (Recommended)', 'externalApp', 'A confidential External Application with application scopes (client credentials)'],
			['Personal Access Token', 'personalAccessToken', 'A token made in your user preferences; used as it is until it expires'],
			['API Key (Legacy)', 'apiKey', 'The older Automation Cloud API access: client ID and user key. UiPath ended it in March 2025.'],
		]),
		{
			displayName:
				'UiPath ended API-key access to Orchestrator in March 2025 (only Document Understanding keeps API keys). Move to an External Application: Admin → External Applications → Add → Confidential, with application scopes; then choose External Application above. Account Logical Name becomes Organization, the tenant name in your browser\'s URL becomes Tenant, and the application\'s App ID and App Secret replace Client ID and User Key.',
			name: 'legacyAccessEndedNotice',
			type: 'notice',
			default: '',
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Cloud URL',
			name: 'cloudUrl',
			type: 'string',
			default: 'https://cloud.uipath.com',
			description:
				'https://cloud.uipath.com, https://govcloud.uipath.us, a regional host, or your Automation Suite host',
			displayOptions: showFor(['externalApp', 'personalAccessToken']),
		},
		{
			displayName: 'Organization',
			name: 'organization',
			type: 'string',
			default: '',
			placeholder: 'e.g. acmecorp',
			description: 'The organization name as it appears in the URL: cloud.uipath.com/<organization>/<tenant>',
			displayOptions: showFor(['externalApp', 'personalAccessToken']),
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: 'DefaultTenant',
			description: 'The tenant name as it appears in the URL',
			displayOptions: showFor(['externalApp', 'personalAccessToken']),
		},
		...externalApplicationFields({
			clientIdFor: showFor(['externalApp', 'apiKey']),
			secretFor: showFor(['externalApp']),
			scopesDescription:
				'Application scopes to ask for, separated by spaces. They must be granted to the External Application. Beyond the default Orchestrator scopes: DataFabric.Schema.Read, DataFabric.Data.Read and DataFabric.Data.Write for Entity and Entity Record (Data Fabric), PIMS for Maestro Process, Maestro Instance and the Maestro trigger events.',
			identityPlaceholder: 'https://cloud.uipath.com/identity_',
			identityDescription: 'Leave empty to use <Cloud URL>/identity_',
		}),
		{
			displayName: 'Personal Access Token',
			name: 'personalAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor(['personalAccessToken']),
		},
		{
			displayName: 'User Key',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The user key (refresh token) shown with the client ID under API Access',
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Account Logical Name',
			name: 'accountLogicalName',
			type: 'string',
			default: '',
			description: 'Shown under API Access; the UiPath node\'s Account → Get Many also lists it',
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Tenant Logical Name',
			name: 'tenantLogicalName',
			type: 'string',
			default: '',
			description: "The service instance logical name; the UiPath node's Tenant → Get Many lists them",
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Account URL',
			name: 'accountUrl',
			type: 'string',
			default: 'https://account.uipath.com',
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Platform URL',
			name: 'platformUrl',
			type: 'string',
			default: 'https://platform.uipath.com',
			displayOptions: showFor(['apiKey']),
		},
		{
			displayName: 'Job and Queue Item Lists per Minute',
			name: 'listCallsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 100,
			description:
				"Automation Cloud allows 100 list calls of jobs and of queue items a minute per tenant; n8n spaces its own to stay under it. 0 turns spacing off.",
		},
		unencryptedHttpField,
		...storedTokenFields,
	];

	// n8n calls this when it has no token yet, or a request got a 401; it stores the answer so one token serves
	// every execution and item until it expires.
	preAuthentication = identityTokenFor(TOKEN_INPUTS);

	authenticate: Authenticate = async (credentials, requestOptions) => {
		// A token issued for other values is not sent: the 401 makes n8n fetch one for the values in the form.
		const token =
			credentials.authMethod === 'personalAccessToken'
				? credentials.personalAccessToken
				: tokenForCurrentValues(credentials, TOKEN_INPUTS);
		// The legacy cloud names the tenant in a header too (the seed's step 5).
		const tenantHeader =
			credentials.authMethod === 'apiKey' ? { 'X-UIPATH-TenantName': String(credentials.tenantLogicalName) } : {};
		return orchestratorRequest(credentials, requestOptions, token, tenantHeader);
	};

	test = credentialTest(
		{
			baseURL:
				'={{ $credentials.authMethod === "apiKey" ? $credentials.platformUrl.replace(/\\/+$/, "") + "/" + $credentials.accountLogicalName + "/" + $credentials.tenantLogicalName : $credentials.cloudUrl.replace(/\\/+$/, "") + "/" + $credentials.organization + "/" + $credentials.tenant + "/orchestrator_" }}',
			url: '/odata/Folders',
			qs: { $top: 1 },
		},
		{
			401: 'UiPath did not accept the token: check the client ID and secret, the personal access token, or the user key, and that the application or user may use this tenant.',
			403: 'The credential may not read folders: grant OR.Folders.Read (or OR.Folders) and add it to Scopes.',
			404: 'No Orchestrator at this address: check the Organization and Tenant (the two path segments after the host in your browser), or the account and tenant logical names.',
		},
	);
}
