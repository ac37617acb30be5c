import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getInstance } from '../../api/maestro';
import { instanceField, instanceFolderField, instanceTargetOf } from './instanceRef';

export const option = { name: 'Get', action: 'Get a maestro instance', description: 'Get one process instance with its state (latestRunStatus) and runs' };

export const description: INodeProperties[] = [instanceFolderField, instanceField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { instanceId, folderKey } = await instanceTargetOf.call(this, itemIndex);
	return await getInstance(this, instanceId, folderKey, itemIndex);
}
