import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteRecord } from '../../api/dataFabric';
import { entityIdOf, entityLocator, recordIdOf } from './entityRef';
import { recordIdParameter } from './recordFields';

export const option = { name: 'Delete', action: 'Delete an entity record', description: 'Delete one record of a Data Fabric entity by its ID' };

export const description: INodeProperties[] = [entityLocator, recordIdParameter];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const entityId = entityIdOf.call(this, itemIndex);
	const id = recordIdOf.call(this, itemIndex);
	await deleteRecord(this, entityId, id, itemIndex);
	return { deleted: true, id };
}
