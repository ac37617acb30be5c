// Queue Item → Add in bulk through the shared startOnce: n8n's Retry On Fail runs the node again, and the one
// BulkAddQueueItems call would add every item again. A repeat returns the earlier answer; after a try without an
// answer (or a 5xx) it looks the items up by their References, and sends nothing when they are there.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { startOnce } from '../../../shared/startOnce';
import { bulkAddQueueItems, findQueueId, listQueueItems, type BulkAnswer } from '../../api/queues';
import { odataString, type FolderRef } from '../../transport';

// Clocks of n8n and Orchestrator may differ by this much.
const CLOCK_SLACK_MS = 120_000;
// References per lookup, so the $filter stays a reasonable URL.
const REFERENCES_PER_READ = 40;

export interface BulkBody {
	queueName: string;
	commitType: string;
	queueItems: IDataObject[];
}

/** The answer of an earlier try: `repeated` when it is returned instead of sending again. */
export type BulkResult = BulkAnswer & { repeated?: boolean; foundByReference?: boolean };

/** The References of `body` found in its queue since `sentAt`. */
async function referencesAdded(ctx: IExecuteFunctions, body: BulkBody, folder: FolderRef, sentAt: number): Promise<Set<string>> {
	const found = new Set<string>();
	const queueId = await findQueueId(ctx, body.queueName, folder);
	if (queueId === undefined) return found;
	const since = new Date(sentAt - CLOCK_SLACK_MS).toISOString();
	const references = body.queueItems.map((item) => String(item.Reference));
	for (let from = 0; from < references.length; from += REFERENCES_PER_READ) {
		const anyOf = references.slice(from, from + REFERENCES_PER_READ).map((r) => `Reference eq ${odataString(r)}`).join(' or ');
		const qs = { $filter: `QueueDefinitionId eq ${queueId} and CreationTime ge ${since} and (${anyOf})`, $select: 'Id,Reference' };
		for (const item of await listQueueItems(ctx, qs, folder, Infinity, 0)) found.add(String(item.Reference));
	}
	return found;
}

/**
 * What an unanswered try added, as an answer: undefined when none of its items is in the queue (so it is sent
 * again); else each item not found is reported as not added, and none is sent again.
 */
async function earlierAnswer(ctx: IExecuteFunctions, body: BulkBody, folder: FolderRef, sentAt: number): Promise<BulkResult | undefined> {
	const found = await referencesAdded(ctx, body, folder, sentAt);
	if (!found.size) return undefined;
	const FailedItems = body.queueItems
		.map((item, Ordinal) => ({ item, Ordinal }))
		.filter(({ item }) => !found.has(String(item.Reference)))
		.map(({ Ordinal }) => ({
			Ordinal,
			ErrorCode: 'NotInQueue',
			ErrorMessage: 'an earlier try of this node got no answer and added the other items but not this one; it was not sent again',
		}));
	return { Success: FailedItems.length === 0, FailedItems, foundByReference: true };
}

export async function bulkAddOnce(this: IExecuteFunctions, body: BulkBody, folder: FolderRef, itemIndex: number): Promise<BulkResult> {
	return await startOnce<BulkResult>(this, {
		itemIndex,
		request: { body, folder },
		send: async () => await bulkAddQueueItems(this, body, folder),
		findEarlier: body.queueItems.every((item) => item.Reference)
			? async (sentAt) => await earlierAnswer(this, body, folder, sentAt)
			: undefined,
		markRepeat: (answer) => ({ ...answer, repeated: true }),
		cannotCheck: {
			message: 'Not added again: an earlier try of this node may already have added these items',
			description:
				'That try of the one call for all items got no answer or a 5xx, and without a Reference on every item n8n cannot look them up. Look for them with Queue Item → Get Many; give every item a Reference (Options) so a retry can check.',
		},
	});
}
