import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listAssets } from '../../api/folders';
import { containsFilter, containsQuery, folderField, folderOf } from '../common';
import { presentAsset } from './presentAsset';

export const option = { name: 'Get Many', action: 'Get many assets', description: 'List the assets of a folder' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only assets whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	const assets = await listAssets(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
	return assets.map(presentAsset);
}
