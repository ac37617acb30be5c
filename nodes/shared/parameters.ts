// Parameters every node reads the same way: Return All / Limit, a JSON object, name/value pairs or JSON, Filters,
// Wait for Completion.
import {
	NodeOperationError,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { numberParameter, type NumberRule } from './numbers';
import { optionsParameter } from './optionsParameter';

/**
 * A switch and the number it shows: Return All and Limit (shown while off), Wait for … and its timeout (shown
 * while on). `toggle.displayOptions` applies to both.
 */
export function switchWithNumber(
	toggle: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'displayOptions'>,
	number: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'default'>,
	shownWhen: boolean,
): INodeProperties[] {
	const show = { ...toggle.displayOptions?.show, [toggle.name]: [shownWhen] };
	return [
		{ ...toggle, type: 'boolean', default: false },
		{ ...number, type: 'number', typeOptions: { minValue: 1 }, displayOptions: { show } },
	];
}

/** Return All and Limit of a list operation (shown for its resource and operation by nodes/shared/resources.ts). */
export function returnAllFields(): INodeProperties[] {
	return switchWithNumber(
		{ displayName: 'Return All', name: 'returnAll', description: 'Whether to return all results or only up to a given limit' },
		{ displayName: 'Limit', name: 'limit', default: 50, description: 'Max number of results to return' },
		false,
	);
}

/** How many results the item asks for: Infinity with Return All. */
export function limitOf(this: IExecuteFunctions, itemIndex: number): number {
	if (this.getNodeParameter('returnAll', itemIndex, false)) return Infinity;
	// The field's minimum (1) is not enforced for an expression: 0 would quietly return nothing.
	return numberParameter.call(this, 'limit', itemIndex, 50, {
		label: 'Limit',
		what: 'a number of results to return',
		min: 1,
		integer: true,
		advice: 'Give a whole number, 1 or more, or turn on Return All.',
	});
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

/** A collection of optional fields, empty at first; `placeholder` is its add button. */
function collection(displayName: string, name: string, placeholder: string, options: INodeProperties[]): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, options };
}

/** The Filters collection of a list operation. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return collection('Filters', 'filters', 'Add Filter', options);
}

/** An operation's Options collection; `name` stays each operation's own, as saved workflows hold it. */
export function optionsCollection(name: string, options: INodeProperties[], extra: Partial<INodeProperties> = {}): INodeProperties {
	return { ...collection('Options', name, 'Add Option', options), ...extra };
}

/** The Update Fields collection of an operation that changes a record. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return collection('Update Fields', 'updateFields', 'Add Field', options);
}

interface FieldsOrJson {
	/** the choice between the two: its label, and the two option names */
	choice: { displayName: string; description: string; fieldsLabel: string; jsonLabel: string };
	/** the name/value pairs: the collection, one pair's label, and what the name field says */
	fields: { displayName: string; placeholder: string; pair: { name: string; displayName: string }; nameField: Partial<INodeProperties> };
	json: { displayName: string; description: string };
}

/**
 * Data given as name/value pairs or as JSON: the choice (`<name>Input`), the pairs (`<name>`, read with
 * namedValuesOf) and the JSON (`<name>Json`, read with jsonObjectOf).
 */
export function fieldsOrJson(name: string, { choice, fields, json }: FieldsOrJson): INodeProperties[] {
	const choiceName = `${name}Input`;
	const when = (value: string) => ({ show: { [choiceName]: [value] } });
	const pairValues: INodeProperties[] = [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', ...fields.nameField },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	];
	return [
		optionsParameter(choice.displayName, choiceName, [[choice.fieldsLabel, 'fields'], [choice.jsonLabel, 'json']], { description: choice.description }),
		{
			displayName: fields.displayName,
			name,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: fields.placeholder,
			default: {},
			displayOptions: when('fields'),
			options: [{ ...fields.pair, values: pairValues }],
		},
		{ displayName: json.displayName, name: `${name}Json`, type: 'json', default: '{}', description: json.description, displayOptions: when('json') },
	];
}

/** Wait for Completion and its timeout, for an operation that starts a job or a run (`what`). */
export function waitFields(what: string, returns: string): INodeProperties[] {
	return switchWithNumber(
		{ displayName: 'Wait for Completion', name: 'waitForCompletion', description: `Whether to wait until the ${what} finishes and return ${returns}` },
		{ displayName: 'Timeout (Seconds)', name: 'waitTimeout', default: 600, description: `How long to wait before failing with a timeout error. The ${what} itself goes on.` },
		true,
	);
}

/** The Check Interval option of a wait. */
export function checkIntervalOption(description: string): INodeProperties {
	return { displayName: 'Check Interval (Seconds)', name: 'pollInterval', type: 'number', typeOptions: { minValue: 1 }, default: 5, description };
}

/** How an item waits for the work it started: read (and checked) before the work starts. */
export interface WaitSettings {
	timeoutSeconds: number;
	intervalMs: number;
	returnFailed: boolean;
}

// Under the longest timer (waitFor.ts): about 23 days.
const TIMEOUT: NumberRule = { label: 'Timeout (Seconds)', what: 'a number of seconds to wait', min: 1, max: 2_000_000 };
const CHECK_INTERVAL: NumberRule = { label: 'Check Interval (Seconds)', what: 'a number of seconds between checks', min: 1, max: 86_400 };

/**
 * The wait of an item (`toggle` on: its Timeout and its Options collection's Check Interval and Return … as
 * Output), undefined when it does not wait. A bad number fails the item before anything is started.
 */
export function waitSettingsOf(this: IExecuteFunctions, itemIndex: number, toggle: string, options: string): WaitSettings | undefined {
	if (!this.getNodeParameter(toggle, itemIndex, false)) return undefined;
	return {
		timeoutSeconds: numberParameter.call(this, 'waitTimeout', itemIndex, 600, TIMEOUT),
		intervalMs: numberParameter.call(this, `${options}.pollInterval`, itemIndex, 5, CHECK_INTERVAL) * 1000,
		returnFailed: this.getNodeParameter(`${options}.returnFailed`, itemIndex, false) === true,
	};
}

/** The Resume URL Name of a call-back wait; empty fails the item before anything starts (`what` names it). */
export function resumeUrlNameOf(this: IExecuteFunctions, itemIndex: number, what: string): string {
	const name = String(this.getNodeParameter('resumeUrlName', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'Resume URL Name is empty', {
			itemIndex,
			description: `Name the ${what} that receives the URL its last step calls, e.g. n8nResumeUrl.`,
		});
	}
	return name;
}

/** The Wait Mode of an operation whose wait can also be durable (`modes`: the ways its end can reach n8n). */
export function waitModeFields(
	modes: Array<[string, string, string]>,
	argumentWhat: string,
	shownWhen: NonNullable<IDisplayOptions['show']> = { waitForCompletion: [true] },
): INodeProperties[] {
	return [
		{
			displayName: 'Wait Mode',
			name: 'waitMode',
			type: 'options',
			noDataExpression: true,
			options: modes.map(([name, value, description]) => ({ name, value, description })),
			default: 'poll',
			displayOptions: { show: shownWhen },
			description: 'Poll for robots of seconds to minutes; pause (durable) for longer ones: the execution waits in n8n\'s database, holds no worker and survives restarts',
		},
		{
			displayName: 'Resume URL Name',
			name: 'resumeUrlName',
			type: 'string',
			default: 'n8nResumeUrl',
			displayOptions: { show: { ...shownWhen, waitMode: ['callback'] } },
			description: `The ${argumentWhat} that carries the URL the robot calls (POST) as its last step`,
		},
	];
}

/** How the item's durable wait hears of the end, or undefined for Poll. */
export function waitViaOf(this: IExecuteFunctions, itemIndex: number): 'webhook' | 'callback' | undefined {
	const mode = this.getNodeParameter('waitMode', itemIndex, 'poll') as string;
	return mode === 'webhook' || mode === 'callback' ? mode : undefined;
}
