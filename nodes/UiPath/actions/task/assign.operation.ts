import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { assignTask, getTask } from '../../api/tasks';
import { folderField, folderOf } from '../common';
import { taskIdField, taskIdOf } from './taskRef';
import { textOf } from '../../../shared/text';

export const option = { name: 'Assign', action: 'Assign a task', description: 'Assign a task to a user by user name, email or user ID' };

export const description: INodeProperties[] = [
	folderField,
	taskIdField,
	{ displayName: 'User', name: 'user', type: 'string', required: true, default: '', placeholder: 'e.g. ann@acme.com', description: 'The user name, email or numeric user ID' },
	{ displayName: 'Reassign If Already Assigned', name: 'reassign', type: 'boolean', default: false, description: 'Whether a task assigned to someone else is moved to this user' },
];

const ALREADY_ASSIGNED = /already assigned/i;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const taskId = taskIdOf.call(this, itemIndex);
	const user = textOf(this.getNodeParameter('user', itemIndex, '')).trim();
	if (!user) throw new NodeOperationError(this.getNode(), 'Give the user to assign the task to', { itemIndex });
	const folder = folderOf.call(this, itemIndex);
	const assignment = { TaskId: taskId, ...(/^\d+$/.test(user) ? { UserId: Number(user) } : { UserNameOrEmail: user }) };
	let failures = await assignTask(this, assignment, false, folder, itemIndex);
	const reassign = this.getNodeParameter('reassign', itemIndex, false) as boolean;
	if (reassign && failures.some((f) => ALREADY_ASSIGNED.test(String(f.ErrorMessage)))) {
		failures = await assignTask(this, assignment, true, folder, itemIndex);
	}
	const [failure] = failures;
	if (failure) {
		const message = String(failure.ErrorMessage ?? 'Orchestrator refused the assignment');
		let description = 'Check the task and the user, and that the user may use this folder.';
		if (ALREADY_ASSIGNED.test(message)) description = "Turn on 'Reassign If Already Assigned' to move it to this user.";
		else if (/does not exist|no access/i.test(message)) description = `Check the user "${user}": it must exist and have access to this folder.`;
		throw new NodeOperationError(this.getNode(), message, { itemIndex, description });
	}
	return await getTask(this, taskId, folder, itemIndex);
}
