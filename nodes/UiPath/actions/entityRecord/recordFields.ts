// The record fields of Create and Update (one or many): the entity's fields as typed inputs (n8n's resource
// mapper, mapped below or automatically from the input item), or a JSON object sent as it is.
import type { INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';

export type WriteMode = 'create' | 'update';

const EMPTY_HINT: Record<WriteMode, string> = {
	create: "Empty values (an expression giving nothing, null or '') are left out: the field stays unset, and a required one is an error",
	update: "Empty values (an expression giving nothing, null or '') are left out: the field keeps its value. To clear a field, use Define Fields: Using JSON with null",
};

const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2F1C9A70-3B55-4D6E-8F01-6A7B8C9D0E1F',
	description: "The record's ID (a GUID): Entity Record → Get Many lists them",
};

/** Define Fields, the typed fields (resource mapper) and the JSON; for Update with JSON, the Record ID too. */
export function recordFieldParameters(mode: WriteMode): INodeProperties[] {
	const whenJson = { show: { fieldsMode: ['json'] } };
	return [
		optionsParameter('Define Fields', 'fieldsMode', [
			['Using Fields Below', 'fields', "The entity's fields, each a typed input (or mapped automatically from the input item's keys)"],
			['Using JSON', 'json', 'An object of field names and values, sent as it is'],
		]),
		...(mode === 'update' ? [{ ...recordIdField, displayOptions: whenJson }] : []),
		{
			displayName: 'Fields',
			name: 'recordFields',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			displayOptions: { show: { fieldsMode: ['fields'] } },
			description: `The entity's fields, loaded from Data Fabric${mode === 'update' ? '; the record is matched by its ID field' : '; required ones are marked'}. Choice fields take a NumberId, Name or Display Name. ${EMPTY_HINT[mode]}.`,
			typeOptions: {
				loadOptionsDependsOn: ['entity.value'],
				resourceMapper: {
					resourceMapperMethod: 'getRecordFields',
					mode: mode === 'update' ? 'update' : 'add',
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: true,
					noFieldsError: 'This entity has no fields that can be written',
				},
			},
		},
		{
			displayName: 'Fields (JSON)',
			name: 'recordJson',
			type: 'json',
			default: '{}',
			displayOptions: whenJson,
			description: `An object of the record's fields by their (case-sensitive) names, e.g. {"amount": 12.5}. Sent as it is: Data Fabric checks the values${mode === 'update' ? '; a field not given keeps its value, null clears it' : ''}.`,
		},
	];
}

/** The Record ID of Delete (one or many) and of the attachment operations. */
export const recordIdParameter: INodeProperties = recordIdField;
