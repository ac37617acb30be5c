import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { numericIdField, numericIdOf } from '../../../shared/numericId';
import { getRelease } from '../../api/releases';
import { folderField, folderOf } from '../common';

export const option = {
	name: 'Get',
	action: 'Get a process',
	description: 'Get one process of a folder by its ID, with its input and output arguments',
};

export const description: INodeProperties[] = [
	folderField,
	numericIdField({
		displayName: 'Process ID',
		name: 'processId',
		placeholder: 'e.g. 42',
		description: 'The numeric ID of the process (release), as Process → Get Many returns it',
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = numericIdOf.call(this, itemIndex, 'processId', {
		message: (raw) => `"${raw}" is not a process ID`,
		hint: 'A process ID is a number: Process → Get Many lists the processes of a folder and their IDs.',
	});
	return await getRelease(this, Number(id), folderOf.call(this, itemIndex), itemIndex);
}
