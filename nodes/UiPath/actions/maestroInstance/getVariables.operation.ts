import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { textOf } from '../../../shared/text';
import { getInstanceVariables } from '../../api/maestro';
import { instanceField, instanceFolderField, instanceTargetOf } from './instanceRef';

export const option = { name: 'Get Variables', action: 'Get the variables of a maestro instance', description: "Get an instance's global variables (by variable ID)" };

export const description: INodeProperties[] = [
	instanceFolderField,
	instanceField,
	{
		displayName: 'Parent Element ID',
		name: 'parentElementId',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sub_1',
		description: "The BPMN element (e.g. a subprocess) whose variables to read; empty reads the process's root-level variables",
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { instanceId, folderKey } = await instanceTargetOf.call(this, itemIndex);
	const parent = textOf(this.getNodeParameter('parentElementId', itemIndex, '')).trim();
	return await getInstanceVariables(this, instanceId, folderKey, parent || undefined, itemIndex);
}
