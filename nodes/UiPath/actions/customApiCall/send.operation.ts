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

/**
 * Whether a path would lead out of Orchestrator's API once a URL parser, a proxy or the server reads it: a dot
 * segment (`..` climbs to the host's other services, e.g. identity_), also percent-encoded (once or twice, %2e%2e,
 * %2E.), a backslash (read as /), or a second leading slash. Only the part before ? or # is a path.
 */
function leavesOrchestrator(path: string): boolean {
	let route = path.split(/[?#]/)[0];
	for (let round = 0; round < 3; round++) {
		if (route.includes('\\') || route.startsWith('//') || route.split('/').some((segment) => segment === '.' || segment === '..')) return true;
		// Byte by byte, so one malformed escape does not hide the others (a URL parser reads %2e%2e as .. regardless).
		const decoded = route.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
		if (decoded === route) return false;
		route = decoded;
	}
	return true; // encoded three times over: no route of Orchestrator looks like that
}

/** The Path parameter: a route of this Orchestrator only, never another host or service (the token goes with it). */
function pathOf(this: IExecuteFunctions, itemIndex: number): string {
	const path = textOf(this.getNodeParameter('path', itemIndex, '')).trim();
	const notARoute = (description: string) =>
		new NodeOperationError(this.getNode(), `Path "${path}" is not a route of Orchestrator`, { itemIndex, description });
	if (!path.startsWith('/') || path.startsWith('//') || /[\r\n]/.test(path)) {
		throw notARoute('Give the part after the Orchestrator base, starting with /, e.g. /odata/Jobs. Full URLs are not accepted, so the token goes to Orchestrator only.');
	}
	if (leavesOrchestrator(path)) {
		throw notARoute(
			'The Path parameter may not hold . or .. segments (also encoded, e.g. %2e%2e), backslashes or a leading // (also encoded): they lead out of the Orchestrator API to other services of the host, and the token would go with them. Give the route itself, e.g. /odata/Jobs.',
		);
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
