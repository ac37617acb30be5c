// Folder: the folders (organization units) the credential can see. Not folder-scoped itself.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../shared/parameters';
import { odataString } from '../transport';
import { odataList } from '../api/odata';


const resource = ['folder'];
const op = (...operation: string[]) => ({ resource, operation });

export const folderOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many folders',
			description: 'List the folders with their IDs, keys and full paths',
		},
	],
	default: 'getMany',
};

export const folderFields: INodeProperties[] = [
	...returnAllFields(op('getMany')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: op('getMany') },
		options: [
			{
				displayName: 'Path Contains',
				name: 'path',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance',
				description: 'Only folders whose full path (e.g. Shared/Finance) contains this text',
			},
		],
	},
];

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: 'FullyQualifiedName asc,Id asc' };
	if (filters.path) qs.$filter = `contains(FullyQualifiedName,${odataString(String(filters.path))})`;
	return await odataList<IDataObject>(this, '/odata/Folders', {
		qs,
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		scopes: 'OR.Folders.Read (or OR.Folders)',
	});
}

export const folderActions = { getMany };
