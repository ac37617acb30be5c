import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listFolders } from '../../api/folders';
import { containsFilter, containsQuery } from '../common';

export const option = { name: 'Get Many', action: 'Get many folders', description: 'List the folders with their IDs, keys and full paths' };

export const description: INodeProperties[] = [
	...returnAllFields(),
	containsFilter({
		displayName: 'Path Contains',
		name: 'path',
		placeholder: 'e.g. Finance',
		description: 'Only folders whose full path (e.g. Shared/Finance) contains this text',
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'path', field: 'FullyQualifiedName' });
	return await listFolders(this, qs, limitOf.call(this, itemIndex), itemIndex);
}
