// The legacy Automation Cloud discovery calls (getAccountsForUser, getAllServiceInstances). They live on the
// platform host, outside any tenant, and answer only to a legacy API key token.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type UiPathContext } from '../transport';

export async function getAccountsForUser(ctx: UiPathContext, platformUrl: string, itemIndex: number): Promise<IDataObject[]> {
	const answer = await uiPathRequest<{ userEmail?: string; accounts?: IDataObject[] }>(ctx, {
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

export async function getAllServiceInstances(ctx: UiPathContext, platformUrl: string, account: string, itemIndex: number): Promise<IDataObject[]> {
	const path = `/cloudrpa/api/account/${encodeURIComponent(account)}/getAllServiceInstances`;
	const answer = await uiPathRequest<unknown>(ctx, {
		method: 'GET',
		path,
		url: `${platformUrl}${path}`,
		itemIndex,
		notFoundHint: `The API key user has no account "${account}": Account → Get Many lists the accounts and their logical names.`,
	});
	return serviceInstancesOf(answer).map((tenant) => ({ ...tenant, accountLogicalName: account }));
}
