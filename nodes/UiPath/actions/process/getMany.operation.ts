import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { anyOf } from '../../api/odata';
import { listReleases } from '../../api/releases';
import { processTypeOptions } from '../../descriptions';
import { odataString } from '../../transport';
import { folderField, folderOf } from '../common';

export const option = { name: 'Get Many', action: 'Get many processes', description: 'List the processes of a folder, with their release keys and arguments' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: 'Only processes whose name contains this text' },
		multiOptionsParameter('Process Types', 'processTypes', processTypeOptions, [], {
			description: 'Only processes of these types (ProcessType): Maestro processes are ProcessOrchestration, cases CaseManagement',
		}),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const clauses: string[] = [];
	if (filters.name) clauses.push(`contains(Name,${odataString(String(filters.name))})`);
	const types = (filters.processTypes as string[] | undefined) ?? [];
	if (types.length) clauses.push(anyOf('ProcessType', types));
	const qs: IDataObject = { $orderby: 'Name asc,Id asc', ...(clauses.length ? { $filter: clauses.join(' and ') } : {}) };
	return await listReleases(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
