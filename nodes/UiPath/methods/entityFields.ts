// The fields of a Data Fabric entity, as the fields of Entity Record → Create / Update's resource mapper: typed
// from the entity's metadata (GET /api/Entity/{id}); system, File and Auto Number fields are left out (Data Fabric
// sets them), but for Update's Id, which the record is matched by.
import type { FieldType, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { choiceSetValues, getEntity } from '../api/dataFabric';
import { fieldsOf, writable, type EntityField, type FieldKind } from '../actions/entityRecord/fieldTypes';

const FIELD_TYPES: Partial<Record<FieldKind, FieldType>> = {
	text: 'string',
	integer: 'number',
	number: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	datetime: 'dateTime',
	uuid: 'string',
	relationship: 'string',
	choice: 'options',
	choices: 'array',
};
const KIND_LABELS: Partial<Record<FieldKind, string>> = {
	text: 'Text', integer: 'Whole Number', number: 'Number', boolean: 'Yes/No', date: 'Date', datetime: 'Date-Time',
	uuid: 'GUID', relationship: 'Relationship', choice: 'Choice Set', choices: 'Choice Set, Multiple',
};

/** A choice field's values as options (NumberId as the value); plain number input when they cannot be read. */
async function choiceOptions(ctx: ILoadOptionsFunctions, f: EntityField): Promise<INodePropertyOptions[] | undefined> {
	if (!f.choiceSetId) return undefined;
	try {
		const values = await choiceSetValues(ctx, f.choiceSetId, 0);
		return values.map((v) => ({ name: String(v.DisplayName || v.Name), value: Number(v.NumberId) }));
	} catch {
		return undefined;
	}
}

async function mapperFieldOf(ctx: ILoadOptionsFunctions, f: EntityField, update: boolean): Promise<ResourceMapperField> {
	const options = f.kind === 'choice' ? await choiceOptions(ctx, f) : undefined;
	const type = f.kind === 'choice' && !options ? 'string' : FIELD_TYPES[f.kind];
	return {
		id: f.name,
		displayName: `${f.name} (${KIND_LABELS[f.kind] ?? 'Value'})`,
		type,
		...(options ? { options } : {}),
		required: !update && f.required && !f.hasDefault,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
	};
}

const ID_FIELD: ResourceMapperField = {
	id: 'Id',
	displayName: 'Id',
	type: 'string',
	required: true,
	defaultMatch: true,
	canBeUsedToMatch: true,
	display: true,
};

export async function getRecordFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const value = String((this.getCurrentNodeParameter('entity') as { value?: unknown } | undefined)?.value ?? '').trim();
	if (!value) return { fields: [], emptyFieldsNotice: 'Pick the entity first' };
	if (value.startsWith('=')) {
		return { fields: [], emptyFieldsNotice: 'The entity is an expression: pick it from the list (or give its ID) to load its fields, or use Define Fields: Using JSON' };
	}
	const fields = fieldsOf(await getEntity(this, value, 0)).filter(writable);
	const update = this.getCurrentNodeParameter('operation') === 'update' || this.getCurrentNodeParameter('operation') === 'updateMany';
	const mapped = await Promise.all(fields.map(async (f) => await mapperFieldOf(this, f, update)));
	if (!mapped.length && !update) return { fields: [], emptyFieldsNotice: 'This entity has no fields that can be written' };
	return { fields: update ? [ID_FIELD, ...mapped] : mapped };
}
