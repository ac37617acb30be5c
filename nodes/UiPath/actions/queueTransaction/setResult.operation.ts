import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';
import { jsonObjectOf } from '../../../shared/parameters';
import { withStateAdvice } from '../../api/conflicts';
import { getQueueItem } from '../../api/queues';
import { setTransactionResult } from '../../api/queueTransactions';
import { folderField, folderOf } from '../common';
import { queueItemIdOf } from '../queueItem/itemId';
import { transactionIdField } from './transactionId';

export const option = {
	name: 'Set Result',
	action: 'Set the result of a queue transaction',
	description: 'End an In Progress transaction as successful (with output) or failed (with an exception)',
};

const whenFailed = { show: { result: ['failed'] } };

export const description: INodeProperties[] = [
	folderField,
	transactionIdField,
	optionsParameter('Result', 'result', [
		['Successful', 'successful'],
		['Failed', 'failed'],
	]),
	{
		displayName: 'Output (JSON)',
		name: 'output',
		type: 'json',
		default: '{}',
		description: 'An object of what the processing produced, e.g. {"BookingId": "B-17"}; kept as the item\'s Output',
	},
	optionsParameter('Exception Type', 'exceptionType', [
		['Business Exception', 'BusinessException', 'The data is wrong: not retried'],
		['Application Exception', 'ApplicationException', "A system failed: retried if the queue's retries allow"],
	], { displayOptions: whenFailed }),
	{ displayName: 'Reason', name: 'reason', type: 'string', default: '', required: true, displayOptions: whenFailed, description: 'Why it failed, in short' },
	{ displayName: 'Details', name: 'details', type: 'string', typeOptions: { rows: 3 }, default: '', displayOptions: whenFailed },
];

function transactionResultOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const output = jsonObjectOf.call(this, 'output', itemIndex, { label: 'Output (JSON)', example: '{"BookingId": "B-17"}', keys: 'Output must be a JSON object.' });
	const outputPart = Object.keys(output).length ? { Output: output } : {};
	if (this.getNodeParameter('result', itemIndex) === 'successful') return { IsSuccessful: true, ...outputPart };
	const reason = String(this.getNodeParameter('reason', itemIndex, '')).trim();
	if (!reason) throw new NodeOperationError(this.getNode(), 'Give a Reason for the failure', { itemIndex, description: 'Orchestrator shows it beside the failed item.' });
	const type = this.getNodeParameter('exceptionType', itemIndex) as string;
	const details = String(this.getNodeParameter('details', itemIndex, ''));
	return { IsSuccessful: false, ...outputPart, ProcessingException: { Type: type, Reason: reason, ...(details ? { Details: details } : {}) } };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = queueItemIdOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const result = transactionResultOf.call(this, itemIndex);
	await withStateAdvice(
		this,
		itemIndex,
		async () => await setTransactionResult(this, id, result, folder, itemIndex),
		'A result can be set once, on a transaction taken with Queue Transaction → Start: this one was already ended, or never started.',
	);
	// The item as Orchestrator now has it: Successful, Failed, or Retried when an application exception is retried.
	return await getQueueItem(this, id, folder, itemIndex);
}
