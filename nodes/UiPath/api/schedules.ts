// Process schedules: Orchestrator's time and queue triggers of a folder; list them, switch them on and off.
import type { IDataObject } from 'n8n-workflow';

import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder } from './folders';
import { odataEntity, odataList } from './odata';

const READ_SCOPES = 'OR.Jobs (or OR.Jobs.Read)';
const WRITE_SCOPES = 'OR.Jobs (or OR.Jobs.Write)';

const noSuchSchedule = (id: number, folder: FolderRef) =>
	`Schedule ${id} was not found in ${describeFolder(folder)}: Process Schedule → Get Many lists the schedules of a folder and their IDs.`;

export async function listSchedules(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/ProcessSchedules', { qs, folder, limit, itemIndex, scopes: READ_SCOPES });
}

export async function getSchedule(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const options = { folder, itemIndex, scopes: READ_SCOPES, notFoundHint: noSuchSchedule(id, folder) };
	return await odataEntity(ctx, `/odata/ProcessSchedules(${id})`, options);
}

/** SetEnabled for one schedule (the same state twice is harmless, but a POST is never re-sent after a 5xx). */
export async function setScheduleEnabled(ctx: UiPathContext, id: number, enabled: boolean, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'POST',
		path: '/odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled',
		body: { enabled, scheduleIds: [id] },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchSchedule(id, folder),
	});
}
