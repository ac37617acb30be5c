// Maestro Process and Maestro Instance through n8n's engine against the simulator's pims_ service: where each call
// goes (the platform service beside Orchestrator, the folder's Key in X-UIPATH-FolderKey), what the node returns,
// the filters Maestro lacks (state, start time: applied page by page), and the errors users meet.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { maestroSetUp, type Maestro } from './uiPath.maestro.helpers';

type Row = Record<string, any>;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byKey = (value: string) => ({ __rl: true, mode: 'list', value });
const node = (parameters: Row) => uiNode(parameters, 'pims');

describe('UiPath Maestro Process and Instance', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let maestro: Maestro;
	let finance: { Id: number; Key: string };
	let invoices: { processKey: string; packageId: string; folderKey: string };
	let onboarding: { processKey: string };
	let sharedKey: string;

	beforeEach(async () => {
		let shared: { Id: number; Key: string };
		({ sim, harness, shared, maestro } = await maestroSetUp());
		sharedKey = shared.Key;
		finance = sim.addFolder({ displayName: 'Finance', parentId: shared.Id });
		const release = sim.addRelease({ folderId: finance.Id, name: 'Invoices_Maestro', processKey: 'Invoices', processType: 'ProcessOrchestration' });
		invoices = { processKey: release.Key, packageId: 'Invoices', folderKey: finance.Key };
		onboarding = maestro.addProcess({ folderId: shared.Id, packageId: 'Onboarding', variables: [{ name: 'employee' }] });
	});
	afterEach(async () => sim.close());

	const pims = () => uiLog(sim).filter((e) => e.path.includes('/pims_/'));
	const route = (e: { path: string }) => e.path.replace(`/${sim.organization}/${sim.tenant}/pims_/api/v1`, '');
	const folderHeader = (e: { headers: Record<string, string> }) => e.headers['x-uipath-folderkey'];
	const start = (o: Row = {}) => maestro.startInstance({ processKey: invoices.processKey, ...o });

	it('lists the processes with their counts by state and open incidents, by folder, time, and Limit', async () => {
		const a = start({ startedAt: '2026-01-01T10:00:00Z' });
		start({ startedAt: '2026-01-02T10:00:00Z' });
		maestro.setInstanceState(a.instanceId, 'Faulted', { incident: { errorCode: 'E42', errorMessage: 'Approver missing' } });
		maestro.startInstance({ processKey: onboarding.processKey, startedAt: '2026-01-03T10:00:00Z' });

		const all = await harness.run(node({ resource: 'maestroProcess', operation: 'getMany', returnAll: true }));
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => [i.json.name, i.json.processKey, i.json.runningCount, i.json.faultedCount, i.json.openIncidentCount])).toEqual([
			['Invoices', invoices.processKey, 1, 1, 1],
			['Onboarding', onboarding.processKey, 1, 0, 0],
		]);
		expect(all.items[0].json.incidents).toEqual([{ count: 1, errorCode: 'E42', errorMessage: 'Approver missing', firstTimeUtc: expect.any(String) }]);
		expect(all.items[0].json.folderName).toBe('Shared/Finance');
		expect(pims().map((e) => [e.method, route(e), folderHeader(e)])).toEqual([
			['GET', '/processes/summary', undefined],
			['GET', '/incidents/summary', undefined],
		]);

		const before = pims().length;
		const ranged = await harness.run(node({
			resource: 'maestroProcess', operation: 'getMany', folder: inFolder('Shared/Finance'), returnAll: false, limit: 1,
			filters: { startedAfter: '2026-01-02T00:00:00Z' }, processOptions: { includeIncidents: false },
		}));
		expect(ranged.error).toBeUndefined();
		expect(ranged.items.map((i) => [i.json.packageId, i.json.runningCount, i.json.faultedCount, i.json.incidents])).toEqual([['Invoices', 1, 0, undefined]]);
		const sent = pims().slice(before);
		expect(sent.map((e) => [route(e), e.query, folderHeader(e)])).toEqual([['/processes/summary', { startedTimeUtcStart: '2026-01-02T00:00:00.000Z' }, finance.Key]]);
	});

	it('lists instances newest first with Maestro filters, and asks for a page of Limit', async () => {
		for (let i = 0; i < 7; i++) start({ startedAt: `2026-01-01T10:0${i}:00Z` });
		maestro.startInstance({ processKey: onboarding.processKey, startedAt: '2026-01-01T11:00:00Z' });
		const few = await harness.run(node({ resource: 'maestroInstance', operation: 'getMany', returnAll: false, limit: 3, filters: { processKey: invoices.processKey } }));
		expect(few.error).toBeUndefined();
		expect(few.items.map((i) => i.json.startedTimeUtc)).toEqual(['2026-01-01T10:06:00Z', '2026-01-01T10:05:00Z', '2026-01-01T10:04:00Z']);
		expect(pims().map((e) => [route(e), e.query])).toEqual([['/instances', { processKey: invoices.processKey, pageSize: '3' }]]);

		const shared = await harness.run(node({ resource: 'maestroInstance', operation: 'getMany', folder: inFolder('Shared'), returnAll: true }));
		expect(shared.items.map((i) => i.json.processKey)).toEqual([onboarding.processKey]);
		expect(folderHeader(pims().at(-1)!)).toBe(sharedKey);
	});

	it('filters by state and start time itself, reading page after page until it has Limit instances', async () => {
		const paused: string[] = [];
		for (let i = 0; i < 2300; i++) {
			const inst = start({ startedAt: Date.parse('2026-01-01T00:00:00Z') + i * 1000 });
			if (i === 10 || i === 600 || i === 1100 || i === 2200) {
				maestro.setInstanceState(inst.instanceId, 'Paused');
				paused.push(inst.instanceId);
			}
		}
		const run = await harness.run(node({ resource: 'maestroInstance', operation: 'getMany', returnAll: false, limit: 3, filters: { states: ['Paused'] } }));
		expect(run.error).toBeUndefined();
		// newest first: the first page of 1000 holds one paused instance (2200), the second the next two (1100, 600)
		expect(run.items.map((i) => i.json.instanceId)).toEqual([paused[3], paused[2], paused[1]]);
		const pages = pims().map((e) => e.query);
		expect(pages.map((q) => [q.pageSize, q.nextPage ? 'token' : 'first'])).toEqual([['1000', 'first'], ['1000', 'token']]);

		const before = pims().length;
		const timed = await harness.run(node({
			resource: 'maestroInstance', operation: 'getMany', returnAll: true,
			filters: { states: '={{ "Paused, Running" }}', startedAfter: '2026-01-01T00:10:00Z', startedBefore: '2026-01-01T00:10:03Z' },
		}));
		expect(timed.error).toBeUndefined();
		expect(timed.items.map((i) => [i.json.startedTimeUtc, i.json.latestRunStatus])).toEqual([
			['2026-01-01T00:10:02Z', 'Running'], ['2026-01-01T00:10:01Z', 'Running'], ['2026-01-01T00:10:00Z', 'Paused'],
		]);
		expect(pims().slice(before)).toHaveLength(3);
	});

	it('refuses a States filter that an expression leaves empty, or a state Maestro does not have, before any call', async () => {
		for (const [states, message] of [
			['={{ $json.nothing }}', /^States is empty: no state to filter by\nPick one or more states .*it gave ""/],
			['={{ [] }}', /^States is empty/],
			['={{ "Running, Done" }}', /^States: "Done" is not a Maestro instance state\nThe states \(as spelt, case matters\): Pending, Running/],
		] as const) {
			const { error } = await harness.run(node({ resource: 'maestroInstance', operation: 'getMany', returnAll: true, filters: { states } }));
			expect(`${error?.message}\n${error?.description}`).toMatch(message);
		}
		expect(pims()).toHaveLength(0);
	});

	it('gets one instance with the folder Key in the header, looking a folder path up once', async () => {
		const inst = start({ displayName: 'INV-7' });
		const got = await harness.run(node({ resource: 'maestroInstance', operation: 'get', folder: inFolder('Shared/Finance'), instanceId: byId(inst.instanceId) }), [{}, {}]);
		expect(got.error).toBeUndefined();
		expect(got.items.map((i) => [i.json.instanceId, i.json.instanceDisplayName, i.json.latestRunStatus, i.json.folderKey])).toEqual([
			[inst.instanceId, 'INV-7', 'Running', finance.Key], [inst.instanceId, 'INV-7', 'Running', finance.Key],
		]);
		expect(pims().map((e) => [route(e), folderHeader(e)])).toEqual([[`/instances/${inst.instanceId}`, finance.Key], [`/instances/${inst.instanceId}`, finance.Key]]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders'))).toHaveLength(1);

		const byFolderKey = await harness.run(node({ resource: 'maestroInstance', operation: 'get', folder: byKey(finance.Key), instanceId: byId(inst.instanceId) }));
		expect(byFolderKey.items[0].json.instanceId).toBe(inst.instanceId);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders'))).toHaveLength(1);
	});

	it('says what is wrong with an unknown instance, an ID that is not one, a missing folder, or another folder', async () => {
		const unknown = await harness.run(node({ resource: 'maestroInstance', operation: 'get', folder: byKey(finance.Key), instanceId: byId('00000000-0000-4000-8000-00000000abcd') }));
		expect(unknown.error?.message).toMatch(/^UiPath found no such item \(404\): Instance '00000000-0000-4000-8000-00000000abcd' was not found\./);
		expect(unknown.error?.description).toMatch(/^Maestro has no instance 00000000-0000-4000-8000-00000000abcd in this folder: .*Maestro Instance → Get Many/);
		const inst = start();
		const elsewhere = await harness.run(node({ resource: 'maestroInstance', operation: 'getVariables', folder: inFolder('Shared'), instanceId: byId(inst.instanceId) }));
		expect(elsewhere.error?.message).toContain('(404)');
		expect(pims()).toHaveLength(2);

		const notGuid = await harness.run(node({ resource: 'maestroInstance', operation: 'get', folder: byKey(finance.Key), instanceId: byId('=INV-7') }));
		expect(`${notGuid.error?.message}\n${notGuid.error?.description}`).toMatch(/^Instance "INV-7" is not an instance ID\nA Maestro instance ID is a GUID/);
		const noFolder = await harness.run(node({ resource: 'maestroInstance', operation: 'pause', folder: byKey('={{ $json.folderKey }}'), instanceId: byId(inst.instanceId) }));
		expect(`${noFolder.error?.message}\n${noFolder.error?.description}`).toMatch(/^Pick the instance's folder\nMaestro answers an instance only with its folder's Key/);
		const noSuchFolder = await harness.run(node({ resource: 'maestroInstance', operation: 'cancel', folder: inFolder('Shared/Nope'), instanceId: byId(inst.instanceId) }));
		expect(`${noSuchFolder.error?.message}\n${noSuchFolder.error?.description}`).toMatch(/^There is no folder "Shared\/Nope" that this credential can see\nPick the folder/);
		expect(pims()).toHaveLength(2);
		expect(maestro.instance(inst.instanceId)?.latestRunStatus).toBe('Running');
	});

	it('pauses, resumes and cancels with an optional comment, each sent once', async () => {
		const inst = start();
		const target = { folder: byKey(finance.Key), instanceId: byId(inst.instanceId) };
		const paused = await harness.run(node({ resource: 'maestroInstance', operation: 'pause', ...target, changeOptions: { comment: 'month end' } }));
		expect(paused.error).toBeUndefined();
		expect(paused.items[0].json).toEqual({ instanceId: inst.instanceId, status: 'Pausing', action: 'pause', comment: 'month end' });
		sim.clock.advance(1500);
		expect(maestro.instance(inst.instanceId)?.latestRunStatus).toBe('Paused');
		const resumed = await harness.run(node({ resource: 'maestroInstance', operation: 'resume', ...target }));
		expect(resumed.items[0].json).toMatchObject({ status: 'Resuming', action: 'resume', comment: null });
		sim.clock.advance(1500);
		const cancelled = await harness.run(node({ resource: 'maestroInstance', operation: 'cancel', ...target }));
		expect(cancelled.items[0].json.status).toBe('Canceling');
		expect(pims().map((e) => [e.method, route(e), e.body, folderHeader(e)])).toEqual([
			['POST', `/instances/${inst.instanceId}/pause`, { comment: 'month end' }, finance.Key],
			['POST', `/instances/${inst.instanceId}/resume`, { comment: null }, finance.Key],
			['POST', `/instances/${inst.instanceId}/cancel`, { comment: null }, finance.Key],
		]);
		expect(maestro.actions(inst.instanceId).map((a) => [a.action, a.comment])).toEqual([['pause', 'month end'], ['resume', null], ['cancel', null]]);
	});

	it('explains a state that does not allow the change, keeping Maestro\'s message', async () => {
		const done = start();
		maestro.setInstanceState(done.instanceId, 'Completed');
		const target = { folder: byKey(finance.Key), instanceId: byId(done.instanceId) };
		const pause = await harness.run(node({ resource: 'maestroInstance', operation: 'pause', ...target }));
		expect(pause.error?.message).toBe(`UiPath rejected the request (400): Instance '${done.instanceId}' is Completed: it can be paused only when it is Running.`);
		expect(pause.error?.description).toMatch(/^Pause works on a Running instance only .*a Completed, Cancelled or Faulted one has ended/);
		const pending = start({ state: 'Pending' });
		const cancel = await harness.run(node({ resource: 'maestroInstance', operation: 'cancel', folder: byKey(finance.Key), instanceId: byId(pending.instanceId) }));
		expect(cancel.error?.message).toContain('is Pending: it can be cancelled only when it is Running or Paused or Faulted');
		expect(cancel.error?.description).toMatch(/a Pending one cannot be cancelled yet/);
		// refused calls that change state are not re-sent
		expect(pims().map((e) => [e.method, e.status])).toEqual([['POST', 400], ['POST', 400]]);
	});

	it('reads the variables and incidents of an instance, and the incidents of a process', async () => {
		const inst = maestro.startInstance({ processKey: onboarding.processKey, variables: { employee: 'Ann' } });
		maestro.setInstanceState(inst.instanceId, 'Faulted', { incident: { errorCode: 'HR1', errorMessage: 'No desk' } });
		const shared = byKey(maestro.instance(inst.instanceId)!.folderKey);
		const vars = await harness.run(node({ resource: 'maestroInstance', operation: 'getVariables', folder: shared, instanceId: byId(inst.instanceId) }));
		expect(vars.error).toBeUndefined();
		expect(vars.items[0].json).toMatchObject({ instanceId: inst.instanceId, globals: { v_employee: 'Ann' }, parentElementId: null });
		const badParent = await harness.run(node({ resource: 'maestroInstance', operation: 'getVariables', folder: shared, instanceId: byId(inst.instanceId), parentElementId: 'Nope' }));
		expect(badParent.error?.description).toMatch(/no element "Nope" in its process/);
		const incidents = await harness.run(node({ resource: 'maestroInstance', operation: 'getIncidents', folder: shared, instanceId: byId(inst.instanceId) }));
		expect(incidents.items.map((i) => [i.json.errorCode, i.json.incidentStatus, i.json.errorMessage])).toEqual([['HR1', 'Open', 'No desk']]);
		const ofProcess = await harness.run(node({ resource: 'maestroProcess', operation: 'getIncidents', folder: shared, processKey: onboarding.processKey }));
		expect(ofProcess.items.map((i) => [i.json.instanceId, i.json.errorCode])).toEqual([[inst.instanceId, 'HR1']]);
		expect(pims().map((e) => [route(e), e.query])).toEqual([
			[`/instances/${inst.instanceId}/variables`, {}],
			[`/instances/${inst.instanceId}/variables`, { parentElementId: 'Nope' }],
			[`/instances/${inst.instanceId}/incidents`, {}],
			[`/incidents/process/${onboarding.processKey}`, {}],
		]);
	});

	it('names the PIMS scope when the application lacks it, and refuses on-premises credentials before any call', async () => {
		const denied = await harness.run(uiNode({ resource: 'maestroInstance', operation: 'getMany', returnAll: true }));
		expect(denied.error?.message).toMatch(/^The credential is not allowed to do this \(403\): Forbidden: this request needs the scope PIMS/);
		expect(denied.error?.description).toContain('This operation needs the application scope PIMS');
		const onPrem = await harness.run(uiNode({ resource: 'maestroProcess', operation: 'getMany', returnAll: true }, 'onprem'));
		expect(onPrem.error?.message).toMatch(/^Maestro is a service of UiPath Automation Cloud and Automation Suite/);
		expect(pims()).toHaveLength(1);
	});

	it('picks an instance from the folder chosen, newest first', async () => {
		start({ displayName: 'INV-1', startedAt: '2026-01-01T10:00:00Z' });
		const b = start({ displayName: 'INV-2', startedAt: '2026-01-01T11:00:00Z' });
		maestro.startInstance({ processKey: onboarding.processKey });
		const spec = node({ resource: 'maestroInstance', operation: 'get', folder: inFolder('Shared/Finance') });
		const all = await harness.listSearch(spec, 'searchMaestroInstances');
		expect(all.results.map((r: { name: string }) => r.name)).toEqual(['INV-2 (Running, started 2026-01-01T11:00:00Z)', 'INV-1 (Running, started 2026-01-01T10:00:00Z)']);
		const some = await harness.listSearch(spec, 'searchMaestroInstances', 'inv-2');
		expect(some.results).toEqual([{ name: 'INV-2 (Running, started 2026-01-01T11:00:00Z)', value: b.instanceId }]);
		expect(pims().every((e) => folderHeader(e) === finance.Key)).toBe(true);
		const none = await harness.listSearch(node({ resource: 'maestroInstance', operation: 'get' }), 'searchMaestroInstances');
		expect(none.results).toEqual([{ name: 'Pick a Folder First', value: '' }]);
	});
});
