import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { triggerNodeDescription } from '../shared/nodeDescription';
import type { CursorState } from '../shared/pollCursor';
import { pollFinished } from '../shared/pollFinished';
import { searchFolders, searchQueues } from '../UiPath/methods/listSearch';
import { FINISHED_JOB_STATES } from '../UiPath/api/jobs';
import {
	authenticationProperty,
	folderLocator,
	jobStateOptions,
	only,
	queueItemStatusOptions,
	queueLocator,
	uiPathCredentials,
} from '../UiPath/descriptions';
import { readLatest, readWindow, timeOf, watchesOf, type QueueIdCache } from './watches';
import { maestroTriggerFields } from './maestroFields';
import { MAESTRO_EVENTS, pollMaestro, type MaestroStatic } from './maestroPoll';
import { multiOptionsParameter, optionsParameter } from '../shared/optionsParameter';

// A job's EndTime can become visible a little after the moment it names. Each poll reads back this far behind
// the newest end time it has seen, and remembers the ids it emitted over that stretch, so such late writes are
// caught and nothing is emitted twice.
const LOOKBACK_MS = 2 * 60_000;

const forJobs = { show: { event: ['jobFinished'] } };
const forQueueItems = { show: { event: ['queueItemFinished'] } };

export class UiPathTrigger implements INodeType {
	description: INodeTypeDescription = {
		...triggerNodeDescription('UiPath Trigger', 'uiPathTrigger', {
			// n8n's nodes panel lists the UiPath node and this trigger as one app and shows the trigger's description for
			// both: so it starts with the UiPath node's own words.
			description:
				'Start UiPath Orchestrator jobs and wait for them, add queue items, read processes, robots and assets, and start workflows when jobs or queue items finish',
			polling: true,
			credentials: uiPathCredentials,
			properties: [
				authenticationProperty,
				optionsParameter('Event', 'event', [
					['Job Finished', 'jobFinished', 'A job ends Successful, Faulted or Stopped'],
					['Queue Item Finished', 'queueItemFinished', 'A queue item is processed'],
					['Maestro Instance Ended', 'maestroInstanceEnded', 'A Maestro process instance ends Completed, Faulted or Cancelled'],
					['Maestro Incident Opened', 'maestroIncidentOpened', 'A Maestro process instance raises an incident'],
				]),
				{
					displayName: 'Folders',
					name: 'folders',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Folder',
					default: {},
					required: true,
					description: 'The folders whose jobs to watch',
					displayOptions: forJobs,
					options: [{ name: 'folder', displayName: 'Folder', values: [{ ...folderLocator, description: 'A folder whose jobs to watch' }] }],
				},
				multiOptionsParameter('States', 'states', only(jobStateOptions, FINISHED_JOB_STATES), ['Successful', 'Faulted', 'Stopped'], {
					description: 'Fire for jobs that end in these states',
					displayOptions: forJobs,
				}),
				{
					displayName: 'Process Name',
					name: 'processName',
					type: 'string',
					default: '',
					description: 'Only jobs of this process (release name). Leave empty for every process.',
					displayOptions: forJobs,
				},
				{ ...folderLocator, displayOptions: forQueueItems },
				{ ...queueLocator, displayOptions: forQueueItems },
				multiOptionsParameter('Statuses', 'statuses', only(queueItemStatusOptions, ['Abandoned', 'Failed', 'Successful']), ['Successful', 'Failed'], {
					description: 'Fire for queue items that end with these statuses',
					displayOptions: forQueueItems,
				}),
				...maestroTriggerFields,
			],
		}),
		// n8n's lint reads these from the class (and checks the icon files, whose paths are relative to this file).
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		subtitle:
			'={{ {"queueItemFinished": "Queue item finished", "maestroInstanceEnded": "Maestro instance ended", "maestroIncidentOpened": "Maestro incident opened"}[$parameter["event"]] || "Job finished" }}',
	};

	methods = { listSearch: { searchFolders, searchQueues } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const staticData = this.getWorkflowStaticData('node') as IDataObject & { cursors?: Record<string, CursorState>; queueIds?: QueueIdCache };
		if (MAESTRO_EVENTS.includes(this.getNodeParameter('event') as string)) {
			const rows = await pollMaestro(this, staticData as MaestroStatic);
			return rows.length ? [rows.map((json) => ({ json }))] : null;
		}
		staticData.queueIds ??= {};
		const watches = await watchesOf(this, staticData.queueIds);

		// "Fetch test event": the latest finished record across the watched folders; the cursors stay where they are.
		if (this.getMode() === 'manual') {
			const latest: IDataObject[] = [];
			for (const watch of watches) {
				const record = await readLatest(this, watch);
				if (record) latest.push(watch.shape(record));
			}
			const newest = latest.sort((a, b) => timeOf(b, watches[0].timeField) - timeOf(a, watches[0].timeField))[0];
			return newest ? [[{ json: newest }]] : null;
		}

		// Only the cursors of the watches configured now are kept: a folder or queue removed and added back later
		// starts again like a new watch, instead of replaying everything that finished while it was out.
		const saved = staticData.cursors ?? {};
		const cursors: Record<string, CursorState> = {};
		const emitted: IDataObject[] = [];
		for (const watch of watches) {
			const { cursor, fresh } = await pollFinished<IDataObject>(cursors[watch.key] ?? saved[watch.key], {
				lookbackMs: LOOKBACK_MS,
				idOf: (r) => String(r.Id),
				timeOf: (r) => timeOf(r, watch.timeField),
				// The first activation starts at the newest finished record, on the server's clock; with none yet, at
				// the beginning (whatever finishes later is news), never at n8n's clock.
				newestTime: async () => {
					const latest = await readLatest(this, watch);
					return latest ? timeOf(latest, watch.timeField) : undefined;
				},
				readSince: async (from, isNew) => await readWindow(this, watch, from, isNew),
			});
			emitted.push(...fresh.map(watch.shape));
			cursors[watch.key] = cursor;
		}
		// Only now, with every window read, do the cursors move: an error above (a 429 that outlasted the retries)
		// leaves them where they were, and the next poll reads the same windows again.
		staticData.cursors = cursors;
		return emitted.length ? [emitted.map((json) => ({ json }))] : null;
	}
}
