import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getAccountsForUser } from '../../api/accounts';
import { legacyCredential, legacyNotice } from '../legacyCredential';

export const option = {
	name: 'Get Many',
	action: 'Get many accounts',
	description: 'List the accounts of the API key user, with their logical names (legacy API key only)',
};

export const description: INodeProperties[] = [legacyNotice];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { platformUrl } = await legacyCredential.call(this, itemIndex);
	return await getAccountsForUser(this, platformUrl, itemIndex);
}
