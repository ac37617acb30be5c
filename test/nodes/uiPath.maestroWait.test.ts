// Job → Start with Wait for Completion on a Maestro process: the wait follows the Maestro instance (the job's Key)
// until it ends, outputs it beside the job, fails naming the newest incident when it faulted, and times out.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { maestroSetUp, type Maestro } from './uiPath.maestro.helpers';

describe('UiPath Job → Start of a Maestro process, waiting for its instance', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let maestro: Maestro;
	let processKey: string;

	beforeEach(async () => {
		let shared: { Id: number };
		({ sim, harness, shared, maestro } = await maestroSetUp());
		processKey = sim.addRelease({ folderId: shared.Id, name: 'OrderToCash', processKey: 'OrderToCash', processType: 'ProcessOrchestration' }).Key;
	});
	afterEach(async () => sim.close());

	const startAndWait = (options: Record<string, unknown> = {}, timeout = 30) =>
		uiNode(
			{
				resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: processKey },
				strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}', waitForCompletion: true, waitTimeout: timeout,
				startOptions: { pollInterval: 1, ...options },
			},
			'pims',
			{ continueOnFail: false },
		);
	/** Ends the instance the node started, `afterMs` after it appears. */
	const endWhenStarted = (state: string, afterMs: number, incident?: Record<string, unknown>) => {
		const timer = setInterval(() => {
			const key = startedKey();
			if (!key || !maestro.instance(key)) return;
			clearInterval(timer);
			setTimeout(() => maestro.setInstanceState(key, state, incident ? { incident } : { incident: false }), afterMs);
		}, 50);
		return () => clearInterval(timer);
	};
	/** The newest job's Key: the instance the node started (each test starts one at a time). */
	const startedKey = () => (sim.jobs as Array<{ Id: number; Key: string }>).sort((a, b) => b.Id - a.Id)[0]?.Key;
	const instanceReads = () => uiLog(sim).filter((e) => /\/pims_\/api\/v1\/instances\/[0-9a-f-]+$/.test(e.path));

	it('waits on the instance, not the job, and outputs the ended instance beside the job', async () => {
		const stop = endWhenStarted('Completed', 1_500);
		const run = await harness.run(startAndWait());
		stop();
		expect(run.error).toBeUndefined();
		const out = run.items[0].json as { Key: string; maestroInstanceId: string; maestroInstance: Record<string, unknown> };
		expect(out.maestroInstanceId).toBe(out.Key);
		expect(out.maestroInstance).toMatchObject({ instanceId: out.Key, latestRunStatus: 'Completed', processKey });
		expect(instanceReads().length).toBeGreaterThanOrEqual(2);
		expect(instanceReads().every((e) => e.headers?.['x-uipath-folderkey'])).toBe(true);
		expect(uiLog(sim).filter((e) => /\/odata\/Jobs\(\d+\)$/.test(e.path))).toEqual([]);
	});

	it('fails naming the newest incident when the instance faulted, or outputs it with Return … as Output', async () => {
		let stop = endWhenStarted('Faulted', 1_200, { errorCode: 'ErpDown', errorMessage: 'The ERP did not answer' });
		const failed = await harness.run(startAndWait());
		stop();
		expect(failed.error?.message).toMatch(/^Maestro instance [0-9a-f-]{36} \(OrderToCash\) ended Faulted: The ERP did not answer$/);
		expect(failed.error?.description).toMatch(/Return Faulted and Stopped Jobs as Output/);

		sim.reset();
		stop = endWhenStarted('Cancelled', 1_200);
		const kept = await harness.run(startAndWait({ returnFailed: true }));
		stop();
		expect(kept.error).toBeUndefined();
		expect((kept.items[0].json.maestroInstance as Record<string, unknown>).latestRunStatus).toBe('Cancelled');
	});

	it('times out with the last state it read; the instance goes on', async () => {
		const run = await harness.run(startAndWait({}, 2));
		expect(run.error?.message).toMatch(/^Maestro instance [0-9a-f-]{36} did not end within 2 seconds$/);
		expect(run.error?.description).toMatch(/^Its last state was Running\./);
		expect(maestro.instance(String(startedKey()))?.latestRunStatus).toBe('Running');
	});
});
