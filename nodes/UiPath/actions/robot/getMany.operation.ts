import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listRobots } from '../../api/folders';
import { containsFilter, containsQuery, folderField, folderOf } from '../common';

export const option = { name: 'Get Many', action: 'Get many robots', description: 'List the robots of a folder with their IDs and machines' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only robots whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	return await listRobots(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
