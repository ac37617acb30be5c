import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { buildQuery, listRuns, listSessionQueues, type SessionQueue } from '../RoboticCrowd/api/sessionQueues';
import { searchWorkflows } from '../RoboticCrowd/methods/listSearch';
import type { CursorState } from '../shared/pollCursor';
import { pollFinished } from '../shared/pollFinished';

// The query filters runs by creation time only, to the minute. Each poll reads the finished runs created since the
// newest creation time the last poll saw (the server's clock, not n8n's), reaching back a minute more for that
// rounding and for runs created in the same second.
const LOOKBACK_MS = 60_000;
const MINUTE = 60_000;
// Long runs that end in the same poll are looked up together when they were created within this span.
const VANISHED_WINDOW_MS = 10 * MINUTE;

const createdAt = (run: SessionQueue) => Date.parse(run.created_at);

interface TriggerState extends IDataObject {
	cursor: CursorState;
	/** runs open (queued or running) at the last poll: id -> creation time */
	open: Record<string, number>;
}

const listAll = async (ctx: IPollFunctions, query: string) => await listRuns(ctx, query, Infinity);

/**
 * Runs that were open at the last poll and are no longer: they finished (or a queued run was cancelled and
 * removed). Each is looked up in the minutes around its creation, so a run that started hours ago costs one
 * request when it ends instead of re-reading everything since.
 */
async function findVanished(ctx: IPollFunctions, ids: Map<string, number>, statuses: string[]): Promise<SessionQueue[]> {
	// Runs created close together share one query: a window from a minute before the first to two after the last.
	const byCreation = [...ids].sort((a, b) => a[1] - b[1]);
	const windows: Array<{ from: number; to: number }> = [];
	for (const [, created] of byCreation) {
		const last = windows.at(-1);
		if (last && created - last.from <= VANISHED_WINDOW_MS) last.to = created;
		else windows.push({ from: created, to: created });
	}
	const found: SessionQueue[] = [];
	for (const { from, to } of windows) {
		const query = buildQuery({
			status: statuses,
			createdAfter: new Date(from - MINUTE).toISOString(),
			createdBefore: new Date(to + 2 * MINUTE).toISOString(),
		});
		found.push(...(await listAll(ctx, query)).filter((run) => ids.has(String(run.id))));
	}
	return found;
}

/**
 * Runs open at the last poll that are open no more have ended. Those created inside the window come back with
 * `recent` and go through the cursor; older ones are taken from `recent` when the query's minute rounding brought
 * them along, and otherwise looked up.
 */
async function endedSince(
	ctx: IPollFunctions,
	openBefore: Record<string, number>,
	openNow: Record<string, number>,
	recent: SessionQueue[],
	queryFrom: number,
	statuses: string[],
): Promise<SessionQueue[]> {
	const recentById = new Map(recent.map((run) => [String(run.id), run]));
	const ended: SessionQueue[] = [];
	const lookUp = new Map<string, number>();
	for (const [id, created] of Object.entries(openBefore)) {
		if (id in openNow || created >= queryFrom) continue;
		const run = recentById.get(id);
		if (run) ended.push(run);
		else lookUp.set(id, created);
	}
	if (lookUp.size) ended.push(...(await findVanished(ctx, lookUp, statuses)));
	return ended;
}

export class RoboticCrowdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Robotic Crowd Trigger',
		name: 'roboticCrowdTrigger',
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Runs that end with {{$parameter["statuses"].join(", ")}}',
		// n8n's nodes panel lists the Robotic Crowd node and this trigger as one app and shows the trigger's description
		// for both: so it starts with the Robotic Crowd node's own words.
		description: 'Start Robotic Crowd (AUTORO) workflow runs, wait for them, list and cancel them, and start workflows when runs finish',
		defaults: { name: 'Robotic Crowd Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'roboticCrowdApi', required: true }],
		properties: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Error', value: 'error' },
					{ name: 'Success', value: 'success' },
				],
				default: ['success', 'error'],
				required: true,
				description: 'Fire for runs that finish with these statuses',
			},
			{
				displayName: 'Workflow',
				name: 'workflowId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only runs of this workflow. Leave empty for every workflow of the project.',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchWorkflows', searchable: true },
					},
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 6391' },
				],
			},
		],
	};

	methods = { listSearch: { searchWorkflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const workflowId = String(this.getNodeParameter('workflowId', '', { extractValue: true }) ?? '').trim();
		const matches = (run: SessionQueue) =>
			statuses.includes(run.status) && (!workflowId || String(run.workflow?.id) === workflowId);

		// "Fetch test event": the latest finished run, and the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const { session_queues: latest } = await listSessionQueues(this, buildQuery({ status: statuses }), 1, 50);
			const run = latest.find(matches);
			return run ? [[{ json: run }]] : null;
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject & { state?: TriggerState };
		const saved = staticData.state;
		// Open runs first: a run open now that ends before the next poll must be found then.
		const open = await listAll(this, buildQuery({ status: ['queued', 'running'] }));
		const openNow = Object.fromEntries(open.map((run) => [String(run.id), createdAt(run)]));
		const { cursor, fresh: recentFresh, records: recent, queryFrom } = await pollFinished<SessionQueue>(saved?.cursor, {
			lookbackMs: LOOKBACK_MS,
			idOf: (run) => String(run.id),
			timeOf: createdAt,
			// The newest run tells the server's time.
			newestTime: async () => (await listSessionQueues(this, '', 1, 1)).session_queues.map(createdAt)[0],
			readSince: async (from) => await listAll(this, buildQuery({ status: statuses, createdAfter: new Date(from).toISOString() })),
			alsoSeen: Object.values(openNow),
		});
		// First activation: what already finished is history, not news.
		if (!saved) {
			staticData.state = { cursor, open: openNow };
			return null;
		}
		const ended = await endedSince(this, saved.open, openNow, recent, queryFrom, statuses);
		const fresh = [...recentFresh, ...ended].filter(matches);
		// Only now, with everything read, does the state move (an error above leaves it where it was).
		staticData.state = { cursor, open: openNow };
		if (!fresh.length) return null;
		fresh.sort((a, b) => Date.parse(a.ended_at ?? a.created_at) - Date.parse(b.ended_at ?? b.created_at) || a.id - b.id);
		return [fresh.map((run) => ({ json: run }))];
	}
}
