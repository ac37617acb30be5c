// Action Center tasks (issue 11): generic and form tasks created, read, listed, assigned and completed over HTTP.
import { seeded } from './uipathBreadth.helpers';

const ASSIGN = '/odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks';
const REASSIGN = '/odata/Tasks/UiPath.Server.Configuration.OData.ReassignTasks';

async function world() {
	const s = await seeded();
	const ann = s.sim.addUser({ userName: 'ann', email: 'ann@acme.test', name: 'Ann', surname: 'Lee', folderIds: [s.finance.Id] });
	const bob = s.sim.addUser({ userName: 'bob', folderIds: [s.finance.Id] });
	return { ...s, ann: ann!, bob: bob! };
}

describe('Action Center tasks', () => {
	test('a generic task: create, assign by email, complete with an action and data, read back', async () => {
		const w = await world();
		try {
			const created = await w.api('POST', '/tasks/GenericTasks/CreateTask', {
				body: { title: 'Approve invoice INV-7', priority: 'High', data: { amount: 1200, vendor: 'ACME' }, taskCatalogName: 'Invoices', externalTag: 'n8n' },
			});
			expect(created.status).toBe(201);
			expect(created.body).toMatchObject({ id: expect.any(Number), key: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'Unassigned', type: 'ExternalTask', priority: 'High', data: { amount: 1200, vendor: 'ACME' }, organizationUnitId: w.finance.Id, organizationUnitFullyQualifiedName: 'Shared/Finance' });
			const id = created.body.id;
			const early = await w.api('POST', '/tasks/GenericTasks/CompleteTask', { body: { taskId: id, action: 'Approve' } });
			expect([early.status, early.body.errorCode]).toEqual([400, 2500]);
			const assigned = await w.api('POST', ASSIGN, { body: { taskAssignments: [{ TaskId: id, UserNameOrEmail: 'ANN@acme.test' }] } });
			expect([assigned.status, assigned.body.value]).toEqual([200, []]);
			const pending = (await w.api('GET', `/tasks/GenericTasks/GetTaskDataById?taskId=${id}`)).body;
			expect(pending).toMatchObject({ status: 'Pending', assignedToUserId: w.ann.id, assignedToUser: { userName: 'ann', displayName: 'Ann Lee' } });
			expect(pending.lastAssignedTime).toBe('2026-01-01T12:00:00Z');
			w.sim.clock.advance(90_000);
			const done = await w.api('POST', '/tasks/GenericTasks/CompleteTask', { body: { taskId: id, action: 'Approve', data: { amount: 1200, approved: true } } });
			expect([done.status, done.text]).toEqual([204, '']);
			const read = (await w.api('GET', `/tasks/GenericTasks/GetTaskDataById?taskId=${id}`)).body;
			expect(read).toMatchObject({ status: 'Completed', action: 'Approve', data: { amount: 1200, approved: true }, completedByUser: { id: w.ann.id }, completionTime: '2026-01-01T12:01:30Z' });
			const twice = await w.api('POST', '/tasks/GenericTasks/CompleteTask', { body: { taskId: id, action: 'Reject' } });
			expect([twice.status, twice.body.errorCode]).toEqual([400, 2502]);
			const odata = await w.api('GET', `/odata/Tasks(${id})?$expand=AssignedToUser`);
			expect(odata.body).toMatchObject({ Id: id, Status: 'Completed', IsCompleted: true, Action: 'Approve', Type: 'ExternalTask', AssignedToUser: { userName: 'ann' }, CompletionTime: '2026-01-01T12:01:30Z' });
		} finally {
			await w.sim.close();
		}
	});

	test('a form task: layout required, read as a form, completed only through TaskForms', async () => {
		const w = await world();
		try {
			const noLayout = await w.api('POST', '/forms/TaskForms/CreateFormTask', { body: { title: 'Review' } });
			expect([noLayout.status, noLayout.body.errorCode]).toEqual([400, 1000]);
			const layout = { components: [{ type: 'textfield', key: 'comment', label: 'Comment' }, { type: 'button', key: 'approve', action: 'submit' }] };
			const form = await w.api('POST', '/forms/TaskForms/CreateFormTask', { body: { title: 'Review contract', formLayout: layout, data: { contract: 'C-9' } } });
			expect(form.status).toBe(201);
			expect(form.body.type).toBe('FormTask');
			const id = form.body.id;
			const asForm = await w.api('GET', `/forms/TaskForms/GetTaskFormById?taskId=${id}`);
			expect(asForm.body).toMatchObject({ formLayout: layout, data: { contract: 'C-9' }, status: 'Unassigned' });
			const generic = await genericTask(w);
			expect((await w.api('GET', `/forms/TaskForms/GetTaskFormById?taskId=${generic.id}`)).status).toBe(404);
			await w.api('POST', ASSIGN, { body: { taskAssignments: [{ TaskId: id, UserId: w.bob.id }] } });
			const wrongDoor = await w.api('POST', '/tasks/GenericTasks/CompleteTask', { body: { taskId: id, action: 'submit' } });
			expect([wrongDoor.status, wrongDoor.body.errorCode]).toEqual([400, 2503]);
			const ok = await w.api('POST', '/forms/TaskForms/CompleteTask', { body: { taskId: id, action: 'submit', data: { comment: 'fine' } } });
			expect(ok.status).toBe(204);
			expect((await w.api('GET', `/forms/TaskForms/GetTaskFormById?taskId=${id}`)).body).toMatchObject({ status: 'Completed', action: 'submit', data: { comment: 'fine' } });
			const badId = await w.api('GET', '/forms/TaskForms/GetTaskFormById?taskId=abc');
			expect([badId.status, badId.body.errorCode]).toEqual([400, 1000]);
		} finally {
			await w.sim.close();
		}
	});

	test('assignment errors come back per task; ReassignTasks moves an assigned task', async () => {
		const w = await world();
		try {
			const t1 = w.sim.addTask({ folderId: w.finance.Id, title: 'One' });
			const t2 = w.sim.addTask({ folderId: w.finance.Id, title: 'Two' });
			const elsewhere = w.sim.addTask({ folderId: w.shared.Id, title: 'Elsewhere' });
			const res = await w.api('POST', ASSIGN, {
				body: { taskAssignments: [{ TaskId: t1.id, UserId: w.ann.id }, { TaskId: t2.id, UserNameOrEmail: 'nobody' }, { TaskId: elsewhere.id, UserId: w.ann.id }] },
			});
			expect(res.body.value.map((e: any) => [e.TaskId, e.ErrorCode])).toEqual([[t2.id, 1003], [elsewhere.id, 1002]]);
			const taken = await w.api('POST', ASSIGN, { body: { taskAssignments: [{ TaskId: t1.id, UserId: w.bob.id }] } });
			expect(taken.body.value).toEqual([expect.objectContaining({ TaskId: t1.id, UserId: w.bob.id, ErrorCode: 2501 })]);
			const moved = await w.api('POST', REASSIGN, { body: { taskAssignments: [{ TaskId: t1.id, UserId: w.bob.id }] } });
			expect(moved.body.value).toEqual([]);
			const list = await w.api('GET', "/odata/Tasks?$filter=Status eq 'Pending'&$select=Id,AssignedToUserId,Title");
			expect(list.body.value).toEqual([{ Id: t1.id, AssignedToUserId: w.bob.id, Title: 'One' }]);
			const all = await w.api('GET', '/odata/Tasks?$orderby=Title&$count=true');
			expect([all.body['@odata.count'], all.body.value.map((t: any) => t.Title)]).toEqual([2, ['One', 'Two']]);
			const users = await w.api('GET', `/odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId=${w.finance.Id})`);
			expect(users.body.value.map((u: any) => u.userName)).toEqual(['ann', 'bob']);
			// somebody completes a task in Action Center
			const byHand = w.sim.completeTaskAsUser(t2.id, { userId: w.ann.id, action: 'Reject', data: { reason: 'duplicate' } });
			expect(byHand).toMatchObject({ status: 'Completed', action: 'Reject', assignedToUserId: w.ann.id });
		} finally {
			await w.sim.close();
		}
	});
});

/** A generic task in the world's folder (for the form-only routes to refuse). */
async function genericTask(w: Awaited<ReturnType<typeof world>>) {
	return (await w.api('POST', '/tasks/GenericTasks/CreateTask', { body: { title: 'Generic' } })).body;
}
