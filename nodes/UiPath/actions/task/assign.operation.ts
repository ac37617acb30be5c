import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fromListMode, locatorParameter, numericIdMode, typedMode } from '../../../shared/locator';
import { textOf } from '../../../shared/text';
import { describeFolder } from '../../api/folders';
import { assignTask, getTask, type AssignFailure } from '../../api/tasks';
import type { FolderRef } from '../../transport';
import { folderField, folderOf } from '../common';
import { taskIdField, taskIdOf } from './taskRef';

export const option = { name: 'Assign', action: 'Assign a task', description: 'Assign a task to a user of the folder: from the list, by user ID, user name or email' };

export const description: INodeProperties[] = [
	folderField,
	taskIdField,
	locatorParameter(
		'User',
		'user',
		[fromListMode('searchTaskUsers'), numericIdMode('user', 'e.g. 12'), typedMode('By User Name or Email', 'email', 'e.g. ann@acme.com')],
		{ description: 'Who gets the task: a user of the folder who may work on its tasks' },
	),
	{ displayName: 'Reassign If Already Assigned', name: 'reassign', type: 'boolean', default: false, description: 'Whether a task assigned to someone else is moved to this user' },
];

const ALREADY_ASSIGNED = /already assigned/i;

/** The user: a picked or given ID, or a user name or email. A plain string (the field before it was a picker) is an ID when it is all digits. */
function userOf(this: IExecuteFunctions, itemIndex: number): { user: string; byId: boolean } {
	const raw = this.getNodeParameter('user', itemIndex, '') as string | { mode?: string; value?: unknown };
	const mode = typeof raw === 'object' && raw !== null ? raw.mode : undefined;
	const user = textOf(typeof raw === 'object' && raw !== null ? raw.value : raw).trim();
	if (!user) throw new NodeOperationError(this.getNode(), 'Give the user to assign the task to', { itemIndex, description: 'Pick the user from the list, or give their user ID, user name or email.' });
	const byId = mode === 'email' ? false : /^\d+$/.test(user);
	if (mode === 'id' && !byId) {
		throw new NodeOperationError(this.getNode(), `"${user}" is not a user ID`, { itemIndex, description: 'A user ID is a number; to give a user name or email, switch User to By User Name or Email.' });
	}
	return { user, byId };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const taskId = taskIdOf.call(this, itemIndex);
	const { user, byId } = userOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const assignment = { TaskId: taskId, ...(byId ? { UserId: Number(user) } : { UserNameOrEmail: user }) };
	let failures = await assignTask(this, assignment, false, folder, itemIndex);
	const reassign = this.getNodeParameter('reassign', itemIndex, false) as boolean;
	if (reassign && failures.some((f) => ALREADY_ASSIGNED.test(String(f.ErrorMessage)))) {
		failures = await assignTask(this, assignment, true, folder, itemIndex);
	}
	const [failure] = failures;
	if (failure) throw refusal.call(this, failure, { taskId, user, folder }, itemIndex);
	return await getTask(this, taskId, folder, itemIndex);
}

/** Orchestrator's reason for not assigning, with what to fix: the task, the user, or the Reassign switch. */
function refusal(this: IExecuteFunctions, failure: AssignFailure, asked: { taskId: number; user: string; folder: FolderRef }, itemIndex: number) {
	const message = String(failure.ErrorMessage ?? 'Orchestrator refused the assignment');
	// ErrorCode 1002: no such task in this folder ("Task does not exist."); the user's "does not exist" is 1003.
	if (failure.ErrorCode === 1002 || /^task\b[^.]*\b(does not exist|not found)/i.test(message)) {
		return new NodeOperationError(this.getNode(), `Task ${asked.taskId} was not found in ${describeFolder(asked.folder)}: ${message}`, {
			itemIndex,
			description: 'Check the Task ID parameter and the Folder: Task → Get Many lists the tasks of a folder and their IDs.',
		});
	}
	let description = 'Check the task and the user, and that the user may use this folder.';
	if (ALREADY_ASSIGNED.test(message)) description = "Turn on 'Reassign If Already Assigned' to move it to this user.";
	else if (/does not exist|no access/i.test(message)) description = `Check the user "${asked.user}": it must exist and have access to this folder.`;
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}
