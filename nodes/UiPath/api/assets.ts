// Assets, written: create, replace (PUT takes the whole asset) and delete. Reads are in folders.ts.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder } from './folders';
import { odataEntity } from './odata';

const ASSET_WRITE_SCOPES = 'OR.Assets (or OR.Assets.Write)';

const gone = (name: string, folder: FolderRef) =>
	`The asset "${name}" is no longer in ${describeFolder(folder)}: it was deleted or moved meanwhile. Asset → Get Many lists the assets of a folder.`;

/** POST /odata/Assets: never re-sent after a timeout, as the asset may exist by then. */
export async function createAsset(ctx: UiPathContext, asset: IDataObject, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const created = await uiPathRequest<IDataObject>(ctx, {
		method: 'POST',
		path: '/odata/Assets',
		body: asset,
		folder,
		idempotent: false,
		itemIndex,
		scopes: ASSET_WRITE_SCOPES,
	});
	delete created['@odata.context'];
	return created;
}

/** PUT /odata/Assets({Id}) with the whole asset; Orchestrator answers with no body. */
export async function replaceAsset(ctx: UiPathContext, asset: IDataObject & { Id: number }, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'PUT',
		path: `/odata/Assets(${asset.Id})`,
		body: asset,
		folder,
		itemIndex,
		scopes: ASSET_WRITE_SCOPES,
		notFoundHint: gone(String(asset.Name), folder),
		expectEmpty: true,
	});
}

export async function getAssetById(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const notFoundHint = `There is no asset with ID ${id} in ${describeFolder(folder)}.`;
	return await odataEntity(ctx, `/odata/Assets(${id})`, { folder, itemIndex, scopes: 'OR.Assets (or OR.Assets.Read)', notFoundHint });
}

export async function deleteAsset(ctx: UiPathContext, asset: { Id: number; Name: string }, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'DELETE',
		path: `/odata/Assets(${asset.Id})`,
		folder,
		itemIndex,
		scopes: ASSET_WRITE_SCOPES,
		notFoundHint: gone(asset.Name, folder),
		expectEmpty: true,
	});
}
