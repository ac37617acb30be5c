// Jobs: start, read one, list, stop.
import type { IDataObject } from 'n8n-workflow';

import type { FolderRef, UiPathContext } from '../transport';
import { uiPathRequest } from '../transport';
import { MAESTRO_PROCESS_TYPES } from './maestro';
import { firstWhere, odataListById, parseJsonField } from './odata';

export const JOB_SCOPES = 'OR.Jobs (or OR.Jobs.Read / OR.Jobs.Write)';
const WRITE_SCOPES = 'OR.Jobs (or OR.Jobs.Write)';
export const FINISHED_JOB_STATES = ['Successful', 'Faulted', 'Stopped'];

export interface Job extends IDataObject {
	Id: number;
	Key: string;
	State: string;
	Info?: string | null;
	ReleaseName?: string;
}

/** The job with its InputArguments and OutputArguments as objects. */
export function withParsedArguments<T extends IDataObject>(job: T): T {
	// A job of a Maestro process (ProcessType ProcessOrchestration or CaseManagement) is a Maestro instance: its Key
	// is the instance ID of the Maestro Instance operations.
	const maestro = (MAESTRO_PROCESS_TYPES as readonly unknown[]).includes(job.ProcessType) ? { maestroInstanceId: job.Key } : {};
	return {
		...job,
		InputArguments: parseJsonField(job.InputArguments),
		OutputArguments: parseJsonField(job.OutputArguments),
		...maestro,
	};
}

/** One job by Id; `signal` ends its retries' waits (a wait's deadline). */
export async function getJob(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number, signal?: AbortSignal): Promise<Job> {
	return await uiPathRequest<Job>(ctx, {
		method: 'GET',
		path: `/odata/Jobs(${id})`,
		folder,
		itemIndex,
		signal,
		scopes: JOB_SCOPES,
		notFoundHint: `There is no job ${id} in this folder: check the ID and the folder.`,
	});
}

export async function findJobByKey(ctx: UiPathContext, key: string, folder: FolderRef, itemIndex: number): Promise<Job | undefined> {
	return await firstWhere<Job>(ctx, '/odata/Jobs', `Key eq ${key}`, { folder, itemIndex, scopes: JOB_SCOPES });
}

/** Jobs newest first (by Id, keyset paged: nothing twice or skipped while jobs start). */
export async function listJobs(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<Job[]> {
	return await odataListById<Job>(ctx, '/odata/Jobs', { qs, folder, limit, itemIndex, scopes: JOB_SCOPES });
}

/** StartJobs: starts work, so it is never re-sent after a timeout or a 5xx. */
export async function startJobs(ctx: UiPathContext, startInfo: IDataObject, folder: FolderRef, itemIndex: number): Promise<Job[]> {
	const { value } = await uiPathRequest<{ value: Job[] }>(ctx, {
		method: 'POST',
		path: '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs',
		body: { startInfo },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint:
			"Either the process is not published to this folder (Process → Get Many lists a folder's processes), or the credential points at another organization or tenant than the process's: check its Organization and Tenant (or Orchestrator URL and tenancy).",
	});
	return value;
}

export async function stopJob(ctx: UiPathContext, id: number, strategy: string, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'POST',
		path: `/odata/Jobs(${id})/UiPath.Server.Configuration.OData.StopJob`,
		body: { strategy },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		expectEmpty: true,
	});
}

const notFoundJob = (ref: string | number) =>
	`There is no job ${ref} in this folder: check the job and the folder (a job lives in the folder it was started in).`;

/** A job action that answers with the job (RestartJob, ResumeJob); never re-sent, as each changes or starts a job. */
async function jobAction(ctx: UiPathContext, action: string, body: IDataObject, folder: FolderRef, itemIndex: number): Promise<Job> {
	const job = await uiPathRequest<Job>(ctx, {
		method: 'POST',
		path: `/odata/Jobs/UiPath.Server.Configuration.OData.${action}`,
		body,
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: notFoundJob(String(body.jobId ?? body.jobKey)),
	});
	delete job['@odata.context'];
	return job;
}

/** RestartJob: starts a new job with the finished job's process and arguments. */
export async function restartJob(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number): Promise<Job> {
	return await jobAction(ctx, 'RestartJob', { jobId: id }, folder, itemIndex);
}

/** ResumeJob: resumes a suspended job, by its Key. */
export async function resumeJob(ctx: UiPathContext, key: string, folder: FolderRef, itemIndex: number): Promise<Job> {
	return await jobAction(ctx, 'ResumeJob', { jobKey: key }, folder, itemIndex);
}
