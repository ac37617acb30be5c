import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { listEntities } from '../../api/dataFabric';

export const option = {
	name: 'Get Many',
	action: 'Get many entities',
	description: "List the tenant's Data Fabric entities with their fields (needs the scope DataFabric.Schema.Read)",
};

export const description: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Name Contains',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Only entities whose name or display name contains this text (any case)',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = limitOf.call(this, itemIndex);
	const text = textOf(this.getNodeParameter('name', itemIndex, '')).trim().toLowerCase();
	const entities = await listEntities(this, itemIndex);
	// Data Fabric filters no entity list: the text is matched here.
	const matches = (e: IDataObject) => [e.name, e.displayName].some((n) => String(n ?? '').toLowerCase().includes(text));
	return entities.filter((e) => !text || matches(e)).slice(0, limit);
}
