// Resource locators: a list to pick from (a list search of the node's methods), then ways to type the value in.
// Every locator of the package has the same frame; only its words, list search and typed modes differ.
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

// A mode's type is spread in: n8n's lint takes any object with displayName, name and type for a parameter and
// would ask a mode for a default, which modes do not have.
const LIST = { type: 'list' } as const;
const TYPED = { type: 'string' } as const;

/** The From List mode, fed by the node's list search `searchListMethod`. */
export function fromListMode(searchListMethod: string): INodePropertyMode {
	return { displayName: 'From List', name: 'list', ...LIST, typeOptions: { searchListMethod, searchable: true } };
}

/** A mode where the value is typed in, e.g. By Name; `extra` adds a hint or a validation. */
export function typedMode(displayName: string, name: string, placeholder: string, extra: Partial<INodePropertyMode> = {}): INodePropertyMode {
	return { displayName, name, ...TYPED, placeholder, ...extra };
}

/** A By ID mode that only takes digits; `what` names the thing in the editor's message ("A folder ID is a number"). */
export function numericIdMode(what: string, placeholder: string): INodePropertyMode {
	const errorMessage = `A ${what} ID is a number`;
	return typedMode('By ID', 'id', placeholder, { validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage } }] });
}

/** The same locator as a filter that may stay empty, with its own description. */
export function optionalLocator(locator: INodeProperties, description: string): INodeProperties {
	const optional = { ...locator, description };
	delete optional.required;
	return optional;
}

/** A required locator that opens on its list; `extra` adds a description or display options (optional: optionalLocator). */
export function locatorParameter(
	displayName: string,
	name: string,
	modes: INodePropertyMode[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'resourceLocator', default: { mode: 'list', value: '' }, required: true, modes, ...extra };
}
