// Action Center tasks: generic (external) and form tasks of a folder. The typed routes (/tasks/…, /forms/…) speak
// camelCase, /odata/Tasks PascalCase.
import type { IDataObject } from 'n8n-workflow';

import type { Page, PageRequest } from '../../shared/paginate';
import { odataString, uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder, findFolder } from './folders';
import { odataEntity, odataList, odataPage } from './odata';

const READ_SCOPES = 'OR.Tasks (or OR.Tasks.Read)';
const WRITE_SCOPES = 'OR.Tasks (or OR.Tasks.Write)';

export interface AssignFailure {
	TaskId?: number;
	ErrorCode?: number;
	ErrorMessage?: string;
}

const noSuchTask = (id: number, folder: FolderRef) => `Task ${id} was not found in ${describeFolder(folder)}: Task → Get Many lists the tasks of a folder.`;

/** CreateTask or CreateFormTask: never re-sent after a timeout, as the task may exist by then. */
export async function createTask(ctx: UiPathContext, form: boolean, body: IDataObject, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	return await uiPathRequest<IDataObject>(ctx, {
		method: 'POST',
		path: form ? '/forms/TaskForms/CreateFormTask' : '/tasks/GenericTasks/CreateTask',
		body,
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
	});
}

/** The task (TaskDto) with the user it is assigned to. */
export async function getTask(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const options = { qs: { $expand: 'AssignedToUser' }, folder, itemIndex, scopes: READ_SCOPES, notFoundHint: noSuchTask(id, folder) };
	return await odataEntity(ctx, `/odata/Tasks(${id})`, options);
}

/** The task's data, from the typed route of its Type (a form task's route 404s for a generic one). */
export async function getTaskData(ctx: UiPathContext, id: number, form: boolean, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	return await uiPathRequest<IDataObject>(ctx, {
		method: 'GET',
		path: form ? '/forms/TaskForms/GetTaskFormById' : '/tasks/GenericTasks/GetTaskDataById',
		qs: { taskId: id },
		folder,
		itemIndex,
		scopes: READ_SCOPES,
		notFoundHint: noSuchTask(id, folder),
	});
}

export async function listTasks(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/Tasks', { qs, folder, limit, itemIndex, scopes: READ_SCOPES });
}

/** AssignTasks or ReassignTasks for one task: the failures Orchestrator lists (none means done). */
export async function assignTask(
	ctx: UiPathContext,
	assignment: IDataObject,
	reassign: boolean,
	folder: FolderRef,
	itemIndex: number,
): Promise<AssignFailure[]> {
	const answer = await uiPathRequest<{ value?: AssignFailure[] }>(ctx, {
		method: 'POST',
		path: `/odata/Tasks/UiPath.Server.Configuration.OData.${reassign ? 'ReassignTasks' : 'AssignTasks'}`,
		body: { taskAssignments: [assignment] },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
	});
	return answer.value ?? [];
}

export async function completeTask(ctx: UiPathContext, form: boolean, body: IDataObject, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'POST',
		path: form ? '/forms/TaskForms/CompleteTask' : '/tasks/GenericTasks/CompleteTask',
		body,
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: noSuchTask(Number(body.taskId), folder),
		expectEmpty: true,
	});
}

/** The numeric Id of a folder (GetTaskUsers takes it in its path): as given, or looked up by Key or path. */
export async function folderIdOf(ctx: UiPathContext, folder: FolderRef): Promise<number | undefined> {
	if (folder.by === 'id') return Number(folder.value);
	return (await findFolder(ctx, folder, 'Id'))?.Id;
}

/** One page of the users of a folder who may be given its tasks (Tasks.View and Tasks.Edit), by display name. */
export async function taskUsersPage(ctx: UiPathContext, folderId: number, request: PageRequest, search?: string): Promise<Page<IDataObject>> {
	const qs: IDataObject = { $orderby: 'displayName' };
	if (search) qs.$filter = ['displayName', 'userName', 'emailAddress'].map((f) => `contains(${f},${odataString(search)})`).join(' or ');
	return await odataPage<IDataObject>(ctx, `/odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId=${folderId})`, request, {
		qs,
		// The document requires the folder as X-UIPATH-OrganizationUnitId here.
		folder: { by: 'id', value: String(folderId) },
		scopes: READ_SCOPES,
	});
}
