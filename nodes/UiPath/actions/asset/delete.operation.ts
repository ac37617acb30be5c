import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteAsset } from '../../api/assets';
import { folderField } from '../common';
import { namedAsset } from './namedAsset';

export const option = { name: 'Delete', action: 'Delete an asset', description: 'Delete one asset of a folder by its name' };

export const description: INodeProperties[] = [
	folderField,
	{ displayName: 'Asset Name', name: 'assetName', type: 'string', required: true, default: '', placeholder: 'e.g. InvoiceMailbox', description: 'The exact name of the asset to delete' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { name, folder, asset } = await namedAsset.call(this, itemIndex, 'The name must match exactly; Asset → Get Many lists the assets of a folder.');
	await deleteAsset(this, { Id: Number(asset.Id), Name: name }, folder, itemIndex);
	return { Id: asset.Id, Name: name, deleted: true };
}
