// What a delivery from Orchestrator must prove before it starts an execution, and the items it becomes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/** How many event ids a node remembers; beyond the delivery age limit an old id is rejected as stale anyway. */
const REMEMBERED_IDS = 1000;

export type Verdict = { ok: true; event: IDataObject } | { ok: false; reason: string };

/** base64(HMAC-SHA256(secret, body)): the value of X-UiPath-Signature. */
export function signatureOf(secret: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}

function signatureMatches(secret: string, rawBody: Buffer, header: string): boolean {
	const given = Buffer.from(header.trim().replace(/^sha256=/i, ''));
	const expected = Buffer.from(signatureOf(secret, rawBody));
	// timingSafeEqual needs equal lengths; a length says nothing about the secret.
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Checks signature, then JSON, then age. `maxAgeMs` 0 accepts any age; a Timestamp further ahead than the limit
 * (a clock that runs fast) is refused the same way.
 */
export function verifyDelivery(input: {
	rawBody: Buffer | undefined;
	signature: string | undefined;
	secret: string | undefined;
	maxAgeMs: number;
	now: number;
}): Verdict {
	const { rawBody, signature, secret } = input;
	if (!secret) return { ok: false, reason: 'This trigger has no subscription secret: publish the workflow again' };
	if (!rawBody?.length) return { ok: false, reason: 'Empty delivery' };
	if (!signature) return { ok: false, reason: 'Missing X-UiPath-Signature header' };
	if (!signatureMatches(secret, rawBody, signature)) return { ok: false, reason: 'Invalid X-UiPath-Signature' };
	let event: IDataObject;
	try {
		event = JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {
		return { ok: false, reason: 'The delivery is not JSON' };
	}
	if (!event || typeof event !== 'object' || typeof event.Type !== 'string' || !event.EventId) {
		return { ok: false, reason: 'The delivery has no Type or EventId' };
	}
	const sent = Date.parse(String(event.Timestamp ?? ''));
	if (Number.isNaN(sent)) return { ok: false, reason: 'The delivery has no valid Timestamp' };
	if (input.maxAgeMs > 0 && Math.abs(input.now - sent) > input.maxAgeMs) {
		return { ok: false, reason: `Stale delivery: its Timestamp is more than ${input.maxAgeMs / 1000} s from now` };
	}
	return { ok: true, event };
}

/** Event ids seen by this process, per trigger: two deliveries can arrive before n8n has saved the static data. */
const seenInProcess = new Map<string, Map<string, number>>();

/**
 * Records `eventId` as seen; false when it was seen before (in this process or in the static data).
 * Both stores are bounded: ids older than the age limit drop out, and at most REMEMBERED_IDS stay.
 */
export function firstDelivery(
	triggerKey: string,
	staticData: IDataObject,
	eventId: string,
	options: { now: number; maxAgeMs: number },
): boolean {
	const memory = seenInProcess.get(triggerKey) ?? new Map<string, number>();
	seenInProcess.set(triggerKey, memory);
	const stored = (staticData.seenEventIds ?? {}) as Record<string, number>;
	if (memory.has(eventId) || stored[eventId] !== undefined) return false;
	memory.set(eventId, options.now);
	const keepFrom = options.maxAgeMs > 0 ? options.now - 2 * options.maxAgeMs : -Infinity;
	const kept = Object.entries({ ...stored, [eventId]: options.now })
		.filter(([, at]) => at >= keepFrom)
		.sort((a, b) => b[1] - a[1])
		.slice(0, REMEMBERED_IDS);
	staticData.seenEventIds = Object.fromEntries(kept);
	for (const [id, at] of memory) if (at < keepFrom || memory.size > REMEMBERED_IDS) memory.delete(id);
	return true;
}

/** Drops what this process remembers for a trigger (its subscription was deleted). */
export function forgetDeliveries(triggerKey: string): void {
	seenInProcess.delete(triggerKey);
}

/** UiPath keeps arguments as JSON inside a string in some payloads: give the user objects. */
function parsed(value: unknown): unknown {
	if (typeof value !== 'string' || value === '') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

const JSON_FIELDS = ['InputArguments', 'OutputArguments', 'SpecificContent', 'Output'];
/** The fields that hold the event's records: one item per record. */
const RECORD_FIELDS = ['Job', 'Jobs', 'QueueItem', 'QueueItems', 'Sessions', 'Robots', 'Releases', 'Queues'];

export interface EventFilters {
	folder?: { id: number; key: string };
	processName?: string;
	queueName?: string;
}

function withParsedFields(record: IDataObject): IDataObject {
	const out = { ...record };
	for (const field of JSON_FIELDS) if (field in out) out[field] = parsed(out[field]) as IDataObject;
	return out;
}

function keepRecord(event: IDataObject, record: IDataObject, filters: EventFilters): boolean {
	const type = String(event.Type);
	if (filters.processName && type.startsWith('job.')) {
		const release = (record.Release ?? {}) as IDataObject;
		const names = [record.ReleaseName, release.Name, release.ProcessKey];
		if (!names.includes(filters.processName)) return false;
	}
	if (filters.queueName && (type.startsWith('queueItem.') || type.startsWith('queue.'))) {
		const queue = (type.startsWith('queue.') ? record : (event.Queue ?? {})) as IDataObject;
		if (queue.Name !== filters.queueName) return false;
	}
	return true;
}

/** One item per job, queue item or other record in the event, with the event's type, id, time and folder. */
export function itemsOfEvent(event: IDataObject, filters: EventFilters): IDataObject[] {
	if (filters.folder) {
		const { id, key } = filters.folder;
		if (event.OrganizationUnitId !== id && String(event.OrganizationUnitKey ?? '').toLowerCase() !== key.toLowerCase()) {
			return [];
		}
	}
	const about: IDataObject = {
		Type: event.Type,
		EventId: event.EventId,
		Timestamp: event.Timestamp,
		EventTime: event.EventTime ?? null,
		FolderId: event.OrganizationUnitId ?? null,
		FolderKey: event.OrganizationUnitKey ?? null,
	};
	const field = RECORD_FIELDS.find((name) => event[name] !== undefined && event[name] !== null);
	if (!field) return [{ Event: about }];
	const records = (Array.isArray(event[field]) ? event[field] : [event[field]]) as IDataObject[];
	const queue = event.Queue as IDataObject | undefined;
	return records
		.filter((record) => keepRecord(event, record, filters))
		.map((record) => ({ ...withParsedFields(record), ...(queue ? { Queue: queue } : {}), Event: about }));
}
