// Exactly-once delivery over records that finish, for polling triggers.
//
// Each poll asks the service for records whose time key (an end time, or a creation time) is at or after
// `queryFrom` = cursor time - lookback. Records already emitted are remembered by id for as long as they can come
// back in that window, so records that share a timestamp, pages that shift between polls, and end times written
// slightly after a poll read them (late writes, within the lookback) are each emitted exactly once. The state is
// plain JSON kept in the workflow's static data, so it survives restarts of n8n.
import type { IDataObject } from 'n8n-workflow';

export interface CursorState extends IDataObject {
	/** ms since epoch: every record with a time key before `time - lookback` has been dealt with */
	time: number;
	/** ids emitted (or skipped on the first activation) whose time key is inside the lookback window */
	seen: Record<string, number>;
}

export class FinishedRecordsCursor {
	private readonly seen: Map<string, number>;

	private time: number;

	constructor(
		state: CursorState,
		private readonly lookbackMs: number,
	) {
		this.time = state.time;
		this.seen = new Map(Object.entries(state.seen ?? {}));
	}

	/** A fresh cursor: nothing before `now` will be emitted (the first activation does not replay history). */
	static start(now: number): CursorState {
		return { time: now, seen: {} };
	}

	/** The earliest time key the next query must include. */
	get queryFrom(): number {
		return this.time - this.lookbackMs;
	}

	/** Whether this record was emitted (or skipped) already. */
	has(id: string): boolean {
		return this.seen.has(id);
	}

	/** Returns the records not emitted before, in time-key order, and remembers them. */
	take<T>(records: T[], idOf: (r: T) => string, timeOf: (r: T) => number): T[] {
		const fresh: T[] = [];
		for (const record of [...records].sort((a, b) => timeOf(a) - timeOf(b))) {
			const id = idOf(record);
			const time = timeOf(record);
			if (this.seen.has(id) || time < this.queryFrom) continue;
			this.seen.set(id, time);
			fresh.push(record);
		}
		return fresh;
	}

	/** Remembers records without emitting them (the first activation's history). */
	skip<T>(records: T[], idOf: (r: T) => string, timeOf: (r: T) => number) {
		for (const record of records) this.seen.set(idOf(record), timeOf(record));
	}

	/**
	 * Moves the cursor to `time` (never backwards) and forgets ids that can no longer come back.
	 * Call only after the poll's records were all read.
	 */
	advance(time: number | undefined): CursorState {
		if (time !== undefined && time > this.time) this.time = time;
		for (const [id, t] of this.seen) if (t < this.queryFrom) this.seen.delete(id);
		return { time: this.time, seen: Object.fromEntries(this.seen) };
	}
}
