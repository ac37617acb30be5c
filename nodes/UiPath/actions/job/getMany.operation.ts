import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { listJobs, withParsedArguments } from '../../api/jobs';
import { anyOf } from '../../api/odata';
import { jobStateOptions, processTypeOptions } from '../../descriptions';
import { odataString } from '../../transport';
import { folderField, folderOf, odataDate } from '../common';

export const option = { name: 'Get Many', action: 'Get many jobs', description: 'List jobs with filters' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
		{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
		{ displayName: 'Ended After', name: 'endedAfter', type: 'dateTime', default: '' },
		{ displayName: 'Ended Before', name: 'endedBefore', type: 'dateTime', default: '' },
		{ displayName: 'Process Name', name: 'processName', type: 'string', default: '', description: 'Only jobs of this process (release name)' },
		multiOptionsParameter('Process Types', 'processTypes', processTypeOptions, [], { description: "Only jobs of processes of these types: a Maestro process's jobs are its instances" }),
		{ displayName: 'Reference', name: 'reference', type: 'string', default: '' },
		multiOptionsParameter('States', 'states', jobStateOptions),
	]),
];

/** The OData $filter of the item's filters, or undefined. */
function filterOf(filters: IDataObject, timeZone: string): string | undefined {
	const clauses: string[] = [];
	const states = (filters.states as string[] | undefined) ?? [];
	if (states.length) clauses.push(anyOf('State', states));
	const types = (filters.processTypes as string[] | undefined) ?? [];
	if (types.length) clauses.push(anyOf('ProcessType', types));
	if (filters.processName) clauses.push(`ReleaseName eq ${odataString(String(filters.processName))}`);
	if (filters.reference) clauses.push(`Reference eq ${odataString(String(filters.reference))}`);
	if (filters.createdAfter) clauses.push(`CreationTime ge ${odataDate(filters.createdAfter, timeZone, 'Created After')}`);
	if (filters.createdBefore) clauses.push(`CreationTime lt ${odataDate(filters.createdBefore, timeZone, 'Created Before')}`);
	if (filters.endedAfter) clauses.push(`EndTime ge ${odataDate(filters.endedAfter, timeZone, 'Ended After')}`);
	if (filters.endedBefore) clauses.push(`EndTime lt ${odataDate(filters.endedBefore, timeZone, 'Ended Before')}`);
	return clauses.length ? clauses.join(' and ') : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filter = filterOf(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, this.getTimezone());
	const qs: IDataObject = filter ? { $filter: filter } : {};
	const jobs = await listJobs(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
	return jobs.map(withParsedArguments);
}
