// Queue Item → Add (one call per item) through the shared startOnce: a repeat of the node (n8n's Retry On Fail)
// returns the item an earlier try of the same run added, and after a try without an answer looks it up by its
// Reference.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBackSlim, startOnce } from '../../../shared/startOnce';
import { addQueueItem, CONTENT_FIELDS, findQueueId, getQueueItem, listQueueItems } from '../../api/queues';
import { odataString, type FolderRef } from '../../transport';

// Clocks of n8n and Orchestrator may differ by this much.
const CLOCK_SLACK_MS = 120_000;

/** The item of this queue with this Reference created since `sentAt`: what an unanswered add may have made. */
async function itemWithReference(ctx: IExecuteFunctions, itemData: IDataObject, folder: FolderRef, itemIndex: number, sentAt: number) {
	const queueId = await findQueueId(ctx, String(itemData.Name), folder, itemIndex);
	if (queueId === undefined) return undefined;
	const since = new Date(sentAt - CLOCK_SLACK_MS).toISOString();
	const qs = {
		$filter: `QueueDefinitionId eq ${queueId} and Reference eq ${odataString(String(itemData.Reference))} and CreationTime ge ${since}`,
		$orderby: 'Id asc',
	};
	return (await listQueueItems(ctx, qs, folder, 1, itemIndex))[0];
}

export async function addQueueItemOnce(this: IExecuteFunctions, itemData: IDataObject, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	return await startOnce<IDataObject>(this, {
		itemIndex,
		request: { itemData, folder },
		send: async () => await addQueueItem(this, itemData, folder, itemIndex),
		findEarlier: itemData.Reference
			? async (sentAt) => await itemWithReference(this, itemData, folder, itemIndex, sentAt)
			: undefined,
		markRepeat: (item) => ({ ...item, alreadyAdded: true }),
		// a big item is kept without its content (twice in the answer), read back by Id on a retry
		slim: readBackSlim(CONTENT_FIELDS, async (item) => await getQueueItem(this, String(item.Id), folder, itemIndex)),
		cannotCheck: {
			message: 'Not added again: an earlier try of this node may already have added the item',
			description:
				'That try got no answer or a 5xx, and without a Reference n8n cannot look the item up. Look for it with Queue Item → Get Many; give items a Reference (Options) so a retry can check.',
		},
	});
}
