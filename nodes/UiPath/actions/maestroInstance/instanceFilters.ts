// The filters of Maestro Instance → Get Many. Maestro filters by process, package, version, error code and type
// itself; it has no filter for the state or the start time, so those are applied here, page by page.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { filtersCollection } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { toInstant } from '../../../shared/time';
import { INSTANCE_STATES, MAESTRO_PROCESS_TYPES, type InstanceFilters } from '../../api/maestro';

const CLIENT_SIDE = 'Maestro has no such filter: n8n reads the instances page by page (newest first) and keeps the matching ones until it has Limit of them';

const text = (displayName: string, name: string, description: string, placeholder: string): INodeProperties => ({ displayName, name, type: 'string', default: '', description, placeholder });

/** The Process Type filter of the Maestro lists (processes and instances). */
export const maestroProcessTypeFilter: INodeProperties = {
	displayName: 'Process Type',
	name: 'processType',
	type: 'options',
	options: valueOptions(MAESTRO_PROCESS_TYPES, { ProcessOrchestration: 'Agentic Process (ProcessOrchestration)', CaseManagement: 'Case (CaseManagement)' }),
	default: 'ProcessOrchestration',
};

export const instanceFilters: INodeProperties = filtersCollection([
	text('Error Code', 'errorCode', 'Only instances with an incident of this error code', 'e.g. ElementFaulted'),
	text('Package ID', 'packageId', "Only instances of this package (the process's package name)", 'e.g. InvoiceApproval'),
	text('Package Version', 'packageVersion', 'Only instances of this package version', 'e.g. 1.0.2'),
	text('Process Key', 'processKey', 'Only instances of this process: its processKey from Maestro Process → Get Many (the Orchestrator release Key)', 'e.g. 5b1c3e43-8a1f-4c3b-9f0e-2d6a7c4b8e11'),
	maestroProcessTypeFilter,
	{ displayName: 'Started After', name: 'startedAfter', type: 'dateTime', default: '', hint: CLIENT_SIDE },
	{ displayName: 'Started Before', name: 'startedBefore', type: 'dateTime', default: '', hint: CLIENT_SIDE },
	multiOptionsParameter('States', 'states', valueOptions([...INSTANCE_STATES].sort()), [], { hint: CLIENT_SIDE, description: 'Only instances in one of these states (latestRunStatus)' }),
]);

/** What the item's filters ask of Maestro, and what is left to check on each instance. */
export interface InstanceQuery {
	server: InstanceFilters;
	/** undefined when no filter is left to check here */
	keep?: (instance: IDataObject) => boolean;
}

/** The States filter as a list of known states: a list, or text separated by commas from an expression. */
function statesOf(this: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const list = (Array.isArray(value) ? value.map(textOf) : textOf(value).split(',')).map((s) => s.trim()).filter(Boolean);
	const known = INSTANCE_STATES as readonly string[];
	if (!list.length) {
		throw new NodeOperationError(this.getNode(), 'States is empty: no state to filter by', {
			itemIndex,
			description: `Pick one or more states (an expression may give a list or text such as "Running, Paused"; it gave "${textOf(value)}"), or remove the States filter to list instances in every state. The states: ${known.join(', ')}.`,
		});
	}
	const unknown = list.filter((s) => !known.includes(s));
	if (unknown.length) {
		throw new NodeOperationError(this.getNode(), `States: "${unknown.join('", "')}" is not a Maestro instance state`, {
			itemIndex,
			description: `The states (as spelt, case matters): ${known.join(', ')}.`,
		});
	}
	return list;
}

/** A Started After / Before filter as milliseconds, naming the field when it is not a date. */
function timeOf(this: IExecuteFunctions, value: unknown, field: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = toInstant(value instanceof Date ? value : textOf(value), this.getTimezone()).getTime();
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(this.getNode(), `"${field}" is not a date: "${textOf(value)}"`, { itemIndex, description: 'Give a date and time such as 2026-03-01T09:00:00Z.' });
	}
	return ms;
}

export function instanceQueryOf(this: IExecuteFunctions, itemIndex: number): InstanceQuery {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const server: InstanceFilters = {};
	for (const name of ['processKey', 'packageId', 'packageVersion', 'errorCode', 'processType'] as const) {
		const value = textOf(filters[name]).trim();
		if (value) server[name] = value;
	}
	const states = 'states' in filters ? statesOf.call(this, filters.states, itemIndex) : undefined;
	const after = timeOf.call(this, filters.startedAfter, 'Started After', itemIndex);
	const before = timeOf.call(this, filters.startedBefore, 'Started Before', itemIndex);
	if (!states && after === undefined && before === undefined) return { server };
	const keep = (instance: IDataObject) => {
		if (states && !states.includes(String(instance.latestRunStatus))) return false;
		const started = Date.parse(String(instance.startedTimeUtc ?? instance.startedTime ?? ''));
		if (after !== undefined && !(started >= after)) return false;
		return before === undefined || started < before;
	};
	return { server, keep };
}
