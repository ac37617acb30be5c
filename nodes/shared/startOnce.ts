// n8n's node setting "Retry On Fail" runs the whole node again within the same run of it, so every item would be
// sent again, also those whose call already started a job or added a queue item. Calls that start work go through
// here: per execution, node, run of the node, item and request it remembers what the call returned
// (retryMemory.ts), and a repeat returns that (marked) instead of sending it again; a new run of the node (a loop
// back to it) sends anew. When an earlier try got no answer or a 5xx (it may have been carried out), the repeat
// first looks for what it may have made (`findEarlier`, e.g. by the item's Reference); with nothing to look by it
// refuses, rather than risk a second job. Nothing here knows either service.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { forget, keyOf, recall, remember, runOf, type Attempt } from './retryMemory';
import { mayHaveBeenCarriedOut } from './transport';

// Answers up to this size (JSON) are kept whole; bigger ones slim, if the call says how.
const KEEP_WHOLE_UP_TO = 4096;

/** How a big answer is kept: a part of it (its ids, or all but what the request echoes), made whole on a retry. */
export interface Slim<T, K> {
	keep(result: T): K;
	// a method, so a Slim of any kept form fits StartOnce's default
	restore(kept: K): Promise<T> | T;
}

export interface StartOnce<T, K = unknown> {
	itemIndex: number;
	/** what is sent: only the same request of the same item counts as a repeat */
	request: unknown;
	/** the answer is kept as JSON: an empty one is null, not undefined */
	send: () => Promise<T>;
	/** looks for what an unanswered earlier try may have made, created since `sentAt`; undefined: nothing to look by */
	findEarlier?: (sentAt: number) => Promise<T | undefined>;
	/** marks a result returned instead of sending again */
	markRepeat: (result: T) => T;
	/** the refusal when an earlier try may have been carried out and there is nothing to look it up by */
	cannotCheck: { message: string; description: string };
	slim?: Slim<T, K>;
}

function kept<T, K>(spec: StartOnce<T, K>, result: T, sentAt: number): Attempt {
	const answer = JSON.stringify(result);
	if (answer.length <= KEEP_WHOLE_UP_TO || !spec.slim) return { sentAt, answer };
	return { sentAt, answer: JSON.stringify(spec.slim.keep(result)), slim: true };
}

async function answerOf<T, K>(spec: StartOnce<T, K>, attempt: Attempt): Promise<T> {
	const answer = JSON.parse(attempt.answer!) as unknown;
	return attempt.slim && spec.slim ? await spec.slim.restore(answer as K) : (answer as T);
}

export async function startOnce<T, K = unknown>(ctx: IExecuteFunctions, spec: StartOnce<T, K>): Promise<T> {
	const run = runOf(ctx);
	// Without Retry On Fail no try follows this one: nothing to remember.
	if (run === undefined) return await spec.send();
	const key = keyOf(run, spec.itemIndex, spec.request);
	const earlier = recall(key);
	if (earlier?.answer !== undefined) return spec.markRepeat(await answerOf(spec, earlier));
	if (earlier) {
		if (!spec.findEarlier) {
			throw new NodeOperationError(ctx.getNode(), spec.cannotCheck.message, {
				itemIndex: spec.itemIndex,
				description: spec.cannotCheck.description,
			});
		}
		const found = await spec.findEarlier(earlier.sentAt);
		if (found !== undefined) {
			remember(run, key, kept(spec, found, earlier.sentAt));
			return spec.markRepeat(found);
		}
	}
	const sentAt = earlier?.sentAt ?? Date.now();
	// The error is the transport's NodeApiError: passed on unchanged, after noting whether it may have acted.
	const result = await spec.send().catch((error: unknown) => {
		if (mayHaveBeenCarriedOut(error)) remember(run, key, { sentAt });
		else forget(key);
		return Promise.reject(error as Error);
	});
	remember(run, key, kept(spec, result, sentAt));
	return result;
}

interface Echoed {
	answer: IDataObject;
	echoed: string[];
}

/**
 * The slim form of answers that echo parts of the request (a queue item its content, a run its params): those
 * fields are left out and put back from the retry's request, which is the same request (its digest is the key).
 */
export function echoSlim<T extends IDataObject>(echoes: IDataObject): Slim<T, Echoed> {
	return {
		keep: (result) => {
			const echoed = Object.keys(echoes).filter((f) => f in result && JSON.stringify(result[f]) === JSON.stringify(echoes[f]));
			// null keeps the field's place, so the restored answer lists its fields as the first one did
			return { answer: { ...result, ...Object.fromEntries(echoed.map((f) => [f, null])) }, echoed };
		},
		restore: ({ answer, echoed }) => ({ ...answer, ...Object.fromEntries(echoed.map((f) => [f, echoes[f]])) }) as T,
	};
}

/**
 * The slim form of answers whose big fields the request does not hold (a queue item's content as Orchestrator
 * stores it): those fields are left out and read back on a retry (`read`: the record by the id in the answer).
 */
export function readBackSlim<T extends IDataObject>(fields: string[], read: (kept: T) => Promise<IDataObject>): Slim<T, T> {
	return {
		keep: (result) => ({ ...result, ...Object.fromEntries(fields.map((f) => [f, null])) }),
		restore: async (kept) => {
			const current = await read(kept);
			return { ...kept, ...Object.fromEntries(fields.map((f) => [f, current[f] ?? null])) };
		},
	};
}

/** echoSlim for an answer that is a list (StartJobs: one job per robot), each echoing the same fields. */
export function echoSlimEach<T extends IDataObject>(echoes: IDataObject): Slim<T[], Echoed[]> {
	const one = echoSlim<T>(echoes);
	return { keep: (results) => results.map((r) => one.keep(r)), restore: (kept) => kept.map((k) => one.restore(k) as T) };
}
