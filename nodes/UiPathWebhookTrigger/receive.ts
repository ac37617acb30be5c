// One delivery from Orchestrator: its secret, signature, age and EventId, then the items it becomes.
import { NodeOperationError, type IDataObject, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { itemsOfEvent, maxDeliveryAgeMs, tooOld, verifyDelivery, type EventFilters } from './delivery';
import { deriveSecret } from './secret';
import { recordDelivery } from './seenIds';
import type { SubscriptionData } from './UiPathWebhookTrigger.node';

function refuse(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.getResponseObject().status(401).json({ message: reason });
	return { noWebhookResponse: true };
}

/** Secrets derived in this process, per trigger and salt: one credential read per subscription, not per delivery. */
const derivedSecrets = new Map<string, string>();

/** The secret this delivery must be signed with, or why there is none n8n can verify with. */
async function deliverySecret(ctx: IWebhookFunctions, data: SubscriptionData, triggerKey: string): Promise<{ secret?: string; reason?: string }> {
	if (!data.salt) {
		if (data.secret) return { secret: data.secret };
		return { reason: 'This trigger has no subscription secret: publish the workflow again' };
	}
	const known = derivedSecrets.get(`${triggerKey}:${data.salt}`);
	if (known) return { secret: known };
	const derived = await deriveSecret(ctx, data.salt);
	if (derived && derived.check === data.check) {
		derivedSecrets.set(`${triggerKey}:${data.salt}`, derived.secret);
		return { secret: derived.secret };
	}
	const reason =
		"The credential's secrets changed after the workflow was published, so n8n cannot verify Orchestrator's signature: unpublish and publish the workflow (or restart n8n) to subscribe again";
	ctx.logger.warn(`UiPath Webhook Trigger "${ctx.getNode().name}": ${reason}`);
	return { reason };
}

function maxAgeMsOf(ctx: IWebhookFunctions): number {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const maxAgeMs = maxDeliveryAgeMs(options.maxAgeSeconds);
	if (typeof maxAgeMs !== 'number') throw new NodeOperationError(ctx.getNode(), maxAgeMs.error);
	return maxAgeMs;
}

export async function receiveDelivery(ctx: IWebhookFunctions, data: SubscriptionData, triggerKey: string): Promise<IWebhookResponseData> {
	const secret = await deliverySecret(ctx, data, triggerKey);
	if (!secret.secret) return refuse(ctx, secret.reason!);
	const verdict = verifyDelivery({
		rawBody: ctx.getRequestObject().rawBody,
		signature: ctx.getHeaderData()['x-uipath-signature'] as string | undefined,
		secret: secret.secret,
	});
	if (!verdict.ok) return refuse(ctx, verdict.reason);
	// Read after the signature: a bad value shows as a failed execution only for deliveries Orchestrator signed.
	const maxAgeMs = maxAgeMsOf(ctx);
	// From here to recordDelivery nothing awaits: two deliveries of one event cannot both pass.
	const now = Date.now();
	const { event, sentAt } = verdict;
	const stale = tooOld(sentAt, now, maxAgeMs);
	if (stale) return refuse(ctx, stale);
	const subscribed = data.events ?? (ctx.getNodeParameter('events', []) as string[]);
	if (!subscribed.includes(String(event.Type))) return { webhookResponse: { message: 'Event not subscribed to' } };
	const seen = recordDelivery(triggerKey, data, { eventId: String(event.EventId), sentAt }, { now, maxAgeMs });
	if (seen === 'again') return { webhookResponse: { message: 'Delivery already received' } };
	if (seen === 'tooOld') return refuse(ctx, 'The delivery is older than the event ids this trigger still remembers');
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const items = itemsOfEvent(event, {
		folder: data.folder,
		processName: String(filters.processName ?? '').trim() || undefined,
		queueName: String(filters.queueName ?? '').trim() || undefined,
	} satisfies EventFilters);
	if (!items.length) return { webhookResponse: { message: 'Event outside the filters' } };
	// Answering here, before n8n starts the execution, is what makes n8n save the event id in the static data
	// (it skips the save when the execution has started first), so a replay after a restart starts nothing.
	ctx.getResponseObject().status(200).json({ message: 'Workflow was started' });
	return { noWebhookResponse: true, workflowData: [ctx.helpers.returnJsonArray(items)] };
}
