import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { describeFolder, findAsset } from '../../api/folders';
import { folderField, folderOf } from '../common';
import { presentAsset } from './presentAsset';
import { textOf } from '../../../shared/text';

export const option = { name: 'Get', action: 'Get an asset', description: 'Get one asset of a folder by its name' };

export const description: INodeProperties[] = [
	folderField,
	{
		displayName: 'Asset Name',
		name: 'assetName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. InvoiceMailbox',
		description: 'The exact name of the asset. Credential assets give their user name only, never the password.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = textOf(this.getNodeParameter('assetName', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'Give the name of the asset', { itemIndex });
	}
	const folder = folderOf.call(this, itemIndex);
	const asset = await findAsset(this, name, folder, itemIndex);
	if (!asset) {
		throw new NodeOperationError(this.getNode(), `There is no asset named "${name}" in ${describeFolder(folder, 'folder with Key')}`, {
			itemIndex,
			description:
				'The name must match exactly, and the asset must be shared with this folder. Asset → Get Many lists the assets of a folder.',
		});
	}
	return presentAsset(asset);
}
