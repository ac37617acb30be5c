// Lists for the pickers: folders, and inside the chosen folder its processes, queues and robots.
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from '../../shared/paginate';
import { odataPage } from '../api/odata';
import { folderRefFrom, odataString, type FolderRef } from '../transport';

const PAGE = 100;

/** The folder chosen in the same node, as the transport sends it. */
function currentFolder(ctx: ILoadOptionsFunctions): FolderRef | undefined {
	return folderRefFrom(ctx.getCurrentNodeParameter('folder') as { mode?: string; value?: string } | undefined);
}

function containsFilter(field: string, filter?: string): string | undefined {
	return filter ? `contains(${field},${odataString(filter)})` : undefined;
}

async function page(
	ctx: ILoadOptionsFunctions,
	path: string,
	options: { filter?: string; orderBy: string; token?: string; folder?: FolderRef; select: string },
): Promise<{ value: IDataObject[]; next?: string }> {
	const qs: IDataObject = { $orderby: options.orderBy, $select: options.select };
	if (options.filter) qs.$filter = options.filter;
	const { items, paginationToken } = await pickerPage(
		async (request) => await odataPage(ctx, path, request, { qs, folder: options.folder }),
		options.token,
		PAGE,
	);
	return { value: items, next: paginationToken };
}

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const { value, next } = await page(this, '/odata/Folders', {
		filter: containsFilter('FullyQualifiedName', filter),
		orderBy: 'FullyQualifiedName',
		token,
		select: 'Id,Key,DisplayName,FullyQualifiedName',
	});
	return {
		results: value.map((f) => ({ name: String(f.FullyQualifiedName ?? f.DisplayName), value: String(f.Key) })),
		paginationToken: next,
	};
}

function needsFolder(): INodeListSearchResult {
	return { results: [{ name: 'Pick a Folder First', value: '' }] };
}

export async function searchProcesses(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = currentFolder(this);
	if (!folder) return needsFolder();
	const { value, next } = await page(this, '/odata/Releases', {
		filter: containsFilter('Name', filter),
		orderBy: 'Name',
		token,
		folder,
		select: 'Key,Name,ProcessVersion',
	});
	return {
		results: value.map((r) => ({ name: `${r.Name}${r.ProcessVersion ? ` (${r.ProcessVersion})` : ''}`, value: String(r.Key) })),
		paginationToken: next,
	};
}

export async function searchQueues(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = currentFolder(this);
	if (!folder) return needsFolder();
	const { value, next } = await page(this, '/odata/QueueDefinitions', {
		filter: containsFilter('Name', filter),
		orderBy: 'Name',
		token,
		folder,
		select: 'Id,Name',
	});
	return { results: value.map((q) => ({ name: String(q.Name), value: String(q.Name) })), paginationToken: next };
}

export async function searchRobots(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = currentFolder(this);
	if (!folder) return needsFolder();
	const { value, next } = await page(this, '/odata/Robots', {
		filter: containsFilter('Name', filter),
		orderBy: 'Name',
		token,
		folder,
		select: 'Id,Name',
	});
	return { results: value.map((r) => ({ name: String(r.Name), value: String(r.Id) })), paginationToken: next };
}
