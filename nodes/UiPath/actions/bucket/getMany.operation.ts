import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listBuckets } from '../../api/buckets';
import { containsFilter, containsQuery, folderField, folderOf } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many buckets',
	description: 'List the storage buckets of a folder with their IDs and storage providers',
};

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only buckets whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	return await listBuckets(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
