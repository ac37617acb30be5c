import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { folderField } from '../common';
import { namedAsset } from './namedAsset';
import { presentAsset } from './presentAsset';

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
	const { asset } = await namedAsset.call(
		this,
		itemIndex,
		'The name must match exactly, and the asset must be shared with this folder. Asset → Get Many lists the assets of a folder.',
		'folder with Key',
	);
	return presentAsset(asset);
}
