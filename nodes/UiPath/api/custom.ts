// Custom API Call: any Orchestrator route, with the credential's token, the folder header and the same retries.
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { asNodeError } from '../../shared/router';
import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { maxTopOf, odataList, parseJsonField, topLimitNamed } from './odata';

export interface CustomCall {
	method: IHttpRequestMethods;
	path: string;
	qs: IDataObject;
	body?: IDataObject;
	folder?: FolderRef;
	itemIndex: number;
}

const noRoute = (path: string) =>
	`Orchestrator has no route ${path}, or no such record: check the path (it starts after …/orchestrator_/, e.g. /odata/Jobs) and the IDs in it.`;

/** One call; its answer as an object (an empty answer is {}, text that is not JSON is { body }). */
export async function sendCustom(ctx: UiPathContext, call: CustomCall): Promise<IDataObject> {
	const answer = await uiPathRequest<unknown>(ctx, {
		method: call.method,
		path: call.path,
		qs: call.qs,
		body: call.body,
		folder: call.folder,
		// Only a GET may be sent again after a timeout or a 5xx: anything else may have been carried out.
		idempotent: call.method === 'GET',
		itemIndex: call.itemIndex,
		notFoundHint: noRoute(call.path),
		expectEmpty: true,
	});
	const parsed = typeof answer === 'string' ? parseJsonField(answer) : answer;
	if (parsed === null || parsed === undefined || parsed === '') return {};
	if (typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	return typeof parsed === 'string' ? { body: parsed } : { value: parsed as IDataObject[] };
}

/**
 * Every record of an OData list route, page by page ($top / $skip), as Return All does for the node's own lists:
 * pages of the collection's documented maximum, or of the smaller one the server names when it refuses that.
 */
export async function sendCustomList(ctx: UiPathContext, call: CustomCall, limit: number): Promise<IDataObject[]> {
	const read = async (maxPageSize: number) =>
		await odataList<IDataObject>(ctx, call.path, { qs: call.qs, folder: call.folder, limit, maxPageSize, itemIndex: call.itemIndex });
	const documented = maxTopOf(call.path);
	try {
		return await read(documented);
	} catch (error) {
		// A server (another version, or its settings) may cap a route lower and say so in its 400: the first page was
		// refused, so nothing was read yet; read again, once, at that size. Any other error, or a second one, is the user's.
		const named = topLimitNamed(error);
		if (named === undefined || named >= Math.min(documented, limit)) throw asNodeError(ctx, error, call.itemIndex);
		return await read(named);
	}
}
