import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalLocator } from '../../../shared/locator';
import { filtersCollection, limitOf, optionsCollection, returnAllFields } from '../../../shared/parameters';
import { isoInstant } from '../../../shared/time';
import { textOf } from '../../../shared/text';
import { listIncidentSummaries, listProcessSummaries, type ProcessSummaryFilters } from '../../api/maestro';
import { folderLocator } from '../../descriptions';
import { maestroProcessTypeFilter } from '../maestroInstance/instanceFilters';
import { optionalFolderKeyOf } from '../maestroInstance/instanceRef';

export const option = {
	name: 'Get Many',
	action: 'Get many maestro processes',
	description: 'List the Maestro processes with their instance counts by state and their open incidents',
};

const RANGE = 'With Started After or Before, the counts cover the instances started in the range, and processes without one are left out';

export const description: INodeProperties[] = [
	optionalLocator(folderLocator, 'Only the processes of this folder; empty lists those of every folder the credential may see'),
	...returnAllFields(),
	filtersCollection([
		{ displayName: 'Package ID', name: 'packageId', type: 'string', default: '', placeholder: 'e.g. InvoiceApproval', description: "Only the process of this package (the process's package name)" },
		{ displayName: 'Process Key', name: 'processKey', type: 'string', default: '', description: 'Only the process with this key (its Orchestrator release Key)' },
		maestroProcessTypeFilter,
		{ displayName: 'Started After', name: 'startedAfter', type: 'dateTime', default: '', hint: RANGE },
		{ displayName: 'Started Before', name: 'startedBefore', type: 'dateTime', default: '', hint: RANGE },
	]),
	optionsCollection('processOptions', [
		{
			displayName: 'Include Incidents',
			name: 'includeIncidents',
			type: 'boolean',
			default: true,
			description: "Whether to add each process's open incidents, grouped by error (one more call: GET /incidents/summary)",
		},
	]),
];

function filtersOf(this: IExecuteFunctions, itemIndex: number): ProcessSummaryFilters {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const out: ProcessSummaryFilters = {};
	for (const name of ['packageId', 'processKey', 'processType'] as const) {
		const value = textOf(filters[name]).trim();
		if (value) out[name] = value;
	}
	if (filters.startedAfter) out.startedTimeUtcStart = isoInstant(filters.startedAfter, this.getTimezone(), 'Started After');
	if (filters.startedBefore) out.startedTimeUtcEnd = isoInstant(filters.startedBefore, this.getTimezone(), 'Started Before');
	return out;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = filtersOf.call(this, itemIndex);
	const limit = limitOf.call(this, itemIndex);
	const folderKey = await optionalFolderKeyOf(this, itemIndex);
	const options = this.getNodeParameter('processOptions', itemIndex, {}) as IDataObject;
	// One answer holds every process: Limit keeps the first ones.
	const processes = (await listProcessSummaries(this, filters, folderKey, itemIndex)).slice(0, limit);
	if (options.includeIncidents === false || !processes.length) return processes.map((p) => ({ name: p.packageId, ...p }));
	const incidents = await listIncidentSummaries(this, folderKey, itemIndex);
	return processes.map((p) => {
		const mine = incidents
			.filter((i) => i.processKey === p.processKey)
			.map((i) => ({ count: i.count, errorCode: i.errorCode, errorMessage: i.errorMessage, firstTimeUtc: i.firstTimeUtc }));
		const openIncidentCount = mine.reduce((sum, i) => sum + (typeof i.count === 'number' ? i.count : 0), 0);
		return { name: p.packageId, ...p, openIncidentCount, incidents: mine };
	});
}
