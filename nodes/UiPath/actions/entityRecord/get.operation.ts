import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { textOf } from '../../../shared/text';
import { getRecord } from '../../api/dataFabric';
import { entityIdOf, entityLocator } from './entityRef';

export const option = { name: 'Get', action: 'Get an entity record', description: 'Read one record of a Data Fabric entity by its ID' };

export const description: INodeProperties[] = [
	entityLocator,
	{ displayName: 'Record ID', name: 'recordId', type: 'string', required: true, default: '', placeholder: 'e.g. 2F1C9A70-3B55-4D6E-8F01-6A7B8C9D0E1F' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entityId = entityIdOf.call(this, itemIndex);
	const recordId = textOf(this.getNodeParameter('recordId', itemIndex, '')).trim();
	if (!recordId) {
		throw new NodeOperationError(this.getNode(), 'Give the Record ID', { itemIndex, description: 'The record\'s Id (a GUID): Entity Record → Get Many lists them.' });
	}
	return [await getRecord(this, entityId, recordId, itemIndex)];
}
