import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { anyOf } from '../../api/odata';
import { listTasks } from '../../api/tasks';
import { folderField, folderOf } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many tasks',
	description: 'List the tasks of a folder, newest first, without their data (Task → Get has it)',
};

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		multiOptionsParameter('Statuses', 'statuses', valueOptions(['Unassigned', 'Pending', 'Completed'])),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const statuses = ((this.getNodeParameter('filters', itemIndex, {}) as IDataObject).statuses as string[] | undefined) ?? [];
	const qs: IDataObject = { $orderby: 'CreationTime desc,Id desc', $expand: 'AssignedToUser' };
	if (statuses.length) qs.$filter = anyOf('Status', statuses);
	return await listTasks(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
