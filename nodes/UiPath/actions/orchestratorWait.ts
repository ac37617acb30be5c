// The durable waits of the UiPath node (Job → Start, Queue Item → Add): how the end of the work reaches the paused
// execution (an Orchestrator webhook subscription whose URL is the execution's resume URL, or the robot calling
// that URL), and the subscription's life: named with its deadline, swept after it, deleted at the resume.
import type { IDataObject, IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DurableService, PausedWait, ReadContext } from '../../shared/durableWait';
import { readRecently } from '../../shared/resumeWebhook';
import { createWebhook, deleteWebhook, listWebhooks } from '../api/webhooks';
import { tooOld, verifyDelivery } from '../api/webhookSignature';

/** Subscriptions of durable waits are named so; the deadline in the name is what the sweep reads. */
const NAME_PREFIX = 'n8n durable wait · until ';
/** A subscription outlives its wait's deadline by this much before a sweep removes it. */
const SWEEP_AFTER_MS = 300_000;
/** A delivery for other work still makes the wait read its own when the last read is older than this. */
const READ_AGAIN_AFTER_MS = 60_000;
const MAX_DELIVERY_AGE_MS = 300_000;

/** What one kind of Orchestrator work adds to the shared wait. */
export interface OrchestratorWork {
	kind: string;
	/** what the work is called in messages: "job", "queue item" */
	noun: string;
	/** the webhook events of its end */
	endEvents: string[];
	/** whether an end event is about what the wait waits for (an event may be about several records) */
	isAbout(event: IDataObject, wait: PausedWait): boolean;
	/** the ids the wait waits for, for messages */
	awaitedIdsOf(wait: PausedWait): number[];
	readAgain: DurableService['readAgain'];
	/** after "… had not ended at the wait's deadline (…): n8n resumed the execution without reading it again." */
	deadlineAdvice: string;
}

const asHook = (ctx: ReadContext) => ctx as unknown as IHookFunctions;

/** The subscription's secret: n8n's own resume-URL signature over the wait's id, so nothing has to keep it. */
function secretOf(ctx: ReadContext, waitId: string): string {
	return new URL(ctx.getSignedResumeUrl({ durableWait: waitId })).searchParams.get('signature') ?? '';
}

/** Removes the subscriptions of durable waits whose deadline passed: those of waits that will never resume. */
export async function sweepExpiredWaits(ctx: IHookFunctions): Promise<number> {
	const now = Date.now();
	const expired = (await listWebhooks(ctx)).filter((hook) => {
		if (!hook.Name?.startsWith(NAME_PREFIX)) return false;
		const deadline = Date.parse(hook.Name.slice(NAME_PREFIX.length).split(' ')[0]);
		return Number.isFinite(deadline) && deadline + SWEEP_AFTER_MS < now;
	});
	for (const hook of expired) await deleteWebhook(ctx, hook.Id);
	return expired.length;
}

async function subscribe(ctx: IExecuteFunctions, work: OrchestratorWork, wait: { waitId: string; deadline: Date; resumeUrl: string }): Promise<IDataObject> {
	await sweepExpiredWaits(asHook(ctx));
	const executionId = ctx.getExecutionId();
	const created = await createWebhook(asHook(ctx), {
		name: `${NAME_PREFIX}${wait.deadline.toISOString()} · execution ${executionId}`,
		description: `Resumes n8n execution ${executionId} (workflow "${ctx.getWorkflow().name ?? ''}", node "${ctx.getNode().name}") when its ${work.noun} ends. Removed at the resume; safe to delete after ${wait.deadline.toISOString()}.`,
		url: wait.resumeUrl,
		secret: secretOf(ctx, wait.waitId),
		events: work.endEvents,
	});
	return { subscriptionId: created.Id };
}

/** What one delivery to the resume URL is: refused (signature, age), not an end, the awaited work's, or another's. */
async function admitDelivery(ctx: IWebhookFunctions, work: OrchestratorWork, wait: PausedWait) {
	const verdict = verifyDelivery({
		rawBody: ctx.getRequestObject().rawBody,
		signature: ctx.getHeaderData()['x-uipath-signature'] as string | undefined,
		secret: secretOf(ctx, wait.waitId),
	});
	if (!verdict.ok) return { refuse: verdict.reason };
	const stale = tooOld(verdict.sentAt, Date.now(), MAX_DELIVERY_AGE_MS);
	if (stale) return { refuse: stale };
	const type = String(verdict.event.Type);
	if (!work.endEvents.includes(type)) return { ignore: `Not the end of a ${work.noun} (${type}): the execution goes on waiting` };
	if (work.isAbout(verdict.event, wait)) return { read: 'now' as const };
	// A delivery that was lost (n8n down when the work ended) must not lose the result: another record's end
	// makes the wait read its own again when it has not for a while (and always first after a restart).
	if (!readRecently(ctx, wait, READ_AGAIN_AFTER_MS)) return { read: 'now' as const };
	return { ignore: `Not the awaited ${work.noun}: the execution goes on waiting` };
}

/** The durable wait of one kind of Orchestrator work, by webhook subscription or by the robot's call back. */
export function orchestratorWait(work: OrchestratorWork): DurableService {
	return {
		kind: work.kind,
		prepare: async (ctx, wait) => (wait.via === 'webhook' ? await subscribe(ctx, work, wait) : {}),
		readAgain: work.readAgain,
		admit: async (ctx, wait) => (wait.via === 'callback' ? { read: 'callback' } : await admitDelivery(ctx, work, wait)),
		async release(ctx, wait) {
			const id = Number(wait.service.subscriptionId);
			if (wait.via !== 'webhook' || !Number.isFinite(id)) return true;
			return await deleteWebhook(asHook(ctx), id);
		},
		deadlineMessage(wait) {
			const ids = work.awaitedIdsOf(wait);
			const what = `${work.noun[0].toUpperCase()}${work.noun.slice(1)}${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;
			return `${what} had not ended at the wait's deadline (${wait.deadline}): n8n resumed the execution without reading it again. ${work.deadlineAdvice}`;
		},
	};
}

/** The records an event carries (one, or a list for events about several). */
export function recordsOf(event: IDataObject, one: string, many: string): IDataObject[] {
	return [event[one], ...((event[many] as IDataObject[] | undefined) ?? [])].filter(Boolean) as IDataObject[];
}
