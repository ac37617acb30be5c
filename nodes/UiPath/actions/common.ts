// Fields and helpers the UiPath resources share: the folder picker, the "… Contains" filters, job states, dates.
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { filtersCollection } from '../../shared/parameters';
import { isoInstant } from '../../shared/time';
import { folderLocator } from '../descriptions';
import { folderRefFrom, odataString, type FolderRef } from '../transport';

/** The Folder picker of an operation. */
export const folderField: INodeProperties = folderLocator;

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
export function containsFilter(field: { displayName: string; name: string; description: string; placeholder?: string }): INodeProperties {
	return filtersCollection([{ ...field, type: 'string', default: '' }]);
}

/** The query of a simple list: ordered, and filtered with contains() when the item's filter has text. */
export function containsQuery(this: IExecuteFunctions, itemIndex: number, filter: { name: string; field: string }): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: `${filter.field} asc,Id asc` };
	if (filters[filter.name]) qs.$filter = `contains(${filter.field},${odataString(String(filters[filter.name]))})`;
	return qs;
}

/** An OData datetime literal (unquoted ISO 8601, UTC) from a Date & Time field of the workflow's time zone. */
export function odataDate(value: unknown, timeZone: string, field: string): string {
	return isoInstant(value, timeZone, field);
}
