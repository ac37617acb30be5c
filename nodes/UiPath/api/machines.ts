// Machines (tenant-wide) and robot sessions (per folder): which robots are connected and free.
import type { IDataObject } from 'n8n-workflow';

import type { FolderRef, UiPathContext } from '../transport';
import { odataList } from './odata';

const MACHINE_SCOPES = 'OR.Machines (or OR.Machines.Read)';
const SESSION_SCOPES = 'OR.Robots (or OR.Robots.Read)';

/** The tenant's machines: the route is tenant-wide, so no folder header is sent. */
export async function listMachines(ctx: UiPathContext, qs: IDataObject, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/Machines', { qs, limit, itemIndex, scopes: MACHINE_SCOPES });
}

export async function listSessions(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/Sessions', { qs, folder, limit, itemIndex, scopes: SESSION_SCOPES });
}
