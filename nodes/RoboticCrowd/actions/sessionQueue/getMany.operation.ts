import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { buildQuery, listRuns } from '../../api/sessionQueues';

export const option = { name: 'Get Many', action: 'Get many runs', description: 'List runs, newest first' };

export const description: INodeProperties[] = [
	...returnAllFields(),
	filtersCollection([
		{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only runs created after this time (to the minute, UTC)' },
		{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'Only runs created before this time (to the minute, UTC)' },
		multiOptionsParameter('Status', 'status', ['Error', 'Queued', 'Running', 'Success'].map((s) => ({ name: s, value: s.toLowerCase() }))),
		{
			displayName: 'Workflow Name',
			name: 'workflowName',
			type: 'string',
			default: '',
			description: 'Only runs of workflows whose name starts with this text',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = buildQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject, this.getTimezone());
	return await listRuns(this, query, limitOf.call(this, itemIndex), itemIndex);
}
