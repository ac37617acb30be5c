// Maestro (UiPath's BPMN / agentic process orchestration): process instance management, the `pims_` service beside
// Orchestrator on the credential's tenant (`<Cloud URL>/<organization>/<tenant>/pims_/api/v1`). Facts:
// docs/api/MAESTRO.md. Every call needs the scope PIMS; a call about one instance (or one process's incidents) sends
// the folder's Key as X-UIPATH-FolderKey, the tenant-wide lists may send it to narrow to that folder.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type UiPathContext } from '../transport';

export const PIMS_SCOPE = 'PIMS';
/** The most instances one page of GET /instances holds (the SDK caps pageSize at 1000). */
export const INSTANCES_PER_PAGE = 1000;
/** Every latestRunStatus of an instance (the SDK's InstanceStatus). */
export const INSTANCE_STATES = ['Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Canceling', 'Cancelled', 'Completed', 'Faulted', 'Retrying', 'Upgrading'] as const;
/** The Orchestrator process (release) types whose jobs are Maestro instances. */
export const MAESTRO_PROCESS_TYPES = ['ProcessOrchestration', 'CaseManagement'] as const;
/** The instance operations that change its state: pause, resume and cancel, with the states each is allowed in. */
export const INSTANCE_ACTIONS = {
	pause: { verb: 'paused', from: ['Running'] },
	resume: { verb: 'resumed', from: ['Paused'] },
	cancel: { verb: 'cancelled', from: ['Running', 'Paused', 'Faulted'] },
} as const;
export type InstanceAction = keyof typeof INSTANCE_ACTIONS;

const BASE = '/api/v1';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const folderOfKey = (folderKey: string | undefined) => (folderKey ? { by: 'key' as const, value: folderKey } : undefined);
const instancePath = (instanceId: string) => `${BASE}/instances/${encodeURIComponent(instanceId)}`;

/** Whether a text is a GUID, as PIMS wants instance ids and folder keys. */
export const isGuid = (value: string): boolean => GUID.test(value);

const noSuchInstance = (instanceId: string) =>
	`Maestro has no instance ${instanceId} in this folder: check the Instance ID and that the Folder is the instance's own (Maestro Instance → Get Many lists instances with their folderKey).`;

async function pims<T>(
	ctx: UiPathContext,
	request: { method?: 'GET' | 'POST'; path: string; qs?: IDataObject; body?: IDataObject; folderKey?: string; itemIndex: number; notFoundHint?: string; signal?: AbortSignal },
): Promise<T> {
	const method = request.method ?? 'GET';
	return await uiPathRequest<T>(ctx, {
		method,
		platformService: 'pims_',
		path: request.path,
		qs: request.qs,
		body: request.body,
		folder: folderOfKey(request.folderKey),
		// Pause, resume and cancel change the instance: never re-sent after a timeout or a 5xx.
		idempotent: method === 'GET',
		itemIndex: request.itemIndex,
		scopes: PIMS_SCOPE,
		notFoundHint: request.notFoundHint,
		signal: request.signal,
	});
}

/** Filters of the processes summary (all optional; times are ISO 8601 instants). */
export interface ProcessSummaryFilters {
	processKey?: string;
	packageId?: string;
	startedTimeUtcStart?: string;
	startedTimeUtcEnd?: string;
	processType?: string;
}

/**
 * The Maestro processes the credential may see, each with its instance counts by state (GET /processes/summary;
 * with a time range the counts cover the instances started in it). `folderKey` narrows to one folder.
 */
export async function listProcessSummaries(ctx: UiPathContext, filters: ProcessSummaryFilters, folderKey: string | undefined, itemIndex: number): Promise<IDataObject[]> {
	const answer = await pims<{ processes?: unknown }>(ctx, { path: `${BASE}/processes/summary`, qs: { ...filters }, folderKey, itemIndex });
	if (!Array.isArray(answer?.processes)) throw new Error('Maestro answered GET /processes/summary without its list of processes');
	return answer.processes as IDataObject[];
}

/** The open incidents grouped by process, error code and message (GET /incidents/summary). */
export async function listIncidentSummaries(ctx: UiPathContext, folderKey: string | undefined, itemIndex: number): Promise<IDataObject[]> {
	const answer = await pims<unknown>(ctx, { path: `${BASE}/incidents/summary`, folderKey, itemIndex });
	if (!Array.isArray(answer)) throw new Error('Maestro answered GET /incidents/summary with something other than a list');
	return answer as IDataObject[];
}

/** Server-side filters of GET /instances. */
export interface InstanceFilters {
	processKey?: string;
	packageId?: string;
	packageVersion?: string;
	errorCode?: string;
	processType?: string;
}

export interface InstancePage {
	instances: IDataObject[];
	/** the token of the next page; undefined at the end */
	nextPage?: string;
	hasMoreResults: boolean;
}

/** One page of instances, newest first (token paging: `nextPage` from the page before). */
export async function listInstancesPage(
	ctx: UiPathContext,
	filters: InstanceFilters,
	page: { pageSize: number; nextPage?: string },
	folderKey: string | undefined,
	itemIndex: number,
): Promise<InstancePage> {
	const qs: IDataObject = { ...filters, pageSize: Math.min(page.pageSize, INSTANCES_PER_PAGE) };
	if (page.nextPage) qs.nextPage = page.nextPage;
	const answer = await pims<IDataObject>(ctx, { path: `${BASE}/instances`, qs, folderKey, itemIndex });
	if (!Array.isArray(answer?.instances)) throw new Error('Maestro answered GET /instances without its list of instances (instances)');
	// The SDK reads a next page exactly when nextPage is non-empty.
	const nextPage = typeof answer.nextPage === 'string' && answer.nextPage ? answer.nextPage : undefined;
	return { instances: answer.instances as IDataObject[], nextPage, hasMoreResults: nextPage !== undefined };
}

/** One instance (GET /instances/{id}): its latestRunStatus is its state. Pollable: a read, re-sent after a 5xx. */
export async function getInstance(ctx: UiPathContext, instanceId: string, folderKey: string, itemIndex: number, signal?: AbortSignal): Promise<IDataObject> {
	return await pims<IDataObject>(ctx, { path: instancePath(instanceId), folderKey, itemIndex, notFoundHint: noSuchInstance(instanceId), signal });
}

/** The instance's global variables (GET /instances/{id}/variables), root level or of one element's scope. */
export async function getInstanceVariables(ctx: UiPathContext, instanceId: string, folderKey: string, parentElementId: string | undefined, itemIndex: number): Promise<IDataObject> {
	const qs = parentElementId ? { parentElementId } : undefined;
	const notFoundHint = parentElementId
		? `Maestro found no instance ${instanceId} in this folder, or no element "${parentElementId}" in its process: check the Instance ID, the Folder and the Parent Element ID.`
		: noSuchInstance(instanceId);
	return await pims<IDataObject>(ctx, { path: `${instancePath(instanceId)}/variables`, qs, folderKey, itemIndex, notFoundHint });
}

/** The instance's incidents (GET /instances/{id}/incidents), by error time. */
export async function listInstanceIncidents(ctx: UiPathContext, instanceId: string, folderKey: string, itemIndex: number): Promise<IDataObject[]> {
	const answer = await pims<unknown>(ctx, { path: `${instancePath(instanceId)}/incidents`, folderKey, itemIndex, notFoundHint: noSuchInstance(instanceId) });
	if (!Array.isArray(answer)) throw new Error('Maestro answered GET /instances/{id}/incidents with something other than a list');
	return answer as IDataObject[];
}

/** Every incident of a process in its folder (GET /incidents/process/{processKey}). */
export async function listProcessIncidents(ctx: UiPathContext, processKey: string, folderKey: string, itemIndex: number): Promise<IDataObject[]> {
	const notFoundHint = `Maestro has no process ${processKey} in this folder: Maestro Process → Get Many lists the processes with their processKey and folderKey.`;
	const answer = await pims<unknown>(ctx, { path: `${BASE}/incidents/process/${encodeURIComponent(processKey)}`, folderKey, itemIndex, notFoundHint });
	if (!Array.isArray(answer)) throw new Error('Maestro answered GET /incidents/process/{processKey} with something other than a list');
	return answer as IDataObject[];
}

/**
 * Pauses, resumes or cancels an instance (POST /instances/{id}/pause|resume|cancel, body {comment}). Answers
 * `{instanceId, status}`, the status being the transitional state (Pausing, Resuming, Canceling). Starts work: never
 * re-sent. A state that does not allow it is a 400 whose title names the state.
 */
export async function changeInstance(
	ctx: UiPathContext,
	action: InstanceAction,
	instanceId: string,
	folderKey: string,
	comment: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	// n8n sends no body for {} (PIMS then answers 415): {"comment": null} is what the SDK sent before options were optional.
	const body: IDataObject = { comment: comment ?? null };
	return await pims<IDataObject>(ctx, { method: 'POST', path: `${instancePath(instanceId)}/${action}`, body, folderKey, itemIndex, notFoundHint: noSuchInstance(instanceId) });
}
