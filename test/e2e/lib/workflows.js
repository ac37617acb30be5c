// @ts-check
'use strict';
/**
 * Builders for workflow JSON as `n8n import:workflow` takes it, and the built-in nodes of n8n 2.41.1 the tests
 * use around the package's own nodes (type names and typeVersions read from n8n-nodes-base 2.41.1's dist).
 */
const crypto = require('node:crypto');

/**
 * @typedef {object} WorkflowNode
 * @property {string} [id]
 * @property {string} name
 * @property {string} type
 * @property {number} typeVersion
 * @property {[number, number]} [position]
 * @property {Record<string, unknown>} parameters
 * @property {Record<string, { id: string, name: string }>} [credentials]
 * @property {boolean} [disabled]
 * @property {boolean} [continueOnFail] old style; newer: onError
 * @property {'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput'} [onError]
 * @property {boolean} [alwaysOutputData]
 */

/**
 * @typedef {object} Workflow
 * @property {string} id
 * @property {string} name
 * @property {boolean} [active]
 * @property {WorkflowNode[]} nodes
 * @property {Record<string, { main: Array<Array<{ node: string, type: 'main', index: number }>> }>} connections
 * @property {Record<string, unknown>} [settings]
 * @property {Record<string, unknown>} [staticData]
 * @property {Record<string, unknown>} [pinData]
 */

/** Built-in node types of n8n 2.41.1 (n8n-nodes-base). */
const BUILTIN = Object.freeze({
	manualTrigger: { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
	/** "Edit Fields (Set)"; versions 3 to 3.5 share one implementation (assignments from 3.3 on). */
	set: { type: 'n8n-nodes-base.set', typeVersion: 3.4 },
	stopAndError: { type: 'n8n-nodes-base.stopAndError', typeVersion: 1 },
	noOp: { type: 'n8n-nodes-base.noOp', typeVersion: 1 },
	scheduleTrigger: { type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2 },
	/** a polling trigger (reads an RSS feed): in manual mode it returns the feed's first item */
	rssFeedReadTrigger: { type: 'n8n-nodes-base.rssFeedReadTrigger', typeVersion: 1 },
});

/** A workflow id as n8n makes them: 16 letters and digits (n8n accepts 1 to 21 characters). */
function newWorkflowId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** @param {string} [name] */
function manualTriggerNode(name = 'Manual Trigger') {
	return { name, ...BUILTIN.manualTrigger, parameters: {} };
}

/**
 * An "Edit Fields (Set)" node that adds fields (keeping the input's fields).
 * @param {string} name
 * @param {Record<string, string | number | boolean | object | unknown[]>} fields values; strings may be expressions (`={{ ... }}`)
 * @param {{ keepOnlySet?: boolean }} [options]
 */
function setNode(name, fields, options = {}) {
	const assignments = Object.entries(fields).map(([field, value]) => ({
		id: crypto.randomUUID(),
		name: field,
		value: typeof value === 'object' && value !== null ? JSON.stringify(value) : value,
		type: Array.isArray(value)
			? 'array'
			: typeof value === 'object' && value !== null
				? 'object'
				: typeof value === 'number'
					? 'number'
					: typeof value === 'boolean'
						? 'boolean'
						: 'string',
	}));
	return {
		name,
		...BUILTIN.set,
		parameters: {
			assignments: { assignments },
			includeOtherFields: !options.keepOnlySet,
			options: {},
		},
	};
}

/**
 * A "Stop and Error" node: fails the execution with this message.
 * @param {string} name
 * @param {string} message
 */
function stopAndErrorNode(name, message) {
	return { name, ...BUILTIN.stopAndError, parameters: { errorType: 'errorMessage', errorMessage: message } };
}

/**
 * A Schedule Trigger firing every `seconds` seconds once the workflow is published and n8n runs.
 * @param {string} [name]
 * @param {number} [seconds] 1 to 59
 */
function scheduleTriggerNode(name = 'Schedule Trigger', seconds = 30) {
	return {
		name,
		...BUILTIN.scheduleTrigger,
		parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } },
	};
}

/**
 * An RSS Feed Trigger: a built-in polling trigger (every minute), handy to try the polling machinery. Once
 * active it emits the items dated after its last poll (the first poll: after activation); "Fetch test event"
 * (manual mode) returns the first item.
 * @param {string} name
 * @param {string} feedUrl
 */
function rssFeedTriggerNode(name, feedUrl) {
	return {
		name,
		...BUILTIN.rssFeedReadTrigger,
		parameters: { feedUrl, pollTimes: { item: [{ mode: 'everyMinute' }] } },
	};
}

/**
 * A workflow whose nodes run one after another (output 0 of each into the next), with ids and positions filled
 * in. Put a Manual Trigger first for `n8n execute`.
 * @param {{ id?: string, name?: string, nodes: Array<Omit<WorkflowNode, 'position'> & { position?: [number, number] }>, settings?: Record<string, unknown>, staticData?: Record<string, unknown> }} spec
 * @returns {Workflow}
 */
function linearWorkflow(spec) {
	const nodes = spec.nodes.map((node, index) => ({
		id: node.id ?? crypto.randomUUID(),
		position: /** @type {[number, number]} */ (node.position ?? [index * 220, 0]),
		...node,
	}));
	/** @type {Workflow['connections']} */
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	const id = spec.id ?? newWorkflowId();
	return {
		id,
		name: spec.name ?? `e2e ${id}`,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...spec.settings },
		...(spec.staticData ? { staticData: spec.staticData } : {}),
	};
}

module.exports = {
	BUILTIN,
	newWorkflowId,
	manualTriggerNode,
	setNode,
	stopAndErrorNode,
	scheduleTriggerNode,
	rssFeedTriggerNode,
	linearWorkflow,
};
