import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listWorkflows } from '../api/workflows';

/** Workflows of the API key's project for the Workflow picker, filtered by name on our side (the API has no filter). */
export async function searchWorkflows(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const workflows = await listWorkflows(this, 1000);
	const needle = filter?.toLowerCase() ?? '';
	return {
		results: workflows
			.filter((w) => !needle || w.name.toLowerCase().includes(needle) || String(w.id) === needle)
			.map((w) => ({ name: w.name, value: String(w.id) })),
	};
}
