// The UiPath Trigger's Maestro events through n8n's PollContext against the simulator's pims_ service: each instance
// that ends fires once per run (a retried faulted instance fires again), an instance that started long before its
// end is still found, incidents fire once each, and history before activation does not fire.
import { EngineHarness, type PollState } from '../harness/engine';
import { cloudCredential, setUp, uiLog, type UiSim } from './uiPath.helpers';
import { maestroSetUp, type Maestro } from './uiPath.maestro.helpers';

type Row = Record<string, any>;

describe('UiPath Trigger: Maestro events', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let maestro: Maestro;
	let state: PollState;
	let orders: { processKey: string; folderKey: string };
	let refunds: { processKey: string; folderKey: string };

	beforeEach(async () => {
		let shared: { Id: number };
		({ sim, harness, shared, maestro } = await maestroSetUp());
		orders = maestro.addProcess({ folderId: shared.Id, packageId: 'OrderToCash' });
		refunds = maestro.addProcess({ folderId: shared.Id, packageId: 'Refunds' });
		sim.clock.freeze();
		state = { staticData: {} };
	});
	afterEach(async () => sim.close());

	const trigger = (event: string, parameters: Record<string, unknown> = {}) => ({
		type: 'uiPathTrigger',
		parameters: { authentication: 'uiPathCloudOAuthApi', event, maestroStates: ['Completed', 'Faulted'], ...parameters } as never,
		credentials: { uiPathCloudOAuthApi: 'pims' },
	});
	const ended = (parameters: Record<string, unknown> = {}) => trigger('maestroInstanceEnded', parameters);
	const start = (process = orders) => maestro.startInstance({ processKey: process.processKey }).instanceId as string;
	const fired = (items: Array<{ json: Row }> | null) => (items ?? []).map((i) => `${i.json.instanceId}:${i.json.latestRunStatus}`);
	const pimsCalls = () => uiLog(sim).filter((e) => e.path.includes('/pims_/'));

	it('skips what ended before activation, then fires each instance that ends once, in the states chosen', async () => {
		const history = start();
		maestro.setInstanceState(history, 'Completed');
		const running = start();
		expect(await harness.poll(ended(), state)).toBeNull();
		sim.clock.advance(5_000);
		maestro.setInstanceState(running, 'Completed');
		const faulted = start(refunds);
		maestro.setInstanceState(faulted, 'Faulted', { incident: false });
		const cancelled = start();
		maestro.setInstanceState(cancelled, 'Cancelled');
		sim.clock.advance(1_000);
		sim.reset();
		const items = await harness.poll(ended(), state);
		expect(fired(items).sort()).toEqual([`${running}:Completed`, `${faulted}:Faulted`].sort());
		expect(items?.find((i) => i.json.instanceId === faulted)?.json).toMatchObject({ packageId: 'Refunds', folderKey: refunds.folderKey });
		// One list page covered every instance: no instance was read one by one.
		expect(pimsCalls().map((e) => e.path.replace(/^.*\/pims_\/api\/v1/, ''))).toEqual(['/instances']);
		expect(await harness.poll(ended(), state)).toBeNull();
	});

	it('finds an instance that started far back in the list (read by id), and fires a retried faulted instance again', async () => {
		const tracked = start();
		for (let i = 0; i < 100; i++) {
			sim.clock.advance(10_000); // spread over 1,000 s: most of them further back than the list's 2-minute lookback
			maestro.setInstanceState(start(), 'Completed');
		}
		const faultedOnly = ended({ maestroStates: ['Faulted'] });
		expect(await harness.poll(faultedOnly, state)).toBeNull();
		for (let i = 0; i < 1_050; i++) {
			sim.clock.advance(1_000);
			maestro.setInstanceState(start(refunds), 'Completed');
		}
		maestro.setInstanceState(tracked, 'Faulted', { incident: false });
		sim.clock.advance(1_000);
		sim.reset();
		expect(fired(await harness.poll(faultedOnly, state))).toEqual([`${tracked}:Faulted`]);
		const reads = pimsCalls().map((e) => e.path.replace(/^.*\/pims_\/api\/v1/, ''));
		// 1,050 new instances are 11 pages of 100; the tracked one, further back, is read by its id.
		expect(reads).toEqual([...Array(11).fill('/instances'), `/instances/${tracked}`]);

		// Retry: the same instance runs again in a new run and faults again: it fires again, once.
		await retried(tracked);
		maestro.setInstanceState(tracked, 'Faulted', { incident: false });
		sim.clock.advance(1_000);
		expect(fired(await harness.poll(faultedOnly, state))).toEqual([`${tracked}:Faulted`]);
		expect(await harness.poll(faultedOnly, state)).toBeNull();
	});

	/** Orchestrator's retry as the API does it (a new run), through the simulator's own route. */
	async function retried(instanceId: string) {
		const token = (sim as unknown as { issueToken(): string }).issueToken();
		const res = await fetch(`${sim.url}/${sim.organization}/${sim.tenant}/pims_/api/v1/instances/${instanceId}/retry`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'X-UIPATH-FolderKey': orders.folderKey, 'content-type': 'application/json' },
			body: '{}',
		});
		expect(res.status).toBe(200);
		sim.clock.advance(2_000);
	}

	it('fires each incident once, per process, with the process named; history before activation does not fire', async () => {
		const a = start();
		maestro.addIncident(a, { errorCode: 'Old', errorMessage: 'before activation' });
		const incidents = trigger('maestroIncidentOpened');
		expect(await harness.poll(incidents, state)).toBeNull();
		sim.clock.advance(5_000);
		const b = start(refunds);
		const raised = maestro.addIncident(b, { errorCode: 'InvoiceMissing', errorMessage: 'No invoice for order 42' });
		maestro.addIncident(a, { errorCode: 'Timeout', errorMessage: 'ERP did not answer' });
		sim.clock.advance(1_000);
		const items = await harness.poll(incidents, state);
		expect((items ?? []).map((i) => i.json.errorCode).sort()).toEqual(['InvoiceMissing', 'Timeout']);
		expect(items?.find((i) => i.json.errorCode === 'InvoiceMissing')?.json).toMatchObject({ incidentId: raised.incidentId, instanceId: b, packageId: 'Refunds' });
		expect(await harness.poll(incidents, state)).toBeNull();

		// One process only: the other's incidents do not fire, and its list is not read.
		sim.reset();
		sim.clock.advance(5_000);
		maestro.addIncident(a, { errorCode: 'Again' });
		const onlyRefunds = trigger('maestroIncidentOpened', { maestroProcessKey: refunds.processKey });
		expect(await harness.poll(onlyRefunds, state)).toBeNull();
		expect(pimsCalls().some((e) => e.path.endsWith(`/incidents/process/${orders.processKey}`))).toBe(false);
	});

	it('"Fetch test event" returns the newest ended instance and moves nothing', async () => {
		const first = start();
		sim.clock.advance(1_000);
		maestro.setInstanceState(first, 'Faulted', { incident: false });
		const second = start();
		sim.clock.advance(1_000);
		maestro.setInstanceState(second, 'Completed');
		const items = await harness.poll(ended({ maestroStates: ['Faulted'] }), state, 'manual');
		expect(fired(items)).toEqual([`${first}:Faulted`]);
		expect(state.staticData).toEqual({});
	});

	it('a credential without the PIMS scope gets an error that names it, and the state stays', async () => {
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim), 'plain');
		const node = { ...ended(), credentials: { uiPathCloudOAuthApi: 'plain' } };
		await expect(harness.poll(node, state)).rejects.toThrow(/not allowed to do this \(403\)/);
		expect(state.staticData).toEqual({});
	});
});
