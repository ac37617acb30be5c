import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withStateAdvice } from '../../api/conflicts';
import { setTransactionProgress } from '../../api/queueTransactions';
import { folderField, folderOf } from '../common';
import { queueItemIdOf } from '../queueItem/itemId';
import { transactionIdField } from './transactionId';

export const option = {
	name: 'Set Progress',
	action: 'Set the progress of a queue transaction',
	description: 'Report how far an In Progress transaction got (shown in Orchestrator)',
};

export const description: INodeProperties[] = [
	folderField,
	transactionIdField,
	{ displayName: 'Progress', name: 'progress', type: 'string', default: '', placeholder: 'e.g. Invoice read, booking', description: 'Free text' },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = queueItemIdOf.call(this, itemIndex);
	const progress = String(this.getNodeParameter('progress', itemIndex, ''));
	await withStateAdvice(
		this,
		itemIndex,
		async () => await setTransactionProgress(this, id, progress, folderOf.call(this, itemIndex), itemIndex),
		'Progress can be set only while the transaction runs: between Queue Transaction → Start and Set Result.',
	);
	return { Id: Number(id), Progress: progress };
}
