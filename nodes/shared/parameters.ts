// Parameters every node reads the same way: Return All / Limit, a JSON object, name/value pairs.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

type Show = Record<string, string[]>;

export function returnAllFields(show: Show = {}): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			...(Object.keys(show).length ? { displayOptions: { show } } : {}),
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** How many results the item asks for: Infinity with Return All. */
export function limitOf(this: IExecuteFunctions, itemIndex: number): number {
	return this.getNodeParameter('returnAll', itemIndex, false) ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * A JSON parameter that must hold an object (empty text is `{}`). The errors name the parameter (`label`),
 * give an example, and say what the keys mean.
 */
export function jsonObjectOf(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	help: { label: string; example: string; keys: string },
): IDataObject {
	const raw = this.getNodeParameter(name, itemIndex, '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return {};
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${help.label} is not valid JSON`, {
				itemIndex,
				description: `${(error as Error).message}. Give an object such as ${help.example}.`,
			});
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), `${help.label} must be an object`, { itemIndex, description: help.keys });
	}
	return parsed as IDataObject;
}

/** Name/value pairs as an object; a pair without a name is an error (`noName` says what to do). */
export function namedValuesOf(
	this: IExecuteFunctions,
	pairs: Array<{ name?: unknown; value?: unknown }>,
	itemIndex: number,
	noName: { message: string; description: string },
): IDataObject {
	const values: IDataObject = {};
	for (const pair of pairs) {
		const name = String(pair.name ?? '').trim();
		if (!name) throw new NodeOperationError(this.getNode(), noName.message, { itemIndex, description: noName.description });
		values[name] = pair.value as IDataObject[string];
	}
	return values;
}
