// @ts-check
'use strict';
/**
 * `parse` of the `flatted` format (https://github.com/WebReflection/flatted, ISC), which n8n's REST API uses for
 * an execution's `data` (`GET /rest/executions/:id`). A port of flatted's own `parse`, without dependencies.
 *
 * The format: a JSON array; element 0 is the root; every string and every object inside an element is replaced
 * by the index (as a string) of an element of the array holding it.
 */

const ignore = {};

/**
 * @param {unknown[]} input
 * @param {Set<unknown>} parsed
 * @param {Record<string, unknown>} output
 * @returns {Record<string, unknown>}
 */
function revive(input, parsed, output) {
	/** @type {Array<{ key: string, value: Record<string, unknown> }>} */
	const lazy = [];
	for (const key of Object.keys(output)) {
		const value = output[key];
		if (value instanceof String) {
			const target = input[Number(value)];
			if (typeof target === 'object' && target !== null && !parsed.has(target)) {
				parsed.add(target);
				output[key] = ignore;
				lazy.push({ key, value: /** @type {Record<string, unknown>} */ (target) });
			} else {
				output[key] = target;
			}
		}
	}
	for (const { key, value } of lazy) output[key] = revive(input, parsed, value);
	return output;
}

/**
 * @param {string} text
 * @returns {any}
 */
function parseFlatted(text) {
	const input = /** @type {unknown[]} */ (
		JSON.parse(text, (_key, value) => (typeof value === 'string' ? new String(value) : value))
	).map((value) => (value instanceof String ? String(value) : value));
	const root = input[0];
	if (typeof root === 'object' && root !== null) {
		return revive(input, new Set([root]), /** @type {Record<string, unknown>} */ (root));
	}
	return root;
}

module.exports = { parseFlatted };
