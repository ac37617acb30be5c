// The Maestro instance picker: the instances of the folder chosen in the same node, newest first (token paging).
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findFolder } from '../api/folders';
import { isGuid, listInstancesPage } from '../api/maestro';
import { folderRefFrom } from '../transport';

const PAGE = 100;

function entry(instance: IDataObject): { name: string; value: string } {
	const label = String(instance.instanceDisplayName || instance.packageId || instance.instanceId);
	return { name: `${label} (${String(instance.latestRunStatus)}, started ${String(instance.startedTimeUtc ?? '')})`, value: String(instance.instanceId) };
}

export async function searchMaestroInstances(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const folder = folderRefFrom(this.getCurrentNodeParameter('folder') as { mode?: string; value?: string } | undefined);
	if (!folder) return { results: [{ name: 'Pick a Folder First', value: '' }] };
	const folderKey = folder.by !== 'path' && isGuid(folder.value) ? folder.value : (await findFolder(this, folder))?.Key;
	if (!folderKey) return { results: [{ name: 'No Such Folder: Pick It Again', value: '' }] };
	const page = await listInstancesPage(this, {}, { pageSize: PAGE, nextPage: token }, folderKey, 0);
	const needle = filter?.trim().toLowerCase();
	const results = page.instances.map(entry).filter((e) => !needle || e.name.toLowerCase().includes(needle) || e.value.includes(needle));
	return { results, paginationToken: page.nextPage };
}
