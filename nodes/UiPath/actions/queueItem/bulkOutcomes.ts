// What became of each input item of one BulkAddQueueItems call, and the error that lists the items not added.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { BulkAnswer, BulkFailure } from '../../api/queues';

const COMMIT_TYPE_NAMES: Record<string, string> = {
	AllOrNothing: 'All or Nothing',
	ProcessAllIndependently: 'Process All Independently',
	StopOnFirstFailure: 'Stop on First Failure',
};

/** What became of one input item. */
export type Outcome =
	| { added: true; data: IDataObject }
	| {
			added: false;
			message: string;
			description?: string;
			errorCode?: string;
			data?: IDataObject;
			/** whether this item failed itself, rather than not being added because another did */
			own?: boolean;
	  };

export type NotAdded = { o: Extract<Outcome, { added: false }>; itemIndex: number };

export type Sent = Array<{ itemIndex: number; data: IDataObject }>;

function failureText(f: BulkFailure): string {
	return [f.ErrorCode, f.ErrorMessage].filter(Boolean).join(': ') || 'no reason given';
}

interface Reading {
	answer: BulkAnswer;
	sent: Sent;
	commitType: string;
	byOrdinal: Map<number, BulkFailure>;
	unattributed: BulkFailure[];
}

/** The outcome of the item sent at `ordinal`. */
function outcomeAt(r: Reading, ordinal: number, data: IDataObject): Outcome {
	const failures = r.answer.FailedItems ?? [];
	const own = r.byOrdinal.get(ordinal);
	const firstFailure = r.byOrdinal.size ? Math.min(...r.byOrdinal.keys()) : undefined;
	if (own) {
		const description = r.commitType === 'AllOrNothing' ? 'With All or Nothing, no item of this call was added.' : undefined;
		return { added: false, message: `Not added: ${failureText(own)}`, errorCode: own.ErrorCode, description, data, own: true };
	}
	if (r.commitType === 'AllOrNothing' && (failures.length > 0 || r.answer.Success === false)) {
		const failedInputs = [...r.byOrdinal.keys()].map((o) => `item ${r.sent[o].itemIndex}`).join(', ');
		const said = r.unattributed.length ? ` (${r.unattributed.map(failureText).join('; ')})` : '';
		return { added: false, message: `Not added: the commit type is All or Nothing and ${failedInputs || 'another item'} failed${said}`, data };
	}
	if (r.commitType === 'StopOnFirstFailure' && firstFailure !== undefined && ordinal > firstFailure) {
		return { added: false, message: `Not added: the call stopped at the first failure (item ${r.sent[firstFailure].itemIndex})`, data };
	}
	if (r.unattributed.length || (r.answer.Success === false && !failures.length)) {
		const said = r.unattributed.length ? r.unattributed.map(failureText).join('; ') : r.answer.Message || 'no reason given';
		return {
			added: false,
			message: `Unknown whether added: UiPath reported a failure without saying which item it concerns (${said})`,
			description: 'Check the queue in Orchestrator before adding this item again.',
			data,
			own: true,
		};
	}
	return { added: true, data };
}

/** Turns the API's FailedItems (Ordinal = position in the request's queueItems) into an outcome per input item. */
export function mapBulkAnswer(answer: BulkAnswer, sent: Sent, commitType: string, outcomes: Array<Outcome | undefined>): void {
	const byOrdinal = new Map<number, BulkFailure>();
	const unattributed: BulkFailure[] = [];
	for (const f of answer.FailedItems ?? []) {
		if (typeof f.Ordinal === 'number' && f.Ordinal >= 0 && f.Ordinal < sent.length && !byOrdinal.has(f.Ordinal)) byOrdinal.set(f.Ordinal, f);
		else unattributed.push(f);
	}
	const reading = { answer, sent, commitType, byOrdinal, unattributed };
	sent.forEach(({ itemIndex, data }, ordinal) => {
		outcomes[itemIndex] = outcomeAt(reading, ordinal, data);
	});
}

function itemList(indexes: number[], most = 20): string {
	const shown = indexes.slice(0, most).join(', ');
	return indexes.length > most ? `${shown} and ${indexes.length - most} more` : shown;
}

export function bulkError(this: IExecuteFunctions, queueName: string, commitType: string, notAdded: NotAdded[], total: number): NodeOperationError {
	const added = total - notAdded.length;
	const own = notAdded.filter(({ o }) => o.own);
	const others = notAdded.filter(({ o }) => !o.own).map(({ itemIndex }) => itemIndex);
	const mode = COMMIT_TYPE_NAMES[commitType] ?? commitType;
	const failed = own.length === 1 ? `item ${own[0].itemIndex} failed` : `${own.length} items failed`;
	const message =
		added === 0
			? `None of the ${total} items was added to queue "${queueName}" (${mode}): ${failed}`
			: `${notAdded.length} of ${total} items were not added to queue "${queueName}" (${mode}); the other ${added} were added`;
	const MOST = 50;
	const lines = own.slice(0, MOST).map(({ o, itemIndex }) => `item ${itemIndex}: ${o.message.replace(/^Not added: /, '')}`);
	if (own.length > MOST) lines.push(`…and ${own.length - MOST} more`);
	if (others.length) lines.push(`Not added because of ${own.length === 1 ? 'it' : 'them'}: item ${itemList(others)}`);
	lines.push(
		added === 0
			? 'Nothing was added to the queue.'
			: 'The items that were added are in the queue: running the node again would add them again.',
	);
	lines.push('Item numbers count from 0, as n8n\'s item index does. Turn on Continue On Fail to get one output item per input item saying whether it was added.');
	return new NodeOperationError(this.getNode(), message, {
		itemIndex: (own[0] ?? notAdded[0]).itemIndex,
		description: lines.join('\n'),
	});
}
