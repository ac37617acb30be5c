import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { listSessions } from '../../api/machines';
import { anyOf } from '../../api/odata';
import { folderField, folderOf } from '../common';

export const option = {
	name: 'Get Many',
	action: 'Get many robot sessions',
	description: 'List the robot sessions of a folder: which robots are connected and free (Available) or busy',
};

const STATES = ['Available', 'Busy', 'Disconnected', 'Unknown'];

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		multiOptionsParameter('States', 'states', valueOptions(STATES), [], { description: 'Only sessions in these states; Available means connected and free' }),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const states = (filters.states as string[] | undefined) ?? [];
	// Robot names the robot of each session; Job its running job, if any.
	const qs: IDataObject = { $expand: 'Robot,Job', $orderby: 'Id asc' };
	if (states.length) qs.$filter = anyOf('State', states);
	return await listSessions(this, qs, folderOf.call(this, itemIndex), limitOf.call(this, itemIndex), itemIndex);
}
