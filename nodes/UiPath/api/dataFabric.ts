// Data Fabric (formerly Data Service): the tenant's entities, on the platform service beside Orchestrator
// (`<Cloud URL>/<organization>/<tenant>/datafabric_`). Facts: docs/api/DATA_FABRIC.md.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type UiPathContext } from '../transport';

export const SCHEMA_READ = 'DataFabric.Schema.Read';

/** The tenant's entities with their fields (GET /api/Entity answers them all at once: there is no paging). */
export async function listEntities(ctx: UiPathContext, itemIndex: number): Promise<IDataObject[]> {
	const entities = await uiPathRequest<unknown>(ctx, {
		method: 'GET',
		platformService: 'datafabric_',
		path: '/api/Entity',
		idempotent: true,
		itemIndex,
		scopes: SCHEMA_READ,
	});
	// The documented answer is a JSON array; anything else would quietly read as "no entities".
	if (!Array.isArray(entities)) throw new Error('Data Fabric answered GET /api/Entity with something other than a list of entities');
	return entities as IDataObject[];
}
