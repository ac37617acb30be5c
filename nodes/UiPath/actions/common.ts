// Fields and helpers every UiPath resource shares: the folder picker, Return All / Limit, parsing UiPath's
// JSON-in-a-string fields.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { toInstant } from '../../shared/time';
import { folderLocator } from '../descriptions';
import { folderRefFrom, type FolderRef } from '../transport';

type Show = { resource: string[]; operation: string[] };

/** The Folder picker, shown for these operations. */
export function folderField(show: Show): INodeProperties {
	return { ...folderLocator, displayOptions: { show } };
}

/** Reads the Folder parameter of an item as the transport's FolderRef. */
export function folderOf(this: IExecuteFunctions, itemIndex: number): FolderRef {
	const folder = folderRefFrom(this.getNodeParameter('folder', itemIndex) as { mode: string; value: string });
	if (!folder) {
		throw new NodeOperationError(this.getNode(), 'Pick a folder', {
			itemIndex,
			description: 'This operation works inside an Orchestrator folder: choose one from the list, or give its path or ID.',
		});
	}
	return folder;
}

/** Filters with one "… Contains" text field, as the list operations of simple resources have. */
export function containsFilter(show: Show, field: { displayName: string; name: string; description: string }): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [{ ...field, type: 'string', default: '' }],
	};
}


/** UiPath keeps arguments as JSON inside a string: give the user an object (or the string if it is not JSON). */
export function parseJsonField(value: unknown): unknown {
	if (typeof value !== 'string' || value === '') return value ?? null;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

export function withParsedArguments<T extends IDataObject>(job: T): T {
	return {
		...job,
		InputArguments: parseJsonField(job.InputArguments),
		OutputArguments: parseJsonField(job.OutputArguments),
	};
}

export const jobStateOptions: INodePropertyOptions[] = [
	'Faulted',
	'Pending',
	'Resumed',
	'Running',
	'Stopped',
	'Stopping',
	'Successful',
	'Suspended',
	'Terminating',
].map((s) => ({ name: s, value: s }));

/** An OData datetime literal (unquoted ISO 8601, UTC) from a Date & Time field of the workflow's time zone. */
export function odataDate(value: string, timeZone: string): string {
	return toInstant(value, timeZone).toISOString();
}
