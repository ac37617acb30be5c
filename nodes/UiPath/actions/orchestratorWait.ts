// The durable waits of the UiPath node (Job → Start, Queue Item → Add): how the end of the work reaches the paused
// execution (an Orchestrator webhook subscription whose URL is the execution's resume URL, or the robot calling
// that URL), and the subscription's life: named with its deadline, swept after it, deleted at the resume.
import type { IDataObject, IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { awaitsOf, deadlineMessageOf, type DurableService, type PausedWait, type ReadContext } from '../../shared/durableWait';
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

/** What one kind of Orchestrator work adds to the shared wait; `A` is what one item waits for (kept as JSON). */
export interface OrchestratorWork<A extends IDataObject> {
	kind: string;
	/** what the work is called in messages: "job", "queue item" */
	noun: string;
	/** the webhook events of its end, and the event fields that carry one record or several */
	endEvents: string[];
	record: { one: string; many: string };
	/** the records one item waits for */
	idsOf(awaits: A): number[];
	/** whether a record of an end event concerns the wait (`ids`: every awaited id) */
	isAbout(record: IDataObject, ids: Set<number>, awaits: A[]): boolean;
	/** one record as Orchestrator shows it now, whether it has ended, and the item's output for it (throws as Poll would) */
	read(ctx: ReadContext, id: number, awaits: A, itemIndex: number): Promise<IDataObject>;
	ended(record: IDataObject): boolean;
	output(ctx: ReadContext, record: IDataObject, awaits: A, itemIndex: number): IDataObject;
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

async function subscribe<A extends IDataObject>(ctx: IExecuteFunctions, work: OrchestratorWork<A>, wait: { waitId: string; deadline: Date; resumeUrl: string }): Promise<IDataObject> {
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
async function admitDelivery<A extends IDataObject>(ctx: IWebhookFunctions, work: OrchestratorWork<A>, wait: PausedWait) {
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
	const awaits = awaitsOf<A>(wait);
	const ids = new Set(awaits.flatMap((a) => work.idsOf(a)));
	const records = [verdict.event[work.record.one], ...((verdict.event[work.record.many] as IDataObject[] | undefined) ?? [])].filter(Boolean) as IDataObject[];
	if (records.some((record) => work.isAbout(record, ids, awaits))) return { read: 'now' as const };
	// A delivery that was lost (n8n down when the work ended) must not lose the result: another record's end
	// makes the wait read its own again when it has not for a while (and always first after a restart).
	if (!readRecently(ctx, wait, READ_AGAIN_AFTER_MS)) return { read: 'now' as const };
	return { ignore: `Not the awaited ${work.noun}: the execution goes on waiting` };
}

/** Every record of one item read again: their outputs once all ended, undefined while one still runs. */
async function readAll<A extends IDataObject>(work: OrchestratorWork<A>, ctx: ReadContext, awaits: A, itemIndex: number) {
	const read: IDataObject[] = [];
	for (const id of work.idsOf(awaits)) {
		const record = await work.read(ctx, id, awaits, itemIndex);
		if (!work.ended(record)) return undefined;
		read.push(record);
	}
	return read.map((record) => work.output(ctx, record, awaits, itemIndex));
}

/** The durable wait of one kind of Orchestrator work, by webhook subscription or by the robot's call back. */
export function orchestratorWait<A extends IDataObject>(work: OrchestratorWork<A>): DurableService {
	return {
		kind: work.kind,
		prepare: async (ctx, wait) => (wait.via === 'webhook' ? await subscribe(ctx, work, wait) : {}),
		readAgain: async (ctx, awaits, itemIndex) => await readAll(work, ctx, awaits as A, itemIndex),
		admit: async (ctx, wait) => (wait.via === 'callback' ? { read: 'callback' } : await admitDelivery(ctx, work, wait)),
		async release(ctx, wait) {
			const id = Number(wait.service.subscriptionId);
			if (wait.via !== 'webhook' || !Number.isFinite(id)) return true;
			return await deleteWebhook(asHook(ctx), id);
		},
		deadlineMessage: (wait) => deadlineMessageOf(work.noun, awaitsOf<A>(wait).flatMap((a) => work.idsOf(a)), wait.deadline, work.deadlineAdvice),
	};
}
