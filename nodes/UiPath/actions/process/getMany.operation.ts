import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listReleases } from '../../api/releases';
import { containsFilter, containsQuery, folderField, folderOf } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many processes',
	description: 'List the processes of a folder, with their release keys and arguments',
};

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only processes whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	return await listReleases(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
