// One input item's record: the typed fields checked against the entity's fields and converted to the JSON each
// takes (before any write), or the JSON object as given. For Update, also the record's Id.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type ResourceMapperValue } from 'n8n-workflow';

import { jsonObjectOf } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { entityIdOf } from './entityRef';
import { isSizeMarker, KIND_WORDS, plainValue, shown, writable, type EntityField } from './fieldTypes';
import type { WriteMode } from './recordFields';
import { choiceListOf, choiceNumberOf, entitySchemaOf, type EntitySchema } from './schema';

export interface ItemRecord {
	entityId: string;
	body: IDataObject;
	/** Update: the record changed */
	recordId?: string;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** One value as the field's JSON; a value that does not fit fails the item, naming the field. */
async function valueFor(ctx: IExecuteFunctions, f: EntityField, given: unknown, itemIndex: number): Promise<unknown> {
	if (f.kind === 'choice') return await choiceNumberOf(ctx, f, given, itemIndex);
	if (f.kind === 'choices') {
		const list = choiceListOf(given);
		if (!list) fail(ctx, itemIndex, `Field '${f.name}' expects ${KIND_WORDS.choices}; got ${shown(given)}`, 'Give a list such as ["Open", "Paid"] or Open, Paid.');
		const numbers: number[] = [];
		for (const one of list) numbers.push(await choiceNumberOf(ctx, f, one, itemIndex));
		return numbers;
	}
	const converted = plainValue(f, given);
	if (!converted) {
		fail(ctx, itemIndex, `Field '${f.name}' expects ${KIND_WORDS[f.kind]}; got ${shown(given)}`, `Change the value of '${f.name}' under Fields, or use Define Fields: Using JSON to send it as it is.`);
	}
	return converted.value;
}

/** Which field a key names; in Map Automatically, keys Data Fabric sets itself (Id, CreatedBy, files…) are skipped. */
function fieldFor(ctx: IExecuteFunctions, schema: EntitySchema, key: string, auto: boolean, itemIndex: number): EntityField | undefined {
	const f = schema.fields.find((x) => x.name === key);
	if (!f) {
		const near = schema.fields.find((x) => x.name.toLowerCase() === key.toLowerCase());
		const names = schema.fields.filter(writable).map((x) => x.name).join(', ');
		fail(ctx, itemIndex, `'${key}' is not a field of entity '${schema.name}'${near ? ` (names are case-sensitive: '${near.name}'?)` : ''}`, `${auto ? 'With Map Automatically, every key of the input item must be a field of the entity' : 'The entity changed since the fields were loaded: reload them'}. Its fields: ${names}.`);
	}
	if (writable(f)) return f;
	if (auto) return undefined;
	return fail(ctx, itemIndex, `Field '${key}' cannot be written`, 'Data Fabric sets system and Auto Number fields itself; a File field takes its file as an attachment, not in the record. Remove it from Fields.');
}

async function typedBody(ctx: IExecuteFunctions, schema: EntitySchema, values: IDataObject, auto: boolean, itemIndex: number, mode: WriteMode): Promise<IDataObject> {
	const body: IDataObject = {};
	for (const [key, given] of Object.entries(values)) {
		if (key === 'Id' || isEmpty(given)) continue;
		const f = fieldFor(ctx, schema, key, auto, itemIndex);
		if (!f) continue;
		if (isSizeMarker(f, given)) {
			// a record from Get Many: writing the marker back would replace the text with it
			if (auto) continue;
			fail(ctx, itemIndex, `Field '${key}' holds the size marker Get Many gives for long text, not the text`, 'Read the record with Entity Record → Get to have the whole text, or leave the field out.');
		}
		body[key] = (await valueFor(ctx, f, given, itemIndex)) as IDataObject;
	}
	if (mode === 'create') {
		for (const f of schema.fields.filter((x) => x.required && !x.hasDefault && writable(x) && body[x.name] === undefined)) {
			fail(ctx, itemIndex, `Field '${f.name}' is required by entity '${schema.name}', but its value is empty`, `Give '${f.name}' a value under Fields (an expression such as {{ $json.${f.name} }} works too).`);
		}
	}
	return body;
}

function recordIdFrom(ctx: IExecuteFunctions, given: unknown, itemIndex: number, where: string): string {
	const id = textOf(given).trim();
	if (!id) fail(ctx, itemIndex, "Give the record's Id", `${where} The record's Id is a GUID: Entity Record → Get Many lists them.`);
	return id;
}

/** The item's record for a Create or an Update. */
export async function itemRecordOf(ctx: IExecuteFunctions, itemIndex: number, mode: WriteMode): Promise<ItemRecord> {
	const entityId = entityIdOf.call(ctx, itemIndex);
	if (ctx.getNodeParameter('fieldsMode', itemIndex, 'fields') === 'json') {
		const body = jsonObjectOf.call(ctx, 'recordJson', itemIndex, { label: 'Fields (JSON)', example: '{"amount": 12.5}', keys: "Each key is one of the entity's field names." });
		const recordId = mode === 'update' ? recordIdFrom(ctx, ctx.getNodeParameter('recordId', itemIndex, ''), itemIndex, 'Record ID is empty.') : undefined;
		return { entityId, body, recordId };
	}
	const mapper = ctx.getNodeParameter('recordFields', itemIndex, {}) as Partial<ResourceMapperValue>;
	const auto = mapper.mappingMode === 'autoMapInputData';
	const values = (auto ? ctx.getInputData()[itemIndex]?.json : mapper.value) ?? {};
	const schema = await entitySchemaOf(ctx, entityId, itemIndex);
	const body = await typedBody(ctx, schema, values as IDataObject, auto, itemIndex, mode);
	if (mode === 'create') return { entityId, body };
	const where = auto ? 'The input item has no Id.' : 'The Id under Fields is empty.';
	return { entityId, body, recordId: recordIdFrom(ctx, (values as IDataObject).Id, itemIndex, where) };
}
