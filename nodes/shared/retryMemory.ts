// What startOnce.ts remembers between the tries of one run of a node. n8n re-runs a node only when its setting
// "Retry On Fail" is on, within the same run (same runIndex; a loop back to the node is a new run), and at most 5 s
// after the try before it ended. So: nothing is kept for nodes without it; entries are per execution, node and run,
// keyed by a digest of what was sent; a try that ends cleanly drops its run's entries (no retry follows), a failed
// one keeps them for a while after it ended (a try may run for hours, waiting for its jobs: the age counts from its
// end); and the whole is bounded by count and by bytes, dropping ended runs first.
import { createHash } from 'node:crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export interface Attempt {
	/** when the first try was sent (ms) */
	sentAt: number;
	/** the answer as JSON (slimmed when big); undefined: a try got no answer and may have acted */
	answer?: string;
	/** whether `answer` is the slim form, to be restored */
	slim?: boolean;
}

interface Entry {
	run: string;
	attempt: Attempt;
	bytes: number;
}

interface Run {
	keys: Set<string>;
	running: boolean;
	endedAt: number;
}

export const LIMITS = { entries: 20_000, bytes: 16 * 2 ** 20, afterFailedTryMs: 10 * 60_000 };
// a key, its Map slots and the objects around an answer, roughly
const ENTRY_OVERHEAD = 300;

const entries = new Map<string, Entry>();
const runs = new Map<string, Run>();
let bytes = 0;
let sweptAt = 0;

/** The run of the node this try belongs to; undefined when n8n will not retry it (Retry On Fail is off). */
export function runOf(ctx: IExecuteFunctions): string | undefined {
	if (ctx.getNode().retryOnFail !== true) return undefined;
	// $runIndex is there on n8n 1.x and 2.x alike (the context's own runIndex is not on older 1.x)
	const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
	return JSON.stringify([ctx.getExecutionId(), ctx.getNode().name, runIndex]);
}

/** The key of one call: a digest, so a request of megabytes costs 44 bytes. */
export function keyOf(run: string, itemIndex: number, request: unknown): string {
	return createHash('sha256').update(JSON.stringify([run, itemIndex, request])).digest('base64');
}

export function recall(key: string): Attempt | undefined {
	return entries.get(key)?.attempt;
}

export function forget(key: string) {
	const entry = entries.get(key);
	if (!entry) return;
	entries.delete(key);
	bytes -= entry.bytes;
	runs.get(entry.run)?.keys.delete(key);
}

function forgetRun(run: string) {
	for (const key of runs.get(run)?.keys ?? []) forget(key);
	runs.delete(run);
}

function sweep(now: number) {
	if (now - sweptAt < 1000) return;
	sweptAt = now;
	for (const [run, state] of runs) if (!state.running && now - state.endedAt > LIMITS.afterFailedTryMs) forgetRun(run);
}

/** Over a bound: the run that ended first goes; with none ended, the oldest entry. */
function evictOne() {
	let oldest: [string, Run] | undefined;
	for (const pair of runs) if (!pair[1].running && (!oldest || pair[1].endedAt < oldest[1].endedAt)) oldest = pair;
	if (oldest) return forgetRun(oldest[0]);
	const first = entries.keys().next().value;
	if (first !== undefined) forget(first);
}

export function remember(run: string, key: string, attempt: Attempt) {
	sweep(Date.now());
	forget(key);
	const state = runs.get(run) ?? { keys: new Set<string>(), running: true, endedAt: 0 };
	runs.set(run, state);
	state.keys.add(key);
	const size = ENTRY_OVERHEAD + key.length + Buffer.byteLength(attempt.answer ?? '');
	entries.set(key, { run, attempt, bytes: size });
	bytes += size;
	while (entries.size > LIMITS.entries || bytes > LIMITS.bytes) evictOne();
}

// n8n retries a try that threw, or one whose output starts with an item carrying `error` (Continue On Fail).
const mayBeRetried = (output?: INodeExecutionData[][]) => !output || output.some((items) => items.some((item) => item.json?.error));

/** Runs one try of the node (the router's work), so its run's entries live as long as a retry can come. */
export async function duringTry(ctx: IExecuteFunctions, work: () => Promise<INodeExecutionData[][]>): Promise<INodeExecutionData[][]> {
	const run = runOf(ctx) ?? '';
	const state = runs.get(run);
	if (state) state.running = true;
	let output: INodeExecutionData[][] | undefined;
	try {
		output = await work();
		return output;
	} finally {
		const ended = runs.get(run);
		if (ended && !mayBeRetried(output)) forgetRun(run);
		else if (ended) Object.assign(ended, { running: false, endedAt: Date.now() });
	}
}
