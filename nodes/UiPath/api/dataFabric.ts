// Data Fabric (formerly Data Service): the tenant's entities, on the platform service beside Orchestrator
// (`<Cloud URL>/<organization>/<tenant>/datafabric_`). Facts: docs/api/DATA_FABRIC.md.
import { randomBytes } from 'node:crypto';

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

const NO_ENTITY = 'Data Fabric has no such entity: pick it from the Entity list (Entity → Get Many lists the entities and their IDs).';
const NO_RECORD = 'Data Fabric has no such record in this entity, or no such entity: check the Record ID and the Entity.';
export const DATA_WRITE = 'DataFabric.Data.Write';
/** The most records one batch call takes (the simulator's and the activities' limit: 1,000 at a time). */
export const RECORDS_PER_BATCH = 1000;

/** One entity's metadata with its fields (GET /api/Entity/{id}). */
export async function getEntity(ctx: UiPathContext, entityId: string, itemIndex: number): Promise<IDataObject> {
	return await uiPathRequest<IDataObject>(ctx, {
		method: 'GET',
		platformService: 'datafabric_',
		path: `/api/Entity/${encodeURIComponent(entityId)}`,
		idempotent: true,
		itemIndex,
		scopes: SCHEMA_READ,
		notFoundHint: NO_ENTITY,
	});
}

/** A page of records matching a filter group, sorted (POST …/query; paging in the body). */
export async function queryRecords(ctx: UiPathContext, entityId: string, body: IDataObject, itemIndex: number) {
	const answer = await uiPathRequest<IDataObject>(ctx, {
		method: 'POST',
		platformService: 'datafabric_',
		path: `${recordsPath(entityId)}/query`,
		body,
		idempotent: true,
		itemIndex,
		scopes: DATA_READ,
		notFoundHint: NO_ENTITY,
	});
	return recordsOf(answer);
}

/** The values of a choice set ({Id, Name, DisplayName, NumberId, …}), all of them (POST …/query_expansion). */
export async function choiceSetValues(ctx: UiPathContext, choiceSetId: string, itemIndex: number): Promise<IDataObject[]> {
	const values: IDataObject[] = [];
	for (let start = 0; ; start += RECORDS_PER_READ) {
		const answer = await uiPathRequest<IDataObject>(ctx, {
			method: 'POST',
			platformService: 'datafabric_',
			path: `${recordsPath(choiceSetId)}/query_expansion`,
			body: { start, limit: RECORDS_PER_READ },
			idempotent: true,
			itemIndex,
			scopes: DATA_READ,
			notFoundHint: 'Data Fabric has no such choice set: the entity\'s metadata names one that is gone.',
		});
		const page = typeof answer.jsonValue === 'string' ? (JSON.parse(answer.jsonValue) as unknown) : undefined;
		if (!Array.isArray(page)) throw new Error('Data Fabric answered a choice-set read without its values (jsonValue)');
		values.push(...(page as IDataObject[]));
		const total = typeof answer.totalRecordCount === 'number' ? answer.totalRecordCount : values.length;
		if (page.length < RECORDS_PER_READ || values.length >= total) return values;
	}
}

/** A write of one record or a batch: never re-sent after a timeout or 5xx (it may have been carried out). */
async function write<T>(ctx: UiPathContext, path: string, body: unknown, itemIndex: number, qs?: IDataObject): Promise<T> {
	return await uiPathRequest<T>(ctx, {
		method: 'POST',
		platformService: 'datafabric_',
		path,
		qs,
		body: body as IDataObject,
		idempotent: false,
		itemIndex,
		scopes: DATA_WRITE,
		notFoundHint: path.includes('/update/') ? NO_RECORD : NO_ENTITY,
	});
}

export async function insertRecord(ctx: UiPathContext, entityId: string, record: IDataObject, itemIndex: number): Promise<IDataObject> {
	return await write<IDataObject>(ctx, `${recordsPath(entityId)}/insert`, record, itemIndex);
}

export async function updateRecord(ctx: UiPathContext, entityId: string, recordId: string, fields: IDataObject, itemIndex: number): Promise<IDataObject> {
	return await write<IDataObject>(ctx, `${recordsPath(entityId)}/update/${encodeURIComponent(recordId)}`, fields, itemIndex);
}

/** What a batch call answers: the records it stored (or deleted), and each failure with the record it concerns. */
export interface BatchAnswer {
	successRecords: IDataObject[];
	failureRecords: Array<{ error?: unknown; record?: unknown }>;
}

/** insert-batch, update-batch (records with Id) or delete-batch (record Ids), every record judged on its own. */
export async function batchRecords(ctx: UiPathContext, entityId: string, kind: 'insert' | 'update' | 'delete', body: unknown[], itemIndex: number): Promise<BatchAnswer> {
	const answer = await write<IDataObject>(ctx, `${recordsPath(entityId)}/${kind}-batch`, body, itemIndex, { failOnFirst: false });
	const { successRecords, failureRecords } = answer ?? {};
	if (!Array.isArray(successRecords) || !Array.isArray(failureRecords)) {
		throw new Error(`Data Fabric answered ${kind}-batch without its successRecords and failureRecords`);
	}
	return { successRecords: successRecords as IDataObject[], failureRecords: failureRecords as BatchAnswer['failureRecords'] };
}

export async function deleteRecord(ctx: UiPathContext, entityId: string, recordId: string, itemIndex: number): Promise<unknown> {
	return await uiPathRequest<unknown>(ctx, {
		method: 'DELETE',
		platformService: 'datafabric_',
		path: `${recordsPath(entityId)}/delete/${encodeURIComponent(recordId)}`,
		idempotent: false,
		itemIndex,
		scopes: DATA_WRITE,
		notFoundHint: NO_RECORD,
	});
}

/** The most bytes one attachment holds (the user guide: 10 MB per file). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const attachmentPath = (entityId: string, recordId: string, field: string) =>
	`/api/Attachment/entity/${[entityId, recordId, field].map(encodeURIComponent).join('/')}`;
const NO_FILE = 'Data Fabric has no such record, File field or file: check the Record ID, the File Field (names are case-sensitive) and that a file was uploaded.';

export interface AttachmentFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** One multipart/form-data body with the part `file` (as the SDK sends it). */
function multipart(file: AttachmentFile): { data: Buffer; contentType: string } {
	const boundary = `----n8nDataFabric${randomBytes(12).toString('hex')}`;
	const name = file.fileName.replace(/["\r\n]/g, '_');
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
	const data = Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
	return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Puts a file in a record's File field (replacing one there); answers the record. Never re-sent after a 5xx. */
export async function uploadAttachment(ctx: UiPathContext, entityId: string, recordId: string, field: string, file: AttachmentFile, itemIndex: number): Promise<IDataObject> {
	return await uiPathRequest<IDataObject>(ctx, {
		method: 'POST',
		platformService: 'datafabric_',
		path: attachmentPath(entityId, recordId, field),
		rawBody: multipart(file),
		idempotent: false,
		itemIndex,
		scopes: DATA_WRITE,
		notFoundHint: NO_FILE,
	});
}

/** The file in a record's File field: its bytes and the headers they came with (Content-Type, Content-Disposition). */
export async function downloadAttachment(ctx: UiPathContext, entityId: string, recordId: string, field: string, itemIndex: number) {
	const answer = await uiPathRequest<{ body: Buffer; headers: Record<string, string | undefined> }>(ctx, {
		method: 'GET',
		platformService: 'datafabric_',
		path: attachmentPath(entityId, recordId, field),
		binaryAnswer: true,
		idempotent: true,
		itemIndex,
		scopes: DATA_READ,
		notFoundHint: NO_FILE,
	});
	return { data: Buffer.from(answer.body), contentType: answer.headers['content-type'], disposition: answer.headers['content-disposition'] };
}
