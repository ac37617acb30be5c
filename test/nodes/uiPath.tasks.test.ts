// Task (Action Center) through n8n's engine against the Orchestrator simulator: create generic and form tasks,
// read them with their data, list, assign (and reassign), complete through the route of the task's type.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath tasks', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		const app = { clientId: 'tasks-app', clientSecret: 'tasks-secret-654', scopes: [...APP.scopes, 'OR.Tasks'] };
		sim.addExternalApp(app);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') }), 'tasks');
	});
	afterEach(async () => sim.close());

	const calls = (suffix: string) => uiLog(sim).filter((e) => e.path.endsWith(suffix));
	const run = (parameters: Record<string, unknown>, credential = 'tasks') =>
		harness.run(uiNode({ folder: inFolder(), ...parameters, resource: 'task' }, credential, { continueOnFail: true }));

	it('creates a generic task and a form task, and gets each with its data', async () => {
		const generic = await run({ operation: 'create', taskType: 'generic', title: 'Approve invoice 42', priority: 'High', taskData: '{"invoiceId": 42}', externalTag: 'inv-42' });
		expect(generic.items[0].json).toMatchObject({ title: 'Approve invoice 42', priority: 'High', status: 'Unassigned', type: 'ExternalTask', data: { invoiceId: 42 } });
		expect(calls('/tasks/GenericTasks/CreateTask')[0]).toMatchObject({ method: 'POST', status: 201, body: { title: 'Approve invoice 42', priority: 'High', data: { invoiceId: 42 }, externalTag: 'inv-42' } });

		const layout = { components: [{ type: 'textfield', key: 'comment', label: 'Comment' }] };
		const form = await run({ operation: 'create', taskType: 'form', title: 'Check scan', taskData: '{}', formLayout: JSON.stringify(layout) });
		expect(form.items[0].json).toMatchObject({ title: 'Check scan', type: 'FormTask' });
		expect(calls('/forms/TaskForms/CreateFormTask')[0].body).toMatchObject({ formLayout: layout });

		const got = await run({ operation: 'get', taskId: String(form.items[0].json.id) });
		expect(got.items[0].json).toMatchObject({ Id: form.items[0].json.id, Type: 'FormTask', Title: 'Check scan', Data: {}, FormLayout: layout });
		expect(calls('/forms/TaskForms/GetTaskFormById')).toHaveLength(1);
		const gotGeneric = await run({ operation: 'get', taskId: String(generic.items[0].json.id) });
		expect(gotGeneric.items[0].json).toMatchObject({ Type: 'ExternalTask', Data: { invoiceId: 42 } });
	});

	it('refuses a form task without a layout before sending, and names OR.Tasks when the credential lacks it', async () => {
		const noLayout = await run({ operation: 'create', taskType: 'form', title: 'X', taskData: '{}' });
		expect(noLayout.items[0].json).toMatchObject({ error: 'Form tasks need a form layout', description: 'Paste the form.io JSON into Form Layout (JSON), or give a Form Layout ID.' });
		const denied = await run({ operation: 'create', taskType: 'generic', title: 'X', taskData: '{}' }, 'cloud');
		expect(denied.items[0].json.error).toContain('403');
		expect(denied.items[0].json.description).toContain('OR.Tasks (or OR.Tasks.Write)');
		expect(calls('CreateFormTask')).toHaveLength(0);
	});

	it('lists tasks newest first by status, assigns, reassigns on request, and completes', async () => {
		const ann = sim.addUser({ userName: 'ann', email: 'ann@acme.test', folderIds: [shared.Id] });
		const bob = sim.addUser({ userName: 'bob', folderIds: [shared.Id] });
		const older = sim.addTask({ folderId: shared.Id, title: 'Older' });
		const task = sim.addTask({ folderId: shared.Id, title: 'Newer', data: { amount: 5 } });
		const list = await run({ operation: 'getMany', returnAll: true, filters: { statuses: ['Unassigned'] } });
		expect(list.items.map((i) => i.json.Id)).toEqual([task.id, older.id]);
		expect(calls('/odata/Tasks')[0].query).toMatchObject({ $filter: "(Status eq 'Unassigned')", $orderby: 'CreationTime desc,Id desc' });

		const notAssigned = await run({ operation: 'complete', taskId: String(task.id), action: 'Approve', taskData: '{}' });
		expect(notAssigned.items[0].json.error).toContain('400');
		expect(`${notAssigned.items[0].json.error}`).toContain('not assigned');

		const assigned = await run({ operation: 'assign', taskId: String(task.id), user: 'ann@acme.test' });
		expect(assigned.items[0].json).toMatchObject({ Id: task.id, Status: 'Pending', AssignedToUserId: ann.id });
		expect(calls('AssignTasks')[0].body).toEqual({ taskAssignments: [{ TaskId: task.id, UserNameOrEmail: 'ann@acme.test' }] });
		const refused = await run({ operation: 'assign', taskId: String(task.id), user: String(bob.id) });
		expect(refused.items[0].json).toMatchObject({ error: expect.stringContaining('already assigned'), description: "Turn on 'Reassign If Already Assigned' to move it to this user." });
		const moved = await run({ operation: 'assign', taskId: String(task.id), user: String(bob.id), reassign: true });
		expect(moved.items[0].json).toMatchObject({ AssignedToUserId: bob.id });
		expect(calls('ReassignTasks')[0].body).toEqual({ taskAssignments: [{ TaskId: task.id, UserId: bob.id }] });
		const unknown = await run({ operation: 'assign', taskId: String(task.id), user: 'nobody@acme.test', reassign: true });
		expect(unknown.items[0].json.description).toBe('Check the user "nobody@acme.test": it must exist and have access to this folder.');

		const done = await run({ operation: 'complete', taskId: String(task.id), action: 'Approve', taskData: '{"approved": true}' });
		expect(done.items[0].json).toMatchObject({ Id: task.id, Status: 'Completed', Action: 'Approve' });
		expect(calls('/tasks/GenericTasks/CompleteTask').pop()).toMatchObject({ status: 204, body: { taskId: task.id, action: 'Approve', data: { approved: true } } });
	});

	it('says which task is not in the folder', async () => {
		const { items } = await run({ operation: 'get', taskId: '999999' });
		expect(items[0].json.error).toContain('404');
		expect(items[0].json.description).toBe('Task 999999 was not found in folder "Shared": Task → Get Many lists the tasks of a folder.');
	});
});
