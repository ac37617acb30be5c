// Waits that stop (issue 10, defect 5): the other waits of a failed item, a run removed while waited for, and a
// cancelled execution, each through n8n's engine against the simulators.
import type { EngineHarness } from '../harness/engine';
import { credentialData, log, rcNode, setUp as rcSetUp, type RcSim } from './roboticCrowd.helpers';
import { inFolder, setUp as uiSetUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UiPath job waits', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let release: { Key: string };

	beforeEach(async () => {
		let shared: { Id: number };
		({ sim, harness, shared } = await uiSetUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'Long', queueDelayMs: 100, durationMs: 60_000 });
	});
	afterEach(async () => sim.close());

	const startAndWait = (extra: Record<string, unknown> = {}) =>
		uiNode({
			resource: 'job',
			operation: 'start',
			folder: inFolder(),
			process: { __rl: true, mode: 'key', value: release.Key },
			strategy: 'ModernJobsCount',
			jobsCount: 3,
			waitForCompletion: true,
			waitTimeout: 30,
			startOptions: { pollInterval: 1 },
			...extra,
		});
	const jobReads = () => uiLog(sim).filter((e) => e.method === 'GET' && /\/odata\/Jobs\(\d+\)$/.test(e.path));

	it("stops the other jobs' polls of an item as soon as one of its waits fails", async () => {
		// The first job polled answers 404 (it was deleted); the other two run on for a minute.
		const take = sim.faults.take.bind(sim.faults);
		let doomed: string | undefined;
		sim.faults.take = (method: string, path: string) => {
			const id = /\/odata\/Jobs\((\d+)\)$/.exec(path)?.[1];
			if (method === 'GET' && id) doomed ??= id;
			return id && id === doomed ? { status: 404, body: { message: 'Job does not exist.', errorCode: 1002 } } : take(method, path);
		};
		const { error } = await harness.run(startAndWait());
		expect(error?.message).toMatch(/404/);
		await sleep(300); // reads already in flight when the item failed
		const readsAtFailure = jobReads().length;
		await sleep(3000);
		expect(jobReads().length - readsAtFailure).toBe(0);
	}, 20_000);

	it('ends its waits when the execution is cancelled', async () => {
		const started = Date.now();
		const { nodeSettled } = await harness.run(startAndWait({ startOptions: { pollInterval: 5 } }), [{}], 'manual', { cancelAfterMs: 1500 });
		const settledAt = await nodeSettled!;
		expect(settledAt - started).toBeLessThan(2500);
		const readsAtCancel = jobReads().length;
		await sleep(1500);
		expect(jobReads().length).toBe(readsAtCancel);
	}, 20_000);
});

describe('Robotic Crowd run waits', () => {
	let sim: RcSim;
	let harness: EngineHarness;
	let workflowId: number;

	beforeEach(async () => {
		({ sim, harness } = await rcSetUp({ quotaPerMinute: 100_000 }));
		workflowId = sim.addWorkflow({ name: 'Slow intake', queueDelayMs: 60_000, durationMs: 60_000 }).id;
		harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 100_000 }), 'rc');
	});
	afterEach(async () => sim.close());

	const createAndWait = (extra: Record<string, unknown> = {}) =>
		rcNode({
			resource: 'sessionQueue',
			operation: 'create',
			workflowId: { __rl: true, mode: 'id', value: String(workflowId) },
			paramsInput: 'json',
			paramsJson: '{}',
			waitForCompletion: true,
			waitTimeout: 30,
			createOptions: { pollInterval: 1 },
			...extra,
		});

	it('notices at the next check that a queued run it waits for was cancelled (removed)', async () => {
		const started = Date.now();
		const running = harness.run(createAndWait());
		await sleep(700);
		const [run] = sim.runs.filter((r: { status: string }) => r.status === 'queued');
		sim.cancelRun(run.id);
		const { error } = await running;
		expect(error?.message).toBe(`Run ${run.id} is no longer in the run list: it was cancelled while queued`);
		expect(Date.now() - started).toBeLessThan(5000);
	}, 40_000);

	it('follows a run pushed below the newest page with about one read per check', async () => {
		const running = harness.run(createAndWait({ waitTimeout: 4 }));
		await sleep(300);
		for (let i = 0; i < 120; i++) sim.addRun({ workflow_id: workflowId, status: 'queued' });
		const { error } = await running;
		expect(error?.message).toMatch(/did not finish within 4 seconds/);
		const reads = log(sim).filter((e) => e.method === 'GET');
		// each check: the newest page, then page 3 where the run now is; only the first check walks past page 2
		const byPage = (page: string) => reads.filter((e) => e.query.page === page).length;
		expect(byPage('3')).toBeGreaterThanOrEqual(3);
		expect(byPage('2')).toBe(1);
		expect(reads.length).toBe(byPage('1') + byPage('2') + byPage('3'));
	}, 20_000);

	it('ends its wait when the execution is cancelled', async () => {
		const started = Date.now();
		const { nodeSettled } = await harness.run(createAndWait({ createOptions: { pollInterval: 5 } }), [{}], 'manual', { cancelAfterMs: 1500 });
		expect((await nodeSettled!) - started).toBeLessThan(2500);
	}, 20_000);

	it('ends a Retry-After wait of a check when the execution is cancelled', async () => {
		sim.faults.add({ method: 'GET', path: '/v1/session_queues', status: 429, retryAfter: 30, times: 5 });
		const started = Date.now();
		const { nodeSettled } = await harness.run(createAndWait(), [{}], 'manual', { cancelAfterMs: 2000 });
		expect((await nodeSettled!) - started).toBeLessThan(3000);
		expect(log(sim).filter((e) => e.status === 429)).toHaveLength(1);
	}, 40_000);
});
