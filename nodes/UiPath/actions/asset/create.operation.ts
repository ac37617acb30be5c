import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/router';
import { createAsset } from '../../api/assets';
import { describeFolder } from '../../api/folders';
import { folderField, folderOf } from '../common';
import { assetNameOf, valueBody, valueFields, valueTypeField, valueTypeOf } from './assetValue';
import { presentAsset } from './presentAsset';

export const option = { name: 'Create', action: 'Create an asset', description: 'Create a Text, Boolean, Integer or Credential asset in a folder' };

export const description: INodeProperties[] = [
	folderField,
	{ displayName: 'Asset Name', name: 'assetName', type: 'string', required: true, default: '', placeholder: 'e.g. InvoiceMailbox' },
	valueTypeField,
	...valueFields('Required for a new Credential asset; it is sent to Orchestrator only and never shown in the output'),
	{ displayName: 'Description', name: 'assetDescription', type: 'string', default: '', description: 'What the asset is for' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = assetNameOf.call(this, itemIndex);
	const type = valueTypeOf.call(this, itemIndex);
	const value = valueBody.call(this, itemIndex, type);
	if (type === 'Credential' && !value.CredentialPassword) {
		throw new NodeOperationError(this.getNode(), 'A new Credential asset needs a password', {
			itemIndex,
			description: 'Fill in the Password field.',
		});
	}
	const assetDescription = String(this.getNodeParameter('assetDescription', itemIndex, ''));
	const folder = folderOf.call(this, itemIndex);
	const body = { Name: name, ValueScope: 'Global', ValueType: type, ...value, ...(assetDescription ? { Description: assetDescription } : {}) };
	try {
		return presentAsset(await createAsset(this, body, folder, itemIndex));
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '409') {
			error.description = `An asset named "${name}" already exists in ${describeFolder(folder)}: use Asset → Update, or another name.`;
		}
		throw asNodeError(this, error, itemIndex);
	}
}
