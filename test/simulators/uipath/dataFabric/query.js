// @ts-check
'use strict';
/**
 * Data Fabric record queries (see dataFabric.js): the filter groups, sort options and start/limit paging of
 * POST …/query, and the start/limit of GET …/read. Filter values are strings (the SDK's EntityQueryFilter), read by the
 * field's type; text compares ignoring case (SQL Server's default collation: the simulator's choice).
 */
const { NUMERIC, jsonType } = require('./fields');

const OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'contains', 'not contains', 'startswith', 'endswith', 'in', 'not in'];
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

/** How a field compares: text, number, bool, date, multi (choice set multiple) or none (not filterable). @param {any} f */
function kindOf(f) {
	if (f.type === 'CHOICE_SET_MULTIPLE') return 'multi';
	if (f.type === 'FILE' || f.type === 'MULTILINE_MAX') return 'none';
	if (NUMERIC.includes(f.type)) return 'number';
	if (f.type === 'BOOLEAN') return 'bool';
	if (f.type.startsWith('DATE')) return 'date';
	return 'text';
}
/** @param {string} kind @param {unknown} v a stored value */
function stored(kind, v) {
	if (v == null) return null;
	if (kind === 'text') return String(v).toLowerCase();
	if (kind === 'date') return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(String(v)) || String(v).length === 10 ? String(v) : `${v}Z`);
	return v;
}

/**
 * Compiles a filterGroup into a predicate over stored records; throws through `fail` (400) naming what is wrong.
 * @param {unknown} group @param {any} entity @param {(message: string) => never} fail @param {string} [at]
 * @returns {(rec: Record<string, any>) => boolean}
 */
function compileGroup(group, entity, fail, at = 'filterGroup') {
	if (!group || typeof group !== 'object' || Array.isArray(group)) fail(`${at} must be an object; got ${jsonType(group)}.`);
	const g = /** @type {Record<string, any>} */ (group);
	for (const k of Object.keys(g)) if (!['logicalOperator', 'continueLogicalOperator', 'queryFilters', 'filterGroups'].includes(k)) fail(`${at} has an unknown property '${k}'.`);
	for (const k of ['logicalOperator', 'continueLogicalOperator']) if (g[k] != null && g[k] !== 0 && g[k] !== 1) fail(`${at}.${k} must be 0 (AND) or 1 (OR); got ${JSON.stringify(g[k])}.`);
	for (const k of ['queryFilters', 'filterGroups']) if (g[k] != null && !Array.isArray(g[k])) fail(`${at}.${k} must be an array.`);
	const filters = (g.queryFilters ?? []).map((/** @type {unknown} */ q, /** @type {number} */ i) => compileFilter(q, entity, fail, `${at}.queryFilters[${i}]`));
	const groups = (g.filterGroups ?? []).map((/** @type {any} */ sub, /** @type {number} */ i) => ({
		or: sub?.continueLogicalOperator === 1,
		test: compileGroup(sub, entity, fail, `${at}.filterGroups[${i}]`),
	}));
	const or = g.logicalOperator === 1;
	return (rec) => {
		/** @type {boolean | undefined} */
		let acc = filters.length ? (or ? filters.some((/** @type {any} */ f) => f(rec)) : filters.every((/** @type {any} */ f) => f(rec))) : undefined;
		for (const sub of groups) {
			const v = sub.test(rec);
			acc = acc === undefined ? v : sub.or ? acc || v : acc && v;
		}
		return acc ?? true;
	};
}

/** @param {unknown} filter @param {any} entity @param {(message: string) => never} fail @param {string} at */
function compileFilter(filter, entity, fail, at) {
	if (!filter || typeof filter !== 'object' || Array.isArray(filter)) fail(`${at} must be an object; got ${jsonType(filter)}.`);
	const q = /** @type {Record<string, any>} */ (filter);
	for (const k of Object.keys(q)) if (!['fieldName', 'operator', 'value', 'valueList'].includes(k)) fail(`${at} has an unknown property '${k}'.`);
	const f = entity.fields.find((/** @type {any} */ x) => x.name === q.fieldName);
	if (!f) fail(`${at}: field '${q.fieldName}' does not exist on entity '${entity.name}'.`);
	if (!OPERATORS.includes(q.operator)) fail(`${at}: operator ${JSON.stringify(q.operator)} is not one of ${OPERATORS.map((o) => `'${o}'`).join(', ')}.`);
	const op = /** @type {string} */ (q.operator);
	const kind = kindOf(f);
	const refuse = () => fail(`${at}: operator '${op}' cannot be used on field '${f.name}' (${f.type}).`);
	if (kind === 'none') refuse();
	const list = op === 'in' || op === 'not in';
	if (list && (!Array.isArray(q.valueList) || !q.valueList.length || q.valueList.some((/** @type {unknown} */ v) => typeof v !== 'string'))) fail(`${at}: operator '${op}' needs valueList, a non-empty array of strings.`);
	if (!list && typeof q.value !== 'string') fail(`${at}: value must be a string (numbers and booleans too, e.g. "42", "true"); got ${jsonType(q.value)}.`);
	/** @param {string} s */
	const parse = (s) => {
		if (kind === 'text') return s.toLowerCase();
		if (kind === 'number' || kind === 'multi') {
			const n = Number(s);
			if (s.trim() === '' || !Number.isFinite(n)) fail(`${at}: '${s}' is not a number, as field '${f.name}' (${f.type}) needs.`);
			return n;
		}
		if (kind === 'bool') {
			if (!/^(true|false)$/i.test(s)) fail(`${at}: '${s}' is not true or false, as field '${f.name}' (BOOLEAN) needs.`);
			return s.toLowerCase() === 'true';
		}
		const t = stored('date', s);
		if (!Number.isFinite(t)) fail(`${at}: '${s}' is not a date-time, as field '${f.name}' (${f.type}) needs.`);
		return t;
	};
	const wanted = list ? q.valueList.map(parse) : [parse(q.value)];
	const w = wanted[0];
	if (kind === 'multi') {
		if (!['contains', 'not contains', 'in', 'not in'].includes(op)) refuse();
		return (/** @type {Record<string, any>} */ rec) => {
			const have = /** @type {number[] | null} */ (rec[f.name]);
			if (have == null) return false;
			const hit = wanted.some((/** @type {number} */ x) => have.includes(x));
			return op.startsWith('not') ? !hit : hit;
		};
	}
	if (['contains', 'not contains', 'startswith', 'endswith'].includes(op) && kind !== 'text') refuse();
	if (['>', '<', '>=', '<='].includes(op) && kind === 'bool') refuse();
	return (/** @type {Record<string, any>} */ rec) => {
		const v = stored(kind, rec[f.name]);
		if (v == null) return false; // SQL: a NULL matches no comparison
		switch (op) {
			case '=': return v === w;
			case '!=': return v !== w;
			case '>': return v > w;
			case '<': return v < w;
			case '>=': return v >= w;
			case '<=': return v <= w;
			case 'contains': return String(v).includes(String(w));
			case 'not contains': return !String(v).includes(String(w));
			case 'startswith': return String(v).startsWith(String(w));
			case 'endswith': return String(v).endsWith(String(w));
			case 'in': return wanted.includes(v);
			default: return !wanted.includes(v);
		}
	};
}

/**
 * Sorts stored records by the sortOptions (nulls first when ascending), then by Id; with none, by Id ascending.
 * @param {Record<string, any>[]} rows @param {unknown} options @param {any} entity @param {(message: string) => never} fail
 */
function sortRows(rows, options, entity, fail) {
	if (options != null && !Array.isArray(options)) fail('sortOptions must be an array.');
	const keys = (/** @type {any[]} */ (options ?? [])).map((o, i) => {
		if (!o || typeof o !== 'object') fail(`sortOptions[${i}] must be an object.`);
		for (const k of Object.keys(o)) if (!['fieldName', 'isDescending'].includes(k)) fail(`sortOptions[${i}] has an unknown property '${k}'.`);
		const f = entity.fields.find((/** @type {any} */ x) => x.name === o.fieldName);
		if (!f) fail(`sortOptions[${i}]: field '${o.fieldName}' does not exist on entity '${entity.name}'.`);
		if (o.isDescending != null && typeof o.isDescending !== 'boolean') fail(`sortOptions[${i}].isDescending must be true or false.`);
		const kind = kindOf(f);
		if (kind === 'none' || kind === 'multi') fail(`sortOptions[${i}]: field '${f.name}' (${f.type}) cannot be sorted on.`);
		return { name: f.name, kind, sign: o.isDescending ? -1 : 1 };
	});
	return [...rows].sort((a, b) => {
		for (const k of keys) {
			const x = stored(k.kind, a[k.name]);
			const y = stored(k.kind, b[k.name]);
			if (x === y) continue;
			if (x == null) return -k.sign;
			if (y == null) return k.sign;
			return (x < y ? -1 : 1) * k.sign;
		}
		return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
	});
}

/**
 * Reads start and limit (query strings of GET …/read, or numbers in a query body).
 * @param {unknown} start @param {unknown} limit @param {(message: string) => never} fail
 */
function paging(start, limit, fail) {
	/** @param {unknown} raw @param {string} name @param {number} min @param {number} fallback */
	const int = (raw, name, min, fallback) => {
		if (raw === undefined || raw === null) return fallback;
		const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
		if (typeof n !== 'number' || !Number.isInteger(n)) fail(`${name} must be an integer; got ${JSON.stringify(raw)}.`);
		if (n < min) fail(`${name} must be at least ${min}; got ${n}.`);
		return n;
	};
	const s = int(start, 'start', 0, 0);
	const l = int(limit, 'limit', 1, DEFAULT_LIMIT);
	if (l > MAX_LIMIT) fail(`limit may be at most ${MAX_LIMIT}; got ${l}.`);
	return { start: s, limit: l };
}

module.exports = { compileGroup, sortRows, paging, OPERATORS, MAX_LIMIT, DEFAULT_LIMIT };
