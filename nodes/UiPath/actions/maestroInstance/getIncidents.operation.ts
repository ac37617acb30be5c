import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listInstanceIncidents } from '../../api/maestro';
import { instanceField, instanceFolderField, instanceTargetOf } from './instanceRef';

export const option = { name: 'Get Incidents', action: 'Get the incidents of a maestro instance', description: "List an instance's incidents (errors at its elements), oldest first" };

export const description: INodeProperties[] = [instanceFolderField, instanceField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { instanceId, folderKey } = await instanceTargetOf.call(this, itemIndex);
	return await listInstanceIncidents(this, instanceId, folderKey, itemIndex);
}
