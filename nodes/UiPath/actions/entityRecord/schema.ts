// What the write operations read once per execution: an entity's fields (GET /api/Entity/{id}) and the values of
// the choice sets whose names they resolve (query_expansion). Cached per run of the node, keyed by its context.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { choiceSetValues, getEntity } from '../../api/dataFabric';
import { fieldsOf, shown, type EntityField } from './fieldTypes';

export interface EntitySchema {
	id: string;
	name: string;
	fields: EntityField[];
}

const entities = new WeakMap<object, Map<string, Promise<EntitySchema>>>();
const choiceSets = new WeakMap<object, Map<string, Promise<IDataObject[]>>>();

function cached<T>(store: WeakMap<object, Map<string, Promise<T>>>, ctx: object, key: string, load: () => Promise<T>): Promise<T> {
	let map = store.get(ctx);
	if (!map) store.set(ctx, (map = new Map()));
	let found = map.get(key.toLowerCase());
	if (!found) {
		found = load();
		// a failed read is not remembered: the next item tries again (and fails with its own item index)
		found.catch(() => map.delete(key.toLowerCase()));
		map.set(key.toLowerCase(), found);
	}
	return found;
}

/** The entity's fields, read once per execution. */
export async function entitySchemaOf(ctx: IExecuteFunctions, entityId: string, itemIndex: number): Promise<EntitySchema> {
	return await cached(entities, ctx, entityId, async () => {
		const entity = await getEntity(ctx, entityId, itemIndex);
		return { id: String(entity.id ?? entityId), name: String(entity.name ?? entityId), fields: fieldsOf(entity) };
	});
}

/**
 * A choice given by NumberId (a number, or text that is one), or by its Name or Display Name (any case), as the
 * NumberId the record stores. Names are looked up in the choice set's values, read once per execution.
 */
export async function choiceNumberOf(ctx: IExecuteFunctions, field: EntityField, given: unknown, itemIndex: number): Promise<number> {
	if (typeof given === 'number' && Number.isInteger(given)) return given;
	const text = typeof given === 'string' ? given.trim() : '';
	if (/^-?\d+$/.test(text)) return Number(text);
	if (!text || !field.choiceSetId) {
		throw new NodeOperationError(ctx.getNode(), `Field '${field.name}' expects a choice (its NumberId, Name or Display Name); got ${shown(given)}`, {
			itemIndex,
			description: `Give one value of the field's choice set.`,
		});
	}
	const values = await cached(choiceSets, ctx, field.choiceSetId, async () => await choiceSetValues(ctx, String(field.choiceSetId), itemIndex));
	const wanted = text.toLowerCase();
	const hit = values.find((v) => [v.Name, v.DisplayName].some((n) => String(n ?? '').toLowerCase() === wanted));
	if (hit && typeof hit.NumberId === 'number') return hit.NumberId;
	const names = values.map((v) => (v.DisplayName && v.DisplayName !== v.Name ? `${String(v.Name)} (${String(v.DisplayName)})` : String(v.Name)));
	throw new NodeOperationError(ctx.getNode(), `Field '${field.name}' has no choice named ${shown(given)}`, {
		itemIndex,
		description: `The choices are: ${names.join(', ') || 'none'}. Give one of these names or display names (any case), or its NumberId.`,
	});
}

/** The items of a Choice Set (multiple) field: an array, a JSON array, or text separated by commas. */
export function choiceListOf(given: unknown): unknown[] | undefined {
	if (Array.isArray(given)) return given;
	if (typeof given === 'number') return [given];
	if (typeof given !== 'string') return undefined;
	const text = given.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			return Array.isArray(parsed) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}
	return text.split(',').map((s) => s.trim()).filter(Boolean);
}
