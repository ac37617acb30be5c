// The UiPath Trigger's Maestro events, read through UiPath/api/maestro: which reads a poll makes, and what it keeps in
// the workflow's static data between polls.
import { NodeApiError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { CursorState } from '../shared/pollCursor';
import { textOf } from '../shared/text';
import { getInstance, listInstancesPage, listProcessIncidents, listProcessSummaries } from '../UiPath/api/maestro';
import { INSTANCE_PAGE, pollIncidents, pollInstancesEnded, type IncidentReads, type InstancesEndedState, type MaestroReads } from './maestroWatch';

export const MAESTRO_EVENTS = ['maestroInstanceEnded', 'maestroIncidentOpened'];

export type MaestroStatic = IDataObject & { maestroInstances?: Record<string, InstancesEndedState>; maestroIncidents?: Record<string, CursorState> };

const processKeyOf = (ctx: IPollFunctions) => textOf(ctx.getNodeParameter('maestroProcessKey', '')).trim();

function instanceReads(ctx: IPollFunctions, processKey: string): MaestroReads {
	return {
		listPage: async (nextPage) => await listInstancesPage(ctx, processKey ? { processKey } : {}, { pageSize: INSTANCE_PAGE, nextPage }, undefined, 0),
		get: async (instanceId, folderKey) => {
			try {
				return await getInstance(ctx, instanceId, folderKey, 0);
			} catch (error) {
				// An instance deleted meanwhile is no longer watched; any other failure leaves the state as it was.
				const failure = error as NodeApiError;
				if (failure instanceof NodeApiError && failure.httpCode === '404') return undefined;
				throw failure;
			}
		},
	};
}

function incidentReads(ctx: IPollFunctions): IncidentReads {
	return {
		processes: async () => await listProcessSummaries(ctx, {}, undefined, 0),
		incidents: async (processKey, folderKey) => await listProcessIncidents(ctx, processKey, folderKey, 0),
	};
}

/**
 * One poll of a Maestro event; the state moves only once every read succeeded. "Fetch test event" (manual) returns
 * the newest ended instance or the newest incident, and keeps the state as it is.
 */
export async function pollMaestro(ctx: IPollFunctions, staticData: MaestroStatic): Promise<IDataObject[]> {
	const processKey = processKeyOf(ctx);
	const manual = ctx.getMode() === 'manual';
	if (ctx.getNodeParameter('event') === 'maestroInstanceEnded') {
		const states = ctx.getNodeParameter('maestroStates', []) as string[];
		const saved = manual ? {} : (staticData.maestroInstances?.[processKey] ?? {});
		const { state, fresh, newest } = await pollInstancesEnded(instanceReads(ctx, processKey), saved, states, Date.now());
		if (manual) return newest ? [newest] : [];
		// Only the watch configured now is kept (a process changed and changed back starts again).
		staticData.maestroInstances = { [processKey]: state };
		return fresh;
	}
	const saved = manual ? {} : (staticData.maestroIncidents ?? {});
	const { cursors, fresh, newest } = await pollIncidents(incidentReads(ctx), saved, processKey ? [processKey] : []);
	if (manual) return newest ? [newest] : [];
	staticData.maestroIncidents = cursors;
	return fresh;
}
