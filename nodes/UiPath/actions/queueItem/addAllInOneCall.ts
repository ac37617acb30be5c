// Queue Item → Add, "All Input Items in One Call": every input item in one BulkAddQueueItems call, and one output
// item per input item saying whether it was added. Never re-sent after a timeout (the items may have been added).
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/router';
import { describeFolder } from '../../api/folders';
import type { FolderRef } from '../../transport';
import { folderOf } from '../common';
import { bulkAddOnce } from './bulkAddOnce';
import { bulkError, mapBulkAnswer, type NotAdded, type Outcome, type Sent } from './bulkOutcomes';
import { itemDataOf, queueNameOf } from './itemData';

interface Batch {
	commitType: string;
	target?: { folder: FolderRef; queueName: string; from: number };
	toSend: Sent;
	outcomes: Array<Outcome | undefined>;
	/** the items were added by an earlier try of this node (Retry On Fail), not by this one */
	repeated?: boolean;
}

/** One item into the batch; every item must go to the same queue of the same folder. */
function addToBatch(this: IExecuteFunctions, batch: Batch, itemIndex: number): void {
	const folder = folderOf.call(this, itemIndex);
	const queueName = queueNameOf.call(this, itemIndex);
	const target = (batch.target ??= { folder, queueName, from: itemIndex });
	if (folder.by !== target.folder.by || folder.value !== target.folder.value || queueName !== target.queueName) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex} goes to queue "${queueName}" in ${describeFolder(folder)}, but one call adds to one queue: "${target.queueName}" in ${describeFolder(target.folder)} (from item ${target.from})`,
			{ itemIndex, description: 'Use the mode "One per Input Item" to add to several queues, or split the items first.' },
		);
	}
	batch.toSend.push({ itemIndex, data: itemDataOf.call(this, itemIndex, queueName) });
}

/** Builds every item first: nothing is sent when an item is invalid and the node is to stop on errors. */
function buildBatch(this: IExecuteFunctions, count: number): Batch {
	const batch: Batch = { commitType: String(this.getNodeParameter('commitType', 0, 'ProcessAllIndependently')), toSend: [], outcomes: new Array(count) };
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			addToBatch.call(this, batch, itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			const e = error as NodeOperationError;
			batch.outcomes[itemIndex] = { added: false, message: e.message, description: e.description ?? undefined, own: true };
		}
	}
	const invalid = batch.outcomes.filter(Boolean).length;
	if (invalid && batch.commitType === 'AllOrNothing') {
		// Continue On Fail, but All or Nothing: sending the valid items alone would add some and not all.
		for (const { itemIndex, data } of batch.toSend) {
			batch.outcomes[itemIndex] = {
				added: false,
				message: `Not sent: ${invalid} other input item(s) could not be turned into queue items, and the commit type is All or Nothing`,
				data,
			};
		}
		batch.toSend.length = 0;
	}
	return batch;
}

/** One call for every valid item. */
async function sendBatch(this: IExecuteFunctions, batch: Batch): Promise<void> {
	if (!batch.toSend.length || !batch.target) return;
	const { folder, queueName } = batch.target;
	try {
		const queueItems = batch.toSend.map((s) => s.data);
		const answer = await bulkAddOnce.call(this, { queueName, commitType: batch.commitType, queueItems }, folder, batch.toSend[0].itemIndex);
		batch.repeated = answer.repeated;
		// items found by Reference are judged one by one: each is in the queue or not, whatever the commit type
		mapBulkAnswer(answer, batch.toSend, answer.foundByReference ? 'ProcessAllIndependently' : batch.commitType, batch.outcomes);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this, error);
		const e = error as NodeApiError;
		for (const { itemIndex, data } of batch.toSend) {
			batch.outcomes[itemIndex] = { added: false, message: e.message, description: e.description ?? undefined, data, own: true };
		}
	}
}

function outputOf(outcome: Outcome | undefined, queueName: string | undefined, repeated?: boolean): IDataObject {
	if (outcome?.added) {
		const fields = { ...outcome.data };
		delete fields.Name;
		return { added: true, queueName: queueName ?? null, ...fields, ...(repeated ? { alreadyAdded: true } : {}) };
	}
	const json: IDataObject = { added: false, error: outcome?.message ?? 'Not added' };
	if (outcome?.description) json.description = outcome.description;
	if (outcome && 'errorCode' in outcome && outcome.errorCode) json.errorCode = outcome.errorCode;
	if (queueName) json.queueName = queueName;
	if (outcome?.data?.Reference !== undefined) json.Reference = outcome.data.Reference;
	return json;
}

/**
 * Adds every input item in one call and returns one output item per input item: the item's data when it was
 * added, or (with Continue On Fail) an error item saying why not. Without Continue On Fail, any item not added
 * fails the node with an error listing which items failed and why.
 */
export async function addAllInOneCall(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const batch = buildBatch.call(this, count);
	await sendBatch.call(this, batch);
	const notAdded = batch.outcomes
		.map((o, itemIndex) => ({ o, itemIndex }))
		.filter((x): x is NotAdded => !!x.o && !x.o.added);
	if (notAdded.length && !this.continueOnFail()) {
		throw bulkError.call(this, batch.target?.queueName ?? '', batch.commitType, notAdded, count);
	}
	return batch.outcomes.map((o, itemIndex) => ({ json: outputOf(o, batch.target?.queueName, batch.repeated), pairedItem: { item: itemIndex } }));
}
