// What a delivery from Orchestrator must prove before it starts an execution, and the items it becomes.
import type { IDataObject } from 'n8n-workflow';

import { numberFrom, type NumberRule } from '../shared/numbers';
export { signatureOf, tooOld, verifyDelivery, type Verdict } from '../UiPath/api/webhookSignature';

const MAX_AGE: NumberRule = { label: 'Max Delivery Age (Options)', what: 'a number of seconds', min: 0 };

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
