import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { listSchedules } from '../../api/schedules';
import { folderField, folderOf } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many process schedules',
	description: 'List the time and queue triggers of a folder, with their cron, next run and queue',
};

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		optionsParameter('Enabled', 'enabled', [
			['Enabled and Disabled', ''],
			['Enabled Only', 'true'],
			['Disabled Only', 'false'],
		]),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: 'Name asc,Id asc' };
	if (filters.enabled === 'true' || filters.enabled === 'false') qs.$filter = `Enabled eq ${filters.enabled}`;
	return await listSchedules(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
