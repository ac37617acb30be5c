// How the Robotic Crowd Trigger reads runs. The API documents the `query` terms but not how they combine: that
// several `is:` terms are ORed, that `after:`/`before:` are UTC, that `after:` is inclusive. The query path relies
// on none of that blindly: it asks a minute earlier than it needs (inclusive or not), and checks every answer (each
// status asked for, each run inside the window asked for, a known run present). When a check fails the trigger
// moves to the page path, which reads the run list newest first without `query`, down to what it still needs.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MAX_PER_PAGE, buildQuery, listRuns, listRunsDownTo, listSessionQueues, type SessionQueue } from '../RoboticCrowd/api/sessionQueues';
import type { CursorState } from '../shared/pollCursor';
import { newestOf, pollFinished } from '../shared/pollFinished';

// The query filters by creation time to the minute. Each poll reads the runs created since the newest creation
// time the last poll saw (the server's clock), reaching back a minute more for rounding and same-second runs.
export const LOOKBACK_MS = 60_000;
const MINUTE = 60_000;
const OPEN = ['queued', 'running'];

export const createdAt = (run: SessionQueue) => Date.parse(run.created_at);

export interface TriggerState extends IDataObject {
	cursor: CursorState;
	/** runs open (queued or running) at the last poll: id -> creation time */
	open: Record<string, number>;
	/** 'query' until a check of the query's answers fails, then 'pages' */
	path?: 'query' | 'pages';
	/** a finished run the last poll read, that the next window must hold again */
	probe?: { id: number; created: number };
}

export interface PollRead {
	state: TriggerState;
	/** finished runs not emitted before, of the statuses asked for (none on the first poll) */
	fresh: SessionQueue[];
}

/** A check of the query's answers failed: what was wrong. */
export class QueryCheckFailed extends Error {}

const newestPage = async (ctx: IPollFunctions) => (await listSessionQueues(ctx, '', 1, MAX_PER_PAGE)).session_queues;

const byId = (runs: SessionQueue[]) => new Map(runs.map((run) => [String(run.id), run]));

/** Fails when an answer holds a run the query did not ask for. */
function checkAnswer(runs: SessionQueue[], statuses: string[], from?: number) {
	const wrongStatus = runs.find((run) => !statuses.includes(run.status));
	if (wrongStatus) throw new QueryCheckFailed(`asked for ${statuses.join('/')}, run ${wrongStatus.id} came back ${wrongStatus.status}`);
	const early = from === undefined ? undefined : runs.find((run) => createdAt(run) < from);
	if (early) throw new QueryCheckFailed(`run ${early.id} was created before the window asked for`);
}

async function queryRuns(ctx: IPollFunctions, statuses: string[], from?: number, to?: number): Promise<SessionQueue[]> {
	// A minute earlier than needed, so an exclusive `after:` still takes in the minute of `from`.
	const createdAfter = from === undefined ? undefined : new Date(from - MINUTE).toISOString();
	const createdBefore = to === undefined ? undefined : new Date(to).toISOString();
	const runs = await listRuns(ctx, buildQuery({ status: statuses, createdAfter, createdBefore }), Infinity);
	checkAnswer(runs, statuses, from === undefined ? undefined : Math.floor(from / MINUTE) * MINUTE - 2 * MINUTE);
	return runs;
}

/**
 * Runs open at the last poll that the open list no longer holds, looked up in the minutes around their creation
 * with the open statuses too: one that only moved to another page while others finished is still open.
 */
async function lookUpLeft(ctx: IPollFunctions, left: Map<string, number>, statuses: string[]): Promise<SessionQueue[]> {
	const found: SessionQueue[] = [];
	const sorted = [...left].sort((a, b) => a[1] - b[1]);
	for (let i = 0; i < sorted.length; ) {
		const from = sorted[i][1];
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1][1] - from <= 10 * MINUTE) j++;
		const runs = await queryRuns(ctx, [...new Set([...statuses, ...OPEN])], from, sorted[j][1] + 2 * MINUTE);
		found.push(...runs.filter((run) => left.has(String(run.id))));
		i = j + 1;
	}
	// Only a queued run that was cancelled leaves the list; the page path tells that from a query that misses runs.
	const lost = [...left.keys()].find((id) => !found.some((run) => String(run.id) === id));
	if (lost) throw new QueryCheckFailed(`run ${lost} left the open runs but a query around its creation did not find it`);
	return found;
}

/** The query path: open runs, runs created since the cursor, and a look-up of open runs that left the list. */
export async function readByQuery(ctx: IPollFunctions, saved: TriggerState | undefined, statuses: string[]): Promise<PollRead> {
	const open = await queryRuns(ctx, OPEN);
	const openNow = Object.fromEntries(open.map((run) => [String(run.id), createdAt(run)]));
	// A finished run known to be in the window checks the answer: the last poll's probe, or else one of the newest
	// page (read first: a run finished there is finished in the later answer too).
	const windowFrom = saved ? saved.cursor.time - LOOKBACK_MS : undefined;
	const probeUsable = saved?.probe !== undefined && windowFrom !== undefined && saved.probe.created >= windowFrom;
	let page = probeUsable ? [] : await newestPage(ctx);
	const { cursor, fresh, records, queryFrom } = await pollFinished<SessionQueue>(saved?.cursor, {
		lookbackMs: LOOKBACK_MS,
		idOf: (run) => String(run.id),
		timeOf: createdAt,
		newestTime: async () => await Promise.resolve(newestOf(page.map(createdAt))),
		readSince: async (from) => await queryRuns(ctx, statuses, from),
		alsoSeen: Object.values(openNow),
	});
	const known = probeUsable && saved?.probe ? [saved.probe.id] : [];
	for (const run of page) if (statuses.includes(run.status) && createdAt(run) >= queryFrom) known.push(run.id);
	page = [];
	const answered = byId(records);
	const missing = known.find((id) => !answered.has(String(id)));
	if (missing !== undefined) throw new QueryCheckFailed(`run ${missing} is in the window asked for but not in the answer`);

	// A run read open and then finished (the answers came one after the other) is taken as finished: it is final.
	const ended = records.filter((run) => saved?.open[String(run.id)] !== undefined || openNow[String(run.id)] !== undefined);
	for (const run of records) delete openNow[String(run.id)];
	const left = new Map(Object.entries(saved?.open ?? {}).filter(([id]) => !(id in openNow) && !answered.has(id)));
	for (const run of left.size ? await lookUpLeft(ctx, left, statuses) : []) {
		if (OPEN.includes(run.status)) openNow[String(run.id)] = createdAt(run);
		else ended.push(run);
	}
	const newest = records.reduce<SessionQueue | undefined>((a, run) => (!a || createdAt(run) > createdAt(a) ? run : a), undefined);
	const probe = newest ? { id: newest.id, created: createdAt(newest) } : saved?.probe;
	return { state: { cursor, open: openNow, path: 'query', ...(probe ? { probe } : {}) }, fresh: merge(fresh, ended) };
}

/** The page path: the run list newest first, without `query`, down to the cursor and the oldest open run. */
export async function readByPages(ctx: IPollFunctions, saved: TriggerState | undefined, statuses: string[]): Promise<PollRead> {
	const oldestOpen = newestOf(Object.values(saved?.open ?? {}).map((t) => -t));
	const from = saved && Math.min(saved.cursor.time - LOOKBACK_MS, oldestOpen === undefined ? Infinity : -oldestOpen);
	// The first poll only needs the newest run (the server's time); later ones read down to what they still need.
	const runs = from === undefined ? await newestPage(ctx) : await listRunsDownTo(ctx, from);
	const openNow = Object.fromEntries(runs.filter((run) => OPEN.includes(run.status)).map((run) => [String(run.id), createdAt(run)]));
	const finished = runs.filter((run) => statuses.includes(run.status));
	const { cursor, fresh } = await pollFinished<SessionQueue>(saved?.cursor, {
		lookbackMs: LOOKBACK_MS,
		idOf: (run) => String(run.id),
		timeOf: createdAt,
		newestTime: async () => await Promise.resolve(newestOf(runs.map(createdAt))),
		readSince: async (since) => await Promise.resolve(finished.filter((run) => createdAt(run) >= since)),
		alsoSeen: Object.values(openNow),
	});
	const ended = saved ? finished.filter((run) => saved.open[String(run.id)] !== undefined) : [];
	return { state: { cursor, open: openNow, path: 'pages' }, fresh: merge(fresh, ended) };
}

/** Each run once. */
function merge(...lists: SessionQueue[][]): SessionQueue[] {
	return [...byId(lists.flat()).values()];
}
