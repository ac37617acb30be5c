import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listMachines } from '../../api/machines';
import { containsFilter, containsQuery } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many machines',
	description: "List the tenant's machines and machine templates (tenant-wide: no folder)",
};

export const description: INodeProperties[] = [
	...returnAllFields(),
	containsFilter({ displayName: 'Name Contains', name: 'name', description: 'Only machines whose name contains this text' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
	return await listMachines(this, qs, limitOf.call(this, itemIndex), itemIndex);
}
