// Account and Tenant are the legacy Automation Cloud discovery calls (the seed's steps 2 and 3): they find the
// account and tenant logical names a legacy API key works with, and answer only to a legacy API key token.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { CLOUD_CREDENTIAL } from '../auth';
import { credentialTypeOf } from '../transport';

export const legacyNotice: INodeProperties = {
	displayName: 'These work only with the Automation Cloud credential set to API Key (Legacy)',
	name: 'legacyNotice',
	type: 'notice',
	default: '',
};

export interface LegacyCredential {
	platformUrl: string;
	accountLogicalName: string;
}

const trim = (url: unknown) => String(url ?? '').trim().replace(/\/+$/, '');

/** The legacy cloud credential, or a clear error before anything is sent. */
export async function legacyCredential(this: IExecuteFunctions, itemIndex: number): Promise<LegacyCredential> {
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
