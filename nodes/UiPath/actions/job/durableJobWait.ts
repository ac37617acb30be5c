// Job → Start's durable wait: how the end of a job reaches the paused execution (an Orchestrator webhook
// subscription to the job end events whose URL is the execution's resume URL, or the robot calling that URL),
// and how the job is read again before the execution resumes.
import type { IDataObject, IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { DurableService, PausedWait, ReadContext } from '../../../shared/durableWait';
import { readRecently } from '../../../shared/resumeWebhook';
import { FINISHED_JOB_STATES, getJob, type Job } from '../../api/jobs';
import { createWebhook, deleteWebhook, listWebhooks } from '../../api/webhooks';
import { tooOld, verifyDelivery } from '../../api/webhookSignature';
import type { FolderRef, UiPathContext } from '../../transport';
import { finishedJobOutput } from './waitForJob';

const JOB_END_EVENTS = ['job.completed', 'job.faulted', 'job.stopped'];
/** Subscriptions of durable waits are named so; the deadline in the name is what the sweep reads. */
const NAME_PREFIX = 'n8n durable wait · until ';
/** A subscription outlives its wait's deadline by this much before a sweep removes it. */
const SWEEP_AFTER_MS = 300_000;
/** A delivery for another job still makes the wait read its own jobs when the last read is older than this. */
const READ_AGAIN_AFTER_MS = 60_000;
const MAX_DELIVERY_AGE_MS = 300_000;

export interface AwaitedJobs extends IDataObject {
	jobs: number[];
	folder: IDataObject;
	returnFailed: boolean;
}

/** Every job the wait still waits for. */
const awaitedJobsOf = (wait: PausedWait) => wait.items.flatMap((item) => ('awaits' in item ? (item.awaits as AwaitedJobs).jobs : []));

const asContext = (ctx: ReadContext) => ctx as unknown as UiPathContext;
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

async function subscribe(ctx: IExecuteFunctions, wait: { waitId: string; deadline: Date; resumeUrl: string }): Promise<IDataObject> {
	await sweepExpiredWaits(asHook(ctx));
	const executionId = ctx.getExecutionId();
	const created = await createWebhook(asHook(ctx), {
		name: `${NAME_PREFIX}${wait.deadline.toISOString()} · execution ${executionId}`,
		description: `Resumes n8n execution ${executionId} (workflow "${ctx.getWorkflow().name ?? ''}", node "${ctx.getNode().name}") when its job ends. Removed at the resume; safe to delete after ${wait.deadline.toISOString()}.`,
		url: wait.resumeUrl,
		secret: secretOf(ctx, wait.waitId),
		events: JOB_END_EVENTS,
	});
	return { subscriptionId: created.Id };
}

/** The job ids an event is about (Job, or Jobs for events of several). */
function jobIdsOf(event: IDataObject): number[] {
	const records = [event.Job, ...((event.Jobs as IDataObject[] | undefined) ?? [])].filter(Boolean) as IDataObject[];
	return records.map((record) => Number(record.Id));
}

export const uiPathJobWait: DurableService = {
	kind: 'uiPathJob',
	prepare: async (ctx, wait) => (wait.via === 'webhook' ? await subscribe(ctx, wait) : {}),
	async readAgain(ctx, awaits, itemIndex) {
		const { jobs, folder, returnFailed } = awaits as AwaitedJobs;
		const read: Job[] = [];
		for (const id of jobs) {
			const job = await getJob(asContext(ctx), id, folder as unknown as FolderRef, itemIndex);
			if (!FINISHED_JOB_STATES.includes(job.State)) return undefined;
			read.push(job);
		}
		return read.map((job) => finishedJobOutput(ctx, job, itemIndex, returnFailed));
	},
	async admit(ctx: IWebhookFunctions, wait: PausedWait) {
		if (wait.via === 'callback') return { read: 'callback' };
		const verdict = verifyDelivery({
			rawBody: ctx.getRequestObject().rawBody,
			signature: ctx.getHeaderData()['x-uipath-signature'] as string | undefined,
			secret: secretOf(ctx, wait.waitId),
		});
		if (!verdict.ok) return { refuse: verdict.reason };
		const stale = tooOld(verdict.sentAt, Date.now(), MAX_DELIVERY_AGE_MS);
		if (stale) return { refuse: stale };
		if (!JOB_END_EVENTS.includes(String(verdict.event.Type))) return { ignore: `Not a job end (${String(verdict.event.Type)}): the execution goes on waiting` };
		const awaited = new Set(awaitedJobsOf(wait));
		if (jobIdsOf(verdict.event).some((id) => awaited.has(id))) return { read: 'now' };
		// A delivery that was lost (n8n down when the job ended) must not lose the result: another job's end
		// makes the wait read its own again when it has not for a while (and always first after a restart).
		if (!readRecently(ctx, wait, READ_AGAIN_AFTER_MS)) return { read: 'now' };
		return { ignore: 'Not the awaited job: the execution goes on waiting' };
	},
	async release(ctx, wait) {
		const id = Number(wait.service.subscriptionId);
		if (wait.via !== 'webhook' || !Number.isFinite(id)) return true;
		return await deleteWebhook(asHook(ctx), id);
	},
	deadlineMessage(wait) {
		return `Job ${awaitedJobsOf(wait).join(', ')} had not ended at the wait's deadline (${wait.deadline}): n8n resumed the execution without reading it again. The job may still run in Orchestrator: read it with Job → Get, or raise Timeout.`;
	},
};
