// n8n's node setting "Retry On Fail" runs the whole node again within the same execution, so every item would be
// sent again, also those whose call already started a job or added a queue item. Calls that start work go through
// here: per execution, node, item and request it remembers what the call returned, and a repeat returns that
// (marked) instead of sending it again. When an earlier try got no answer or a 5xx (it may have been carried out),
// the repeat first looks for what it may have made (`findEarlier`, e.g. by the item's Reference); with nothing to
// look by it refuses, rather than risk a second job. Nothing here knows either service.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { mayHaveBeenCarriedOut } from './transport';

interface Attempt {
	result?: unknown;
	/** when the first try was sent (ms) */
	sentAt: number;
}

const attempts = new Map<string, Attempt>();
// Tries of one execution follow each other within minutes: a bounded memory is enough.
const MAX_REMEMBERED = 10_000;

function remember(key: string, attempt: Attempt) {
	attempts.delete(key);
	attempts.set(key, attempt);
	if (attempts.size > MAX_REMEMBERED) attempts.delete(attempts.keys().next().value as string);
}

export interface StartOnce<T> {
	itemIndex: number;
	/** what is sent: only the same request of the same item counts as a repeat */
	request: unknown;
	send: () => Promise<T>;
	/** looks for what an unanswered earlier try may have made, created since `sentAt`; undefined: nothing to look by */
	findEarlier?: (sentAt: number) => Promise<T | undefined>;
	/** marks a result returned instead of sending again */
	markRepeat: (result: T) => T;
	/** the refusal when an earlier try may have been carried out and there is nothing to look it up by */
	cannotCheck: { message: string; description: string };
}

export async function startOnce<T>(ctx: IExecuteFunctions, spec: StartOnce<T>): Promise<T> {
	const key = JSON.stringify([ctx.getExecutionId(), ctx.getNode().name, spec.itemIndex, spec.request]);
	const earlier = attempts.get(key);
	if (earlier?.result !== undefined) return spec.markRepeat(earlier.result as T);
	if (earlier) {
		if (!spec.findEarlier) {
			throw new NodeOperationError(ctx.getNode(), spec.cannotCheck.message, {
				itemIndex: spec.itemIndex,
				description: spec.cannotCheck.description,
			});
		}
		const found = await spec.findEarlier(earlier.sentAt);
		if (found !== undefined) {
			remember(key, { ...earlier, result: found });
			return spec.markRepeat(found);
		}
	}
	const sentAt = earlier?.sentAt ?? Date.now();
	// The error is the transport's NodeApiError: passed on unchanged, after noting whether it may have acted.
	const result = await spec.send().catch((error: unknown) => {
		if (mayHaveBeenCarriedOut(error)) remember(key, { sentAt });
		else attempts.delete(key);
		return Promise.reject(error as Error);
	});
	remember(key, { result, sentAt });
	return result;
}
