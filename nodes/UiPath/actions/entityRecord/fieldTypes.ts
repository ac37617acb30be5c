// The fields of a Data Fabric entity as its metadata describes them (raw `sqlType.name` + `fieldDisplayType`,
// docs/api/DATA_FABRIC.md), and one value checked and converted to the JSON the field takes.
import type { IDataObject } from 'n8n-workflow';

export type FieldKind =
	| 'text'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'date'
	| 'datetime'
	| 'uuid'
	| 'relationship'
	| 'choice'
	| 'choices'
	| 'file'
	| 'autoNumber'
	| 'other';

export interface EntityField {
	name: string;
	displayName: string;
	kind: FieldKind;
	required: boolean;
	system: boolean;
	choiceSetId?: string;
	/** the entity gives the field a value when a record is created without one */
	hasDefault?: boolean;
	/** MULTILINE_MAX: list reads give it as a size marker ("HasValue=true Length=…"), not its text */
	longText?: boolean;
}

const BY_DISPLAY: Record<string, FieldKind> = {
	File: 'file',
	AutoNumber: 'autoNumber',
	ChoiceSetSingle: 'choice',
	ChoiceSetMultiple: 'choices',
	Relationship: 'relationship',
};
const BY_SQL: Record<string, FieldKind> = {
	NVARCHAR: 'text',
	MULTILINE: 'text',
	MULTILINE_MAX: 'text',
	INT: 'integer',
	BIGINT: 'integer',
	DECIMAL: 'number',
	FLOAT: 'number',
	REAL: 'number',
	BIT: 'boolean',
	DATE: 'date',
	DATETIME2: 'datetime',
	DATETIMEOFFSET: 'datetime',
	UNIQUEIDENTIFIER: 'uuid',
};

/** The entity's fields, from GET /api/Entity/{id}. */
export function fieldsOf(entity: IDataObject): EntityField[] {
	const raw = Array.isArray(entity.fields) ? (entity.fields as IDataObject[]) : [];
	return raw.map((f) => {
		const sql = String((f.sqlType as IDataObject | undefined)?.name ?? '');
		const kind = BY_DISPLAY[String(f.fieldDisplayType)] ?? BY_SQL[sql] ?? 'other';
		const choiceSetId = f.choiceSetId ?? (f.referenceChoiceSet as IDataObject | undefined)?.id;
		return {
			name: String(f.name),
			displayName: String(f.displayName ?? f.name),
			kind,
			required: f.isRequired === true,
			system: f.isSystemField === true,
			choiceSetId: choiceSetId ? String(choiceSetId) : undefined,
			longText: sql === 'MULTILINE_MAX',
			hasDefault: f.defaultValue !== undefined && f.defaultValue !== null,
		};
	});
}

/** Whether a record body may carry the field (Data Fabric sets system, File and AutoNumber fields itself). */
export const writable = (f: EntityField) => !f.system && f.kind !== 'file' && f.kind !== 'autoNumber';

/** What the field takes, in words, for errors and the editor. */
export const KIND_WORDS: Record<FieldKind, string> = {
	text: 'text',
	integer: 'a whole number',
	number: 'a number',
	boolean: 'true or false',
	date: 'a date (YYYY-MM-DD)',
	datetime: 'a date and time (ISO 8601, e.g. 2026-01-31T09:30:00Z)',
	uuid: 'a GUID',
	relationship: "the related record's Id (a GUID)",
	choice: "a choice: its NumberId, Name or Display Name",
	choices: 'a list of choices (NumberIds, Names or Display Names; a JSON array or separated by commas)',
	file: 'a file (upload it as an attachment)',
	autoNumber: 'nothing: Data Fabric numbers it',
	other: 'a value',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The marker list reads give for a long text field instead of its text (docs/api/DATA_FABRIC.md). */
export const isSizeMarker = (f: EntityField, value: unknown) => f.longText === true && typeof value === 'string' && /^HasValue=true Length=\d+$/.test(value);

/** A value as an error shows it: text quoted, cut after 60 characters. */
export function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
}

/** A Luxon DateTime or a Date (n8n hands dateTime fields over as either) as ISO 8601 text; else the value. */
function isoOf(value: unknown): unknown {
	const toISO = (value as { toISO?: () => string } | null)?.toISO;
	if (typeof toISO === 'function') return toISO.call(value);
	return value instanceof Date ? value.toISOString() : value;
}

function numberOf(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

/**
 * One value converted to the field's JSON, or undefined when it does not fit. Choice fields are left to
 * choiceValue (names need the choice set's values).
 */
export function plainValue(f: EntityField, raw: unknown): { value: unknown } | undefined {
	const value = isoOf(raw);
	switch (f.kind) {
		case 'text':
			return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { value: String(value) } : undefined;
		case 'integer':
		case 'number': {
			const n = numberOf(value);
			return n === undefined || (f.kind === 'integer' && !Number.isInteger(n)) ? undefined : { value: n };
		}
		case 'boolean':
			if (typeof value === 'boolean') return { value };
			return typeof value === 'string' && /^(true|false)$/i.test(value.trim()) ? { value: value.trim().toLowerCase() === 'true' } : undefined;
		case 'date':
			if (typeof value !== 'string') return undefined;
			if (DATE.test(value.trim())) return { value: value.trim() };
			return DATETIME.test(value.trim()) ? { value: value.trim().slice(0, 10) } : undefined;
		case 'datetime':
			return typeof value === 'string' && DATETIME.test(value.trim()) ? { value: value.trim() } : undefined;
		case 'relationship':
			// a record read with its references expanded holds the related record (or {Id}): its Id is meant
			return plainValue({ ...f, kind: 'uuid' }, value && typeof value === 'object' && 'Id' in value ? (value as IDataObject).Id : value);
		case 'uuid':
			return typeof value === 'string' && GUID.test(value.trim()) ? { value: value.trim() } : undefined;
		default:
			return { value };
	}
}
