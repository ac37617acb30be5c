// @ts-check
'use strict';
/**
 * Data Fabric field types (see dataFabric.js and docs/api/DATA_FABRIC.md): how a field is described in entity metadata
 * (the raw `sqlType` + `fieldDisplayType` pair the SDK maps from), how a record value is checked on insert/update, and
 * how a stored record is written out at an expansion level.
 */

const TENANT_FOLDER = '00000000-0000-0000-0000-000000000000';
const SYSTEM_USER_ENTITY = { id: '0f0e5a35-1d4c-4c1a-9a65-5f3b5a0c0001', idFieldId: '0f0e5a35-1d4c-4c1a-9a65-5f3b5a0c0002', name: 'SystemUser', displayName: 'System User' };
/** The system fields every record has (PascalCase, read-only). */
const SYSTEM = ['Id', 'CreatedBy', 'CreateTime', 'UpdatedBy', 'UpdateTime', 'RecordOwner'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;
const LIMITS = { max: 1_000_000_000_000, min: -1_000_000_000_000 };

/**
 * EntityFieldDataType → raw SQL type, display type and the sqlType constraints the SDK writes on create
 * (entities.constants.ts EntitySchemaFieldTypeMap, entities.ts buildSqlTypeConstraints).
 * @type {Record<string, { sql: string, display: string, sqlType: (f: any) => Record<string, number> }>}
 */
const TYPES = {
	UUID: { sql: 'UNIQUEIDENTIFIER', display: 'Basic', sqlType: () => ({}) },
	STRING: { sql: 'NVARCHAR', display: 'Basic', sqlType: (f) => ({ lengthLimit: f.lengthLimit }) },
	MULTILINE_TEXT: { sql: 'MULTILINE', display: 'Basic', sqlType: (f) => ({ lengthLimit: f.lengthLimit }) },
	MULTILINE_MAX: { sql: 'MULTILINE_MAX', display: 'Basic', sqlType: (f) => ({ lengthLimit: f.lengthLimit }) },
	INTEGER: { sql: 'INT', display: 'Basic', sqlType: (f) => ({ maxValue: f.maxValue, minValue: f.minValue }) },
	BIG_INTEGER: { sql: 'BIGINT', display: 'Basic', sqlType: (f) => ({ maxValue: f.maxValue, minValue: f.minValue }) },
	DECIMAL: { sql: 'DECIMAL', display: 'Basic', sqlType: (f) => ({ lengthLimit: 1000, decimalPrecision: f.decimalPrecision, maxValue: f.maxValue, minValue: f.minValue }) },
	FLOAT: { sql: 'FLOAT', display: 'Basic', sqlType: (f) => ({ decimalPrecision: f.decimalPrecision, maxValue: f.maxValue, minValue: f.minValue }) },
	DOUBLE: { sql: 'REAL', display: 'Basic', sqlType: (f) => ({ decimalPrecision: f.decimalPrecision, maxValue: f.maxValue, minValue: f.minValue }) },
	BOOLEAN: { sql: 'BIT', display: 'Basic', sqlType: () => ({ lengthLimit: 100 }) },
	DATE: { sql: 'DATE', display: 'Basic', sqlType: () => ({ lengthLimit: 1000 }) },
	DATETIME: { sql: 'DATETIME2', display: 'Basic', sqlType: () => ({}) },
	DATETIME_WITH_TZ: { sql: 'DATETIMEOFFSET', display: 'Basic', sqlType: () => ({ lengthLimit: 1000 }) },
	FILE: { sql: 'UNIQUEIDENTIFIER', display: 'File', sqlType: () => ({ lengthLimit: 300 }) },
	CHOICE_SET_SINGLE: { sql: 'INT', display: 'ChoiceSetSingle', sqlType: () => ({}) },
	CHOICE_SET_MULTIPLE: { sql: 'NVARCHAR', display: 'ChoiceSetMultiple', sqlType: () => ({ lengthLimit: 4000 }) },
	AUTO_NUMBER: { sql: 'DECIMAL', display: 'AutoNumber', sqlType: () => ({}) },
	RELATIONSHIP: { sql: 'UNIQUEIDENTIFIER', display: 'Relationship', sqlType: () => ({ lengthLimit: 300 }) },
};
/** Friendly names the seed helpers accept besides the SDK's EntityFieldDataType names (the UI's field types). */
const ALIASES = {
	text: 'STRING', multiline: 'MULTILINE_TEXT', number: 'DECIMAL', integer: 'INTEGER', boolean: 'BOOLEAN', yesno: 'BOOLEAN',
	date: 'DATE', datetime: 'DATETIME_WITH_TZ', uuid: 'UUID', file: 'FILE', choiceset: 'CHOICE_SET_SINGLE',
	choicesetmultiple: 'CHOICE_SET_MULTIPLE', autonumber: 'AUTO_NUMBER', relationship: 'RELATIONSHIP',
};
const TEXT = ['STRING', 'MULTILINE_TEXT', 'MULTILINE_MAX'];
const NUMERIC = ['INTEGER', 'BIG_INTEGER', 'DECIMAL', 'FLOAT', 'DOUBLE', 'AUTO_NUMBER', 'CHOICE_SET_SINGLE'];

/** @param {string} t */
function typeOf(t) {
	const key = String(t);
	const alias = /** @type {Record<string, string>} */ (ALIASES)[key.toLowerCase().replace(/[\s_/-]/g, '')];
	const name = TYPES[key] ? key : (alias ?? (TYPES[key.toUpperCase()] ? key.toUpperCase() : undefined));
	if (!name) throw new Error(`dataFabric: unknown field type '${t}' (one of ${Object.keys(TYPES).join(', ')} or ${Object.keys(ALIASES).join(', ')})`);
	return name;
}

/** @param {RegExpExecArray} m */
const realDate = (m) => {
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
/** Decimal places of a JS number as written in JSON. @param {number} n */
function decimalsOf(n) {
	const s = String(n);
	const e = /e-(\d+)$/.exec(s);
	if (e) return Number(e[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0);
	return s.split('.')[1]?.length ?? 0;
}
/** @param {unknown} v */
const jsonType = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Checks (and normalizes) one value written to a user field. Returns `{ value }` or `{ error }` naming the field.
 * @param {any} f the field @param {unknown} v @param {any} store
 * @returns {{ value?: unknown, error?: string }}
 */
function checkValue(f, v, store) {
	const bad = (/** @type {string} */ why) => ({ error: `Field '${f.name}' (${f.type}) ${why}` });
	const got = `got ${jsonType(v)}${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? ` ${JSON.stringify(v)}` : ''}`;
	if (v === null) return f.required ? bad('is required and cannot be null.') : { value: null };
	switch (f.type) {
		case 'STRING':
		case 'MULTILINE_TEXT':
		case 'MULTILINE_MAX': {
			if (typeof v !== 'string') return bad(`expects a string; ${got}.`);
			const size = f.type === 'MULTILINE_MAX' ? v.length * 2 : v.length;
			if (size > f.lengthLimit) return bad(`is limited to ${f.lengthLimit} ${f.type === 'MULTILINE_MAX' ? 'bytes (UTF-16)' : 'characters'}; got ${size}.`);
			return { value: v };
		}
		case 'INTEGER':
		case 'BIG_INTEGER':
		case 'DECIMAL':
		case 'FLOAT':
		case 'DOUBLE': {
			if (typeof v !== 'number' || !Number.isFinite(v)) return bad(`expects a JSON number; ${got}.`);
			if (f.type.endsWith('INTEGER') && !Number.isInteger(v)) return bad(`expects a whole number; ${got}.`);
			if (v < f.minValue || v > f.maxValue) return bad(`must be between ${f.minValue} and ${f.maxValue}; ${got}.`);
			if (!f.type.endsWith('INTEGER') && decimalsOf(v) > f.decimalPrecision) return bad(`allows ${f.decimalPrecision} decimal places; ${got}.`);
			return { value: v };
		}
		case 'BOOLEAN':
			return typeof v === 'boolean' ? { value: v } : bad(`expects true or false; ${got}.`);
		case 'DATE': {
			const m = typeof v === 'string' ? DATE.exec(v) : null;
			return m && realDate(m) ? { value: v } : bad(`expects a date written YYYY-MM-DD; ${got}.`);
		}
		case 'DATETIME':
		case 'DATETIME_WITH_TZ': {
			const text = typeof v === 'string' ? v : '';
			const m = DATETIME.exec(text);
			if (!m || !realDate(m) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return bad(`expects an ISO 8601 date-time such as 2026-01-31T09:30:00Z; ${got}.`);
			if (f.type === 'DATETIME') return { value: text.replace(/(Z|[+-]\d{2}:\d{2})$/, '') };
			return { value: new Date(m[7] ? text : `${text}Z`).toISOString() };
		}
		case 'UUID':
			return typeof v === 'string' && GUID.test(v) ? { value: v.toLowerCase() } : bad(`expects a GUID; ${got}.`);
		case 'RELATIONSHIP': {
			if (typeof v !== 'string' || !GUID.test(v)) return bad(`expects the Id (a GUID) of a ${store.entities.get(f.refEntityId)?.name} record; ${got}.`);
			const target = store.entities.get(f.refEntityId);
			const id = v.toUpperCase();
			return target.records.has(id) ? { value: id } : bad(`refers to ${v}, which is not a record of ${target.name}.`);
		}
		case 'CHOICE_SET_SINGLE':
		case 'CHOICE_SET_MULTIPLE': {
			const set = store.choiceSets.get(f.choiceSetId);
			const known = new Set(set.values.map((/** @type {any} */ x) => x.NumberId));
			const list = f.type === 'CHOICE_SET_SINGLE' ? [v] : v;
			if (!Array.isArray(list)) return bad(`expects an array of NumberId values of choice set '${set.name}'; ${got}.`);
			for (const n of list) {
				if (!Number.isInteger(n)) return bad(`expects ${f.type === 'CHOICE_SET_SINGLE' ? 'the' : 'each'} NumberId (an integer) of a value of choice set '${set.name}'; got ${JSON.stringify(n)}.`);
				if (!known.has(n)) return bad(`has no value with NumberId ${n} in choice set '${set.name}' (known: ${[...known].join(', ')}).`);
			}
			if (new Set(list).size !== list.length) return bad('lists a choice twice.');
			return { value: f.type === 'CHOICE_SET_SINGLE' ? v : [...list] };
		}
		case 'FILE':
			return bad('is a File field: upload its file through /api/Attachment/... instead of writing it in the record.');
		case 'AUTO_NUMBER':
			return bad('is an auto-number field: the service sets it, it cannot be written.');
		default:
			return bad('has an unknown type.');
	}
}

/** The raw (untransformed) metadata of one field, as GET /api/Entity returns it. @param {any} f @param {any} entity @param {any} store */
function fieldMeta(f, entity, store) {
	const t = TYPES[f.type];
	const constraints = Object.fromEntries(Object.entries(t.sqlType(f)).filter(([, v]) => v !== undefined));
	/** @type {Record<string, unknown>} */
	const meta = {
		id: f.id, name: f.name, isPrimaryKey: f.name === 'Id', isForeignKey: t.display === 'Relationship', isExternalField: false,
		isHiddenField: false, isUnique: f.unique || f.name === 'Id', sqlType: { name: t.sql, ...constraints }, isRequired: f.required,
		displayName: f.displayName, description: f.description, createTime: entity.createTime, createdBy: entity.createdBy,
		updateTime: entity.updateTime, updatedBy: entity.updatedBy, isSystemField: f.system, fieldDisplayType: t.display,
		isAttachment: f.type === 'FILE', isEncrypted: false, isRbacEnabled: false,
	};
	if (f.defaultValue !== undefined) meta.defaultValue = String(f.defaultValue);
	if (f.type === 'RELATIONSHIP') {
		const target = f.refEntityId === SYSTEM_USER_ENTITY.id ? { ...SYSTEM_USER_ENTITY, entityType: 'SystemEntity', folderId: TENANT_FOLDER } : store.entities.get(f.refEntityId);
		Object.assign(meta, {
			referenceName: target.name, referenceType: 'ManyToOne',
			referenceEntity: { id: target.id, name: target.name, displayName: target.displayName, entityType: target.entityType ?? 'Entity', folderId: target.folderId },
			referenceField: { id: target.idFieldId },
		});
	}
	if (f.type.startsWith('CHOICE_SET')) {
		const set = store.choiceSets.get(f.choiceSetId);
		Object.assign(meta, { choiceSetId: set.id, referenceChoiceSet: { id: set.id, name: set.name, displayName: set.displayName, entityType: 'ChoiceSet', entityTypeId: 1, folderId: set.folderId } });
	}
	return meta;
}

/**
 * The value of a reference at an expansion level: 0 the Id itself, 1 an envelope `{ Id }`, 2 and more the referenced
 * record (its own references one level shallower).
 * @param {string | null} id @param {number} level @param {(level: number) => Record<string, unknown> | undefined} full
 */
function refValue(id, level, full) {
	if (id == null || level <= 0) return id;
	if (level === 1) return { Id: id };
	return full(level - 1) ?? { Id: id };
}

/**
 * A stored record written out at `level`. `mode` 'list' (read, query, batch answers) gives MULTILINE_MAX fields as a
 * size marker; 'single' (v2 read by id) gives their full text. Keys come in the service's (alphabetical) order.
 * @param {any} entity @param {Record<string, any>} rec @param {number} level @param {'list' | 'single'} mode @param {any} store
 * @param {string[]} [selected] only these fields (and Id)
 */
function recordView(entity, rec, level, mode, store, selected) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const f of entity.fields) {
		if (selected && f.name !== 'Id' && !selected.includes(f.name)) continue;
		const v = rec[f.name] ?? null;
		if (['CreatedBy', 'UpdatedBy', 'RecordOwner'].includes(f.name)) out[f.name] = refValue(v, level, () => store.userRecord(v));
		else if (f.type === 'RELATIONSHIP') {
			const target = store.entities.get(f.refEntityId);
			out[f.name] = refValue(v, level, (l) => (target.records.has(v) ? recordView(target, target.records.get(v), l, 'list', store) : undefined));
		} else if (f.type === 'FILE') {
			const file = store.attachments.get(`${entity.id}/${rec.Id}/${f.name}`);
			out[f.name] = !file ? null : level <= 0 ? file.id : { Name: file.name, Path: `${entity.name}/${rec.Id}/${f.name}/${file.name}`, Size: file.bytes.length, Type: file.contentType };
		} else if (f.type === 'MULTILINE_MAX' && mode === 'list' && v != null) out[f.name] = `HasValue=true Length=${v.length * 2}`;
		else out[f.name] = Array.isArray(v) ? [...v] : v;
	}
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase())));
}

module.exports = { TYPES, TEXT, NUMERIC, SYSTEM, GUID, LIMITS, TENANT_FOLDER, SYSTEM_USER_ENTITY, typeOf, checkValue, fieldMeta, recordView, jsonType };
