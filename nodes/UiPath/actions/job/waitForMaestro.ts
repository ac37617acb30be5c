// Job → Start's Wait for Completion for a job of a Maestro process: the job's Key is the Maestro instance, and the
// instance (not the Orchestrator job that started it) says when the process has ended, so PIMS is polled by id.
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { WaitSettings } from '../../../shared/parameters';
import { waitForCompletion } from '../../../shared/waitFor';
import { withParsedArguments, type Job } from '../../api/jobs';
import { getInstance, listInstanceIncidents, MAESTRO_PROCESS_TYPES } from '../../api/maestro';
import type { FolderRef } from '../../transport';
import { folderKeyOf } from '../maestroInstance/instanceRef';

const ENDED = ['Completed', 'Faulted', 'Cancelled'];

export const isMaestroJob = (job: Job): boolean => (MAESTRO_PROCESS_TYPES as readonly unknown[]).includes(job.ProcessType);

/** The instance now, or undefined while PIMS does not show it yet (it may lag the start by a moment: 404). */
async function readInstance(ctx: IExecuteFunctions, job: Job, folderKey: string, itemIndex: number, signal: AbortSignal) {
	try {
		return await getInstance(ctx, job.Key, folderKey, itemIndex, signal);
	} catch (error) {
		const failure = error as NodeApiError;
		if (failure instanceof NodeApiError && failure.httpCode === '404') return undefined;
		throw failure;
	}
}

export async function waitForMaestroInstance(
	this: IExecuteFunctions,
	job: Job,
	folder: FolderRef,
	itemIndex: number,
	wait: WaitSettings & { signal?: AbortSignal },
): Promise<IDataObject> {
	const folderKey = await folderKeyOf(this, folder, itemIndex);
	const outcome = await waitForCompletion(
		async (ends) => {
			const instance = await readInstance(this, job, folderKey, itemIndex, ends);
			return { done: instance !== undefined && ENDED.includes(String(instance.latestRunStatus)), value: instance };
		},
		{ timeoutMs: wait.timeoutSeconds * 1000, initialIntervalMs: wait.intervalMs, maxIntervalMs: 30_000, signal: wait.signal },
	);
	if (!outcome.finished || !outcome.value) {
		const last = outcome.finished ? undefined : outcome.last;
		throw new NodeOperationError(this.getNode(), `Maestro instance ${job.Key} did not end within ${wait.timeoutSeconds} seconds`, {
			itemIndex,
			description: `${last ? `Its last state was ${String(last.latestRunStatus)}.` : 'Maestro did not show the instance in that time.'} The process goes on in Maestro; raise the timeout, or follow it with the UiPath Trigger's Maestro Instance Ended.`,
		});
	}
	const instance = outcome.value;
	if (instance.latestRunStatus !== 'Completed' && !wait.returnFailed) {
		throw new NodeOperationError(this.getNode(), `Maestro instance ${job.Key} (${job.ReleaseName ?? 'process'}) ended ${String(instance.latestRunStatus)}${await reasonOf(this, job, folderKey, itemIndex)}`, {
			itemIndex,
			description: 'To receive faulted and cancelled instances as output instead, turn on "Return Faulted and Stopped Jobs as Output". Maestro Instance → Get Incidents lists what went wrong.',
		});
	}
	return { ...withParsedArguments(job), maestroInstance: instance };
}

/** ": <the newest incident's message>" when the instance has one; nothing when it has none or they cannot be read. */
async function reasonOf(ctx: IExecuteFunctions, job: Job, folderKey: string, itemIndex: number): Promise<string> {
	const incidents = await listInstanceIncidents(ctx, job.Key, folderKey, itemIndex).catch(() => []);
	const newest = incidents[incidents.length - 1];
	return newest?.errorMessage ? `: ${String(newest.errorMessage)}` : '';
}
