// The typed value fields Asset → Create and Update share, and the body fields they become. The password goes into
// the request body only: never into the output, an error or a log.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { numberParameter } from '../../../shared/numbers';
import { optionsParameter } from '../../../shared/optionsParameter';
import { textOf } from '../../../shared/text';

export const VALUE_TYPES = ['Text', 'Bool', 'Integer', 'Credential'];

const forType = (type: string) => ({ displayOptions: { show: { valueType: [type] } } });

export const valueTypeField = optionsParameter('Value Type', 'valueType', [
	['Text', 'Text'],
	['Boolean', 'Bool'],
	['Integer', 'Integer'],
	['Credential', 'Credential', 'A user name and a password, for robots to log in with'],
], { description: "The asset's type; an existing asset's type cannot change" });

/** The Value Type parameter, one of the four the node writes: an expression can give anything, and a type this
 * node does not know would be sent with a credential's fields. */
export function valueTypeOf(this: IExecuteFunctions, itemIndex: number): string {
	const type = textOf(this.getNodeParameter('valueType', itemIndex, 'Text')).trim();
	if (!VALUE_TYPES.includes(type)) {
		throw new NodeOperationError(this.getNode(), `Value Type "${type}" is not one the node can write`, {
			itemIndex,
			description: `Set Value Type to ${VALUE_TYPES.join(', ')} (Bool is a Boolean asset); an expression must give one of these values exactly.`,
		});
	}
	return type;
}

/** The value fields, one set per type; `passwordHint` says what an empty password means. */
export function valueFields(passwordHint: string): INodeProperties[] {
	return [
		{ displayName: 'Text Value', name: 'textValue', type: 'string', default: '', ...forType('Text') },
		{ displayName: 'Boolean Value', name: 'boolValue', type: 'boolean', default: false, description: 'Whether the asset is true', ...forType('Bool') },
		{ displayName: 'Integer Value', name: 'intValue', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, ...forType('Integer') },
		{ displayName: 'Username', name: 'credentialUsername', type: 'string', default: '', ...forType('Credential') },
		{
			displayName: 'Password',
			name: 'credentialPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			hint: passwordHint,
			...forType('Credential'),
		},
	];
}

const INT32 = 2 ** 31;

/** The value fields of the body for the item's Value Type (IntValue is an Int32 in Orchestrator). */
export function valueBody(this: IExecuteFunctions, itemIndex: number, type: string): IDataObject {
	const get = (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
	if (type === 'Text') return { StringValue: String(get('textValue', '')) };
	if (type === 'Bool') return { BoolValue: Boolean(get('boolValue', false)) };
	if (type === 'Integer') {
		const value = numberParameter.call(this, 'intValue', itemIndex, 0, {
			label: 'Integer Value',
			what: 'a whole number Orchestrator can store',
			min: -INT32,
			max: INT32 - 1,
			integer: true,
			quoted: true,
			advice: 'Integer assets hold whole numbers (no decimals) from -2147483648 to 2147483647: give one, or use a Text asset.',
		});
		return { IntValue: value };
	}
	const password = String(get('credentialPassword', ''));
	return { CredentialUsername: String(get('credentialUsername', '')), ...(password ? { CredentialPassword: password } : {}) };
}

/** The Asset Name parameter, required. */
export function assetNameOf(this: IExecuteFunctions, itemIndex: number): string {
	const name = textOf(this.getNodeParameter('assetName', itemIndex, '')).trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Give the name of the asset', { itemIndex });
	return name;
}
