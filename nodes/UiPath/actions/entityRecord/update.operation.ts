import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateRecord } from '../../api/dataFabric';
import { entityLocator } from './entityRef';
import { recordFieldParameters } from './recordFields';
import { itemRecordOf } from './recordValues';

export const option = { name: 'Update', action: 'Update an entity record', description: 'Change some fields of one record of a Data Fabric entity per input item' };

export const description: INodeProperties[] = [entityLocator, ...recordFieldParameters('update')];

/** A partial update: the fields given change, the others keep their values. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { entityId, body, recordId } = await itemRecordOf(this, itemIndex, 'update');
	return await updateRecord(this, entityId, String(recordId), body, itemIndex);
}
