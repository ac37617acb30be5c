import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/parameters';
import { getAssetById, replaceAsset } from '../../api/assets';
import { folderField } from '../common';
import { valueBody, valueFields, valueTypeField, valueTypeOf } from './assetValue';
import { namedAsset } from './namedAsset';
import { presentAsset } from './presentAsset';

export const option = { name: 'Update', action: 'Update an asset', description: "Change an asset's value (and optionally its name or description)" };

export const description: INodeProperties[] = [
	folderField,
	{ displayName: 'Asset Name', name: 'assetName', type: 'string', required: true, default: '', placeholder: 'e.g. InvoiceMailbox', description: 'The exact name of the asset to change' },
	{ ...valueTypeField, description: "The asset's current type (it cannot change): the value field below is of this type" },
	...valueFields('Leave empty to keep the current password'),
	updateFieldsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'New Name', name: 'name', type: 'string', default: '', description: 'Rename the asset' },
	]),
];

/** Reads the asset, replaces its value (PUT takes the whole asset), then reads it back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = valueTypeOf.call(this, itemIndex);
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	// Read before the asset is looked up: a value that cannot be stored is refused without a request.
	const values = valueBody.call(this, itemIndex, type);
	const { name, folder, asset: current } = await namedAsset.call(
		this,
		itemIndex,
		'The name must match exactly; Asset → Create makes a new one, Asset → Get Many lists the assets of a folder.',
	);
	if (current.ValueType !== type) {
		throw new NodeOperationError(this.getNode(), `The value type of an asset cannot be changed (it is ${String(current.ValueType)})`, {
			itemIndex,
			description: `Set Value Type to ${String(current.ValueType)}, or delete the asset and create it again with the new type.`,
		});
	}
	const id = Number(current.Id);
	const body: IDataObject & { Id: number } = {
		Id: id,
		Name: updates.name ? String(updates.name) : name,
		ValueScope: 'Global',
		ValueType: type,
		Description: updates.description !== undefined ? String(updates.description) : (current.Description ?? null),
		...values,
	};
	await replaceAsset(this, body, folder, itemIndex);
	return presentAsset(await getAssetById(this, id, folder, itemIndex));
}
