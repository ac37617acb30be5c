// Lists for the pickers: folders, and inside the chosen folder its processes, queues and robots (via api/odata).
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from '../../shared/paginate';
import { listEntities } from '../api/dataFabric';
import { odataPage } from '../api/odata';
import { folderIdOf, taskUsersPage } from '../api/tasks';
import { folderRefFrom, odataString, type FolderRef } from '../transport';

const PAGE = 100;

interface Picker {
	path: string;
	/** the field the search text filters on (contains) and the list is ordered by */
	field: string;
	select: string;
	/** the folder header, for folder-scoped lists */
	folder?: FolderRef;
	entry: (record: IDataObject) => { name: string; value: string };
}

async function search(ctx: ILoadOptionsFunctions, picker: Picker, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const qs: IDataObject = { $orderby: picker.field, $select: picker.select };
	if (filter) qs.$filter = `contains(${picker.field},${odataString(filter)})`;
	const { items, paginationToken } = await pickerPage(
		async (request) => await odataPage(ctx, picker.path, request, { qs, folder: picker.folder }),
		token,
		PAGE,
	);
	return { results: items.map(picker.entry), paginationToken };
}

/** A list inside the folder chosen in the same node; without one, a hint to pick it first. */
async function searchInFolder(ctx: ILoadOptionsFunctions, picker: Picker, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = folderRefFrom(ctx.getCurrentNodeParameter('folder') as { mode?: string; value?: string } | undefined);
	if (!folder) return { results: [{ name: 'Pick a Folder First', value: '' }] };
	return await search(ctx, { ...picker, folder }, filter, token);
}

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await search(
		this,
		{
			path: '/odata/Folders',
			field: 'FullyQualifiedName',
			select: 'Id,Key,DisplayName,FullyQualifiedName',
			entry: (f) => ({ name: String(f.FullyQualifiedName ?? f.DisplayName), value: String(f.Key) }),
		},
		filter,
		token,
	);
}

export async function searchProcesses(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const maestro = (r: IDataObject) => (r.ProcessType === 'ProcessOrchestration' ? ', Maestro' : r.ProcessType === 'CaseManagement' ? ', Maestro case' : '');
	const entry = (r: IDataObject) => ({ name: `${r.Name}${r.ProcessVersion ? ` (${r.ProcessVersion}${maestro(r)})` : ''}`, value: String(r.Key) });
	return await searchInFolder(this, { path: '/odata/Releases', field: 'Name', select: 'Key,Name,ProcessVersion,ProcessType', entry }, filter, token);
}

export async function searchQueues(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const entry = (q: IDataObject) => ({ name: String(q.Name), value: String(q.Name) });
	return await searchInFolder(this, { path: '/odata/QueueDefinitions', field: 'Name', select: 'Id,Name', entry }, filter, token);
}

export async function searchRobots(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const entry = (r: IDataObject) => ({ name: String(r.Name), value: String(r.Id) });
	return await searchInFolder(this, { path: '/odata/Robots', field: 'Name', select: 'Id,Name', entry }, filter, token);
}

export async function searchBuckets(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const entry = (b: IDataObject) => ({ name: String(b.Name), value: String(b.Id) });
	return await searchInFolder(this, { path: '/odata/Buckets', field: 'Name', select: 'Id,Name', entry }, filter, token);
}

/** The users of the chosen folder who can be assigned its tasks. */
export async function searchTaskUsers(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = folderRefFrom(this.getCurrentNodeParameter('folder') as { mode?: string; value?: string } | undefined);
	if (!folder) return { results: [{ name: 'Pick a Folder First', value: '' }] };
	const folderId = await folderIdOf(this, folder);
	if (folderId === undefined) return { results: [{ name: 'No Such Folder: Pick It Again', value: '' }] };
	const { items, paginationToken } = await pickerPage(async (request) => await taskUsersPage(this, folderId, request, filter), token, PAGE);
	const entry = (u: IDataObject) => {
		const contact = u.emailAddress || u.userName;
		return { name: `${String(u.displayName || u.userName)}${contact ? ` (${String(contact)})` : ''}`, value: String(u.id) };
	};
	return { results: items.map(entry), paginationToken };
}

/** The tenant's Data Fabric entities (one call answers them all), by name or display name. */
export async function searchEntities(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const text = (filter ?? '').toLowerCase();
	const entities = (await listEntities(this, 0)).map((e) => ({ name: String(e.displayName || e.name), value: String(e.id), key: String(e.name) }));
	const results = entities.filter((e) => !text || `${e.name} ${e.key}`.toLowerCase().includes(text)).map(({ name, value }) => ({ name, value }));
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}
