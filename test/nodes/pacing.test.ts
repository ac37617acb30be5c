// Pacing to a quota, through the engine: a batch that would pass the quota waits for the minute to turn instead of
// meeting a 429. Time is jest's fake clock (the simulator's clock follows it too), so the minute passes at once.
import { RequestPacer } from '../../nodes/shared/http';
import { credentialData, log, rcNode, setUp, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness } from '../harness/engine';

const settle = async (rounds = 50) => {
	for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('pacing to a quota', () => {
	afterEach(() => jest.useRealTimers());

	it('RequestPacer lets `limit` requests through in a sliding minute, then waits for the oldest to age out', async () => {
		jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
		const pacer = new RequestPacer(3);
		const passed: number[] = [];
		const start = Date.now();
		for (let i = 0; i < 5; i++) void pacer.acquire().then(() => passed.push(Date.now() - start));
		await settle();
		expect(passed).toEqual([0, 0, 0]);
		jest.advanceTimersByTime(59_000);
		await settle();
		expect(passed).toHaveLength(3);
		jest.advanceTimersByTime(1_001);
		await settle();
		expect(passed).toHaveLength(5);
		expect(passed[3]).toBeGreaterThanOrEqual(60_000);
	});

	describe('Robotic Crowd batch', () => {
		let sim: RcSim;
		let harness: EngineHarness;

		beforeEach(async () => {
			jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
			({ sim, harness } = await setUp({ quotaPerMinute: 3 }));
			sim.addWorkflow({ name: 'Invoice intake' });
			harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 3 }), 'rc');
		});
		afterEach(async () => sim.close());

		it('spaces the fourth request of a minute instead of running into the 429', async () => {
			const listWorkflows = rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true });
			for (let i = 0; i < 3; i++) expect((await harness.run(listWorkflows)).error).toBeUndefined();
			const fourth = harness.run(listWorkflows);
			await settle(200);
			expect(log(sim)).toHaveLength(3); // held back by the pacer, not sent
			jest.advanceTimersByTime(60_001);
			const { error, items } = await fourth;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(log(sim).map((e) => e.status)).toEqual([200, 200, 200, 200]);
		});
	});
});
