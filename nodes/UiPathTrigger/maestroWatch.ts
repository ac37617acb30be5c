// The UiPath Trigger's Maestro events: instances that end, and incidents that open. Maestro's instance list has no
// state or time filter and is ordered by start (newest first), so an instance that started long ago and ends now is
// found by remembering the instances still running ("tracked", in static data) and reading each again until it
// ends. Emission runs through the same exactly-once cursor as jobs (pollFinished), keyed by instance and run: a
// faulted instance that is retried and ends again fires again.
import type { IDataObject } from 'n8n-workflow';

import type { CursorState } from '../shared/pollCursor';
import { newestOf, pollFinished } from '../shared/pollFinished';

export const ENDED_STATES = ['Completed', 'Faulted', 'Cancelled'];
/** How long a faulted instance is still read again, for a retry that ends it a second time. */
export const RETRY_WATCH_MS = 24 * 3_600_000;
/** The list is read newest-first (pages of INSTANCE_PAGE): at most this deep for new instances, ... */
export const MAX_NEW_PAGES = 50;
/** ... and this deep to reach tracked ones; fewer than MAX_BY_ID unseen ones are read one by one instead. */
export const MAX_LIST_PAGES = 10;
export const MAX_BY_ID = 10;
export const INSTANCE_PAGE = 100;
/** Late arrivals: an instance may show in the list a little after the time it started. */
export const LIST_LOOKBACK_MS = 2 * 60_000;

export interface Tracked extends IDataObject {
	folderKey: string;
	started: number;
	/** set once it faulted: read again until then, for a retry */
	until?: number;
}
export interface InstanceScanState extends IDataObject {
	/** instanceId → what is needed to read it again */
	tracked: Record<string, Tracked>;
	/** the newest start time seen: the next scan reads the list back to LIST_LOOKBACK_MS before it */
	horizon?: number;
}
export interface MaestroReads {
	listPage(nextPage: string | undefined): Promise<{ instances: IDataObject[]; nextPage?: string | null }>;
	get(instanceId: string, folderKey: string): Promise<IDataObject | undefined>;
}
/** An end time can be written a little after the moment it names (as for jobs). */
const LOOKBACK_MS = 2 * 60_000;

const startOf = (row: IDataObject) => Date.parse(String(row.startedTimeUtc));
export const endOf = (row: IDataObject) => Date.parse(String(row.completedTimeUtc));
export const runKeyOf = (row: IDataObject) => `${String(row.instanceId)}:${String(row.latestRunId ?? '')}`;
const hasEnded = (row: IDataObject) => ENDED_STATES.includes(String(row.latestRunStatus)) && !Number.isNaN(endOf(row));

/**
 * The list, newest first: every instance started since the last scan (back to its horizon, less the lookback; at
 * most MAX_NEW_PAGES), then on towards the oldest tracked instance while more than MAX_BY_ID of them are unseen
 * (at most MAX_LIST_PAGES in all); the first scan reads MAX_LIST_PAGES, so what runs at activation is tracked.
 */
async function readList(reads: MaestroReads, state: InstanceScanState | undefined) {
	const tracked = state?.tracked ?? {};
	const newDepth = state?.horizon === undefined ? -Infinity : state.horizon - LIST_LOOKBACK_MS;
	const rows: IDataObject[] = [];
	let token: string | undefined;
	for (let page = 1; page <= MAX_NEW_PAGES; page++) {
		const { instances, nextPage } = await reads.listPage(token);
		rows.push(...instances);
		token = nextPage || undefined;
		if (!token || !instances.length || (!state && page >= MAX_LIST_PAGES)) break;
		const last = startOf(instances[instances.length - 1]);
		if (last >= newDepth) continue;
		const seen = new Set(rows.map((r) => String(r.instanceId)));
		const unseen = Object.keys(tracked).filter((id) => !seen.has(id)).length;
		if (page >= MAX_LIST_PAGES || unseen <= MAX_BY_ID) break;
	}
	return rows;
}

/**
 * One scan: the instances seen to have ended (each row as read), and the state to keep. Instances not reached by
 * the list (started before its depth) are read one by one; one that can no longer be read (deleted) is dropped.
 */
export async function scanInstances(reads: MaestroReads, state: InstanceScanState | undefined, now: number) {
	const rows = new Map((await readList(reads, state)).map((row) => [String(row.instanceId), row]));
	const tracked: Record<string, Tracked> = {};
	for (const [id, t] of Object.entries(state?.tracked ?? {})) {
		if (t.until !== undefined && t.until < now) continue;
		if (!rows.has(id)) {
			const row = await reads.get(id, t.folderKey);
			if (row) rows.set(id, row);
			else continue;
		}
		tracked[id] = t;
	}
	const ended: IDataObject[] = [];
	for (const [id, row] of rows) {
		const entry: Tracked = { folderKey: String(row.folderKey ?? ''), started: startOf(row), until: tracked[id]?.until };
		if (!hasEnded(row)) tracked[id] = { ...entry, until: undefined };
		else {
			ended.push(row);
			if (row.latestRunStatus === 'Faulted') tracked[id] = { ...entry, until: entry.until ?? now + RETRY_WATCH_MS };
			else delete tracked[id];
		}
	}
	const horizon = newestOf([...(state?.horizon !== undefined ? [state.horizon] : []), ...[...rows.values()].map(startOf)]);
	return { ended, state: { tracked, horizon } as InstanceScanState };
}

export interface InstancesEndedState extends IDataObject {
	scan?: InstanceScanState;
	cursor?: CursorState;
}

/**
 * One poll of "Maestro Instance Ended": the instances that ended since the last poll in one of `states`, each once
 * per run. The first poll emits nothing (what ended before activation is history) but starts tracking.
 */
export async function pollInstancesEnded(reads: MaestroReads, saved: InstancesEndedState, states: string[], now: number) {
	let scanned: Awaited<ReturnType<typeof scanInstances>> | undefined;
	const scan = async () => (scanned ??= await scanInstances(reads, saved.scan, now));
	const outcome = await pollFinished<IDataObject>(saved.cursor, {
		lookbackMs: LOOKBACK_MS,
		idOf: runKeyOf,
		timeOf: endOf,
		newestTime: async () => newestOf((await scan()).ended.map(endOf)),
		readSince: async (from) => (await scan()).ended.filter((row) => endOf(row) >= from),
		// At activation nothing that ended before the newest start seen is news, even where no instance has ended yet.
		alsoSeen: saved.cursor ? [] : [(await scan()).state.horizon ?? 0],
	});
	const { state, ended } = await scan();
	const wanted = (row: IDataObject) => states.includes(String(row.latestRunStatus));
	const newest = ended.filter(wanted).sort((a, b) => endOf(b) - endOf(a))[0];
	return { state: { scan: state, cursor: outcome.cursor } as InstancesEndedState, fresh: outcome.fresh.filter(wanted), newest };
}

export interface IncidentReads {
	processes(): Promise<IDataObject[]>;
	incidents(processKey: string, folderKey: string): Promise<IDataObject[]>;
}
const errorTimeOf = (incident: IDataObject) => Date.parse(String(incident.errorTimeUtc));

/**
 * One poll of "Maestro Incident Opened": per process (all the tenant's, or those given), the incidents raised since
 * the last poll, each once; a process seen for the first time starts at its newest incident.
 */
export async function pollIncidents(reads: IncidentReads, saved: Record<string, CursorState>, processKeys: string[]) {
	const all = await reads.processes();
	const watched = processKeys.length ? all.filter((p) => processKeys.includes(String(p.processKey))) : all;
	const cursors: Record<string, CursorState> = {};
	const fresh: IDataObject[] = [];
	let newest: IDataObject | undefined;
	for (const process of watched) {
		const key = String(process.processKey);
		let list: IDataObject[] | undefined;
		const read = async () => (list ??= await reads.incidents(key, String(process.folderKey ?? '')));
		const outcome = await pollFinished<IDataObject>(saved[key], {
			lookbackMs: LOOKBACK_MS,
			idOf: (incident) => String(incident.incidentId),
			timeOf: errorTimeOf,
			newestTime: async () => newestOf((await read()).map(errorTimeOf)),
			readSince: async (from) => (await read()).filter((incident) => errorTimeOf(incident) >= from),
		});
		const withProcess = (incident: IDataObject) => ({ ...incident, packageId: process.packageId, folderName: process.folderName });
		fresh.push(...outcome.fresh.map(withProcess));
		for (const incident of outcome.records) if (!newest || errorTimeOf(incident) > errorTimeOf(newest)) newest = withProcess(incident);
		cursors[key] = outcome.cursor;
	}
	return { cursors, fresh, newest };
}
