// The resume side of a durable wait: n8n calls the node's webhook() for each request to the execution's resume
// URL. Nothing a request says is taken as the outcome: it is only a reason to read the work again, and the
// execution resumes when that read finds all of it ended.
import type { INodeExecutionData, ITaskMetadata, IRunExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { sleepUnlessAborted } from './abort';
import { failureOf, readItemAgain, type DurableService, type PausedItem, type PausedWait } from './durableWait';
import type { PauseMetadata } from './pause';
import { asNodeError } from './router';

/** How long a robot's call back may come before its job shows as ended, and how often it is read meanwhile. */
const CALLBACK_GRACE_MS = 120_000;
const CALLBACK_CHECK_MS = [1000, 1000, 2000, 3000, 5000];
/** Resumes already claimed in this process: a second request for the same wait while the first resumes. */
const CLAIMS_KEPT_MS = 600_000;
const claims = new Map<string, number>();

type StackEntry = { metadata?: ITaskMetadata };

/**
 * The node's entry on n8n's execution stack, where pause.ts put the wait. The webhook context does not offer it
 * (n8n's own restart webhooks need nothing of their execution), so it is read from the run data the context was
 * made with; the function says so when a version of n8n has it elsewhere.
 */
function stackEntryOf(ctx: IWebhookFunctions): StackEntry | undefined {
	const runData = (ctx as unknown as { runExecutionData?: IRunExecutionData | null }).runExecutionData;
	return runData?.executionData?.nodeExecutionStack?.[0] as StackEntry | undefined;
}

function answer(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function continuesOnFail(ctx: IWebhookFunctions): boolean {
	const node = ctx.getNode();
	if (node.onError === undefined) return node.continueOnFail === true;
	return node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
}

/** Each waiting item read again: true when every one has ended (its entry becomes done or failed). */
async function readAll(ctx: IWebhookFunctions, service: DurableService, items: PausedItem[]): Promise<boolean> {
	let allEnded = true;
	for (const [itemIndex, item] of items.entries()) {
		if (!('awaits' in item)) continue;
		const read = await readItemAgain(service, ctx, item.awaits, itemIndex).catch((error: unknown) => {
			throw asNodeError(ctx, error, itemIndex);
		});
		if (!read) allEnded = false;
		else items[itemIndex] = 'done' in read ? read : { failed: failureOf(read.failed) };
	}
	return allEnded;
}

/** Reads until all ended or the grace is over (a robot calls back from its last step, before its job ends). */
async function readUntilEnded(ctx: IWebhookFunctions, service: DurableService, items: PausedItem[]): Promise<boolean> {
	const giveUpAt = Date.now() + CALLBACK_GRACE_MS;
	for (let check = 0; ; check++) {
		if (await readAll(ctx, service, items)) return true;
		if (Date.now() >= giveUpAt) return false;
		await sleepUnlessAborted(CALLBACK_CHECK_MS[Math.min(check, CALLBACK_CHECK_MS.length - 1)]);
	}
}

/** The node's output at the resume, and the error it fails with (first failed item) without Continue On Fail. */
function outputOf(ctx: IWebhookFunctions, items: PausedItem[]): { output: INodeExecutionData[]; error?: string } {
	const output: INodeExecutionData[] = [];
	const keepGoing = continuesOnFail(ctx);
	for (const [item, result] of items.entries()) {
		if ('failed' in result) {
			if (!keepGoing) return { output, error: result.failed.message };
			output.push({ json: { error: result.failed.message, ...(result.failed.description ? { description: result.failed.description } : {}) }, pairedItem: { item } });
		} else if ('done' in result) {
			for (const json of result.done) output.push({ json, pairedItem: { item } });
		}
	}
	return { output };
}

/** True for the first request of this process that resumes the wait; claims expire, so the map stays small. */
function claim(key: string): boolean {
	const now = Date.now();
	for (const [known, at] of claims) if (now - at > CLAIMS_KEPT_MS) claims.delete(known);
	if (claims.has(key)) return false;
	claims.set(key, now);
	return true;
}

/** Resumes the execution with the wait's outputs, once, after the service released its set-up. */
async function resume(ctx: IWebhookFunctions, service: DurableService, wait: PausedWait, entry: StackEntry, answered: boolean): Promise<IWebhookResponseData> {
	if (!claim(`${ctx.getExecutionId() ?? ''}:${wait.waitId}`)) return answered ? { noWebhookResponse: true } : answer(ctx, 200, 'The execution is resuming already');
	// In webhook mode the subscription's deletion is the claim across processes: only one of them deletes it.
	const released = await service.release(ctx, wait).catch((error: Error) => {
		// the result matters more than the clean-up: a subscription left behind goes at a later sweep
		ctx.logger.warn(`Durable wait ${wait.waitId}: could not remove its subscription (${error.message})`);
		return true;
	});
	if (!released) return answered ? { noWebhookResponse: true } : answer(ctx, 200, 'Another n8n process resumed this wait');
	const { output, error } = outputOf(ctx, wait.items);
	const metadata: PauseMetadata = { ...(entry.metadata as PauseMetadata) };
	delete metadata.durableWait;
	if (error) metadata.resumeError = { name: 'Error', message: error };
	else delete metadata.resumeError;
	entry.metadata = metadata as ITaskMetadata;
	if (!answered) ctx.getResponseObject().status(200).json({ message: 'The execution resumes' });
	return { noWebhookResponse: true, workflowData: [output] };
}

/** The webhook() of a node with durable waits: one request to the execution's resume URL. */
export async function receiveResume(ctx: IWebhookFunctions, services: DurableService[]): Promise<IWebhookResponseData> {
	const entry = stackEntryOf(ctx);
	const wait = (entry?.metadata as PauseMetadata | undefined)?.durableWait;
	if (!entry || !wait) return answer(ctx, 409, 'This execution is not in a durable wait of this node: nothing was resumed');
	const service = services.find((known) => known.kind === wait.kind);
	if (!service) return answer(ctx, 409, `This version of the node cannot resume a wait of kind "${wait.kind}"`);
	const admission = await service.admit(ctx, wait);
	if ('refuse' in admission) return answer(ctx, 401, admission.refuse);
	if ('ignore' in admission) return answer(ctx, 200, admission.ignore);
	const items: PausedItem[] = wait.items.map((item) => ({ ...item }));
	if (admission.read === 'now') {
		if (!(await readAll(ctx, service, items))) return answer(ctx, 200, 'Received; the awaited work still runs, the execution goes on waiting');
		return await resume(ctx, service, { ...wait, items }, entry, false);
	}
	// The robot's call: answered at once, so its last step ends and its job can end; then read until it has.
	ctx.getResponseObject().status(202).json({ message: 'Received; the execution resumes when the work shows as ended' });
	if (!(await readUntilEnded(ctx, service, items))) {
		ctx.logger.warn(`Durable wait ${wait.waitId}: called back, but the work had not ended ${CALLBACK_GRACE_MS / 1000} s later; the execution goes on waiting`);
		return { noWebhookResponse: true };
	}
	return await resume(ctx, service, { ...wait, items }, entry, true);
}

/** For a service's admit(): whether the work was read within `maxAgeMs` in this process (and notes a read now). */
const lastReads = new Map<string, number>();
export function readRecently(ctx: IWebhookFunctions, wait: PausedWait, maxAgeMs: number): boolean {
	const key = `${ctx.getExecutionId() ?? ''}:${wait.waitId}`;
	const now = Date.now();
	const last = lastReads.get(key);
	if (last !== undefined && now - last < maxAgeMs) return true;
	lastReads.delete(key);
	if (lastReads.size >= 10_000) lastReads.delete(lastReads.keys().next().value as string);
	lastReads.set(key, now);
	return false;
}

