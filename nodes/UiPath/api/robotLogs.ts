// Robot logs: what a robot wrote while it ran a job.
import type { IDataObject } from 'n8n-workflow';

import type { FolderRef, UiPathContext } from '../transport';
import { odataList } from './odata';

const MONITORING_SCOPES = 'OR.Monitoring (or OR.Monitoring.Read)';

/** Log levels in the order Orchestrator's enum has them (a `ge` filter relies on it). */
export const LOG_LEVELS = ['Trace', 'Debug', 'Info', 'Warn', 'Error', 'Fatal'];

/** The logs of one job, newest first; `minLevel` keeps that level and the ones above it. */
export async function listJobLogs(
	ctx: UiPathContext,
	jobKey: string,
	options: { minLevel?: string; folder: FolderRef; limit: number; itemIndex: number },
): Promise<IDataObject[]> {
	// The Guid literal is unquoted in OData; the key was checked to be a GUID by the caller.
	const clauses = [`JobKey eq ${jobKey}`];
	if (options.minLevel && LOG_LEVELS.includes(options.minLevel) && options.minLevel !== 'Trace') clauses.push(`Level ge '${options.minLevel}'`);
	return await odataList<IDataObject>(ctx, '/odata/RobotLogs', {
		qs: { $filter: clauses.join(' and '), $orderby: 'TimeStamp desc,Id desc' },
		folder: options.folder,
		limit: options.limit,
		itemIndex: options.itemIndex,
		scopes: MONITORING_SCOPES,
	});
}
