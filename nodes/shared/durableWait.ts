// Durable waits: the node starts the work, n8n stores the execution as waiting (no process holds it, a restart
// loses nothing) and a call to the execution's resume URL brings it back (resumeWebhook.ts), as n8n's own
// send-and-wait and GitHub "dispatch and wait" operations do. What the wait needs when it resumes travels with
// the execution itself, in the metadata of the node's entry on n8n's execution stack: nothing outside n8n's
// database keeps it.
import { randomUUID } from 'node:crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IWebhookDescription, type IWebhookFunctions } from 'n8n-workflow';

// The restart webhook n8n calls the node's webhook() with when a request comes to the execution's resume URL
// (/webhook-waiting/<execution id>?signature=<token>). It is not a trigger's webhook: n8n registers none of it
// when a workflow is published (CONTRIBUTING.md, "Durable waits").
export const RESUME_WEBHOOKS: IWebhookDescription[] = [
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: '', restartWebhook: true, isFullPath: true },
];

/** How the end of the work reaches n8n: an Orchestrator webhook subscription, or the robot calling back. */
export type WaitVia = 'webhook' | 'callback';

/** One input item of a paused node: what it already gave, why it failed, or what it still waits for. */
export type PausedItem = { done: IDataObject[] } | { failed: { message: string; description?: string } } | { awaits: IDataObject };

/** Everything the resume needs, kept in the execution (JSON only: n8n stores it in its database). */
export interface PausedWait {
	waitId: string;
	/** which service reads the work again (DurableService.kind) */
	kind: string;
	via: WaitVia;
	deadline: string;
	items: PausedItem[];
	/** what the service made for the whole wait (its subscription) */
	service: IDataObject;
}

/** The contexts that read the work again: the node's run (before pausing) and the resume request. */
export type ReadContext = IExecuteFunctions | IWebhookFunctions;

/** What a request to the resume URL is: refused, answered without resuming, or a reason to read the work again. */
export type Admission = { refuse: string } | { ignore: string } | { read: 'now' | 'callback' };

export interface DurableService {
	kind: string;
	/** Before the first item starts (webhook: sweeps expired subscriptions, then subscribes); gives `service`. */
	prepare(ctx: IExecuteFunctions, wait: { waitId: string; deadline: Date; resumeUrl: string; via: WaitVia }): Promise<IDataObject>;
	/** The item's outputs once all its work ended, undefined while some still runs; throws as the node would. */
	readAgain(ctx: ReadContext, awaits: IDataObject, itemIndex: number): Promise<IDataObject[] | undefined>;
	/** What one request to the resume URL is. */
	admit(ctx: IWebhookFunctions, wait: PausedWait): Promise<Admission>;
	/** Removes what prepare made, once; false when it was gone already (another process resumed the wait). */
	release(ctx: ReadContext, wait: PausedWait): Promise<boolean>;
	/** The error the node fails with when n8n resumes it at the deadline. */
	deadlineMessage(wait: PausedWait): string;
}

/** What an operation returns for an item that waits durably: the router pauses the execution for all of them. */
export class Pausing {
	constructor(
		readonly plan: PausePlan,
		readonly awaits: IDataObject,
	) {}
}

/** One durable wait of one run of the node: made at the first item that asks for it, shared by the others. */
export class PausePlan {
	readonly waitId = randomUUID();
	private prepared?: Promise<IDataObject>;

	constructor(
		readonly service: DurableService,
		readonly via: WaitVia,
		readonly deadline: Date,
		readonly resumeUrl: string,
	) {}

	/** The service's set-up, once for all items; a failure fails each item that asks (nothing started). */
	async prepare(ctx: IExecuteFunctions): Promise<IDataObject> {
		this.prepared ??= this.service.prepare(ctx, { waitId: this.waitId, deadline: this.deadline, resumeUrl: this.resumeUrl, via: this.via });
		return await this.prepared;
	}

	/** Whether prepare ran and succeeded: only then is there anything to release. */
	async preparedService(): Promise<IDataObject | undefined> {
		return this.prepared ? await this.prepared.catch(() => undefined) : undefined;
	}
}

const plans = new WeakMap<IExecuteFunctions, PausePlan>();

/** What each item of a paused wait still waits for (items that ended or failed already wait for nothing). */
export function awaitsOf<T extends IDataObject>(wait: PausedWait): T[] {
	return wait.items.flatMap((item) => ('awaits' in item ? [item.awaits as T] : []));
}

/** The error of a node n8n resumes at its deadline: says what had not ended, never looks like a result. */
export function deadlineMessageOf(noun: string, ids: number[], deadline: string, advice: string): string {
	const what = `${noun[0].toUpperCase()}${noun.slice(1)}${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;
	return `${what} had not ended at the wait's deadline (${deadline}): n8n resumed the execution without reading it again. ${advice}`;
}

/** A failure as the wait keeps it (JSON): its message and description. */
export function failureOf(error: unknown): { message: string; description?: string } {
	const { message, description } = error as { message?: string; description?: string };
	return { message: String(message ?? error), ...(description ? { description } : {}) };
}

/**
 * One item's work read again: its outputs once it ended, its failure (the NodeOperationError the node would throw,
 * e.g. for a job that ended Faulted), or undefined while it runs. A refused or failed read throws.
 */
export async function readItemAgain(
	service: DurableService,
	ctx: ReadContext,
	awaits: IDataObject,
	itemIndex: number,
): Promise<{ done: IDataObject[] } | { failed: unknown } | undefined> {
	return await service.readAgain(ctx, awaits, itemIndex).then(
		(ended) => (ended ? { done: ended } : undefined),
		async (error: unknown) => ((error as { name?: string }).name === 'NodeOperationError' ? { failed: error } : await Promise.reject(error)),
	);
}

/**
 * The execution's resume URL, with the token n8n checks. n8n before 2.27 (the 1.x line among them) gives one
 * without a token, which anyone could call, and cannot fail a node resumed at its deadline: refused there.
 */
export function resumeUrlOf(ctx: IExecuteFunctions): string {
	const url = String(ctx.getWorkflowDataProxy(0).$execution.resumeUrl);
	if (!URL.canParse(url) || !new URL(url).searchParams.has('signature')) {
		throw new NodeOperationError(ctx.getNode(), 'This Wait Mode needs n8n 2.27 or newer', {
			description: 'This n8n gives a paused execution a resume URL without a token (n8n 1.x and early 2.x), so anyone could resume it, and it cannot fail the node at the wait\'s deadline. Choose Wait Mode "Poll (Keep Running)", or update n8n.',
		});
	}
	return url;
}

/**
 * The plan of this run of the node. Every item of one run pauses the one execution, so the first item's way of
 * hearing about the end and its deadline hold for all: an item that asks for another way fails, naming both.
 */
export function pausePlanOf(ctx: IExecuteFunctions, service: DurableService, via: WaitVia, timeoutSeconds: number): PausePlan {
	const existing = plans.get(ctx);
	if (existing) {
		if (existing.via !== via || existing.service !== service) {
			throw new Error(`Every item of one run must wait the same way: an earlier item waits via ${existing.via}, this one via ${via}`);
		}
		return existing;
	}
	const plan = new PausePlan(service, via, new Date(Date.now() + timeoutSeconds * 1000), resumeUrlOf(ctx));
	plans.set(ctx, plan);
	return plan;
}

/** The plan of this run, if an item made one (the router pauses, or releases it when the run fails). */
export function takePausePlan(ctx: IExecuteFunctions): PausePlan | undefined {
	const plan = plans.get(ctx);
	plans.delete(ctx);
	return plan;
}
