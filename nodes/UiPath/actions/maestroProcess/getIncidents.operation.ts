import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { textOf } from '../../../shared/text';
import { listProcessIncidents } from '../../api/maestro';
import { folderRefFrom } from '../../transport';
import { folderKeyOf, instanceFolderField } from '../maestroInstance/instanceRef';

export const option = { name: 'Get Incidents', action: 'Get the incidents of a maestro process', description: "List every incident of a process's instances in its folder, oldest first" };

export const description: INodeProperties[] = [
	{ ...instanceFolderField, description: "The process's Orchestrator folder (its folderKey in Maestro Process → Get Many)" },
	{
		displayName: 'Process Key',
		name: 'processKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5b1c3e43-8a1f-4c3b-9f0e-2d6a7c4b8e11',
		description: 'The processKey of Maestro Process → Get Many (the Orchestrator release Key)',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const processKey = textOf(this.getNodeParameter('processKey', itemIndex, '')).trim();
	if (!processKey) throw new NodeOperationError(this.getNode(), 'Give the Process Key', { itemIndex, description: 'Maestro Process → Get Many lists the processes with their processKey.' });
	const folder = folderRefFrom(this.getNodeParameter('folder', itemIndex, undefined) as { mode?: string; value?: unknown } | undefined);
	if (!folder) {
		throw new NodeOperationError(this.getNode(), "Pick the process's folder", { itemIndex, description: "Maestro lists a process's incidents only with its folder: use its folderKey from Maestro Process → Get Many." });
	}
	return await listProcessIncidents(this, processKey, await folderKeyOf(this, folder, itemIndex), itemIndex);
}
