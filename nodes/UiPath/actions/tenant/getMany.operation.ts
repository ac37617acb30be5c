import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { getAllServiceInstances } from '../../api/accounts';
import { legacyCredential, legacyNotice } from '../legacyCredential';
import { textOf } from '../../../shared/text';

export const option = {
	name: 'Get Many',
	action: 'Get many tenants',
	description: 'List the tenants (service instances) of an account, with their logical names (legacy API key only)',
};

export const description: INodeProperties[] = [
	legacyNotice,
	{
		displayName: 'Account Logical Name',
		name: 'accountLogicalName',
		type: 'string',
		default: '',
		placeholder: 'e.g. acmecorp',
		description: "The account whose tenants to list. Leave empty to use the credential's. Account → Get Many lists them.",
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const credential = await legacyCredential.call(this, itemIndex);
	const account = textOf(this.getNodeParameter('accountLogicalName', itemIndex, '')).trim() || credential.accountLogicalName;
	if (!account) {
		throw new NodeOperationError(this.getNode(), 'Give the account logical name', {
			itemIndex,
			description: 'Neither the node nor the credential names an account. Account → Get Many lists the accounts of the API key user.',
		});
	}
	return await getAllServiceInstances(this, credential.platformUrl, account, itemIndex);
}
