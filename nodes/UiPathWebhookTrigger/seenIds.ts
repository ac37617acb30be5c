// Which deliveries already started an execution, per trigger, in a form that n8n's way of saving static data cannot
// lose. n8n 2.41 loads a production webhook's static data from the database when the request arrives and writes the
// whole object back after the node answered (LiveWebhooks, WorkflowStaticDataService.saveStaticData): concurrent
// deliveries each load the same row and the last write wins. So the ids live in one object per trigger in this
// process (checked and recorded in one synchronous step: no two deliveries interleave), and every delivery that
// starts an execution puts that same object, not a copy, into its static data. n8n serializes it when it issues a
// write (TypeORM's UPDATE), and n8n's SQLite writes run one at a time in the order issued (one write connection
// behind a FIFO mutex): the last write is issued after the last recorded id, so it holds every id. (PostgreSQL's pool can reorder two writes sent at the same instant: then only
// the last writes before a restart can miss ids.) After a restart the first delivery loads that object from the row.
// Bounded by the age window, not a count: an id is kept until its Timestamp is older than Max Delivery Age (the age
// check refuses it from then on). Past MAX_REMEMBERED ids the oldest are dropped and `floor` rises to the newest
// dropped Timestamp: a delivery dated at or before `floor` is refused, since its id may have been one of them.
import type { IDataObject } from 'n8n-workflow';

export const MAX_REMEMBERED = 10_000;

interface Remembered extends IDataObject {
	/** deliveries dated at or before this (ms) are refused: ids this old may have been dropped */
	floor: number;
	/** EventId → the delivery's Timestamp (ms) */
	ids: Record<string, number>;
}

export type Seen = 'first' | 'again' | 'tooOld';

const memories = new Map<string, Remembered>();
/** per memory: how many ids it holds and when the age sweep last ran (kept out of what is saved) */
const counts = new WeakMap<Remembered, { size: number; sweptAt: number }>();

function loaded(stored: IDataObject): Remembered {
	const saved = (stored.deliveries ?? {}) as Partial<Remembered>;
	// seenEventIds: the store of earlier versions (EventId → when it arrived), read once and then dropped.
	const legacy = (stored.seenEventIds ?? {}) as Record<string, number>;
	const memory = { floor: Number(saved.floor) || 0, ids: { ...legacy, ...(saved.ids ?? {}) } };
	counts.set(memory, { size: Object.keys(memory.ids).length, sweptAt: 0 });
	return memory;
}

function drop(memory: Remembered, ids: string[]) {
	for (const id of ids) {
		memory.floor = Math.max(memory.floor, memory.ids[id]);
		delete memory.ids[id];
	}
	counts.get(memory)!.size -= ids.length;
}

/** Ids past the age window go at most once a second (each sweep reads them all); past MAX_REMEMBERED, the oldest. */
function prune(memory: Remembered, now: number, maxAgeMs: number) {
	const count = counts.get(memory)!;
	if (maxAgeMs > 0 && now - count.sweptAt >= 1000) {
		count.sweptAt = now;
		drop(memory, Object.keys(memory.ids).filter((id) => memory.ids[id] < now - maxAgeMs));
	}
	if (count.size <= MAX_REMEMBERED) return;
	// Drop a tenth more than needed, so the sort runs once per thousand deliveries, not on each.
	const kept = Object.entries(memory.ids).sort((a, b) => a[1] - b[1]);
	drop(memory, kept.slice(0, kept.length - MAX_REMEMBERED + MAX_REMEMBERED / 10).map(([id]) => id));
}

/**
 * Records a delivery's EventId: 'first' when it may start an execution, 'again' when it was seen, 'tooOld' when it
 * is dated at or before what the trigger can still vouch for. `staticData` is the node's static data of this request.
 */
export function recordDelivery(
	triggerKey: string,
	staticData: IDataObject,
	delivery: { eventId: string; sentAt: number },
	options: { now: number; maxAgeMs: number },
): Seen {
	let memory = memories.get(triggerKey);
	if (!memory) memories.set(triggerKey, (memory = loaded(staticData)));
	if (memory.ids[delivery.eventId] !== undefined) return 'again';
	if (delivery.sentAt <= memory.floor) return 'tooOld';
	memory.ids[delivery.eventId] = delivery.sentAt;
	counts.get(memory)!.size += 1;
	prune(memory, options.now, options.maxAgeMs);
	delete staticData.seenEventIds;
	staticData.deliveries = memory;
	return 'first';
}

/** Drops what this process remembers for a trigger (its subscription was deleted or replaced). */
export function forgetDeliveries(triggerKey: string): void {
	memories.delete(triggerKey);
}
