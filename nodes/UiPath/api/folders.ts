// Folders (organization units), robots and assets: the plain lists of Orchestrator.
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { odataString, type FolderRef, type UiPathContext } from '../transport';
import { firstNamed, firstWhere, odataList } from './odata';

/** A folder as a message names it. */
export function describeFolder(folder: FolderRef, keyed = 'the folder with Key'): string {
	if (folder.by === 'path') return `folder "${folder.value}"`;
	if (folder.by === 'id') return `folder ${folder.value}`;
	return `${keyed} ${folder.value}`;
}

/** A folder (its Id, and Key unless `select` leaves it out), looked up by Id, Key or full path; undefined when none. */
export async function findFolder(ctx: UiPathContext, folder: FolderRef, select = 'Id,Key'): Promise<{ Id: number; Key?: string } | undefined> {
	const filter =
		folder.by === 'id'
			? `Id eq ${Number(folder.value)}`
			: folder.by === 'key'
				? `Key eq ${folder.value}`
				: `FullyQualifiedName eq ${odataString(folder.value)}`;
	return await firstWhere(ctx, '/odata/Folders', filter, { scopes: 'OR.Folders (or OR.Folders.Read)', select });
}

const ASSET_SCOPES = 'OR.Assets (or OR.Assets.Read)';
// UiPath's OpenAPI document marks GET /odata/Assets deprecated, "Replaced by GetFiltered" (same query options and answer).
const ASSET_LIST = '/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered';

/** The asset list by GetFiltered; by the older route on a server that predates it (no such route: 404 or 405). */
async function assetList<T>(call: (path: string) => Promise<T>): Promise<T> {
	try {
		return await call(ASSET_LIST);
	} catch (error) {
		const failure = error as NodeApiError;
		if (!(failure instanceof NodeApiError) || !['404', '405'].includes(String(failure.httpCode))) throw failure;
		return await call('/odata/Assets');
	}
}

export async function listFolders(ctx: UiPathContext, qs: IDataObject, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList(ctx, '/odata/Folders', { qs, limit, itemIndex, scopes: 'OR.Folders.Read (or OR.Folders)' });
}

export async function listRobots(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList(ctx, '/odata/Robots', { qs, folder, limit, itemIndex, scopes: 'OR.Robots.Read (or OR.Robots)' });
}

export async function findAsset(ctx: UiPathContext, name: string, folder: FolderRef, itemIndex: number): Promise<IDataObject | undefined> {
	return await assetList((path) => firstNamed(ctx, path, name, { folder, itemIndex, scopes: ASSET_SCOPES }));
}

export async function listAssets(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await assetList((path) => odataList(ctx, path, { qs, folder, limit, itemIndex, scopes: ASSET_SCOPES }));
}
