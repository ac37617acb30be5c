// @ts-check
'use strict';
// Answers of the breadth routes are checked against the OpenAPI document's DTOs before they leave the simulator:
// a property the DTO does not have, a wrong JSON type or an enum member that does not exist is a simulator bug (500).
const { validateBody, BodyError } = require('./validate');

/**
 * @template {Record<string, unknown>} T
 * @param {T} row @param {string} schemaName @param {import('./odata').Schemas} schemas
 * @returns {T}
 */
function checkedAnswer(row, schemaName, schemas) {
	try {
		validateBody(row, schemaName, schemas, schemaName);
	} catch (error) {
		if (error instanceof BodyError) throw new Error(`answer does not fit ${schemaName}: ${error.message}`);
		throw error;
	}
	return row;
}

/**
 * Checks whole rows (before $select / $expand shape them, so required properties are there) written out as the API
 * writes them; returns the rows unchanged.
 * @param {Record<string, unknown>[]} rows @param {string} schemaName @param {import('./odata').Schemas} schemas
 * @param {(row: Record<string, unknown>, typeName: string) => Record<string, unknown>} present
 */
function checkedRows(rows, schemaName, schemas, present) {
	for (const row of rows) checkedAnswer(present({ ...row }, schemaName), schemaName, schemas);
	return rows;
}

/** Strips OData annotations before the check. @param {Record<string, unknown>} body */
const withoutAnnotations = (body) => Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata')));

module.exports = { checkedAnswer, checkedRows, withoutAnnotations };
