// @ts-check
'use strict';
// Checks a JSON request body against a schema from schemas.json the way Orchestrator's OData deserializer does:
// unknown properties, wrong JSON types, enum members that do not exist, lengths and ranges are all errors.
const { parseIso } = require('./time');

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

class BodyError extends Error {}

/** @param {unknown} v */
function isPlainObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * @param {unknown} value
 * @param {string} schemaName
 * @param {import('./odata').Schemas} schemas
 * @param {string} [where] where the value sits, for messages
 */
function validateBody(value, schemaName, schemas, where = schemaName) {
	const schema = schemas[schemaName];
	if (!isPlainObject(value)) throw new BodyError(`${where} must be a JSON object of type '${schemaName}'.`);
	const obj = /** @type {Record<string, unknown>} */ (value);
	for (const key of Object.keys(obj)) {
		if (!schema.properties[key]) {
			throw new BodyError(
				`The property '${key}' does not exist on type 'UiPath.Server.Configuration.OData.${schemaName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
			);
		}
	}
	for (const key of schema.required) {
		if (obj[key] === undefined || obj[key] === null) throw new BodyError(`${where}: the property '${key}' is required.`);
	}
	for (const [key, v] of Object.entries(obj)) {
		if (v === null) continue;
		checkValue(v, schema.properties[key], `${where}.${key}`, schemas);
	}
}

/**
 * @param {unknown} v
 * @param {import('./odata').Property} prop
 * @param {string} where
 * @param {import('./odata').Schemas} schemas
 */
function checkValue(v, prop, where, schemas) {
	const t = prop.t;
	const wrong = (/** @type {string} */ expected) => new BodyError(`Cannot convert the value ${JSON.stringify(v)?.slice(0, 80)} at '${where}' to the expected type '${expected}'.`);
	if (t.startsWith('array:')) {
		if (!Array.isArray(v)) throw wrong(`Collection(${t.slice(6)})`);
		v.forEach((item, i) => checkValue(item, { t: t.slice(6) }, `${where}[${i}]`, schemas));
		return;
	}
	if (t.startsWith('ref:')) {
		const ref = t.slice(4);
		if (schemas[ref]) validateBody(v, ref, schemas, where);
		else if (!isPlainObject(v)) throw wrong(ref);
		return;
	}
	switch (t) {
		case 'String':
		case 'Binary':
			if (typeof v !== 'string') throw wrong('Edm.String');
			if (prop.maxLength !== undefined && v.length > prop.maxLength) {
				throw new BodyError(`The field '${where}' must be a string with a maximum length of ${prop.maxLength}; it has ${v.length} characters.`);
			}
			if (prop.minLength !== undefined && v.length < prop.minLength) {
				throw new BodyError(`The field '${where}' must be a string with a minimum length of ${prop.minLength}.`);
			}
			return;
		case 'Int32':
		case 'Int64':
			if (typeof v !== 'number' || !Number.isInteger(v)) throw wrong(`Edm.${t}`);
			if (t === 'Int32' && Math.abs(v) > 2147483647) throw wrong('Edm.Int32');
			if ((prop.maximum !== undefined && v > prop.maximum) || (prop.minimum !== undefined && v < prop.minimum)) {
				throw new BodyError(`The field '${where}' must be between ${prop.minimum} and ${prop.maximum}.`);
			}
			return;
		case 'Double':
			if (typeof v !== 'number') throw wrong('Edm.Double');
			return;
		case 'Boolean':
			if (typeof v !== 'boolean') throw wrong('Edm.Boolean');
			return;
		case 'Guid':
			if (typeof v !== 'string' || !GUID.test(v)) throw wrong('Edm.Guid');
			return;
		case 'DateTimeOffset':
			if (typeof v !== 'string' || !parseIso(v)) throw wrong('Edm.DateTimeOffset');
			return;
		case 'Enum':
			if (typeof v !== 'string' || !(prop.enum ?? []).includes(v)) {
				throw new BodyError(`The value ${JSON.stringify(v)} at '${where}' is not a valid member of the enumeration (${(prop.enum ?? []).join(', ')}).`);
			}
			return;
		case 'Object':
			if (!isPlainObject(v)) throw wrong('a JSON object');
			return;
		default:
			throw new Error(`validate.js: unhandled type ${t}`);
	}
}

module.exports = { validateBody, checkValue, BodyError, isPlainObject, GUID };
