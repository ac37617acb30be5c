// Session queues (runs): create, cancel, and the run list (newest first), which is also how one run is read.
import type { IDataObject } from 'n8n-workflow';

import { paginate, type Page, type PageRequest } from '../../shared/paginate';
import { isoInstant } from '../../shared/time';
import { roboticCrowdRequest, type RoboticCrowdContext } from '../transport';

export interface SessionQueue extends IDataObject {
	id: number;
	status: 'queued' | 'running' | 'success' | 'error';
	created_at: string;
	ended_at: string | null;
	workflow: { id: number; name: string };
}

export interface SessionQueuePage {
	session_queues: SessionQueue[];
	total_count: number;
}

export const FINISHED_STATUSES = ['success', 'error'];
export const MAX_PER_PAGE = 50;

/** `after:"2026-11-25 10:05"`: the query syntax takes dates to the minute. */
export function queryDate(value: string | Date, timeZone: string | undefined, field: string): string {
	const iso = isoInstant(value, timeZone, field);
	return `"${iso.slice(0, 10)} ${iso.slice(11, 16)}"`;
}

/** The API's `query`; Date & Time values without an offset are read in `timeZone` (the workflow's). */
export function buildQuery(
	filters: { workflowName?: string; status?: string[]; createdAfter?: string; createdBefore?: string },
	timeZone?: string,
): string {
	const terms: string[] = [];
	if (filters.workflowName) terms.push(filters.workflowName.trim());
	for (const status of filters.status ?? []) terms.push(`is:${status}`);
	if (filters.createdAfter) terms.push(`after:${queryDate(filters.createdAfter, timeZone, 'Created After')}`);
	if (filters.createdBefore) terms.push(`before:${queryDate(filters.createdBefore, timeZone, 'Created Before')}`);
	return terms.join(' ');
}

/** One page of the runs a query selects, newest first. */
export async function listSessionQueues(
	ctx: RoboticCrowdContext,
	query: string,
	page: number,
	perPage: number,
	itemIndex?: number,
	signal?: AbortSignal,
): Promise<SessionQueuePage> {
	const qs: IDataObject = { page, per_page: perPage };
	if (query) qs.query = query;
	return await roboticCrowdRequest<SessionQueuePage>(ctx, { method: 'GET', path: '/session_queues', qs, itemIndex, signal });
}

/**
 * Pages of the run list, each run once: the list is paged by number and newest first, so a run created while it
 * pages pushes older ones down a page and they would come twice. Those are dropped by id.
 */
function runPages(ctx: RoboticCrowdContext, query: string, itemIndex?: number) {
	const seen = new Set<number>();
	return async ({ page, size }: PageRequest): Promise<Page<SessionQueue>> => {
		const { session_queues: runs, total_count: total } = await listSessionQueues(ctx, query, page, size, itemIndex);
		const items = runs.filter((run) => !seen.has(Number(run.id)));
		for (const run of items) seen.add(Number(run.id));
		return { items, total, read: runs.length };
	};
}

/** Pages through the runs a query selects (newest first, 50 a page at most) until `limit` are read. */
export async function listRuns(ctx: RoboticCrowdContext, query: string, limit: number, itemIndex?: number): Promise<SessionQueue[]> {
	return await paginate(runPages(ctx, query, itemIndex), { limit, maxPageSize: MAX_PER_PAGE });
}

/** Every run created at or after `from`, newest first, read without `query`: pages down until one passes it. */
export async function listRunsDownTo(ctx: RoboticCrowdContext, from: number): Promise<SessionQueue[]> {
	const runs = await paginate(runPages(ctx, ''), {
		limit: Infinity,
		maxPageSize: MAX_PER_PAGE,
		stopAfter: (page) => page.some((r) => Date.parse(r.created_at) < from),
	});
	return runs.filter((r) => Date.parse(r.created_at) >= from);
}

/** There is no call to read one run: page through the list (newest first) until its id shows up. */
export async function findSessionQueue(ctx: RoboticCrowdContext, id: number, itemIndex?: number): Promise<SessionQueue | undefined> {
	// ids grow with creation time and the list is newest first: once past it, it is not there.
	const runs = await paginate(runPages(ctx, '', itemIndex), {
		limit: Infinity,
		maxPageSize: MAX_PER_PAGE,
		stopAfter: (page) => page.some((r) => Number(r.id) <= id),
	});
	return runs.find((r) => Number(r.id) === id);
}

/** Starts a run: never re-sent after a timeout or a 5xx, as it may have started. */
export async function createRun(ctx: RoboticCrowdContext, workflowId: number, params: IDataObject, itemIndex: number): Promise<SessionQueue> {
	return await roboticCrowdRequest<SessionQueue>(ctx, {
		method: 'POST',
		path: '/session_queues',
		body: { workflow_id: workflowId, params },
		idempotent: false,
		itemIndex,
	});
}

/** Cancels a running run or removes a queued one; the answer may be empty. */
export async function cancelRun(ctx: RoboticCrowdContext, id: number, itemIndex: number): Promise<IDataObject | string | undefined> {
	return await roboticCrowdRequest<IDataObject | string | undefined>(ctx, {
		method: 'DELETE',
		path: `/session_queues/${id}/cancel`,
		idempotent: false,
		itemIndex,
	});
}
