import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listQueues } from '../../api/queues';
import { containsFilter, containsQuery, folderField, folderOf } from '../common';

export const option = { name: 'Get Many', action: 'Get many queues', description: 'List the queues of a folder with their settings' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only queues whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	return await listQueues(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
