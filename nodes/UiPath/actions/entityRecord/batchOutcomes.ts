// What became of each record of an insert-batch, update-batch or delete-batch answer ({successRecords,
// failureRecords: [{error, record}]}), and the error that lists the records not written.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { BatchAnswer } from '../../api/dataFabric';

export type BatchKind = 'insert' | 'update' | 'delete';
export const VERB: Record<BatchKind, string> = { insert: 'created', update: 'updated', delete: 'deleted' };

/** One input item as sent: its entity, the body entry (a record, or a record Id for delete), the Id it names. */
export interface Sent {
	itemIndex: number;
	entityId: string;
	body: unknown;
	id?: string;
}

export type Outcome =
	| { ok: true; json: IDataObject }
	| { ok: false; message: string; description?: string; sent?: Sent; /** it failed itself, not because of another */ own: boolean };

type Failure = BatchAnswer['failureRecords'][number];

const textOfError = (f: Failure) => (typeof f.error === 'string' ? f.error : f.error === undefined ? 'no reason given' : JSON.stringify(f.error));

function failed(kind: BatchKind, f: Failure, sent: Sent): Outcome {
	return { ok: false, message: `Not ${VERB[kind]}: ${textOfError(f)}`, sent, own: true };
}

function succeeded(kind: BatchKind, record: IDataObject, sent: Sent): Outcome {
	return { ok: true, json: kind === 'delete' ? { deleted: true, id: sent.id ?? null } : record };
}

function unknown(kind: BatchKind, sent: Sent, said: string): Outcome {
	return {
		ok: false,
		message: `Unknown whether ${VERB[kind]}: Data Fabric's answer does not say what became of this record`,
		description: `${said} Check the entity (Entity Record → Get Many) before writing this record again.`,
		sent,
		own: true,
	};
}

/** JSON with its keys sorted, to compare a failure's record with what was sent. */
function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as IDataObject)[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

const idKey = (value: unknown) => String(value ?? '').toUpperCase();
const failureId = (f: Failure) => idKey(typeof f.record === 'string' ? f.record : (f.record as IDataObject | undefined)?.Id);

/** Updates and deletes: each answer record names its Id. */
function mapById(kind: BatchKind, sent: Sent[], answer: BatchAnswer, outcomes: Array<Outcome | undefined>): void {
	const successes = answer.successRecords.map((r) => ({ key: idKey(r.Id), r, used: false }));
	const failures = answer.failureRecords.map((f) => ({ key: failureId(f), f, used: false }));
	for (const s of sent) {
		const key = idKey(s.id);
		const hit = successes.find((x) => !x.used && x.key === key);
		const miss = hit ? undefined : failures.find((x) => !x.used && x.key === key);
		if (hit) hit.used = true;
		if (miss) miss.used = true;
		outcomes[s.itemIndex] = hit ? succeeded(kind, hit.r, s) : miss ? failed(kind, miss.f, s) : unknown(kind, s, 'It is neither among the records written nor among the failures.');
	}
}

/**
 * Inserts: the answer's records carry no reference to the request, so failures are matched to the records sent
 * (from the end: of two equal records the later one fails a uniqueness check), and the stored records, in order, to
 * the others. When the counts do not add up, the records not matched are reported as unknown.
 */
function mapInserts(sent: Sent[], answer: BatchAnswer, outcomes: Array<Outcome | undefined>): void {
	const failedAt = new Map<number, Failure>();
	let unmatched = 0;
	let last = sent.length - 1;
	for (const f of [...answer.failureRecords].reverse()) {
		const key = stable(f.record);
		let k = last;
		while (k >= 0 && stable(sent[k].body) !== key) k--;
		if (k < 0) unmatched++;
		else {
			failedAt.set(k, f);
			last = k - 1;
		}
	}
	const consistent = !unmatched && answer.successRecords.length === sent.length - failedAt.size;
	let next = 0;
	sent.forEach((s, k) => {
		const f = failedAt.get(k);
		if (f) outcomes[s.itemIndex] = failed('insert', f, s);
		else if (consistent) outcomes[s.itemIndex] = succeeded('insert', answer.successRecords[next++], s);
		else outcomes[s.itemIndex] = unknown('insert', s, `Data Fabric answered ${answer.successRecords.length} stored and ${answer.failureRecords.length} failed records for ${sent.length} sent.`);
	});
}

export function mapAnswer(kind: BatchKind, sent: Sent[], answer: BatchAnswer, outcomes: Array<Outcome | undefined>): void {
	if (kind === 'insert') mapInserts(sent, answer, outcomes);
	else mapById(kind, sent, answer, outcomes);
}

/** An output item for an outcome: the record written, or (Continue On Fail) why not. */
export function outputOf(kind: BatchKind, outcome: Outcome | undefined): IDataObject {
	if (outcome?.ok) return outcome.json;
	const json: IDataObject = { error: outcome?.message ?? `Not ${VERB[kind]}` };
	if (outcome?.description) json.description = outcome.description;
	const sent = outcome?.sent;
	if (sent?.id !== undefined) json.id = sent.id;
	if (sent && kind !== 'delete') json.record = sent.body as IDataObject;
	return json;
}

function itemList(entries: string[], most = 50): string {
	const shown = entries.slice(0, most).join(', ');
	return entries.length > most ? `${shown} and ${entries.length - most} more` : shown;
}

/** Without Continue On Fail: fails the node listing the records not written and why, and the ones written. */
export function batchError(this: IExecuteFunctions, kind: BatchKind, outcomes: Array<Outcome | undefined>): NodeOperationError {
	const verb = VERB[kind];
	const all = outcomes.map((o, itemIndex) => ({ o, itemIndex }));
	const bad = all.filter((x) => !x.o?.ok);
	const good = all.filter((x) => x.o?.ok);
	const own = bad.filter((x) => x.o && !x.o.ok && x.o.own);
	const message = good.length
		? `${bad.length} of ${all.length} records were not ${verb}; the other ${good.length} were ${verb}`
		: `None of the ${all.length} records was ${verb}: ${own.length === 1 ? `item ${own[0].itemIndex} failed` : `${own.length} items failed`}`;
	const lines = own.slice(0, 50).map(({ o, itemIndex }) => `item ${itemIndex}: ${o && !o.ok ? o.message.replace(/^Not \w+: /, '') : ''}`);
	if (own.length > 50) lines.push(`…and ${own.length - 50} more`);
	const others = bad.filter((x) => !own.includes(x)).map((x) => `item ${x.itemIndex}`);
	if (others.length) lines.push(`Not sent, as a call before them failed: ${itemList(others)}`);
	if (good.length) {
		const named = good.map(({ o, itemIndex }) => (kind === 'insert' && o?.ok ? `item ${itemIndex} (Id ${String(o.json.Id)})` : `item ${itemIndex}`));
		const after = kind === 'insert' ? 'They stay stored: running the node again would create them again.' : `These stay ${verb}.`;
		lines.push(`${verb[0].toUpperCase()}${verb.slice(1)}: ${itemList(named)}. ${after}`);
	}
	lines.push("Item numbers count from 0, as n8n's item index does. Turn on Continue On Fail to get one output item per input item saying whether it was written.");
	return new NodeOperationError(this.getNode(), message, { itemIndex: (own[0] ?? bad[0]).itemIndex, description: lines.join('\n') });
}
