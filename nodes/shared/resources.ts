// A node's resources and operations, read from its `actions/<resource>/index.ts` files: the Resource and Operation
// parameters, each operation's fields (shown for that resource and operation only), and the table the router runs.
import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { Operation } from './router';

/** What an `<operation>.operation.ts` file exports. */
export interface OperationModule {
	/** its entry in the Operation list; the value is the name it is exported under in the resource's index */
	option: { name: string; action: string; description: string };
	/** its fields, without displayOptions for resource and operation (added here) */
	description: INodeProperties[];
	execute: Operation;
	/** an operation that may handle every input item in one call says here whether it does, this time */
	handlesAllItems?: (this: IExecuteFunctions) => boolean;
	executeAll?: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
}

export interface Resource {
	name: string;
	value: string;
	defaultOperation: string;
	/** the resource's index: one export per operation */
	operations: Record<string, OperationModule>;
}

function operationProperty(resource: Resource): INodeProperties {
	const options = Object.entries(resource.operations)
		.map(([value, { option }]) => ({ ...option, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: String(resource.defaultOperation),
	};
}

/** The Resource parameter, then per resource its Operation parameter and the fields of each operation. */
export function resourceProperties(resources: Resource[], defaultResource: string): INodeProperties[] {
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultResource,
	};
	return [
		resourceProperty,
		...resources.flatMap((resource) => [
			operationProperty(resource),
			...Object.entries(resource.operations).flatMap(([operation, module]) =>
				updateDisplayOptions({ show: { resource: [resource.value], operation: [operation] } }, module.description),
			),
		]),
	];
}

export type OperationTable = Record<string, Record<string, OperationModule>>;

/** resource -> operation -> module, for the router. */
export function operationTable(resources: Resource[]): OperationTable {
	return Object.fromEntries(resources.map((r) => [r.value, r.operations]));
}

const ARTICLES = new Set(['a', 'an', 'the']);

/** "Start a job" → "Start Job"; "Get many assets" → "Get Many Assets". */
export function titleOf(action: string): string {
	return action
		.split(/\s+/)
		.filter((word) => word && !ARTICLES.has(word.toLowerCase()))
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

/**
 * The node's subtitle on the canvas in words ("Start Job", "Get Many Assets"). n8n evaluates a subtitle as an
 * expression over raw parameter values, without the options' names, so the words go into it as a lookup table.
 * The table is flat: n8n cuts an expression at the first "}}".
 */
export function operationSubtitle(resources: Resource[]): string {
	const words: Record<string, string> = {};
	for (const resource of resources) {
		for (const [operation, { option }] of Object.entries(resource.operations)) {
			words[`${resource.value}:${operation}`] = titleOf(option.action);
		}
	}
	return `={{(${JSON.stringify(words)})[$parameter["resource"] + ":" + $parameter["operation"]]}}`;
}
