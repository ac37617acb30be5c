// Account and Tenant: the legacy Automation Cloud discovery calls (the seed's steps 2 and 3), which find the account
// and tenant (service instance) logical names a legacy API key works with. They live on the platform host, outside
// any tenant, and answer only to a legacy API key token.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { CLOUD_CREDENTIAL } from '../auth';
import { credentialTypeOf, uiPathRequest } from '../transport';

const trim = (url: unknown) => String(url ?? '').trim().replace(/\/+$/, '');

export const accountOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many accounts',
			description: 'List the accounts of the API key user, with their logical names (legacy API key only)',
		},
	],
	default: 'getMany',
};

export const tenantOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['tenant'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many tenants',
			description: 'List the tenants (service instances) of an account, with their logical names (legacy API key only)',
		},
	],
	default: 'getMany',
};

export const discoveryFields: INodeProperties[] = [
	{
		displayName: 'These work only with the Automation Cloud credential set to API Key (Legacy)',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account', 'tenant'] } },
	},
	{
		displayName: 'Account Logical Name',
		name: 'accountLogicalName',
		type: 'string',
		default: '',
		placeholder: 'e.g. acmecorp',
		displayOptions: { show: { resource: ['tenant'], operation: ['getMany'] } },
		description: "The account whose tenants to list. Leave empty to use the credential's. Account → Get Many lists them.",
	},
];

interface LegacyCredential {
	platformUrl: string;
	accountLogicalName: string;
}

/** The legacy cloud credential, or a clear error before anything is sent. */
async function legacyCredential(this: IExecuteFunctions, itemIndex: number): Promise<LegacyCredential> {
	const fail = (why: string) =>
		new NodeOperationError(this.getNode(), `Account and Tenant need the API Key (Legacy) authentication method`, {
			itemIndex,
			description: `${why} These calls (getAccountsForUser, getAllServiceInstances) belong to the legacy Automation Cloud API and accept only its API key tokens. With an External Application or a personal access token the organization and tenant are the names in your cloud URL (cloud.uipath.com/<organization>/<tenant>).`,
		});
	if (credentialTypeOf(this) !== CLOUD_CREDENTIAL) {
		throw fail('This node uses an on-premises Orchestrator credential.');
	}
	const credentials = await this.getCredentials(CLOUD_CREDENTIAL, itemIndex);
	if (credentials.authMethod !== 'apiKey') {
		const method = credentials.authMethod === 'personalAccessToken' ? 'Personal Access Token' : 'External Application';
		throw fail(`The credential uses the ${method} method.`);
	}
	return {
		platformUrl: trim(credentials.platformUrl) || 'https://platform.uipath.com',
		accountLogicalName: String(credentials.accountLogicalName ?? '').trim(),
	};
}

async function getAccounts(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { platformUrl } = await legacyCredential.call(this, itemIndex);
	const answer = await uiPathRequest<{ userEmail?: string; accounts?: IDataObject[] }>(this, {
		method: 'GET',
		path: '/cloudrpa/api/getAccountsForUser',
		url: `${platformUrl}/cloudrpa/api/getAccountsForUser`,
		itemIndex,
	});
	return (answer?.accounts ?? []).map((account) => ({ ...account, userEmail: answer.userEmail ?? null }));
}

/** The answer is a list of service instances; accept it wrapped in an object too. */
function serviceInstancesOf(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer && typeof answer === 'object') {
		const list = Object.values(answer as IDataObject).find(Array.isArray);
		if (list) return list as IDataObject[];
	}
	return [];
}

async function getTenants(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const credential = await legacyCredential.call(this, itemIndex);
	const account = String(this.getNodeParameter('accountLogicalName', itemIndex, '')).trim() || credential.accountLogicalName;
	if (!account) {
		throw new NodeOperationError(this.getNode(), 'Give the account logical name', {
			itemIndex,
			description: 'Neither the node nor the credential names an account. Account → Get Many lists the accounts of the API key user.',
		});
	}
	const answer = await uiPathRequest<unknown>(this, {
		method: 'GET',
		path: `/cloudrpa/api/account/${encodeURIComponent(account)}/getAllServiceInstances`,
		url: `${credential.platformUrl}/cloudrpa/api/account/${encodeURIComponent(account)}/getAllServiceInstances`,
		itemIndex,
		notFoundHint: `The API key user has no account "${account}": Account → Get Many lists the accounts and their logical names.`,
	});
	return serviceInstancesOf(answer).map((tenant) => ({ ...tenant, accountLogicalName: account }));
}

export const accountActions = { getMany: getAccounts };
export const tenantActions = { getMany: getTenants };
