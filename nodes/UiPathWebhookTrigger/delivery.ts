// What a delivery from Orchestrator must prove before it starts an execution, and the items it becomes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { numberFrom, type NumberRule } from '../shared/numbers';

const MAX_AGE: NumberRule = { label: 'Max Delivery Age (Options)', what: 'a number of seconds', min: 0 };

export type Verdict = { ok: true; event: IDataObject; sentAt: number } | { ok: false; reason: string };

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

/** Checks signature, then JSON, then that the event has a Type, an EventId and a Timestamp (its age: tooOld). */
export function verifyDelivery(input: {
	rawBody: Buffer | undefined;
	signature: string | undefined;
	secret: string;
}): Verdict {
	const { rawBody, signature, secret } = input;
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
	const sentAt = Date.parse(String(event.Timestamp ?? ''));
	if (Number.isNaN(sentAt)) return { ok: false, reason: 'The delivery has no valid Timestamp' };
	return { ok: true, event, sentAt };
}

/**
 * Max Delivery Age in ms, 300 s when unset, read as every number of the package is (numberFrom): text that is not
 * a number (what an expression may give), a negative or an empty value is an error, not "any age". Only the number
 * 0 turns the age check off: a "0" as text is refused, as it more likely is an expression gone wrong.
 */
export function maxDeliveryAgeMs(value: unknown): number | { error: string } {
	if (value === undefined || value === null) return 300_000;
	const zeroAsText = typeof value === 'string' && value.trim() !== '' && Number(value) === 0;
	const checked = zeroAsText ? undefined : numberFrom(value, MAX_AGE);
	if (checked && 'value' in checked) return checked.value * 1000;
	return {
		error: `Max Delivery Age (Options) must be a number of seconds, 0 or more, and is ${JSON.stringify(value)}: nothing was started, as the age check cannot run`,
	};
}

/** Why a delivery dated `sentAt` is refused, or undefined. `maxAgeMs` 0 accepts any age; a Timestamp further ahead
 * than the limit (a clock that runs fast) is refused the same way. */
export function tooOld(sentAt: number, now: number, maxAgeMs: number): string | undefined {
	if (maxAgeMs > 0 && Math.abs(now - sentAt) > maxAgeMs) {
		return `Stale delivery: its Timestamp is more than ${maxAgeMs / 1000} s from now`;
	}
	return undefined;
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
