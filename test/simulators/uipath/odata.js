// @ts-check
'use strict';
// The OData v4 query options Orchestrator accepts on its collections, checked as strictly as ASP.NET OData does:
// $filter (eq ne gt ge lt le and or not in, parentheses, contains/startswith/endswith/tolower/toupper/trim/length),
// $orderby (at most 5 clauses), $top (a per-collection maximum), $skip, $count, $select and $expand.
// A property the type does not have, a literal of the wrong type (a quoted date, a quoted GUID, an enum member that
// does not exist), a keyword in the wrong case or a syntax error is an ODataError (the caller answers 400).
const { parseIso } = require('./time');

class ODataError extends Error {}

/**
 * A property as schemas.json describes it: `t` is an Edm name (Int64, String, DateTimeOffset, Guid, Boolean, …),
 * `Enum` (with `enum`), `ref:<Schema>` (a navigation or complex property) or `array:…`.
 * @typedef {{ t: string, enum?: string[], maxLength?: number, minLength?: number, maximum?: number, minimum?: number }} Property
 * @typedef {{ required: string[], properties: Record<string, Property> }} Schema
 * @typedef {Record<string, Schema>} Schemas
 */

/** @typedef {(...args: any[]) => any} Fn */
/** @type {Record<string, { args: string[], returns: string, fn: Fn }>} */
const FUNCTIONS = {
	contains: { args: ['String', 'String'], returns: 'Boolean', fn: (a, b) => a != null && b != null && a.includes(b) },
	startswith: { args: ['String', 'String'], returns: 'Boolean', fn: (a, b) => a != null && b != null && a.startsWith(b) },
	endswith: { args: ['String', 'String'], returns: 'Boolean', fn: (a, b) => a != null && b != null && a.endsWith(b) },
	tolower: { args: ['String'], returns: 'String', fn: (a) => (a == null ? null : a.toLowerCase()) },
	toupper: { args: ['String'], returns: 'String', fn: (a) => (a == null ? null : a.toUpperCase()) },
	trim: { args: ['String'], returns: 'String', fn: (a) => (a == null ? null : a.trim()) },
	length: { args: ['String'], returns: 'Int32', fn: (a) => (a == null ? null : a.length) },
};
const OPERATORS = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };
const KEYWORDS = new Set(['and', 'or', 'not', 'in', ...Object.keys(OPERATORS)]);
const NUMERIC = new Set(['Int32', 'Int64', 'Decimal', 'Double', 'Single']);
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})?/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}(?![T0-9])/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[LlMmDdFf]?(?![A-Za-z0-9_])/;
const MAX_NODES = 100;
const MAX_ORDERBY = 5;

/**
 * @typedef {{ kind: 'punct' | 'ident' | 'string' | 'number' | 'datetime' | 'guid', text: string, pos: number, value?: unknown, type?: string }} Token
 */

/** @param {string} text */
function tokenize(text) {
	/** @type {Token[]} */
	const tokens = [];
	let i = 0;
	const fail = () => {
		throw new ODataError(`Syntax error at position ${i} in '${text}'.`);
	};
	while (i < text.length) {
		const c = text[i];
		const rest = text.slice(i);
		if (c === ' ' || c === '\t') {
			i++;
		} else if ('(),/'.includes(c)) {
			tokens.push({ kind: 'punct', text: c, pos: i });
			i++;
		} else if (c === "'") {
			let j = i + 1;
			let value = '';
			for (;;) {
				if (j >= text.length) throw new ODataError(`There is an unterminated string literal at position ${i} in '${text}'.`);
				if (text[j] === "'") {
					if (text[j + 1] === "'") {
						value += "'";
						j += 2;
						continue;
					}
					break;
				}
				value += text[j++];
			}
			tokens.push({ kind: 'string', text: text.slice(i, j + 1), pos: i, value, type: 'String' });
			i = j + 1;
		} else if (GUID.test(rest) && !/^[0-9a-fA-F-]/.test(rest.slice(36, 37))) {
			tokens.push({ kind: 'guid', text: rest.slice(0, 36), pos: i, value: rest.slice(0, 36).toLowerCase(), type: 'Guid' });
			i += 36;
		} else if (DATETIME.test(rest)) {
			const raw = /** @type {RegExpExecArray} */ (DATETIME.exec(rest))[0];
			const value = parseIso(raw);
			if (!value) throw new ODataError(`The DateTimeOffset text '${raw}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`);
			tokens.push({ kind: 'datetime', text: raw, pos: i, value, type: 'DateTimeOffset' });
			i += raw.length;
		} else if (DATE_ONLY.test(rest)) {
			throw new ODataError(`The Edm.Date literal '${rest.slice(0, 10)}' at position ${i} cannot be compared with a date-time; write a DateTimeOffset such as ${rest.slice(0, 10)}T00:00:00Z.`);
		} else if (/[-0-9]/.test(c)) {
			const m = NUMBER.exec(rest);
			if (!m) fail();
			const raw = /** @type {RegExpExecArray} */ (m)[0];
			const suffix = /[LlMmDdFf]$/.test(raw) ? raw.slice(-1).toUpperCase() : '';
			const digits = suffix ? raw.slice(0, -1) : raw;
			const integral = /^-?\d+$/.test(digits);
			let type = suffix === 'L' ? 'Int64' : suffix === 'M' ? 'Decimal' : suffix === 'D' ? 'Double' : suffix === 'F' ? 'Single' : '';
			if (suffix === 'L' && !integral) fail();
			if (!type) type = integral ? (Math.abs(Number(digits)) <= 2147483647 ? 'Int32' : 'Int64') : 'Decimal';
			tokens.push({ kind: 'number', text: raw, pos: i, value: Number(digits), type });
			i += raw.length;
		} else if (/[A-Za-z_$]/.test(c)) {
			const m = /^[A-Za-z_$][A-Za-z0-9_.]*/.exec(rest);
			const raw = /** @type {RegExpExecArray} */ (m)[0];
			tokens.push({ kind: 'ident', text: raw, pos: i });
			i += raw.length;
		} else {
			fail();
		}
	}
	return tokens;
}

/**
 * A compiled expression: its Edm type and a function from a row to its value.
 * @typedef {{ type: string, enum?: string[], isNull?: boolean, literal?: boolean, raw?: string, eval: (row: any) => any }} Expr
 */

class Parser {
	/** @param {string} text @param {string} typeName @param {Schemas} schemas */
	constructor(text, typeName, schemas) {
		this.text = text;
		this.tokens = tokenize(text);
		this.i = 0;
		this.typeName = typeName;
		this.schemas = schemas;
		this.nodes = 0;
	}
	peek() {
		return this.tokens[this.i];
	}
	next() {
		return this.tokens[this.i++];
	}
	node() {
		if (++this.nodes > MAX_NODES) {
			throw new ODataError(
				`The node count limit of '${MAX_NODES}' has been exceeded. To increase the limit, set the 'MaxNodeCount' property on EnableQueryAttribute or ODataValidationSettings.`,
			);
		}
	}
	syntax(token = this.peek()) {
		return new ODataError(`Syntax error at position ${token ? token.pos : this.text.length} in '${this.text}'.`);
	}
	/** @param {string} text */
	expectPunct(text) {
		const t = this.next();
		if (!t || t.kind !== 'punct' || t.text !== text) throw this.syntax(t);
	}
	/** @param {string} word */
	isKeyword(word) {
		const t = this.peek();
		return t && t.kind === 'ident' && t.text === word;
	}
	parseFilter() {
		if (!this.tokens.length) throw new ODataError(`The $filter query option cannot be empty.`);
		const e = this.parseOr();
		if (this.i < this.tokens.length) throw this.syntax();
		if (e.type !== 'Boolean') throw new ODataError('The $filter expression must evaluate to a single boolean value.');
		return e;
	}
	parseOr() {
		let left = this.parseAnd();
		while (this.isKeyword('or')) {
			this.next();
			this.node();
			const right = this.parseAnd();
			left = logical('Or', left, right, (a, b) => a || b);
		}
		return left;
	}
	parseAnd() {
		let left = this.parseUnary();
		while (this.isKeyword('and')) {
			this.next();
			this.node();
			const right = this.parseUnary();
			left = logical('And', left, right, (a, b) => a && b);
		}
		return left;
	}
	/** @returns {Expr} */
	parseUnary() {
		if (this.isKeyword('not')) {
			this.next();
			this.node();
			const operand = this.parseUnary();
			if (operand.type !== 'Boolean') throw new ODataError(`The operand for the unary not operator must be of type Edm.Boolean; found '${edmName(operand)}'.`);
			return { type: 'Boolean', eval: (/** @type {any} */ row) => !operand.eval(row) };
		}
		return this.parseComparison();
	}
	/** @returns {Expr} */
	parseComparison() {
		const left = this.parsePrimary();
		const t = this.peek();
		if (t && t.kind === 'ident' && t.text in OPERATORS) {
			this.next();
			this.node();
			const right = this.parsePrimary();
			return compare(t.text, left, right);
		}
		if (t && t.kind === 'ident' && t.text === 'in') {
			this.next();
			this.node();
			this.expectPunct('(');
			/** @type {Expr[]} */
			const items = [];
			for (;;) {
				const item = this.parsePrimary();
				if (!item.literal) throw new ODataError(`The right operand of the 'in' operator must be a list of literals.`);
				items.push(coerce(left, item, 'In'));
				const sep = this.next();
				if (sep && sep.kind === 'punct' && sep.text === ')') break;
				if (!sep || sep.kind !== 'punct' || sep.text !== ',') throw this.syntax(sep);
			}
			const keys = items.map((item) => comparable(left, item.eval(null)));
			return {
				type: 'Boolean',
				eval: (/** @type {any} */ row) => {
					const v = comparable(left, left.eval(row));
					return keys.some((k) => k === v);
				},
			};
		}
		if (t && t.kind === 'ident' && KEYWORDS.has(t.text.toLowerCase()) && !KEYWORDS.has(t.text)) {
			throw new ODataError(`Syntax error: '${t.text}' at position ${t.pos} in '${this.text}' (OData keywords are lower case).`);
		}
		return left;
	}
	/** @returns {Expr} */
	parsePrimary() {
		const t = this.next();
		if (!t) throw this.syntax(t);
		this.node();
		if (t.kind === 'punct' && t.text === '(') {
			this.nodes--; // parentheses are not a node of their own
			const e = this.parseOr();
			this.expectPunct(')');
			return e;
		}
		if (t.kind === 'string' || t.kind === 'number' || t.kind === 'datetime' || t.kind === 'guid') {
			const value = t.value;
			return { type: /** @type {string} */ (t.type), literal: true, raw: t.text, eval: () => value };
		}
		if (t.kind !== 'ident') throw this.syntax(t);
		if (t.text === 'null') return { type: 'Null', isNull: true, literal: true, raw: 'null', eval: () => null };
		if (t.text === 'true' || t.text === 'false') {
			const value = t.text === 'true';
			return { type: 'Boolean', literal: true, raw: t.text, eval: () => value };
		}
		if (KEYWORDS.has(t.text)) throw this.syntax(t);
		const after = this.peek();
		if (after && after.kind === 'punct' && after.text === '(') return this.parseCall(t);
		return this.parseMember(t);
	}
	/** @param {Token} name */
	parseCall(name) {
		const fn = FUNCTIONS[name.text];
		if (!fn) {
			throw new ODataError(
				`An unknown function with name '${name.text}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
			);
		}
		this.expectPunct('(');
		/** @type {Expr[]} */
		const args = [];
		if (!(this.peek()?.kind === 'punct' && this.peek().text === ')')) {
			for (;;) {
				args.push(this.parseOr());
				const sep = this.peek();
				if (sep && sep.kind === 'punct' && sep.text === ',') {
					this.next();
					continue;
				}
				break;
			}
		}
		this.expectPunct(')');
		if (args.length !== fn.args.length) {
			throw new ODataError(`No function signature for the function with name '${name.text}' matches the specified arguments.`);
		}
		args.forEach((a, k) => {
			if (a.type !== fn.args[k] && !a.isNull) {
				throw new ODataError(`No function signature for the function with name '${name.text}' matches the specified arguments. The function signatures considered are: ${name.text}(${fn.args.map((x) => 'Edm.' + x).join(', ')}).`);
			}
		});
		return { type: fn.returns, eval: (/** @type {any} */ row) => fn.fn(...args.map((a) => a.eval(row))) };
	}
	/** @param {Token} first */
	parseMember(first) {
		const path = [first.text];
		while (this.peek()?.kind === 'punct' && this.peek().text === '/') {
			this.next();
			const seg = this.next();
			if (!seg || seg.kind !== 'ident') throw this.syntax(seg);
			path.push(seg.text);
		}
		const prop = resolvePath(path, this.typeName, this.schemas);
		if (prop.t.startsWith('ref:') || prop.t.startsWith('array:') || prop.t === 'Object') {
			throw new ODataError(`The property '${path.join('/')}' is not a single primitive value and cannot be used in $filter.`);
		}
		return { type: prop.t, enum: prop.enum, eval: (/** @type {any} */ row) => getPath(row, path) };
	}
}

/** @param {string[]} path @param {string} typeName @param {Schemas} schemas @returns {Property} */
function resolvePath(path, typeName, schemas) {
	let schemaName = typeName;
	/** @type {Property | undefined} */
	let prop;
	for (let k = 0; k < path.length; k++) {
		const schema = schemas[schemaName];
		prop = schema?.properties[path[k]];
		if (!prop) {
			throw new ODataError(`Could not find a property named '${path[k]}' on type 'UiPath.Server.Configuration.OData.${schemaName}'.`);
		}
		if (k < path.length - 1) {
			if (!prop.t.startsWith('ref:')) {
				throw new ODataError(`The property '${path[k]}' on type '${schemaName}' is not a navigation or complex property; '/' cannot follow it.`);
			}
			schemaName = prop.t.slice(4);
		}
	}
	return /** @type {Property} */ (prop);
}

/** @param {any} row @param {string[]} path */
function getPath(row, path) {
	let v = row;
	for (const seg of path) {
		if (v == null) return null;
		v = v[seg];
	}
	return v === undefined ? null : v;
}

/** @param {Expr} e */
function edmName(e) {
	if (e.type === 'Enum') return 'UiPath.Core.Enums.' + (e.enum ? 'Enum' : '');
	return e.type === 'Null' ? 'null' : 'Edm.' + e.type;
}

/** @param {string} op @param {Expr} a @param {Expr} b @param {(x: boolean, y: boolean) => boolean} fn @returns {Expr} */
function logical(op, a, b, fn) {
	if (a.type !== 'Boolean' || b.type !== 'Boolean') {
		throw new ODataError(`A binary operator with incompatible types was detected. Found operand types '${edmName(a)}' and '${edmName(b)}' for operator kind '${op}'.`);
	}
	return { type: 'Boolean', eval: (row) => fn(Boolean(a.eval(row)), Boolean(b.eval(row))) };
}

/**
 * Checks that `literal` may be compared with `target` and returns it converted to the target's type (enum names stay
 * names; a numeric string names the enum member with that underlying value, as ASP.NET OData allows).
 * @param {Expr} target @param {Expr} other @param {string} opKind @returns {Expr}
 */
function coerce(target, other, opKind) {
	const incompatible = () =>
		new ODataError(
			`A binary operator with incompatible types was detected. Found operand types '${target.type === 'Enum' ? 'UiPath.Core.Enums' : edmName(target)}' and '${edmName(other)}' for operator kind '${opKind}'.`,
		);
	if (other.isNull || target.isNull) return other;
	if (target.type === 'Enum') {
		if (other.type === 'Enum') return other;
		if (other.type !== 'String' || !other.literal) throw incompatible();
		const members = /** @type {string[]} */ (target.enum);
		const text = other.eval(null);
		const name = members.includes(text) ? text : /^\d+$/.test(text) && +text < members.length ? members[+text] : undefined;
		if (name === undefined) throw new ODataError(`The string '${text}' is not a valid enumeration type constant.`);
		return { ...other, type: 'Enum', enum: members, eval: () => name };
	}
	if (NUMERIC.has(target.type) && NUMERIC.has(other.type)) return other;
	if (target.type === other.type) return other;
	throw incompatible();
}

/** A value in a form that compares correctly with === and < for the expression's type. @param {Expr} e @param {any} v */
function comparable(e, v) {
	if (v == null) return null;
	if (e.type === 'Enum') return /** @type {string[]} */ (e.enum).indexOf(v);
	if (e.type === 'Guid') return String(v).toLowerCase();
	if (e.type === 'DateTimeOffset') return typeof v === 'string' && v.length !== 28 ? parseIso(v) ?? v : v;
	if (e.type === 'Boolean') return v ? 1 : 0;
	return v;
}

/** @param {string} op @param {Expr} left @param {Expr} right @returns {Expr} */
function compare(op, left, right) {
	const kind = OPERATORS[/** @type {keyof typeof OPERATORS} */ (op)];
	// Type the comparison by whichever side is not a literal (or by the left side when both are).
	const typed = left.literal && !right.literal ? right : left;
	if (left.literal && !right.literal) left = coerce(right, left, kind);
	else right = coerce(left, right, kind);
	if (!left.isNull && !right.isNull && left.type !== right.type && !(NUMERIC.has(left.type) && NUMERIC.has(right.type))) {
		throw new ODataError(`A binary operator with incompatible types was detected. Found operand types '${edmName(left)}' and '${edmName(right)}' for operator kind '${kind}'.`);
	}
	/** @type {Record<string, (a: any, b: any) => boolean>} */
	const tests = {
		eq: (a, b) => a === b,
		ne: (a, b) => a !== b,
		gt: (a, b) => a !== null && b !== null && a > b,
		ge: (a, b) => a !== null && b !== null && a >= b,
		lt: (a, b) => a !== null && b !== null && a < b,
		le: (a, b) => a !== null && b !== null && a <= b,
	};
	const test = tests[op];
	return { type: 'Boolean', eval: (row) => test(comparable(typed, left.eval(row)), comparable(typed, right.eval(row))) };
}

/**
 * Compiles a $filter into a predicate over rows (rows carry navigation properties as nested objects).
 * @param {string} text @param {string} typeName @param {Schemas} schemas @returns {(row: any) => boolean}
 */
function compileFilter(text, typeName, schemas) {
	const e = new Parser(text, typeName, schemas).parseFilter();
	return (row) => Boolean(e.eval(row));
}

/**
 * Compiles an $orderby into a comparator. `tieBreak` orders rows the clauses leave equal (the simulator breaks ties by
 * a random key, so a client that wants a stable order must say so, e.g. `EndTime asc,Id asc`).
 * @param {string} text @param {string} typeName @param {Schemas} schemas @param {(a: any, b: any) => number} tieBreak
 */
function compileOrderBy(text, typeName, schemas, tieBreak) {
	const clauses = text.split(',').map((c) => c.trim());
	if (clauses.length > MAX_ORDERBY) {
		throw new ODataError(`The number of clauses in $orderby query option exceeded the maximum number allowed. The maximum number of $orderby clauses allowed is ${MAX_ORDERBY}.`);
	}
	const keys = clauses.map((clause) => {
		const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?$/.exec(clause);
		if (!m) throw new ODataError(`Syntax error in $orderby clause '${clause}'.`);
		const path = m[1].split('/');
		const prop = resolvePath(path, typeName, schemas);
		if (prop.t.startsWith('ref:') || prop.t.startsWith('array:') || prop.t === 'Object') {
			throw new ODataError(`The $orderby expression must evaluate to a single value of primitive type; '${m[1]}' does not.`);
		}
		/** @type {Expr} */
		const e = { type: prop.t, enum: prop.enum, eval: (row) => getPath(row, path) };
		return { e, dir: m[2] === 'desc' ? -1 : 1 };
	});
	return (/** @type {any} */ a, /** @type {any} */ b) => {
		for (const { e, dir } of keys) {
			const x = comparable(e, e.eval(a));
			const y = comparable(e, e.eval(b));
			if (x === y) continue;
			// SQL Server sorts NULL first in ascending order.
			if (x === null) return -dir;
			if (y === null) return dir;
			return x < y ? -dir : dir;
		}
		return tieBreak(a, b);
	};
}

/** @param {string | undefined} text @param {string} name */
function nonNegativeInt(text, name) {
	if (text === undefined) return undefined;
	if (!/^\d+$/.test(text)) throw new ODataError(`Invalid value '${text}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
	return Number(text);
}

/**
 * @typedef {{ typeName: string, schemas: Schemas, maxTop: number, expandable?: string[],
 *   tieBreak?: (a: any, b: any) => number }} CollectionOptions
 */

const SYSTEM_OPTIONS = new Set(['$filter', '$orderby', '$top', '$skip', '$count', '$select', '$expand', '$format']);

/**
 * Checks the query options of a collection request; returns what applying them needs.
 * @param {Record<string, string>} query
 * @param {CollectionOptions} options
 */
function parseCollectionQuery(query, options) {
	const { typeName, schemas, maxTop } = options;
	for (const key of Object.keys(query)) {
		if (key.startsWith('$') && !SYSTEM_OPTIONS.has(key)) throw new ODataError(`The query parameter '${key}' is not supported.`);
	}
	if (query.$format !== undefined && query.$format !== 'json') throw new ODataError(`The requested format '${query.$format}' is not supported.`);
	const top = nonNegativeInt(query.$top, '$top');
	if (top !== undefined && top > maxTop) {
		throw new ODataError(`The limit of '${maxTop}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
	}
	const skip = nonNegativeInt(query.$skip, '$skip');
	if (query.$count !== undefined && query.$count !== 'true' && query.$count !== 'false') {
		throw new ODataError(`'${query.$count}' is not a valid count option.`);
	}
	const filter = query.$filter !== undefined ? compileFilter(query.$filter, typeName, schemas) : undefined;
	const tieBreak = options.tieBreak ?? ((a, b) => a.Id - b.Id);
	const order = query.$orderby !== undefined ? compileOrderBy(query.$orderby, typeName, schemas, tieBreak) : tieBreak;
	const shape = parseShape(query, options);
	return { top, skip: skip ?? 0, count: query.$count === 'true', filter, order, ...shape };
}

/**
 * $select and $expand (also valid on single-entity reads).
 * @param {Record<string, string>} query @param {CollectionOptions} options
 */
function parseShape(query, { typeName, schemas, expandable = [] }) {
	const props = schemas[typeName].properties;
	/** @type {string[]} */
	const expand = [];
	if (query.$expand !== undefined) {
		for (const raw of query.$expand.split(',')) {
			const name = raw.trim();
			if (!props[name]) throw new ODataError(`Could not find a property named '${name}' on type 'UiPath.Server.Configuration.OData.${typeName}'.`);
			if (!expandable.includes(name)) throw new ODataError(`Property '${name}' on type '${typeName}' is not a navigation property or complex property. Only navigation properties can be expanded.`);
			expand.push(name);
		}
	}
	/** @type {string[] | undefined} */
	let select;
	if (query.$select !== undefined) {
		select = query.$select.split(',').map((s) => s.trim());
		for (const name of select) {
			if (name === '*') continue;
			if (!props[name]) throw new ODataError(`Could not find a property named '${name}' on type 'UiPath.Server.Configuration.OData.${typeName}'.`);
		}
	}
	return { expand, select };
}

/**
 * Shapes one row for output: navigation properties only when expanded, and only the selected properties.
 * @param {Record<string, unknown>} row @param {{ expand: string[], select?: string[] }} shape @param {string[]} navigation
 */
function shapeRow(row, shape, navigation) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [k, v] of Object.entries(row)) {
		if (navigation.includes(k) && !shape.expand.includes(k)) continue;
		if (shape.select && !shape.select.includes('*') && !shape.select.includes(k) && !shape.expand.includes(k)) continue;
		out[k] = v;
	}
	return out;
}

/**
 * Filters, orders, counts and pages `rows`. Without $top a page holds at most `maxTop` rows and, when more remain,
 * `nextSkip` says where the next page starts (the caller writes `@odata.nextLink`).
 * @param {any[]} rows @param {ReturnType<typeof parseCollectionQuery>} q
 */
function applyCollectionQuery(rows, q, /** @type {number} */ maxTop) {
	const matched = q.filter ? rows.filter(q.filter) : rows.slice();
	matched.sort(q.order);
	const size = q.top ?? maxTop;
	const page = matched.slice(q.skip, q.skip + size);
	const nextSkip = q.top === undefined && q.skip + size < matched.length ? q.skip + size : undefined;
	return { page, count: matched.length, nextSkip };
}

module.exports = { ODataError, compileFilter, compileOrderBy, parseCollectionQuery, parseShape, applyCollectionQuery, shapeRow, tokenize };
