// Processes, schedules, machines and sessions (issue 11) over HTTP.
import { seeded, JOBS } from './uipathBreadth.helpers';

const SET_ENABLED = '/odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled';

describe('Releases({key})', () => {
	test('one process with its declared input and output arguments, and its entry point on $expand', async () => {
		const s = await seeded();
		try {
			const res = await s.api('GET', `/odata/Releases(${s.release.Id})`);
			expect(res.status).toBe(200);
			expect(res.body['@odata.context']).toMatch(/#Releases\/\$entity$/);
			expect(res.body.EntryPoint).toBeUndefined(); // a navigation property: only when expanded
			expect(JSON.parse(res.body.Arguments.Input)).toEqual([
				{ name: 'invoiceId', type: 'System.String', required: true, hasDefault: false },
				{ name: 'dryRun', type: 'System.Boolean', required: false, hasDefault: false },
			]);
			expect(JSON.parse(res.body.Arguments.Output)).toEqual([{ name: 'total', type: 'System.Int32, System.Private.CoreLib', required: false, hasDefault: false }]);
			const expanded = await s.api('GET', `/odata/Releases(${s.release.Id})?$expand=EntryPoint&$select=Name,EntryPointPath`);
			expect(expanded.body).toMatchObject({ Name: 'Invoices_Prod', EntryPointPath: 'Main.xaml', EntryPoint: { Path: 'Main.xaml', InputArguments: res.body.Arguments.Input, Id: res.body.EntryPointId } });
			expect(Object.keys(expanded.body).sort()).toEqual(['@odata.context', 'EntryPoint', 'EntryPointPath', 'Name']);
			const bare = await s.api('GET', `/odata/Releases(${s.faulty.Id})`);
			expect(bare.body.Arguments).toEqual({ Input: null, Output: null });
			const badKey = await s.api('GET', "/odata/Releases('abc')");
			expect([badKey.status, badKey.body.errorCode]).toEqual([400, 1000]);
		} finally {
			await s.sim.close();
		}
	});
});

describe('ProcessSchedules', () => {
	test('time and queue triggers are listed; SetEnabled switches them off and on', async () => {
		const s = await seeded();
		try {
			const nightly = s.sim.addSchedule({ releaseId: s.release.Id, name: 'Nightly', cron: '0 0 2 ? * * *', cronSummary: 'At 02:00', nextOccurrence: '2026-01-02T02:00:00Z' });
			const onQueue = s.sim.addSchedule({ releaseId: s.release.Id, name: 'On invoices', queueId: s.queue.Id, itemsActivationThreshold: 5 });
			const list = await s.api('GET', '/odata/ProcessSchedules?$orderby=Name');
			expect(list.body.value.map((r: any) => [r.Name, r.Enabled, r.StartProcessCron, r.StartProcessNextOccurrence, r.QueueDefinitionName, r.ItemsActivationThreshold])).toEqual([
				['Nightly', true, '0 0 2 ? * * *', '2026-01-02T02:00:00Z', null, null],
				['On invoices', true, '', null, 'Invoices', 5],
			]);
			expect(list.body.value[0]).toMatchObject({ ReleaseId: s.release.Id, ReleaseKey: s.release.Key, ReleaseName: 'Invoices_Prod', TimeZoneId: 'UTC' });
			const off = await s.api('POST', SET_ENABLED, { body: { enabled: false, scheduleIds: [nightly.Id, onQueue.Id] } });
			expect([off.status, off.body.value]).toEqual([200, true]);
			const disabled = await s.api('GET', `/odata/ProcessSchedules(${nightly.Id})`);
			expect([disabled.body.Enabled, disabled.body.StartProcessNextOccurrence]).toEqual([false, null]);
			expect((await s.api('GET', '/odata/ProcessSchedules?$filter=Enabled eq true')).body.value).toEqual([]);
			await s.api('POST', SET_ENABLED, { body: { enabled: true, scheduleIds: [nightly.Id] } });
			expect((await s.api('GET', '/odata/ProcessSchedules?$filter=Enabled eq true')).body.value.map((r: any) => r.Id)).toEqual([nightly.Id]);
		} finally {
			await s.sim.close();
		}
	});

	test('unknown schedules: 404 ErrorResult and nothing changed, or 207 per id with multistatusEnabled', async () => {
		const s = await seeded();
		try {
			const a = s.sim.addSchedule({ releaseId: s.release.Id, name: 'A' });
			const strict = await s.api('POST', SET_ENABLED, { body: { enabled: false, scheduleIds: [a.Id, 999999] } });
			expect(strict.status).toBe(404);
			expect(strict.body).toMatchObject({ Message: 'Schedule does not exist: 999999.', ErrorCode: 1002, ResourceIds: [999999] });
			expect((await s.api('GET', `/odata/ProcessSchedules(${a.Id})`)).body.Enabled).toBe(true);
			const multi = await s.api('POST', SET_ENABLED, { body: { enabled: false, scheduleIds: [a.Id, 999999], multistatusEnabled: true } });
			expect(multi.status).toBe(207);
			expect(multi.body).toEqual({ '999999': expect.objectContaining({ ErrorCode: 1002, ResourceIds: [999999] }) });
			expect((await s.api('GET', `/odata/ProcessSchedules(${a.Id})`)).body.Enabled).toBe(false);
			const none = await s.api('POST', SET_ENABLED, { body: { enabled: false, scheduleIds: [] } });
			expect([none.status, none.body.ErrorCode]).toEqual([400, 1000]);
		} finally {
			await s.sim.close();
		}
	});
});

describe('Machines and Sessions', () => {
	test('machines are tenant-wide: seeded templates and the hosts of robots', async () => {
		const s = await seeded();
		try {
			s.sim.addMachine({ name: 'Pool-A', unattendedSlots: 4 });
			const res = await s.api('GET', '/odata/Machines?$orderby=Name', { folder: null });
			expect(res.status).toBe(200);
			expect(res.body.value.map((m: any) => [m.Name, m.Type, m.UnattendedSlots])).toEqual([
				['Pool-A', 'Template', 4],
				['SIM-HOST-05', 'Template', 1],
				['SIM-HOST-06', 'Template', 1],
			]);
			const filtered = await s.api('GET', "/odata/Machines?$filter=Name eq 'Pool-A'&$select=Name,Key", { folder: null });
			expect(filtered.body.value).toEqual([{ Name: 'Pool-A', Key: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		} finally {
			await s.sim.close();
		}
	});

	test('sessions per folder: Available, Busy while a job runs, Disconnected, unresponsive after 120 s', async () => {
		const s = await seeded();
		try {
			s.sim.addSession({ robotId: s.bot1.Id });
			s.sim.addSession({ robotId: s.bot2.Id, state: 'Disconnected', reportingTime: s.sim.clock.now() - 600_000 });
			const elsewhere = s.sim.addFolder({ displayName: 'Elsewhere' });
			const bot3 = s.sim.addRobot({ folderId: elsewhere.Id, name: 'bot3' });
			s.sim.addSession({ robotId: bot3.Id });
			const rows = async () => (await s.api('GET', '/odata/Sessions?$expand=Robot,Job&$orderby=Id')).body.value.map((r: any) => [r.Robot.Name, r.State, r.IsUnresponsive, r.Job?.State ?? null, r.FolderName]);
			expect(await rows()).toEqual([
				['bot1', 'Available', false, null, 'Finance'],
				['bot2', 'Disconnected', true, null, 'Finance'],
			]);
			await s.api('POST', `${JOBS}.StartJobs`, { body: { startInfo: { ReleaseKey: s.release.Key, Strategy: 'Specific', RobotIds: [s.bot1.Id] } } });
			s.sim.clock.advance(1500);
			expect((await rows())[0]).toEqual(['bot1', 'Busy', false, 'Running', 'Finance']);
			s.sim.clock.advance(5000);
			expect((await rows())[0]).toEqual(['bot1', 'Available', false, null, 'Finance']);
			const free = await s.api('GET', "/odata/Sessions?$filter=State eq 'Available'&$select=MachineName,State");
			expect(free.body.value).toEqual([{ MachineName: s.bot1.MachineName, State: 'Available' }]);
			const plain = await s.api('GET', '/odata/Sessions');
			expect(plain.body.value[0].Robot).toBeUndefined();
		} finally {
			await s.sim.close();
		}
	});
});
