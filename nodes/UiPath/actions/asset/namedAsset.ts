// The asset Get, Update and Delete work on: the one the Asset Name parameter names, in the item's folder.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { describeFolder, findAsset } from '../../api/folders';
import type { FolderRef } from '../../transport';
import { folderOf } from '../common';
import { assetNameOf } from './assetValue';

/** The named asset; none is an error whose description is `advice` (how to find or make it). */
export async function namedAsset(
	this: IExecuteFunctions,
	itemIndex: number,
	advice: string,
	folderWithKey?: string,
): Promise<{ name: string; folder: FolderRef; asset: IDataObject }> {
	const name = assetNameOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const asset = await findAsset(this, name, folder, itemIndex);
	if (!asset) {
		throw new NodeOperationError(this.getNode(), `There is no asset named "${name}" in ${describeFolder(folder, folderWithKey)}`, {
			itemIndex,
			description: advice,
		});
	}
	return { name, folder, asset };
}
