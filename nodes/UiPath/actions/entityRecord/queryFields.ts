// Get Many's Filters and Sort: turned into the body of POST …/query ({filterGroup, sortOptions}); values are sent
// as strings, as Data Fabric takes them (docs/api/DATA_FABRIC.md).
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';
import { textOf } from '../../../shared/text';

const fieldName: INodeProperties = {
	displayName: 'Field',
	name: 'field',
	type: 'string',
	default: '',
	placeholder: 'e.g. amount',
	description: "The field's name as the entity has it (case-sensitive)",
};

const operator = optionsParameter('Operator', 'operator', [
	['Contains', 'contains'],
	['Ends With', 'endswith'],
	['Equals', '='],
	['Greater Than', '>'],
	['Greater Than or Equal', '>='],
	['Is Not One Of', 'not in', 'The value is a list separated by commas'],
	['Is One Of', 'in', 'The value is a list separated by commas'],
	['Less Than', '<'],
	['Less Than or Equal', '<='],
	['Not Contains', 'not contains'],
	['Not Equals', '!='],
	['Starts With', 'startswith'],
], { default: '=' });

export const queryParameters: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'recordFilters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the records that match (with filters or sort, the records are read through a query)',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					fieldName,
					operator,
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Sent as text, e.g. 42, true, 2026-01-31; for a choice, its NumberId' },
				],
			},
		],
	},
	optionsParameter('Match', 'filterMatch', [['All Filters', 'and'], ['Any Filter', 'or']], { description: 'Whether a record must match every filter or one of them' }),
	{
		displayName: 'Sort',
		name: 'recordSort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Sort Field',
		default: {},
		description: 'The order of the records; without it, they come ordered by ID',
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				values: [fieldName, { displayName: 'Descending', name: 'descending', type: 'boolean', default: false, description: 'Whether to sort from the highest value down' }],
			},
		],
	},
];

interface Filter {
	field?: unknown;
	operator?: unknown;
	value?: unknown;
}

function queryFilterOf(ctx: IExecuteFunctions, filter: Filter, position: number, itemIndex: number): IDataObject {
	const name = textOf(filter.field).trim();
	const op = textOf(filter.operator) || '=';
	const value = textOf(filter.value);
	const which = `Filter ${position + 1}${name ? ` ('${name}' ${op})` : ''}`;
	const refuse = (what: string, fix: string) => new NodeOperationError(ctx.getNode(), `${which} ${what}`, { itemIndex, description: fix });
	if (!name) throw refuse('has no field', "Give the field's name (case-sensitive), or remove the filter.");
	if (value === '') throw refuse('has an empty value', 'Give the value to compare with (an expression that comes out empty is refused rather than matching nothing), or remove the filter.');
	if (op !== 'in' && op !== 'not in') return { fieldName: name, operator: op, value };
	return { fieldName: name, operator: op, valueList: value.split(',').map((v) => v.trim()).filter(Boolean) };
}

/** The query body's filterGroup and sortOptions, or undefined when the item sets neither (then GET …/read). */
export function queryOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const filters = ((ctx.getNodeParameter('recordFilters', itemIndex, {}) as { filter?: Filter[] }).filter ?? []);
	const sorts = ((ctx.getNodeParameter('recordSort', itemIndex, {}) as { sortBy?: Array<{ field?: unknown; descending?: unknown }> }).sortBy ?? []);
	if (!filters.length && !sorts.length) return undefined;
	const body: IDataObject = {};
	if (filters.length) {
		const logicalOperator = ctx.getNodeParameter('filterMatch', itemIndex, 'and') === 'or' ? 1 : 0;
		body.filterGroup = { logicalOperator, queryFilters: filters.map((f, i) => queryFilterOf(ctx, f, i, itemIndex)) };
	}
	if (sorts.length) {
		body.sortOptions = sorts.map((s, i) => {
			const name = textOf(s.field).trim();
			if (!name) throw new NodeOperationError(ctx.getNode(), `Sort field ${i + 1} has no name`, { itemIndex, description: "Give the field's name (case-sensitive), or remove it from Sort." });
			return { fieldName: name, isDescending: s.descending === true };
		});
	}
	return body;
}
