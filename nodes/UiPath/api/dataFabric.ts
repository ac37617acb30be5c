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

export const DATA_READ = 'DataFabric.Data.Read';
/** The most records one read returns (UiPath's API guide: limit 1 to 1000). */
export const RECORDS_PER_READ = 1000;
const recordsPath = (entityId: string) => `/api/EntityService/entity/${encodeURIComponent(entityId)}`;

/** The value list of a read, as the SDK reads it (`value`); the API guide's example shows `Value`, so both are taken. */
function recordsOf(answer: IDataObject): { records: IDataObject[]; total?: number } {
	const records = answer.value ?? answer.Value;
	if (!Array.isArray(records)) throw new Error('Data Fabric answered a record read without its list of records (value)');
	const total = answer.totalRecordCount ?? answer.TotalRecordCount;
	return { records: records as IDataObject[], total: typeof total === 'number' ? total : undefined };
}

/** One page of an entity's records, ordered by Id (GET …/read?start&limit). */
export async function readRecords(ctx: UiPathContext, entityId: string, page: { start: number; limit: number }, itemIndex: number) {
	const answer = await uiPathRequest<IDataObject>(ctx, {
		method: 'GET',
		platformService: 'datafabric_',
		path: `${recordsPath(entityId)}/read`,
		qs: { start: page.start, limit: page.limit },
		idempotent: true,
		itemIndex,
		scopes: DATA_READ,
		notFoundHint: 'Data Fabric has no such entity: pick it from the Entity list (Entity → Get Many lists the entities and their IDs).',
	});
	return recordsOf(answer);
}

/** One record by its Id (the SDK's v2 read, which returns long text fields whole). */
export async function getRecord(ctx: UiPathContext, entityId: string, recordId: string, itemIndex: number): Promise<IDataObject> {
	return await uiPathRequest<IDataObject>(ctx, {
		method: 'GET',
		platformService: 'datafabric_',
		path: `/api/v2/EntityService/entity/${encodeURIComponent(entityId)}/read/${encodeURIComponent(recordId)}`,
		idempotent: true,
		itemIndex,
		scopes: DATA_READ,
		notFoundHint: 'Data Fabric has no such record in this entity, or no such entity: check the Record ID and the Entity.',
	});
}
