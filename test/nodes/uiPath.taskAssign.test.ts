// Task → Assign's User picker: the folder's users who can be given its tasks (GetTaskUsers), and the three ways to
// name the user (from the list, by ID, by user name or email), through n8n's engine against the simulator.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath Task → Assign: the user picker', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let ann: { id: number };
	let bob: { id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		const app = { clientId: 'tasks-app', clientSecret: 'tasks-secret-654', scopes: [...APP.scopes, 'OR.Tasks'] };
		sim.addExternalApp(app);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') }), 'tasks');
		const hr = sim.addFolder({ displayName: 'HR' });
		ann = sim.addUser({ userName: 'ann', name: 'Ann', surname: 'Lee', email: 'ann@acme.test', folderIds: [shared.Id] });
		bob = sim.addUser({ userName: '4711', name: 'Bob', surname: 'Stone', email: 'bob@acme.test', folderIds: [shared.Id, hr.Id] });
		sim.addUser({ userName: 'carl', name: 'Carl', surname: 'Hr', folderIds: [hr.Id] });
	});
	afterEach(async () => sim.close());

	const usersCalls = () => uiLog(sim).filter((e) => e.path.includes('GetTaskUsers'));
	const search = async (folder: unknown, filter?: string) =>
		await harness.listSearch(uiNode({ resource: 'task', operation: 'assign', folder, user: { __rl: true, mode: 'list', value: '' } }, 'tasks'), 'searchTaskUsers', filter);

	it("lists the folder's assignable users by name, with their email, and searches them", async () => {
		const byPath = await search(inFolder());
		expect(byPath.results).toEqual([
			{ name: 'Ann Lee (ann@acme.test)', value: String(ann.id) },
			{ name: 'Bob Stone (bob@acme.test)', value: String(bob.id) },
		]);
		// The path is looked up once for the Id GetTaskUsers takes, which goes in the path and the header.
		const [lookup] = uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders'));
		expect(lookup.query).toMatchObject({ $filter: "FullyQualifiedName eq 'Shared'", $select: 'Id' });
		const [list] = usersCalls();
		expect(list.path).toMatch(new RegExp(`GetTaskUsers\\(organizationUnitId=${shared.Id}\\)$`));
		expect(list.headers['x-uipath-organizationunitid']).toBe(String(shared.Id));
		expect(list.status).toBe(200);
		const found = await search({ __rl: true, mode: 'list', value: shared.Key }, 'Stone');
		expect(found.results).toEqual([{ name: 'Bob Stone (bob@acme.test)', value: String(bob.id) }]);
		expect(usersCalls()[1].query.$filter).toBe("contains(displayName,'Stone') or contains(userName,'Stone') or contains(emailAddress,'Stone')");
		// By Id, no lookup.
		const before = uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders')).length;
		expect((await search({ __rl: true, mode: 'id', value: String(shared.Id) })).results).toHaveLength(2);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders'))).toHaveLength(before);
	});

	it('asks for the folder first, and says when the folder does not exist', async () => {
		expect((await search({ __rl: true, mode: 'list', value: '' })).results).toEqual([{ name: 'Pick a Folder First', value: '' }]);
		expect((await search(inFolder('Nowhere'))).results).toEqual([{ name: 'No Such Folder: Pick It Again', value: '' }]);
		expect(usersCalls()).toHaveLength(0);
	});

	const assign = (taskId: number, user: unknown) =>
		harness.run(uiNode({ resource: 'task', operation: 'assign', folder: inFolder(), taskId: String(taskId), user }, 'tasks', { continueOnFail: true }));
	const assignBodies = () => uiLog(sim).filter((e) => e.path.endsWith('AssignTasks')).map((e) => e.body.taskAssignments[0]);

	it('assigns the picked user by ID, a user name or email as such (even all digits), and refuses a non-numeric ID', async () => {
		const t1 = sim.addTask({ folderId: shared.Id, title: 'One' });
		const t2 = sim.addTask({ folderId: shared.Id, title: 'Two' });
		const t3 = sim.addTask({ folderId: shared.Id, title: 'Three' });
		const picked = await assign(t1.id, { __rl: true, mode: 'list', value: String(ann.id) });
		expect(picked.items[0].json).toMatchObject({ Id: t1.id, Status: 'Pending', AssignedToUserId: ann.id });
		const byName = await assign(t2.id, { __rl: true, mode: 'email', value: '4711' });
		expect(byName.items[0].json).toMatchObject({ Id: t2.id, AssignedToUserId: bob.id });
		const byId = await assign(t3.id, { __rl: true, mode: 'id', value: String(bob.id) });
		expect(byId.items[0].json).toMatchObject({ Id: t3.id, AssignedToUserId: bob.id });
		expect(assignBodies()).toEqual([
			{ TaskId: t1.id, UserId: ann.id },
			{ TaskId: t2.id, UserNameOrEmail: '4711' },
			{ TaskId: t3.id, UserId: bob.id },
		]);
		const bad = await assign(t3.id, { __rl: true, mode: 'id', value: '={{ "ann" }}' });
		expect(bad.items[0].json).toMatchObject({ error: '"ann" is not a user ID', description: expect.stringContaining('By User Name or Email') });
		const empty = await assign(t3.id, { __rl: true, mode: 'list', value: '={{ "" }}' });
		expect(empty.items[0].json).toMatchObject({ error: 'Give the user to assign the task to' });
		expect(assignBodies()).toHaveLength(3);
	});

	it('names the task, not the user, when the task is not in the folder', async () => {
		const hr = sim.addFolder({ displayName: 'Payroll' });
		const elsewhere = sim.addTask({ folderId: hr.Id, title: 'Elsewhere' });
		for (const taskId of [999999, elsewhere.id]) {
			const { items } = await assign(taskId, { __rl: true, mode: 'list', value: String(ann.id) });
			expect(items[0].json).toEqual({
				error: `Task ${taskId} was not found in folder "Shared": Task does not exist.`,
				description: 'Check the Task ID parameter and the Folder: Task → Get Many lists the tasks of a folder and their IDs.',
			});
		}
		expect(assignBodies()).toEqual([
			{ TaskId: 999999, UserId: ann.id },
			{ TaskId: elsewhere.id, UserId: ann.id },
		]);
		// An unknown user is still the user's.
		const task = sim.addTask({ folderId: shared.Id, title: 'Here' });
		const nobody = await assign(task.id, { __rl: true, mode: 'email', value: 'nobody@acme.test' });
		expect(nobody.items[0].json.description).toBe('Check the user "nobody@acme.test": it must exist and have access to this folder.');
	});
});
