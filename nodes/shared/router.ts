// Runs an operation once per input item: keeps pairedItem, and honours Continue On Fail per item.
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { pauseOrGoOn, releaseAfterFailure } from './pause';
import type { Pausing } from './durableWait';
import type { OperationTable } from './resources';
import { duringTry } from './retryMemory';

/**
 * What an operation returns when it started work and the rest is waiting for it: the router starts every item
 * first and then waits for all of them together, so ten jobs of a minute take a minute, not ten.
 */
export class Awaiting {
	constructor(readonly finish: () => Promise<IDataObject | IDataObject[]>) {}
}

export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[] | Awaiting | Pausing>;

// How many items wait at once; more wait their turn (each wait polls its own run).
const CONCURRENT_WAITS = 20;

async function settleAll<T>(tasks: Array<() => Promise<T>>): Promise<Array<PromiseSettledResult<T>>> {
	const results: Array<PromiseSettledResult<T>> = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			try {
				results[index] = { status: 'fulfilled', value: await tasks[index]() };
			} catch (reason) {
				results[index] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENT_WAITS, tasks.length) }, worker));
	return results;
}

/** Our operations throw NodeApiError/NodeOperationError already; anything else is wrapped. Both carry the item. */
export function asNodeError(ctx: Pick<IExecuteFunctions, 'getNode'>, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Runs each input item's operation; an operation that handles every item in one call gets them all. */
export async function routeItems(this: IExecuteFunctions, table: OperationTable): Promise<INodeExecutionData[][]> {
	// one try of the node: what startOnce remembered for a retry lives as long as one can come
	return await duringTry(this, async () => {
		try {
			return await routeEach.call(this, table);
		} catch (error) {
			// a durable wait's subscription, made before the items started, must not outlive a failed run
			await releaseAfterFailure(this);
			throw asNodeError(this, error);
		}
	});
}

async function routeEach(this: IExecuteFunctions, table: OperationTable): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length) {
		const first = table[this.getNodeParameter('resource', 0) as string]?.[this.getNodeParameter('operation', 0) as string];
		if (first?.executeAll && first.handlesAllItems?.call(this)) return [await first.executeAll.call(this)];
	}
	let results: Array<IDataObject | IDataObject[] | Awaiting | Pausing | { failed: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = table[resource]?.[operation]?.execute;
		try {
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			results.push(await run.call(this, itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			results.push({ failed: error });
		}
	}
	// Every item has started its work; now wait for all of it together.
	const waits = results.flatMap((r, itemIndex) => (r instanceof Awaiting ? [{ itemIndex, finish: r.finish }] : []));
	const settled = await settleAll(waits.map((w) => w.finish));
	waits.forEach((w, i) => {
		const outcome = settled[i];
		results[w.itemIndex] = outcome.status === 'fulfilled' ? outcome.value : { failed: outcome.reason };
	});
	// Items that wait durably: the execution is put to wait for them (or goes on, if their work ended meanwhile).
	results = (await pauseOrGoOn(this, results)) as typeof results;

	return [outputOf(this, results)];
}

/** The node's items: each item's outputs, or its error (Continue On Fail), with pairedItem. */
function outputOf(ctx: IExecuteFunctions, results: unknown[]): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, result] of results.entries()) {
		if (result && typeof result === 'object' && 'failed' in result && !Array.isArray(result)) {
			const error = result.failed;
			if (!ctx.continueOnFail()) throw asNodeError(ctx, error, itemIndex);
			const description = (error as { description?: string }).description;
			output.push({
				json: { error: (error as Error).message, ...(description ? { description } : {}) },
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		for (const json of Array.isArray(result) ? result : [result as IDataObject]) {
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
