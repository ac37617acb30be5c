// Machine, Session and Process Schedule through n8n's engine against the Orchestrator simulator: what each sends
// (folder header or none, OData query, SetEnabled body), what it returns, and its likeliest errors.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const FOLDER_HEADERS = ['x-uipath-organizationunitid', 'x-uipath-folderpath', 'x-uipath-folderpath-encoded', 'x-uipath-folderkey'];

describe('UiPath machines, sessions and schedules', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		const ops = { clientId: 'ops-app', clientSecret: 'ops-secret-321', scopes: [...APP.scopes, 'OR.Machines.Read', 'OR.Robots.Read'] };
		sim.addExternalApp(ops);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: ops.clientId, clientSecret: ops.clientSecret, scopes: ops.scopes.join(' ') }), 'ops');
	});
	afterEach(async () => sim.close());

	const calls = (path: string) => uiLog(sim).filter((e) => e.path.endsWith(`/odata/${path}`));

	it('lists the tenant machines by name without a folder header, and names OR.Machines when it is missing', async () => {
		sim.addMachine({ name: 'Invoice-Template', unattendedSlots: 3 });
		sim.addMachine({ name: 'Payroll-Template' });
		const { items, error } = await harness.run(uiNode({ resource: 'machine', operation: 'getMany', returnAll: true, filters: { name: 'Invoice' } }, 'ops'));
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.Name, i.json.UnattendedSlots])).toEqual([['Invoice-Template', 3]]);
		const [call] = calls('Machines');
		expect(call.query).toMatchObject({ $filter: "contains(Name,'Invoice')", $top: '1000' });
		for (const header of FOLDER_HEADERS) expect(call.headers[header]).toBeUndefined();

		const denied = await harness.run(uiNode({ resource: 'machine', operation: 'getMany', returnAll: true }));
		expect(denied.error?.message).toContain('403');
		expect(denied.error?.description).toContain('OR.Machines (or OR.Machines.Read)');
	});

	it('lists the connected, free robots of a folder with their robot', async () => {
		const free = sim.addRobot({ folderId: shared.Id, name: 'Robot-Free' });
		const gone = sim.addRobot({ folderId: shared.Id, name: 'Robot-Gone' });
		sim.addSession({ robotId: free.Id, state: 'Available' });
		sim.addSession({ robotId: gone.Id, state: 'Disconnected' });
		const { items, error } = await harness.run(uiNode({ resource: 'session', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { states: ['Available'] } }, 'ops'));
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.State, (i.json.Robot as { Name: string }).Name, i.json.FolderName])).toEqual([['Available', 'Robot-Free', 'Shared']]);
		const [call] = calls('Sessions');
		expect(call.query).toMatchObject({ $expand: 'Robot,Job', $filter: "(State eq 'Available')" });
		expect(call.headers['x-uipath-folderpath']).toBe('Shared');

		const noFolder = await harness.run(uiNode({ resource: 'session', operation: 'getMany', folder: inFolder('Nowhere'), returnAll: true }, 'ops'));
		expect(noFolder.error?.message).toBe('UiPath found no such folder (UiPath error 1100): Folder does not exist or the user does not have access to the folder.');
		expect(noFolder.error?.description).toMatch(/pick it from the list, or check the path/);
	});

	it('lists schedules, disables and enables one, and reads it back', async () => {
		const release = sim.addRelease({ folderId: shared.Id, name: 'Invoices_Prod' });
		const nightly = sim.addSchedule({ releaseId: release.Id, name: 'Nightly', cron: '0 0 2 ? * * *' });
		sim.addSchedule({ releaseId: release.Id, name: 'Off', enabled: false });
		const list = await harness.run(uiNode({ resource: 'processSchedule', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { enabled: 'true' } }));
		expect(list.items.map((i) => [i.json.Name, i.json.StartProcessCron])).toEqual([['Nightly', '0 0 2 ? * * *']]);
		expect(calls('ProcessSchedules')[0].query).toMatchObject({ $filter: 'Enabled eq true' });

		const disabled = await harness.run(uiNode({ resource: 'processSchedule', operation: 'disable', folder: inFolder(), scheduleId: String(nightly.Id) }));
		expect(disabled.error).toBeUndefined();
		expect(disabled.items[0].json).toMatchObject({ Id: nightly.Id, Enabled: false, StartProcessNextOccurrence: null });
		const [post] = calls('ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled');
		expect(post).toMatchObject({ method: 'POST', status: 200, body: { enabled: false, scheduleIds: [nightly.Id] } });
		const enabled = await harness.run(uiNode({ resource: 'processSchedule', operation: 'enable', folder: inFolder(), scheduleId: String(nightly.Id) }));
		expect(enabled.items[0].json).toMatchObject({ Id: nightly.Id, Enabled: true });
	});

	it('says which schedule is not in the folder, and refuses a name for an ID before sending', async () => {
		const other = sim.addFolder({ displayName: 'Other' });
		const elsewhere = sim.addSchedule({ releaseId: sim.addRelease({ folderId: other.Id, name: 'P' }).Id, name: 'Elsewhere' });
		const missing = await harness.run(uiNode({ resource: 'processSchedule', operation: 'enable', folder: inFolder(), scheduleId: String(elsewhere.Id) }));
		expect(missing.error?.message).toContain('404');
		expect(missing.error?.description).toContain(`Schedule ${elsewhere.Id} was not found in folder "Shared"`);
		const byName = await harness.run(uiNode({ resource: 'processSchedule', operation: 'disable', folder: inFolder(), scheduleId: 'Nightly' }));
		expect(byName.error?.message).toBe('"Nightly" is not a schedule ID');
		expect(calls('ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled')).toHaveLength(1);
	});
});
