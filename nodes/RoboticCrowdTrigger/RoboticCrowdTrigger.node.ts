import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import {
	buildQuery,
	listSessionQueues,
	type SessionQueue,
} from '../RoboticCrowd/actions/sessionQueue';
import { searchWorkflows } from '../RoboticCrowd/methods/listSearch';
import { FinishedRecordsCursor, type CursorState } from '../shared/pollCursor';

const PER_PAGE = 50;
// Runs are found by creation time (the only time the query can filter on), to the minute. Looking back a few
// minutes past the horizon covers that rounding and a client clock a little off the server's.
const LOOKBACK_MS = 5 * 60_000;

const createdAt = (run: SessionQueue) => Date.parse(run.created_at);

async function listAll(ctx: IPollFunctions, query: string): Promise<SessionQueue[]> {
	const runs: SessionQueue[] = [];
	for (let page = 1; ; page++) {
		const { session_queues: batch, total_count: total } = await listSessionQueues.call(ctx, query, page, PER_PAGE);
		runs.push(...batch);
		if (batch.length < PER_PAGE || page * PER_PAGE >= total) return runs;
	}
}

export class RoboticCrowdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Robotic Crowd Trigger',
		name: 'roboticCrowdTrigger',
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Runs that end with {{$parameter["statuses"].join(", ")}}',
		description: 'Starts the workflow when Robotic Crowd (AUTORO) runs finish',
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
		const finishedQuery = (from: number) => buildQuery({ status: statuses, createdAfter: new Date(from).toISOString() });

		// "Fetch test event": the latest finished run, and the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const { session_queues: latest } = await listSessionQueues.call(this, buildQuery({ status: statuses }), 1, PER_PAGE);
			const run = latest.find(matches);
			return run ? [[{ json: run }]] : null;
		}

		const staticData = this.getWorkflowStaticData('node') as IDataObject & { cursor?: CursorState };
		// Open runs first: a run open now can finish before the next poll, and must then still be in its window.
		const pollStartedAt = Date.now();
		const open = await listAll(this, buildQuery({ status: ['queued', 'running'] }));
		const horizon = Math.min(pollStartedAt, ...open.map(createdAt));

		if (!staticData.cursor) {
			// First activation: what already finished is history, not news.
			const cursor = new FinishedRecordsCursor(FinishedRecordsCursor.start(horizon), LOOKBACK_MS);
			cursor.skip(await listAll(this, finishedQuery(cursor.queryFrom)), (r) => String(r.id), createdAt);
			staticData.cursor = cursor.advance(horizon);
			return null;
		}

		const cursor = new FinishedRecordsCursor(staticData.cursor, LOOKBACK_MS);
		const finished = await listAll(this, finishedQuery(cursor.queryFrom));
		const fresh = cursor.take(finished, (r) => String(r.id), createdAt).filter(matches);
		// Only now, with every page read, does the cursor move (an error above leaves it where it was).
		staticData.cursor = cursor.advance(horizon);
		if (!fresh.length) return null;
		fresh.sort((a, b) => Date.parse(a.ended_at ?? a.created_at) - Date.parse(b.ended_at ?? b.created_at) || a.id - b.id);
		return [fresh.map((run) => ({ json: run }))];
	}
}
