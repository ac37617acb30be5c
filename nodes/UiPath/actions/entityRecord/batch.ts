// Create Many, Update Many and Delete Many: every input item in batch calls (one entity per call, at most 1,000
// records each; failOnFirst=false, so each record is judged on its own), and one output item per input item.
// Never re-sent after a timeout or 5xx: the records may have been written.
import type { IExecuteFunctions, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/router';
import { batchRecords, RECORDS_PER_BATCH } from '../../api/dataFabric';
import { batchError, mapAnswer, outputOf, VERB, type BatchKind, type Outcome, type Sent } from './batchOutcomes';

/** Builds every item first: nothing is sent when an item is invalid and the node is to stop on errors. */
async function prepareAll(this: IExecuteFunctions, prepare: (itemIndex: number) => Promise<Sent>, outcomes: Array<Outcome | undefined>): Promise<Sent[]> {
	const sent: Sent[] = [];
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		try {
			sent.push(await prepare(itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			const e = error as NodeOperationError;
			outcomes[itemIndex] = { ok: false, message: e.message, description: e.description ?? undefined, own: true };
		}
	}
	return sent;
}

/** The calls to make: the items of each entity (in the order they first appear), 1,000 at a time. */
function callsOf(sent: Sent[]): Sent[][] {
	const byEntity = new Map<string, Sent[]>();
	for (const s of sent) {
		const key = s.entityId.toLowerCase();
		byEntity.set(key, [...(byEntity.get(key) ?? []), s]);
	}
	const calls: Sent[][] = [];
	for (const items of byEntity.values()) {
		for (let from = 0; from < items.length; from += RECORDS_PER_BATCH) calls.push(items.slice(from, from + RECORDS_PER_BATCH));
	}
	return calls;
}

function callFailed(kind: BatchKind, call: Sent[], error: unknown, outcomes: Array<Outcome | undefined>): void {
	const e = error as NodeApiError;
	for (const s of call) {
		outcomes[s.itemIndex] = { ok: false, message: `Not ${VERB[kind]}: ${e.message}`, description: e.description ?? undefined, sent: s, own: true };
	}
}

function notSent(kind: BatchKind, call: Sent[], outcomes: Array<Outcome | undefined>): void {
	for (const s of call) outcomes[s.itemIndex] = { ok: false, message: `Not ${VERB[kind]}: not sent, as an earlier call failed`, sent: s, own: false };
}

/**
 * Sends every item and returns one output item per input item (pairedItem kept): the record written, or with
 * Continue On Fail an `{error}` item. Without it, a failure fails the node with an error that lists which items
 * were not written and why, and which were (those stay written).
 */
export async function runBatch(this: IExecuteFunctions, kind: BatchKind, prepare: (itemIndex: number) => Promise<Sent>): Promise<INodeExecutionData[]> {
	const outcomes: Array<Outcome | undefined> = new Array(this.getInputData().length);
	const sent = await prepareAll.call(this, prepare, outcomes);
	let stopped = false;
	for (const call of callsOf(sent)) {
		if (stopped) {
			notSent(kind, call, outcomes);
			continue;
		}
		try {
			const answer = await batchRecords(this, call[0].entityId, kind, call.map((s) => s.body), call[0].itemIndex);
			mapAnswer(kind, call, answer, outcomes);
		} catch (error) {
			// nothing written yet: the API's own error, as one call would give it
			if (!this.continueOnFail() && !outcomes.some((o) => o?.ok)) throw asNodeError(this, error, call[0].itemIndex);
			callFailed(kind, call, error, outcomes);
			stopped = !this.continueOnFail();
		}
	}
	if (outcomes.some((o) => !o?.ok) && !this.continueOnFail()) throw batchError.call(this, kind, outcomes);
	return outcomes.map((o, itemIndex) => ({ json: outputOf(kind, o), pairedItem: { item: itemIndex } }));
}
