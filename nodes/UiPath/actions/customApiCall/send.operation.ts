import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IHttpRequestMethods, type INodeProperties } from 'n8n-workflow';

import { valueOptions } from '../../../shared/optionsParameter';
import { jsonObjectOf, limitOf, namedValuesOf } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { sendCustom, sendCustomList } from '../../api/custom';
import { folderField, folderOf } from '../common';

export const option = {
	name: 'Send',
	action: 'Send a custom API call',
	description: 'Call any Orchestrator route with the credential, the folder header and paging',
};

const METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
const WITH_BODY = ['POST', 'PUT', 'PATCH'];

export const description: INodeProperties[] = [
	{ displayName: 'Method', name: 'method', type: 'options', options: valueOptions(METHODS), default: 'GET' },
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /odata/Jobs',
		description: 'The route after the Orchestrator base (…/orchestrator_ in the cloud), starting with /',
	},
	{ displayName: 'Send Folder Header', name: 'sendFolderHeader', type: 'boolean', default: true, description: 'Whether to send the folder (most routes are folder-scoped)' },
	{ ...folderField, displayOptions: { show: { sendFolderHeader: [true] } } },
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. $filter' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{ displayName: 'Body (JSON)', name: 'body', type: 'json', default: '{}', displayOptions: { show: { method: WITH_BODY } } },
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: { method: ['GET'] } },
		description: 'Whether to return all results or only up to a given limit',
		hint: 'On: an OData list is read page by page, one item per record. Off: the answer as it is, in one item.',
	},
];

/** The Path parameter: a route of this Orchestrator only, never another host (the token goes with it). */
function pathOf(this: IExecuteFunctions, itemIndex: number): string {
	const path = textOf(this.getNodeParameter('path', itemIndex, '')).trim();
	if (!path.startsWith('/') || path.startsWith('//') || /[\r\n]/.test(path)) {
		throw new NodeOperationError(this.getNode(), `Path "${path}" is not a route of Orchestrator`, {
			itemIndex,
			description: 'Give the part after the Orchestrator base, starting with /, e.g. /odata/Jobs. Full URLs are not accepted, so the token goes to Orchestrator only.',
		});
	}
	return path;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	const method = String(this.getNodeParameter('method', itemIndex, 'GET')) as IHttpRequestMethods;
	const pairs = (this.getNodeParameter('query', itemIndex, {}) as { parameter?: Array<{ name: string; value: string }> }).parameter ?? [];
	const call = {
		method,
		path: pathOf.call(this, itemIndex),
		qs: namedValuesOf.call(this, pairs, itemIndex, { message: 'A query parameter has no name', description: 'Give each query parameter a name, e.g. $filter.' }),
		folder: this.getNodeParameter('sendFolderHeader', itemIndex, true) ? folderOf.call(this, itemIndex) : undefined,
		itemIndex,
		body: WITH_BODY.includes(method)
			? jsonObjectOf.call(this, 'body', itemIndex, { label: 'Body (JSON)', example: '{"Name": "x"}', keys: 'The body is the JSON object the route expects.' })
			: undefined,
	};
	if (method === 'GET' && this.getNodeParameter('returnAll', itemIndex, false)) return await sendCustomList(this, call, limitOf.call(this, itemIndex));
	return await sendCustom(this, call);
}
