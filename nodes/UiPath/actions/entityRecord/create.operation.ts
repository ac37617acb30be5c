import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { insertRecord } from '../../api/dataFabric';
import { entityLocator } from './entityRef';
import { recordFieldParameters } from './recordFields';
import { itemRecordOf } from './recordValues';

export const option = { name: 'Create', action: 'Create an entity record', description: 'Add one record to a Data Fabric entity per input item' };

export const description: INodeProperties[] = [entityLocator, ...recordFieldParameters('create')];

/** One insert per item; never re-sent after a timeout or 5xx (the record may have been stored). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { entityId, body } = await itemRecordOf(this, itemIndex, 'create');
	return await insertRecord(this, entityId, body, itemIndex);
}
