// The Entity parameter every Entity Record operation shares: picked from the tenant's entities, or by ID.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { textOf } from '../../../shared/text';
import { fromListMode, locatorParameter, typedMode } from '../../../shared/locator';

export const entityLocator = locatorParameter(
	'Entity',
	'entity',
	[fromListMode('searchEntities'), typedMode('ID', 'id', 'e.g. 5c3e1d2a-0f4b-4e7a-9a11-2b6f0c8d9e10')],
	{ description: 'The Data Fabric entity whose records to use' },
);

/** The entity's ID from the Entity parameter. */
export function entityIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const value = String((this.getNodeParameter('entity', itemIndex) as { value?: unknown }).value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), 'Pick an entity', {
			itemIndex,
			description: 'Choose the entity from the list, or give its ID (Entity → Get Many lists the entities and their IDs).',
		});
	}
	return value;
}

/** The Record ID of an item, required. */
export function recordIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const recordId = textOf(this.getNodeParameter('recordId', itemIndex, '')).trim();
	if (!recordId) {
		throw new NodeOperationError(this.getNode(), 'Give the Record ID', { itemIndex, description: "The record's Id (a GUID): Entity Record → Get Many lists them." });
	}
	return recordId;
}
