// One builder for the many options parameters that differ only in their words: a literal for each would repeat
// the same nine lines. n8n's lint cannot see inside a builder, so scripts/lint-descriptions.js lints the built
// descriptions too.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** A choice as [name, value] or [name, value, description], in the order the editor shows them. */
export type Choice = readonly [name: string, value: string, description?: string];

/** The option objects n8n wants, from choices. */
function choicesOf(choices: readonly Choice[]): INodePropertyOptions[] {
	return choices.map(([name, value, description]) =>
		description === undefined ? { name, value } : { name, value, description },
	);
}

/** Options whose names are their values, but for those `names` renames (e.g. InProgress → In Progress). */
export function valueOptions(values: readonly string[], names: Record<string, string> = {}): INodePropertyOptions[] {
	return values.map((value) => ({ name: names[value] ?? value, value }));
}

/** An options parameter whose default is its first choice unless `extra.default` says otherwise. */
export function optionsParameter(
	displayName: string,
	name: string,
	choices: readonly Choice[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	const firstValue = choices[0][1];
	return { displayName, name, type: 'options', options: choicesOf(choices), default: firstValue, ...extra };
}

/** A multiOptions parameter; `chosen` are the values ticked at first. */
export function multiOptionsParameter(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
	chosen: string[] = [],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { displayName, name, type: 'multiOptions', options, default: [...chosen], ...extra };
}
