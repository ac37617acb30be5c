// Robot: the robots of a folder. Their IDs are what Job → Start takes with the Specific Robots strategy.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../shared/parameters';
import { odataString } from '../transport';
import { odataList } from '../api/odata';
import { containsFilter, folderField, folderOf } from './common';

const resource = ['robot'];
const op = (...operation: string[]) => ({ resource, operation });

export const robotOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many robots',
			description: 'List the robots of a folder with their IDs and machines',
		},
	],
	default: 'getMany',
};

export const robotFields: INodeProperties[] = [
	folderField(op('getMany')),
	...returnAllFields(op('getMany')),
	containsFilter(op('getMany'), {
		displayName: 'Name Contains',
		name: 'name',
		description: 'Only robots whose name contains this text',
	}),
];

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: 'Name asc,Id asc' };
	if (filters.name) qs.$filter = `contains(Name,${odataString(String(filters.name))})`;
	return await odataList<IDataObject>(this, '/odata/Robots', {
		qs,
		folder: folderOf.call(this, itemIndex),
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		scopes: 'OR.Robots.Read (or OR.Robots)',
	});
}

export const robotActions = { getMany };
