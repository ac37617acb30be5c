import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { getRelease } from '../../api/releases';
import { folderField, folderOf } from '../common';
import { textOf } from '../../../shared/text';

export const option = {
	name: 'Get',
	action: 'Get a process',
	description: 'Get one process of a folder by its ID, with its input and output arguments',
};

export const description: INodeProperties[] = [
	folderField,
	{
		displayName: 'Process ID',
		name: 'processId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 42',
		description: 'The numeric ID of the process (release), as Process → Get Many returns it',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = textOf(this.getNodeParameter('processId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a process ID`, {
			itemIndex,
			description: 'A process ID is a number: Process → Get Many lists the processes of a folder and their IDs.',
		});
	}
	return await getRelease(this, Number(id), folderOf.call(this, itemIndex), itemIndex);
}
