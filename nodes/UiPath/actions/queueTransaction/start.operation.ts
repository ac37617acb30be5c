import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsParameter } from '../../../shared/optionsParameter';
import { optionsCollection } from '../../../shared/parameters';
import { readBackSlim, startOnce } from '../../../shared/startOnce';
import { startTransaction } from '../../api/queueTransactions';
import { CONTENT_FIELDS, getQueueItem } from '../../api/queues';
import type { FolderRef } from '../../transport';
import { queueLocator } from '../../descriptions';
import { folderField, folderOf } from '../common';
import { queueNameOf } from '../queueItem/itemData';

export const option = {
	name: 'Start',
	action: 'Start a queue transaction',
	description: 'Take the next item of a queue to process it; it is In Progress until you set its result',
};

export const description: INodeProperties[] = [
	folderField,
	{ ...queueLocator, description: 'The queue to take the next item from' },
	optionsCollection('transactionOptions', [
		{
			displayName: 'Output an Item When the Queue Is Empty',
			name: 'outputWhenEmpty',
			type: 'boolean',
			default: false,
			description: 'Whether an empty queue gives one item {"empty": true, "queue": …} instead of no output (which ends the branch)',
		},
		{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: 'Only take an item with this reference' },
		optionsParameter('Reference Match', 'referenceFilterOption', [
			['Equals', 'Equals'],
			['Starts With', 'StartsWith'],
		], { description: 'How the reference is matched' }),
	]),
];

/**
 * Once per item and run of the node: a re-run (Retry On Fail) gets the item an earlier try took, not a second one
 * (which would leave the first In Progress). null: the queue was empty.
 */
async function takeOnce(ctx: IExecuteFunctions, data: IDataObject, folder: FolderRef, itemIndex: number): Promise<IDataObject | null> {
	return await startOnce<IDataObject | null, IDataObject>(ctx, {
		itemIndex,
		request: { data, folder },
		send: async () => (await startTransaction(ctx, data, folder, itemIndex)) ?? null,
		markRepeat: (item) => item && { ...item, alreadyStarted: true },
		// a big item is kept without its content, read back by Id on a retry (it does not change while In Progress)
		slim: readBackSlim(CONTENT_FIELDS, async (item) => await getQueueItem(ctx, String(item.Id), folder, itemIndex)),
		cannotCheck: {
			message: 'Not started again: an earlier try of this node may already have taken an item of the queue',
			description:
				'That try got no answer or a 5xx, so an item may be In Progress for it. Look for it with Queue Item → Get Many (Status In Progress) and set its result, or let Orchestrator abandon it.',
		},
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const queue = queueNameOf.call(this, itemIndex);
	const options = this.getNodeParameter('transactionOptions', itemIndex, {}) as IDataObject;
	const data: IDataObject = { Name: queue };
	if (options.reference) {
		data.Reference = String(options.reference);
		data.ReferenceFilterOption = options.referenceFilterOption ?? 'Equals';
	}
	const item = await takeOnce(this, data, folderOf.call(this, itemIndex), itemIndex);
	if (item) return [item];
	// An empty queue is not an error: a worker simply has nothing to do.
	if (options.outputWhenEmpty) return [{ empty: true, queue }];
	this.addExecutionHints({ message: `Queue "${queue}" has no item to process: no output for item ${itemIndex}.`, location: 'outputPane' });
	return [];
}
