// The one poll loop both triggers run over records that finish: the first poll skips history, later polls take
// what the cursor has not emitted, and the cursor moves only once everything was read (see pollCursor.ts).
import { FinishedRecordsCursor, type CursorState } from './pollCursor';

export interface FinishedFeed<T> {
	lookbackMs: number;
	idOf: (record: T) => string;
	/** the time key the service filters on (an end time, or a creation time) */
	timeOf: (record: T) => number;
	/** First poll only: the time key of the newest record there is, or undefined when there is none yet. */
	newestTime: () => Promise<number | undefined>;
	/**
	 * The records whose time key is at or after `from`, oldest first: all of them, or a slice that ends once
	 * `enough(records read)` says so (a backlog is then read over several polls; the cursor moves only as far as the
	 * slice reached). `isNew` tells the records not emitted yet, so a slice always makes progress.
	 */
	readSince: (from: number, isNew: (record: T) => boolean) => Promise<T[]>;
	/** time keys the cursor may move to besides the records read (runs still open, on the server's clock) */
	alsoSeen?: number[];
}

export interface PollOutcome<T> {
	/** the cursor to store once the caller has read all it needs */
	cursor: CursorState;
	/** records not emitted before (none on the first poll) */
	fresh: T[];
	/** everything the window held, and where it started */
	records: T[];
	queryFrom: number;
}

/** The largest of many numbers without spreading them into arguments (a backlog can hold millions). */
export function newestOf(times: Iterable<number>): number | undefined {
	let newest: number | undefined;
	for (const time of times) if (!Number.isNaN(time) && (newest === undefined || time > newest)) newest = time;
	return newest;
}

export async function pollFinished<T>(saved: CursorState | undefined, feed: FinishedFeed<T>): Promise<PollOutcome<T>> {
	const alsoSeen = feed.alsoSeen ?? [];
	let newest: number | undefined;
	if (!saved) {
		// Start at the newest record: what finished before activation is history, not news.
		newest = await feed.newestTime();
	}
	const cursor = new FinishedRecordsCursor(saved ?? FinishedRecordsCursor.start(newestOf([newest ?? 0, ...alsoSeen]) ?? 0), feed.lookbackMs);
	const queryFrom = cursor.queryFrom;
	const isNew = (record: T) => !cursor.has(feed.idOf(record));
	// With nothing at all yet there is no history to skip.
	const records = saved || newest !== undefined ? await feed.readSince(queryFrom, isNew) : [];
	let fresh: T[] = [];
	if (saved) fresh = cursor.take(records, feed.idOf, feed.timeOf);
	else cursor.skip(records, feed.idOf, feed.timeOf);
	const reached = newestOf([...alsoSeen, ...records.map(feed.timeOf)]);
	return { cursor: cursor.advance(reached), fresh, records, queryFrom };
}
