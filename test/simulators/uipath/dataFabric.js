// @ts-check
'use strict';
/**
 * Data Fabric (formerly Data Service) entities, records, choice sets and attachments, beside Orchestrator on the cloud
 * tenant: `/{organization}/{tenant}/datafabric_/…` (core.addService). Facts and sources: docs/api/DATA_FABRIC.md.
 * Scopes: DataFabric.Schema.Read (entity and choice-set metadata), DataFabric.Data.Read, DataFabric.Data.Write.
 *   GET    /api/Entity                       RawEntityGetResponse[] (camelCase, fields with sqlType/fieldDisplayType,
 *          createTime/updateTime): tenant entities, or with X-UIPATH-FolderKey those of that folder
 *   GET    /api/v2/Entity                    tenant and folder entities together (also needs OR.Users)
 *   GET    /api/Entity/{entityId}            one entity's metadata
 *   GET    /api/Entity/choiceset             choice sets (no folder header: every scope; the zero GUID: tenant only)
 *   POST   /api/EntityService/entity/{choiceSetId}/query_expansion   body {} or {start, limit};
 *          200 {jsonValue: "<JSON array of {Id, Name, DisplayName, NumberId, CreateTime, …}>", totalRecordCount}
 * Records, by entity id (`/api/EntityService/entity/{entityId}/…`, the SDK's routes) or by entity name
 * (`/api/EntityService/{EntityName}/…`, the documented ones):
 *   GET    …/read?start&limit&expansionLevel        200 {totalRecordCount, value: [record]}; limit 1..1000 (100),
 *          start ≥ 0 (0), ordered by Id
 *   GET    …/read/{recordId}?expansionLevel, GET /api/v2/EntityService/entity/{entityId}/read/{recordId}   a record
 *   POST   …/query?expansionLevel    {filterGroup?, selectedFields?, sortOptions?, start?, limit?} → as read
 *          (aggregates/groupBy/havingFilter, and joins on the name route: 501, not simulated; the id route drops joins)
 *   POST   …/insert?expansionLevel   a record object → 200 the stored record
 *   POST   …/insert-batch?expansionLevel&failOnFirst   [record] (≤ 1000) → 200 {successRecords, failureRecords:
 *          [{error, record}]}; update-batch the same with `Id` in each record; delete-batch takes [recordId]
 *   POST   …/update/{recordId}?expansionLevel   the fields to change → 200 the record
 *   DELETE …/delete/{recordId}                  200 true
 * Attachments (File fields), `/api/Attachment/entity/{entityId}/{recordId}/{field}` or `/api/Attachment/{EntityName}/…`:
 *   POST multipart/form-data with the part `file` (≤ 10 MB) → 200 the record; GET → the bytes with their Content-Type;
 *   DELETE → 200 the record. A File field reads as the attachment's Id at expansionLevel 0, else {Name, Path, Size, Type}.
 * Records: system fields Id, CreatedBy, CreateTime, UpdatedBy, UpdateTime, RecordOwner (read-only; CreatedBy,
 * UpdatedBy and RecordOwner expand like relationships); user fields by their case-sensitive names, null when empty.
 * expansionLevel 0..3, default 2: a reference is its Id (0), {Id} (1), the referenced record (2, 3).
 * Errors: {error, traceId}. 400 a bad value (the message names the field), unknown or system field, bad filter or
 * paging; 404 unknown entity, record, choice set or file; 415 a body that is not application/json.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../common');
const F = require('./dataFabric/fields');
const Q = require('./dataFabric/query');
const B = require('./dataFabric/bytes');

const SCHEMA_READ = ['DataFabric.Schema.Read'];
const DATA_READ = ['DataFabric.Data.Read'];
const DATA_WRITE = ['DataFabric.Data.Write'];
const MAX_BATCH = 1000;
const MAX_FILE = 10 * 1024 * 1024;
const USER_TYPES = ['User', 'Group', 'Robot', 'Application'];
const SYSTEM_FIELDS = [
	['Id', 'UUID', 'Id'], ['CreatedBy', 'RELATIONSHIP', 'Created By'], ['CreateTime', 'DATETIME_WITH_TZ', 'Created'],
	['UpdatedBy', 'RELATIONSHIP', 'Updated By'], ['UpdateTime', 'DATETIME_WITH_TZ', 'Updated'], ['RecordOwner', 'RELATIONSHIP', 'Record Owner'],
];

/** @param {any} core */
module.exports = function registerDataFabric(core) {
	const traceId = () => crypto.randomBytes(16).toString('hex');
	/** The service's error body (the SDK's EntityErrorResponse). @param {number} status @param {string} message */
	const error = (status, message) => new HttpError(status, { error: message, traceId: traceId() });
	/** @param {string} message @returns {never} */
	const fail = (message) => {
		throw error(400, message);
	};
	const time = () => new Date(core.now()).toISOString();
	const upperGuid = () => crypto.randomUUID().toUpperCase();

	/** @type {{ entities: Map<string, any>, choiceSets: Map<string, any>, attachments: Map<string, any>, users: Map<string, any>, userRecord: (id: string) => any }} */
	const store = {
		entities: new Map(), choiceSets: new Map(), attachments: new Map(), users: new Map(),
		userRecord: (id) => [...store.users.values()].find((u) => u.Id === id),
	};
	/** The SystemUser record of a token's subject (made on first use). @param {string} subject @param {string} [kind] */
	function userOf(subject, kind = 'externalApp') {
		let u = store.users.get(subject);
		if (!u) {
			u = { Id: upperGuid(), Name: subject, Email: `${subject}@simulator.invalid`, Type: kind === 'externalApp' ? 3 : 0 };
			store.users.set(subject, u);
		}
		return u;
	}
	const seedUser = () => userOf('simulator-seed', 'pat').Id;

	// ---- request helpers -------------------------------------------------------------------------------------------
	/** The X-UIPATH-FolderKey header, lower-cased, if any. @param {any} ctx */
	function folderKeyOf(ctx) {
		const raw = ctx.req.headers['x-uipath-folderkey'];
		if (raw === undefined) return undefined;
		if (typeof raw !== 'string' || !F.GUID.test(raw)) fail(`X-UIPATH-FolderKey must be a folder key (a GUID); got '${raw}'.`);
		return raw.toLowerCase();
	}
	/** Tenant items without a folder key (or with the zero GUID); a folder's items with that folder's key. @param {any} item @param {string | undefined} key */
	const visible = (item, key) => (key === undefined || key === F.TENANT_FOLDER ? item.folderId === F.TENANT_FOLDER : item.folderId === key);
	/** @param {any} ctx @param {string} ref an entity id, or a name with `byName` @param {boolean} [byName] */
	function entityOf(ctx, ref, byName = false) {
		const key = folderKeyOf(ctx);
		const e = byName ? [...store.entities.values()].find((x) => x.name === ref && visible(x, key)) : store.entities.get(ref.toLowerCase());
		if (!e || !visible(e, key)) throw error(404, `Entity '${ref}' was not found${key && key !== F.TENANT_FOLDER ? ` in the folder ${key}` : ''}.`);
		return e;
	}
	/** @param {any} entity @param {string} raw */
	function recordOf(entity, raw) {
		if (!F.GUID.test(raw)) fail(`'${raw}' is not a record Id (a GUID).`);
		const rec = entity.records.get(raw.toUpperCase());
		if (!rec) throw error(404, `Record '${raw}' was not found in entity '${entity.name}'.`);
		return rec;
	}
	/** Refuses query parameters the route does not take. @param {any} ctx @param {string[]} allowed */
	function params(ctx, allowed) {
		for (const k of Object.keys(ctx.req.query)) {
			if (allowed.includes(k)) continue;
			if (/^\$(filter|orderby|select|expand|top|skip)$/i.test(k)) throw error(501, `The simulator does not implement the OData option '${k}' on this route.`);
			fail(`Unknown query parameter '${k}'; this route takes ${allowed.length ? allowed.join(', ') : 'none'}.`);
		}
	}
	/** expansionLevel: 0..3, default 2 (the documented default). @param {any} ctx */
	function levelOf(ctx) {
		const raw = ctx.req.query.expansionLevel;
		if (raw === undefined) return 2;
		if (!/^[0-3]$/.test(raw)) fail(`expansionLevel must be 0, 1, 2 or 3; got '${raw}'.`);
		return Number(raw);
	}
	/** @param {any} ctx */
	function failOnFirstOf(ctx) {
		const raw = ctx.req.query.failOnFirst;
		if (raw === undefined) return false;
		if (!/^(true|false)$/i.test(raw)) fail(`failOnFirst must be true or false; got '${raw}'.`);
		return raw.toLowerCase() === 'true';
	}
	/** @param {any} ctx */
	function jsonBody(ctx) {
		const type = String(ctx.req.headers['content-type'] ?? '');
		if (!type.includes('application/json')) throw error(415, `The request's media type '${type || '(none)'}' is not supported; send application/json.`);
		if (ctx.req.body === undefined) fail('The request body is empty.');
		return ctx.req.body;
	}
	/** @param {unknown} body @param {string[]} allowed @param {string} what */
	function objectBody(body, allowed, what) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) fail(`The ${what} body must be a JSON object; got ${F.jsonType(body)}.`);
		for (const k of Object.keys(/** @type {object} */ (body))) if (!allowed.includes(k)) fail(`The ${what} body has an unknown property '${k}'.`);
		return /** @type {Record<string, any>} */ (body);
	}

	// ---- records ---------------------------------------------------------------------------------------------------
	/** @param {any} entity */
	const userFields = (entity) => entity.fields.filter((/** @type {any} */ f) => !f.system);
	/** @param {any} entity @param {Record<string, any>} rec @param {number} level @param {'list' | 'single'} [mode] @param {string[]} [selected] */
	const view = (entity, rec, level, mode = 'list', selected) => F.recordView(entity, rec, level, mode, store, selected);

	/**
	 * Checks a record body against the entity: returns the values to store, or the reason it is refused.
	 * @param {any} entity @param {unknown} body @param {'insert' | 'update'} mode @param {string} [id] the record updated
	 * @returns {string | Record<string, unknown>}
	 */
	function checked(entity, body, mode, id) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return `A record must be a JSON object; got ${F.jsonType(body)}.`;
		/** @type {Record<string, unknown>} */
		const values = {};
		for (const [k, v] of Object.entries(body)) {
			if (F.SYSTEM.includes(k)) {
				if (k === 'Id' && mode === 'update' && typeof v === 'string' && v.toUpperCase() === id) continue;
				return `Field '${k}' is a system field that Data Fabric sets; it cannot be written${k === 'Id' && mode === 'update' ? ` (an Id in the body must be the record's own, ${id})` : ''}.`;
			}
			const f = userFields(entity).find((/** @type {any} */ x) => x.name === k);
			if (!f) {
				const near = entity.fields.find((/** @type {any} */ x) => x.name.toLowerCase() === k.toLowerCase());
				return `Field '${k}' does not exist on entity '${entity.name}'${near ? ` (names are case-sensitive: '${near.name}'?)` : ''}.`;
			}
			const r = F.checkValue(f, v, store);
			if (r.error) return r.error;
			values[k] = r.value;
		}
		if (mode === 'insert') {
			for (const f of userFields(entity)) {
				if (values[f.name] === undefined && f.defaultValue !== undefined) values[f.name] = f.defaultValue;
				if (f.required && values[f.name] == null && f.type !== 'AUTO_NUMBER' && f.type !== 'FILE') return `Field '${f.name}' (${f.type}) is required.`;
			}
		}
		for (const f of userFields(entity).filter((/** @type {any} */ x) => x.unique)) {
			const v = values[f.name];
			if (v == null) continue;
			for (const r of entity.records.values()) {
				if (r.Id !== id && JSON.stringify(r[f.name]) === JSON.stringify(v)) {
					return `${mode === 'insert' ? 'Insert' : 'Update'} data failed. Value uniqueness violation: field '${f.name}' already holds ${JSON.stringify(v)}.`;
				}
			}
		}
		return values;
	}
	/** @param {any} entity @param {Record<string, unknown>} values @param {string} who */
	function insert(entity, values, who) {
		const t = time();
		/** @type {Record<string, any>} */
		const rec = { Id: upperGuid(), CreatedBy: who, CreateTime: t, UpdatedBy: who, UpdateTime: t, RecordOwner: who, ...values };
		for (const f of entity.fields.filter((/** @type {any} */ x) => x.type === 'AUTO_NUMBER')) rec[f.name] = entity.autoNumber[f.name] = (entity.autoNumber[f.name] ?? 0) + 1;
		entity.records.set(rec.Id, rec);
		return rec;
	}
	/** @param {Record<string, any>} rec @param {Record<string, unknown>} values @param {string} who */
	const update = (rec, values, who) => Object.assign(rec, values, { UpdatedBy: who, UpdateTime: time() });
	/** @param {any} entity @param {string} id */
	function remove(entity, id) {
		entity.records.delete(id);
		for (const f of entity.fields) store.attachments.delete(`${entity.id}/${id}/${f.name}`);
	}
	/** @param {any} ctx */
	const who = (ctx) => userOf(ctx.token.subject, ctx.token.kind).Id;

	/**
	 * insert-batch, update-batch and delete-batch: each item succeeds or fails on its own (failOnFirst stops at the
	 * first failure; the items after it are not processed and not reported).
	 * @param {any} ctx @param {any} entity @param {(item: any) => string | Record<string, any>} one the stored record or why not
	 */
	function batch(ctx, entity, one, ids = false) {
		params(ctx, ids ? ['failOnFirst'] : ['expansionLevel', 'failOnFirst']);
		const level = levelOf(ctx);
		const stop = failOnFirstOf(ctx);
		const body = jsonBody(ctx);
		if (!Array.isArray(body)) fail(`The body must be a JSON array of ${ids ? 'record Ids' : 'records'}; got ${F.jsonType(body)}.`);
		if (body.length > MAX_BATCH) fail(`A batch holds at most ${MAX_BATCH} records; got ${body.length}.`);
		/** @type {Record<string, unknown>[]} */ const successRecords = [];
		/** @type {{ error: string, record: unknown }[]} */ const failureRecords = [];
		for (const item of body) {
			const out = one(item);
			if (typeof out === 'string') {
				failureRecords.push({ error: out, record: ids ? { Id: item } : item });
				if (stop) break;
			} else successRecords.push(view(entity, out, level));
		}
		return { status: 200, body: { successRecords, failureRecords } };
	}

	/** @param {any} ctx @param {any} entity @param {boolean} byName */
	function query(ctx, entity, byName) {
		params(ctx, ['expansionLevel']);
		const level = levelOf(ctx);
		const body = objectBody(jsonBody(ctx), ['selectedFields', 'filterGroup', 'start', 'limit', 'sortOptions', 'aggregates', 'groupBy', 'havingFilter', 'joins'], 'query');
		for (const k of ['aggregates', 'groupBy', 'havingFilter', ...(byName ? ['joins'] : [])]) {
			if (body[k] != null && !(Array.isArray(body[k]) && !body[k].length)) throw error(501, `The simulator does not implement '${k}' on queries.`);
		}
		const selected = body.selectedFields == null || (Array.isArray(body.selectedFields) && !body.selectedFields.length) ? undefined : body.selectedFields;
		if (selected !== undefined) {
			if (!Array.isArray(selected) || selected.some((s) => typeof s !== 'string')) fail('selectedFields must be an array of field names.');
			for (const s of selected) if (!entity.fields.some((/** @type {any} */ f) => f.name === s)) fail(`selectedFields: field '${s}' does not exist on entity '${entity.name}'.`);
		}
		const test = body.filterGroup == null ? () => true : Q.compileGroup(body.filterGroup, entity, fail);
		const rows = Q.sortRows([...entity.records.values()].filter(test), body.sortOptions, entity, fail);
		const { start, limit } = Q.paging(body.start, body.limit, fail);
		return { status: 200, body: { totalRecordCount: rows.length, value: rows.slice(start, start + limit).map((r) => view(entity, r, level, 'list', selected)) } };
	}

	/** @type {any[]} */
	const routes = [];
	/**
	 * A record route under both addresses: `/api/EntityService/entity/{entityId}{tail}` and `/api/EntityService/{Name}{tail}`.
	 * @param {string} method @param {string} tail a regex source; its groups follow the entity's @param {string} name
	 * @param {string[]} scopes @param {(ctx: any, m: RegExpExecArray, entity: any, byName: boolean) => any} handle
	 */
	function recordRoute(method, tail, name, scopes, handle) {
		routes.push(
			{ method, pattern: new RegExp(`^/api/EntityService/entity/([^/]+)${tail}$`), name: `${name} (by entity id)`, scopes, handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => handle(ctx, m, entityOf(ctx, m[1]), false) },
			{ method, pattern: new RegExp(`^/api/EntityService/(?!entity/)([^/]+)${tail}$`), name: `${name} (by entity name)`, scopes, handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => handle(ctx, m, entityOf(ctx, m[1], true), true) },
		);
	}
	/** An attachment route under `/api/Attachment/entity/{entityId}/…` and `/api/Attachment/{Name}/…`. @param {string} method @param {string} name @param {string[]} scopes @param {(ctx: any, entity: any, rec: any, field: any) => any} handle */
	function attachmentRoute(method, name, scopes, handle) {
		for (const byName of [false, true]) {
			routes.push({
				method, name: `${name} (by entity ${byName ? 'name' : 'id'})`, scopes,
				pattern: byName ? /^\/api\/Attachment\/(?!entity\/)([^/]+)\/([^/]+)\/([^/]+)$/ : /^\/api\/Attachment\/entity\/([^/]+)\/([^/]+)\/([^/]+)$/,
				handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
					const entity = entityOf(ctx, m[1], byName);
					const rec = recordOf(entity, m[2]);
					const field = userFields(entity).find((/** @type {any} */ f) => f.name === m[3]);
					if (!field) fail(`Field '${m[3]}' does not exist on entity '${entity.name}' (names are case-sensitive).`);
					if (field.type !== 'FILE') fail(`Field '${m[3]}' is a ${field.type} field, not a File field.`);
					return handle(ctx, entity, rec, field);
				},
			});
		}
	}

	// ---- metadata --------------------------------------------------------------------------------------------------
	/** @param {any} e */
	function entityMeta(e) {
		const files = [...store.attachments.entries()].filter(([k]) => k.startsWith(`${e.id}/`)).reduce((n, [, a]) => n + a.bytes.length, 0);
		return {
			name: e.name, displayName: e.displayName, entityType: 'Entity', description: e.description,
			fields: e.fields.map((/** @type {any} */ f) => F.fieldMeta(f, e, store)), folderId: e.folderId, externalFields: [],
			sourceJoinCriterias: [], recordCount: e.records.size, storageSizeInMB: 0, usedStorageSizeInMB: 0, attachmentSizeInByte: files,
			isRbacEnabled: false, isInsightsEnabled: false, id: e.id, createdBy: e.createdBy, createTime: e.createTime,
			updateTime: e.updateTime, updatedBy: e.updatedBy,
		};
	}
	/** @param {any} s */
	const choiceSetMeta = (s) => ({
		name: s.name, displayName: s.displayName, entityTypeId: 1, entityType: 'ChoiceSet', description: s.description, folderId: s.folderId,
		recordCount: s.values.length, storageSizeInMB: 0, usedStorageSizeInMB: 0, isRbacEnabled: false, invalidIdentifiers: [],
		isModelReserved: s.system, id: s.id, createdBy: s.createdBy, createTime: s.createTime, updateTime: s.updateTime, updatedBy: s.updatedBy,
	});

	routes.push(
		{
			method: 'GET', pattern: /^\/api\/Entity$/, name: 'GET /api/Entity', scopes: SCHEMA_READ,
			handle: (/** @type {any} */ ctx) => {
				params(ctx, []);
				const key = folderKeyOf(ctx);
				return { status: 200, body: [...store.entities.values()].filter((e) => visible(e, key)).map(entityMeta) };
			},
		},
		{
			// The SDK's integration tests say this listing needs OR.Users beside DataFabric.Schema.Read: both are asked for.
			method: 'GET', pattern: /^\/api\/v2\/Entity$/, name: 'GET /api/v2/Entity', scopes: [...SCHEMA_READ, 'OR.Users'],
			handle: (/** @type {any} */ ctx) => {
				params(ctx, []);
				const missing = ['DataFabric.Schema.Read', 'OR.Users'].filter((s) => ctx.token.scopes && !ctx.token.scopes.includes(s));
				if (missing.length) throw error(403, `Forbidden: this request needs the scopes DataFabric.Schema.Read and OR.Users (missing ${missing.join(', ')}).`);
				return { status: 200, body: [...store.entities.values()].map(entityMeta) };
			},
		},
		{
			method: 'GET', pattern: /^\/api\/Entity\/choiceset$/, name: 'GET /api/Entity/choiceset', scopes: SCHEMA_READ,
			handle: (/** @type {any} */ ctx) => {
				params(ctx, []);
				const key = folderKeyOf(ctx);
				return { status: 200, body: [...store.choiceSets.values()].filter((s) => key === undefined || visible(s, key)).map(choiceSetMeta) };
			},
		},
		{
			method: 'GET', pattern: /^\/api\/Entity\/([^/]+)$/, name: 'GET /api/Entity/{id}', scopes: SCHEMA_READ,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => (params(ctx, []), { status: 200, body: entityMeta(entityOf(ctx, m[1])) }),
		},
		{
			method: 'POST', pattern: /^\/api\/EntityService\/entity\/([^/]+)\/query_expansion$/, name: 'POST /api/EntityService/entity/{id}/query_expansion', scopes: DATA_READ,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				params(ctx, []);
				const key = folderKeyOf(ctx);
				const set = store.choiceSets.get(m[1].toLowerCase());
				if (!set || (key !== undefined && !visible(set, key))) throw error(404, `Choice set '${m[1]}' was not found.`);
				const body = objectBody(jsonBody(ctx), ['start', 'limit'], 'query_expansion');
				const { start, limit } = Q.paging(body.start, body.limit, fail);
				const rows = set.values.slice(start, start + limit).map((/** @type {any} */ v) => ({ ...v, CreatedBy: set.createdBy, UpdatedBy: set.createdBy, RecordOwner: set.createdBy }));
				return { status: 200, body: { jsonValue: JSON.stringify(rows), totalRecordCount: set.values.length } };
			},
		},
	);

	recordRoute('GET', '/read', 'GET read', DATA_READ, (ctx, _m, entity) => {
		params(ctx, ['start', 'limit', 'expansionLevel']);
		const level = levelOf(ctx);
		const { start, limit } = Q.paging(ctx.req.query.start, ctx.req.query.limit, fail);
		const rows = Q.sortRows([...entity.records.values()], undefined, entity, fail);
		return { status: 200, body: { totalRecordCount: rows.length, value: rows.slice(start, start + limit).map((r) => view(entity, r, level)) } };
	});
	recordRoute('GET', '/read/([^/]+)', 'GET read/{recordId}', DATA_READ, (ctx, m, entity) => {
		params(ctx, ['expansionLevel']);
		return { status: 200, body: view(entity, recordOf(entity, m[2]), levelOf(ctx)) };
	});
	routes.push({
		method: 'GET', pattern: /^\/api\/v2\/EntityService\/entity\/([^/]+)\/read\/([^/]+)$/, name: 'GET /api/v2/EntityService/entity/{id}/read/{recordId}', scopes: DATA_READ,
		handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
			params(ctx, ['expansionLevel']);
			const entity = entityOf(ctx, m[1]);
			return { status: 200, body: view(entity, recordOf(entity, m[2]), levelOf(ctx), 'single') };
		},
	});
	recordRoute('POST', '/query', 'POST query', DATA_READ, (ctx, _m, entity, byName) => query(ctx, entity, byName));
	recordRoute('POST', '/insert', 'POST insert', DATA_WRITE, (ctx, _m, entity) => {
		params(ctx, ['expansionLevel']);
		const level = levelOf(ctx);
		const values = checked(entity, jsonBody(ctx), 'insert');
		if (typeof values === 'string') fail(values);
		return { status: 200, body: view(entity, insert(entity, values, who(ctx)), level) };
	});
	recordRoute('POST', '/insert-batch', 'POST insert-batch', DATA_WRITE, (ctx, _m, entity) =>
		batch(ctx, entity, (item) => {
			const values = checked(entity, item, 'insert');
			return typeof values === 'string' ? values : insert(entity, values, who(ctx));
		}),
	);
	recordRoute('POST', '/update/([^/]+)', 'POST update/{recordId}', DATA_WRITE, (ctx, m, entity) => {
		params(ctx, ['expansionLevel']);
		const level = levelOf(ctx);
		const rec = recordOf(entity, m[2]);
		const values = checked(entity, jsonBody(ctx), 'update', rec.Id);
		if (typeof values === 'string') fail(values);
		return { status: 200, body: view(entity, update(rec, values, who(ctx)), level) };
	});
	recordRoute('POST', '/update-batch', 'POST update-batch', DATA_WRITE, (ctx, _m, entity) =>
		batch(ctx, entity, (item) => {
			const id = item && typeof item === 'object' ? item.Id : undefined;
			if (typeof id !== 'string' || !F.GUID.test(id)) return `Each record of update-batch needs its Id (a GUID); got ${JSON.stringify(id ?? null)}.`;
			const rec = entity.records.get(id.toUpperCase());
			if (!rec) return `Record '${id}' was not found in entity '${entity.name}'.`;
			const values = checked(entity, item, 'update', rec.Id);
			return typeof values === 'string' ? values : update(rec, values, who(ctx));
		}),
	);
	recordRoute('DELETE', '/delete/([^/]+)', 'DELETE delete/{recordId}', DATA_WRITE, (ctx, m, entity) => {
		params(ctx, []);
		remove(entity, recordOf(entity, m[2]).Id);
		return { status: 200, body: true };
	});
	recordRoute('POST', '/delete-batch', 'POST delete-batch', DATA_WRITE, (ctx, _m, entity) =>
		batch(ctx, entity, (id) => {
			if (typeof id !== 'string' || !F.GUID.test(id)) return `Each item of delete-batch is a record Id (a GUID); got ${JSON.stringify(id)}.`;
			const rec = entity.records.get(id.toUpperCase());
			if (!rec) return `Record '${id}' was not found in entity '${entity.name}'.`;
			remove(entity, rec.Id);
			return rec;
		}, true),
	);

	B.installByteHooks(core);
	attachmentRoute('POST', 'POST attachment', DATA_WRITE, (ctx, entity, rec, field) => {
		params(ctx, ['expansionLevel']);
		const level = levelOf(ctx);
		const parsed = B.parseMultipart(String(ctx.req.headers['content-type'] ?? ''), B.bodyBytes(ctx.req));
		if (parsed.error) throw error(parsed.error.startsWith('the upload must') ? 415 : 400, `Upload to field '${field.name}': ${parsed.error}`);
		const files = (parsed.parts ?? []).filter((p) => p.name === 'file');
		if (files.length !== 1) fail(`Upload to field '${field.name}': the form must carry exactly one part named 'file'; got ${files.length} (parts: ${(parsed.parts ?? []).map((p) => `'${p.name}'`).join(', ') || 'none'}).`);
		const part = files[0];
		if (part.data.length > MAX_FILE) fail(`Upload to field '${field.name}': a file may be at most 10 MB; got ${part.data.length} bytes.`);
		store.attachments.set(`${entity.id}/${rec.Id}/${field.name}`, { id: upperGuid(), name: part.filename || 'file', contentType: part.contentType || 'application/octet-stream', bytes: part.data });
		return { status: 200, body: view(entity, update(rec, {}, who(ctx)), level) };
	});
	attachmentRoute('GET', 'GET attachment', DATA_READ, (ctx, entity, rec, field) => {
		params(ctx, []);
		const file = store.attachments.get(`${entity.id}/${rec.Id}/${field.name}`);
		if (!file) throw error(404, `Record '${rec.Id}' has no file in field '${field.name}'.`);
		return { status: 200, body: B.answerBytes(ctx.req, file.bytes), headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.name.replace(/"/g, '')}"` } };
	});
	attachmentRoute('DELETE', 'DELETE attachment', DATA_WRITE, (ctx, entity, rec, field) => {
		params(ctx, ['expansionLevel']);
		const level = levelOf(ctx);
		if (!store.attachments.delete(`${entity.id}/${rec.Id}/${field.name}`)) throw error(404, `Record '${rec.Id}' has no file in field '${field.name}'.`);
		return { status: 200, body: view(entity, update(rec, {}, who(ctx)), level) };
	});

	core.addService('datafabric_', { routes, error });

	// ---- seeding ---------------------------------------------------------------------------------------------------
	/** @param {string} ref an entity id or name */
	function seededEntity(ref) {
		const e = store.entities.get(String(ref).toLowerCase()) ?? [...store.entities.values()].find((x) => x.name === ref);
		if (!e) throw new Error(`dataFabric: no entity '${ref}'`);
		return e;
	}
	/** @param {{ folderKey?: string, folderId?: number }} o */
	function folderOf(o) {
		if (o.folderId !== undefined) {
			const f = core.folders.get(o.folderId);
			if (!f) throw new Error(`dataFabric: no folder ${o.folderId}`);
			return f.Key.toLowerCase();
		}
		return (o.folderKey ?? F.TENANT_FOLDER).toLowerCase();
	}
	/**
	 * @param {string} name @param {(string | { name: string, displayName?: string })[]} values in NumberId order from 0
	 * @param {{ displayName?: string, description?: string, folderKey?: string, folderId?: number, system?: boolean }} [opts]
	 */
	function addChoiceSet(name, values, opts = {}) {
		if ([...store.choiceSets.values()].some((s) => s.name === name)) throw new Error(`dataFabric: choice set '${name}' exists`);
		const t = time();
		const by = seedUser();
		const set = {
			id: crypto.randomUUID(), name, displayName: opts.displayName ?? name, description: opts.description ?? '', folderId: folderOf(opts),
			system: opts.system ?? false, createdBy: by, updatedBy: by, createTime: t, updateTime: t,
			values: values.map((v, i) => {
				const o = typeof v === 'string' ? { name: v } : v;
				return { Id: upperGuid(), Name: o.name, DisplayName: o.displayName ?? o.name, NumberId: i, CreateTime: t, UpdateTime: t };
			}),
		};
		store.choiceSets.set(set.id, set);
		return { ...choiceSetMeta(set), values: set.values.map((v) => ({ ...v })) };
	}
	addChoiceSet('UserType', USER_TYPES, { displayName: 'User Type', description: 'Denotes the type of user record in the System User entity', system: true });

	/**
	 * @typedef {{ name: string, type: string, displayName?: string, description?: string, required?: boolean, unique?: boolean,
	 *   lengthLimit?: number, minValue?: number, maxValue?: number, decimalPrecision?: number, choiceSet?: string,
	 *   reference?: string, defaultValue?: unknown }} FieldSpec
	 *   `type` is an EntityFieldDataType (STRING, DECIMAL, CHOICE_SET_SINGLE, …) or text, number, integer, boolean, date,
	 *   datetime, file, choiceSet, choiceSetMultiple, relationship, autoNumber, multiline, uuid. `choiceSet` (a choice
	 *   set's id or name) for choice fields; `reference` (an entity's id or name) for relationships.
	 */
	Object.assign(core.sim, {
		dataFabric: {
			/**
			 * An entity with its system fields and `fields`; answers its metadata as GET /api/Entity/{id} does (with `id`).
			 * @param {{ id?: string, name: string, displayName?: string, description?: string, folderKey?: string, folderId?: number, fields: FieldSpec[] }} spec
			 */
			addEntity(spec) {
				if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(spec.name)) throw new Error(`dataFabric: entity name '${spec.name}' must start with a letter and hold letters, digits and _`);
				if ([...store.entities.values()].some((e) => e.name === spec.name)) throw new Error(`dataFabric: entity '${spec.name}' exists`);
				const t = time();
				const by = seedUser();
				// A fixed id (the sandbox's samples name the entity by it); entity ids are lower-case GUIDs.
				if (spec.id !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(spec.id)) throw new Error(`dataFabric: entity id '${spec.id}' is not a lower-case GUID`);
				const id = spec.id ?? crypto.randomUUID();
				const system = SYSTEM_FIELDS.map(([name, type, displayName]) => ({
					id: crypto.randomUUID(), name, type, displayName, description: '', required: name === 'Id', unique: false, system: true,
					refEntityId: type === 'RELATIONSHIP' ? F.SYSTEM_USER_ENTITY.id : undefined,
				}));
				const fields = (spec.fields ?? []).map((s) => {
					const type = F.typeOf(s.type);
					if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(s.name) || F.SYSTEM.includes(s.name)) throw new Error(`dataFabric: field name '${s.name}' is not allowed`);
					const text = { STRING: 200, MULTILINE_TEXT: 200, MULTILINE_MAX: 128 * 1024 }[type];
					const f = {
						id: crypto.randomUUID(), name: s.name, type, displayName: s.displayName ?? s.name, description: s.description ?? '',
						required: s.required ?? false, unique: s.unique ?? false, system: false, lengthLimit: text ? (s.lengthLimit ?? text) : undefined,
						minValue: s.minValue ?? F.LIMITS.min, maxValue: s.maxValue ?? F.LIMITS.max, decimalPrecision: s.decimalPrecision ?? 2,
						choiceSetId: undefined, refEntityId: undefined, defaultValue: s.defaultValue,
					};
					if (type.startsWith('CHOICE_SET')) {
						const set = store.choiceSets.get(String(s.choiceSet).toLowerCase()) ?? [...store.choiceSets.values()].find((x) => x.name === s.choiceSet);
						if (!set) throw new Error(`dataFabric: field '${s.name}' needs choiceSet (an existing choice set's id or name)`);
						f.choiceSetId = set.id;
					}
					if (type === 'RELATIONSHIP') f.refEntityId = seededEntity(/** @type {string} */ (s.reference)).id;
					return f;
				});
				if (new Set(fields.map((f) => f.name)).size !== fields.length) throw new Error(`dataFabric: entity '${spec.name}' repeats a field name`);
				const entity = {
					id, name: spec.name, displayName: spec.displayName ?? spec.name, description: spec.description ?? '', folderId: folderOf(spec),
					fields: [...system, ...fields], idFieldId: system[0].id, records: new Map(), autoNumber: {}, createdBy: by, updatedBy: by, createTime: t, updateTime: t,
				};
				store.entities.set(id, entity);
				for (const f of fields) {
					if (f.defaultValue === undefined) continue;
					const r = F.checkValue({ ...f, required: false }, f.defaultValue, store);
					if (r.error) throw new Error(`dataFabric: default value: ${r.error}`);
				}
				return entityMeta(entity);
			},
			/** A choice set; its values get NumberId 0, 1, 2, … in order. */
			addChoiceSet,
			/** Stores rows as POST …/insert would (same checks; throws on a bad row); answers them at expansionLevel 0. @param {string} entity id or name @param {Record<string, unknown>[]} rows */
			addRecords(entity, rows) {
				const e = seededEntity(entity);
				return rows.map((row, i) => {
					const values = checked(e, row, 'insert');
					if (typeof values === 'string') throw new Error(`dataFabric: row ${i}: ${values}`);
					return view(e, insert(e, values, seedUser()), 0, 'single');
				});
			},
			/** The stored records (expansionLevel 0, full text), ordered by Id. @param {string} entity id or name */
			records(entity) {
				const e = seededEntity(entity);
				return Q.sortRows([...e.records.values()], undefined, e, fail).map((r) => view(e, r, 0, 'single'));
			},
			/** The file in a record's File field, if any. @param {string} entity @param {string} recordId @param {string} field */
			attachment(entity, recordId, field) {
				const a = store.attachments.get(`${seededEntity(entity).id}/${recordId.toUpperCase()}/${field}`);
				return a && { name: a.name, contentType: a.contentType, bytes: Buffer.from(a.bytes) };
			},
			/** The SystemUser Id that records written with a token of this subject carry in CreatedBy/UpdatedBy. @param {string} subject */
			userIdOf: (subject) => userOf(subject).Id,
		},
	});
};
