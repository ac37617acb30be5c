// OData lists as Orchestrator pages them: $top / $skip, $count on the first page.
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { paginate, type Page, type PageRequest } from '../../shared/paginate';
import { odataString, uiPathRequest, type FolderRef, type UiPathContext } from '../transport';

export interface ListOptions {
	qs?: IDataObject;
	folder?: FolderRef;
	/** how many to return at most (Infinity for all) */
	limit: number;
	/** the most the endpoint gives per page; by default its documented $top maximum (maxTopOf) */
	maxPageSize?: number;
	itemIndex?: number;
	scopes?: string;
}

// The $top maximum of each collection, as the OpenAPI document (UiPath.WebApi 20.0) gives it: 1000 for every list
// but /odata/QueueItems, which allows 100. More is refused with a 400.
const DEFAULT_MAX_TOP = 1000;
const MAX_TOP: Record<string, number> = { '/odata/queueitems': 100 };

/** The documented $top maximum of the collection at `path` (routes are case-insensitive; a query is ignored). */
export function maxTopOf(path: string): number {
	const route = path.split(/[?#]/)[0].replace(/\/+$/, '').toLowerCase();
	return MAX_TOP[route] ?? DEFAULT_MAX_TOP;
}

/** The $top limit a 400 names ("The limit of '100' for Top query has been exceeded"), or undefined. */
export function topLimitNamed(error: unknown): number | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	const named = /limit of '(\d+)' for Top query has been exceeded/i.exec(error.message)?.[1];
	return named && Number(named) > 0 ? Number(named) : undefined;
}

/** One page of an OData list: `$top` = size, `$skip` = offset (sent only when `skipZero` or not 0). */
export async function odataPage<T = IDataObject>(
	ctx: UiPathContext,
	path: string,
	request: PageRequest,
	options: Omit<ListOptions, 'limit' | 'maxPageSize'> & { count?: boolean },
): Promise<Page<T>> {
	const answer = await uiPathRequest<{ value: T[]; '@odata.count'?: number }>(ctx, {
		method: 'GET',
		path,
		qs: { ...options.qs, $top: request.size, $skip: request.offset, ...(options.count ? { $count: true } : {}) },
		folder: options.folder,
		itemIndex: options.itemIndex,
		scopes: options.scopes,
	});
	return { items: answer.value ?? [], total: answer['@odata.count'] };
}

/** Reads an OData list page by page until `limit` items or the end. */
export async function odataList<T = IDataObject>(ctx: UiPathContext, path: string, options: ListOptions): Promise<T[]> {
	return await paginate<T>(
		async (request) => await odataPage<T>(ctx, path, request, { ...options, count: request.offset === 0 }),
		{ limit: options.limit, maxPageSize: options.maxPageSize ?? maxTopOf(path), shrinkLastPage: true },
	);
}

/**
 * Reads an OData list newest first by keyset: `$orderby=Id desc`, and each page after the first asks for
 * `Id lt <the last Id read>`. Records created while it pages are newer than the first page, so none comes twice
 * and none is skipped (offset paging shifts under them).
 */
export async function odataListById<T extends { Id?: unknown } = IDataObject>(
	ctx: UiPathContext,
	path: string,
	options: ListOptions,
): Promise<T[]> {
	const base = options.qs?.$filter as string | undefined;
	return await paginate<T>(
		async ({ size, token }) => {
			const filter = token ? [base && `(${base})`, `Id lt ${token}`].filter(Boolean).join(' and ') : base;
			const qs = { ...options.qs, $orderby: 'Id desc', ...(filter ? { $filter: filter } : {}) };
			const { items } = await odataPage<T>(ctx, path, { offset: 0, page: 1, size }, { ...options, qs });
			return { items, next: items.length === size ? String(items.at(-1)?.Id) : undefined };
		},
		{ limit: options.limit, maxPageSize: options.maxPageSize ?? maxTopOf(path), shrinkLastPage: true, keyset: true },
	);
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

/** One entity (or an action's single answer) by GET, without OData's `@odata.context` annotation. */
export async function odataEntity<T extends IDataObject = IDataObject>(
	ctx: UiPathContext,
	path: string,
	options: { qs?: IDataObject; folder?: FolderRef; itemIndex: number; scopes: string; notFoundHint: string; signal?: AbortSignal },
): Promise<T> {
	const entity = await uiPathRequest<T>(ctx, { method: 'GET', path, ...options });
	delete entity['@odata.context'];
	return entity;
}

/** `(Field eq 'a' or Field eq 'b')` */
export function anyOf(field: string, values: string[]): string {
	return `(${values.map((v) => `${field} eq ${odataString(v)}`).join(' or ')})`;
}

interface FirstWhereOptions {
	folder?: FolderRef;
	itemIndex?: number;
	scopes?: string;
	select?: string;
}

/** The first record an OData filter selects, or undefined. */
export async function firstWhere<T = IDataObject>(
	ctx: UiPathContext,
	path: string,
	filter: string,
	options: FirstWhereOptions,
): Promise<T | undefined> {
	const { value } = await uiPathRequest<{ value: T[] }>(ctx, {
		method: 'GET',
		path,
		qs: { $filter: filter, $top: 1, ...(options.select ? { $select: options.select } : {}) },
		folder: options.folder,
		itemIndex: options.itemIndex,
		scopes: options.scopes,
	});
	return value?.[0];
}

/** The first record at `path` whose Name is exactly `name`, or undefined. */
export async function firstNamed<T = IDataObject>(ctx: UiPathContext, path: string, name: string, options: FirstWhereOptions): Promise<T | undefined> {
	return await firstWhere<T>(ctx, path, `Name eq ${odataString(name)}`, options);
}
