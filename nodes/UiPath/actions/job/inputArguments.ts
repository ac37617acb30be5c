// The InputArguments of StartJobs, from one item: the JSON field, or the typed fields of the process's declared
// arguments (the resource mapper of "Using Fields Below"). Either way a JSON string of at most 10,000 characters.
import {
	NodeOperationError,
	validateFieldType,
	type FieldType,
	type IDataObject,
	type IExecuteFunctions,
	type ResourceMapperValue,
} from 'n8n-workflow';

import { jsonObjectOf } from '../../../shared/parameters';

const MAX_INPUT_ARGUMENTS = 10_000;

const TYPE_WORDS: Partial<Record<FieldType, string>> = {
	number: 'a number',
	boolean: 'true or false',
	dateTime: 'a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z)',
	array: 'an array (a list, or JSON such as ["a", "b"])',
	object: 'an object (or JSON such as {"key": "value"})',
	string: 'text',
};

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** One field's value as the JSON Orchestrator deserializes into the argument's .NET type. */
function typedValue(this: IExecuteFunctions, itemIndex: number, name: string, value: unknown, type: FieldType | undefined): unknown {
	if (!type) return value;
	const result = validateFieldType(name, value, type, { strict: false });
	if (!result.valid) {
		const given = typeof value === 'string' ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"` : JSON.stringify(value);
		throw new NodeOperationError(this.getNode(), `Input argument "${name}" must be ${TYPE_WORDS[type] ?? `of type ${type}`}, not ${given}`, {
			itemIndex,
			description: `The process declares "${name}" with this type. Change its value under Input Arguments, or switch Define Arguments to Using JSON to send it as it is.`,
		});
	}
	const converted = result.newValue as unknown;
	// dateTime comes back as a Luxon DateTime: Orchestrator reads ISO 8601.
	const toISO = (converted as { toISO?: () => string } | null)?.toISO;
	return typeof toISO === 'function' ? toISO.call(converted) : converted;
}

function argumentsFromFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const mapper = this.getNodeParameter('inputFields', itemIndex, {}) as Partial<ResourceMapperValue>;
	const values = (mapper.value ?? {}) as IDataObject;
	const schema = mapper.schema ?? [];
	const args: IDataObject = {};
	for (const field of schema) {
		const value = values[field.id];
		if (isEmpty(value)) {
			if (field.required && !field.removed) {
				throw new NodeOperationError(this.getNode(), `Input argument "${field.id}" is required by the process`, {
					itemIndex,
					description: `Give "${field.id}" a value under Input Arguments (an expression such as {{ $json.${field.id} }} works too).`,
				});
			}
			continue;
		}
		args[field.id] = typedValue.call(this, itemIndex, field.id, value, field.type) as IDataObject;
	}
	// A value whose field is no longer in the schema (the process changed since) is sent as it is.
	for (const [name, value] of Object.entries(values)) if (!(name in args) && !schema.some((f) => f.id === name) && !isEmpty(value)) args[name] = value;
	return args;
}

export function inputArgumentsOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const parsed =
		this.getNodeParameter('argumentsMode', itemIndex, 'json') === 'fields'
			? argumentsFromFields.call(this, itemIndex)
			: jsonObjectOf.call(this, 'inputArguments', itemIndex, {
					label: 'Input Arguments',
					example: '{"customerId": 42, "notify": true}',
					keys: 'Each key is an input argument of the process, e.g. {"customerId": 42}.',
				});
	if (!Object.keys(parsed).length) return undefined;
	const text = JSON.stringify(parsed);
	if (text.length > MAX_INPUT_ARGUMENTS) {
		throw new NodeOperationError(this.getNode(), `Input Arguments are ${text.length} characters long; UiPath takes at most 10,000`, {
			itemIndex,
			description: 'Pass large data another way: a queue item, a storage bucket, or a reference the process can look up.',
		});
	}
	return text;
}
