// Pacing to a quota, through the engine: a batch that would pass the quota waits for the minute to turn instead of
// meeting a 429; a 429 without Retry-After waits for the window; pacers that share one quota (two credentials here,
// as two n8n workers would) slow down on 429s until together they fit. Time is jest's fake clock (the simulator's
// clock follows it too), so the minutes pass at once.
import { setTimeout as realSleep } from 'node:timers/promises';

import { QUOTA_WINDOW_MS, windowDelay } from '../../nodes/shared/http';
import { pacerFor, RequestPacer } from '../../nodes/shared/pacer';
import { credentialData, log, rcNode, SECRET, setUp, type RcSim } from './roboticCrowd.helpers';
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
		jest.advanceTimersByTime(60_500); // a minute and less than the margin for the server's count
		await settle();
		expect(passed).toHaveLength(3);
		jest.advanceTimersByTime(600);
		await settle();
		expect(passed).toHaveLength(5);
		expect(passed[3]).toBeGreaterThanOrEqual(61_000);
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
			jest.advanceTimersByTime(61_000);
			const { error, items } = await fourth;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(log(sim).map((e) => e.status)).toEqual([200, 200, 200, 200]);
		});
	});
	it('halves its rate on a 429, once per crowded moment, and creeps back up to its share on accepted requests', () => {
		const pacer = new RequestPacer(60);
		for (let i = 0; i < 40; i++) void pacer.acquire(() => 1_000);
		pacer.throttled(1_000, 1_000);
		pacer.throttled(1_500, 1_500); // the same moment: five executions met the same full window
		expect(pacer.rate).toBe(30);
		pacer.throttled(900, 4_000); // sent before the decrease: it tells of the old rate
		expect(pacer.rate).toBe(30);
		pacer.throttled(4_000, 4_000);
		expect(pacer.rate).toBe(15);
		for (let i = 0; i < 8; i++) pacer.accepted();
		expect(pacer.rate).toBe(17);
		for (let i = 0; i < 1000; i++) pacer.accepted();
		expect(pacer.rate).toBe(60);
		for (let t = 10_000; t < 100_000; t += 3_000) pacer.throttled(t, t);
		expect(pacer.rate).toBe(1);
	});

	it('keeps its rate when it had used little of it: others crowded it out, and halving would starve it', () => {
		const pacer = new RequestPacer(60);
		for (let i = 0; i < 5; i++) void pacer.acquire(() => 1_000);
		pacer.throttled(1_000, 1_000);
		expect(pacer.rate).toBe(60);
		for (let i = 0; i < 30; i++) void pacer.acquire(() => 2_000);
		pacer.throttled(2_000, 2_000);
		expect(pacer.rate).toBe(30);
	});

	it('at a lowered rate, waits until enough of the last minute\'s requests have aged out', async () => {
		jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
		const pacer = new RequestPacer(4);
		const start = Date.now();
		for (let i = 0; i < 4; i++) {
			await pacer.acquire();
			if (i < 3) jest.advanceTimersByTime(10_000);
		}
		pacer.throttled(); // at 30 s: 4 sent in the last minute, 2 allowed now
		let passedAt: number | undefined;
		void pacer.acquire().then(() => (passedAt = Date.now() - start));
		await jest.advanceTimersByTimeAsync(50_000);
		expect(passedAt).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1_100);
		expect(passedAt).toBeGreaterThanOrEqual(81_000); // the one sent at 20 s aged out (and the margin): 1 left
	});

	it('divides the quota among the processes that share it, at least one a minute', () => {
		expect(pacerFor('test:share', 60, 4).limitPerMinute).toBe(15);
		expect(pacerFor('test:share', 60, 1).limitPerMinute).toBe(60); // the credential was edited
		expect(pacerFor('test:share', 60, 0).limitPerMinute).toBe(60);
		expect(pacerFor('test:share:tiny', 3, 10).limitPerMinute).toBe(1);
	});

	it('waits for a quota window two minutes and a bit in all after 429s without Retry-After, doubling from a second', () => {
		for (let run = 0; run < 20; run++) {
			const delays: number[] = [];
			for (let waited = 0, attempt = 0; ; attempt++) {
				const delay = windowDelay(attempt, QUOTA_WINDOW_MS - waited);
				if (!delay) break;
				delays.push(delay);
				waited += delay;
			}
			const total = delays.reduce((a, b) => a + b, 0);
			expect(delays[0]).toBeGreaterThanOrEqual(750);
			expect(delays[0]).toBeLessThanOrEqual(1250);
			expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
			expect(total).toBeGreaterThan(120_000); // past two minutes: the window that was full has opened twice
			expect(total).toBeLessThanOrEqual(QUOTA_WINDOW_MS);
			expect(delays.length).toBeLessThanOrEqual(12);
		}
	});

	describe('a quota shared with others, without Retry-After (as the API documents its 429)', () => {
		// Pacers live for the process, keyed by URL and key: fresh keys per test, as a port may be handed out again.
		let tests = 0;
		let mainKey: string;
		let otherKey: string;
		let sim: RcSim;
		let harness: EngineHarness;
		let workflowId: number;

		/**
		 * Advances the fake clock in slices until `promise` settles. The HTTP calls are real (loopback): each slice
		 * also gives them a real millisecond, so the fake clock does not run ahead of requests still being made.
		 */
		async function untilSettled<T>(promise: Promise<T>, maxMs = 15 * 60_000): Promise<T> {
			let settled = false;
			promise.then(
				() => (settled = true),
				() => (settled = true),
			);
			for (let t = 0; !settled && t < maxMs; t += 200) {
				await jest.advanceTimersByTimeAsync(200);
				await realSleep(1);
				await settle(5);
			}
			return await promise;
		}
		const create = (credential: string) =>
			rcNode(
				{ resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '={{ JSON.stringify({ n: $json.n }) }}' },
				{ credentials: { roboticCrowdApi: credential } },
			);
		const listWorkflows = (credential: string) =>
			rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }, { credentials: { roboticCrowdApi: credential } });
		const statuses = (method: string) => log(sim).filter((e) => e.method === method).map((e) => e.status);
		const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ n: from + i }));

		beforeEach(async () => {
			jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
			({ sim, harness } = await setUp({ quotaPerMinute: 4, retryAfterOn429: false }));
			mainKey = `AKIDMAIN${++tests}`;
			otherKey = `AKIDOTHER${tests}`;
			// two more keys of the same organisation (project)
			for (const accessKeyId of [mainKey, otherKey]) sim.addApiKey({ accessKeyId, secretAccessKey: SECRET });
			workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: mainKey, quotaPerMinute: 4 }), 'rc');
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: otherKey, quotaPerMinute: 4 }), 'other');
		});
		afterEach(async () => sim.close());

		it('waits for the window after a 429 and then starts the run, once', async () => {
			for (let i = 0; i < 4; i++) expect((await harness.run(listWorkflows('other'))).error).toBeUndefined();
			const start = Date.now();
			const { error, items: out } = await untilSettled(harness.run(create('rc'), [{ n: 1 }]));
			expect(error).toBeUndefined();
			expect(out).toHaveLength(1);
			expect(Date.now() - start).toBeGreaterThanOrEqual(55_000); // the other key's requests had to age out
			// after the first 429 this process's pacer holds the retries too, instead of sending them into the full window
			expect(statuses('POST').filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
			expect(statuses('POST').length).toBeLessThanOrEqual(4);
			expect(statuses('POST').filter((s) => s === 201)).toHaveLength(1);
			expect(sim.runs).toHaveLength(1);
		});

		it('gives up when the window stays closed for two minutes and a bit, and says so', async () => {
			const take = sim.faults.take.bind(sim.faults);
			sim.faults.take = (method: string, path: string) => (method === 'POST' ? { status: 429 } : take(method, path));
			const start = Date.now();
			const { error } = await untilSettled(harness.run(create('rc'), [{ n: 1 }]));
			const waited = Date.now() - start;
			expect(error?.message).toMatch(/quota is used up \(429\)/);
			expect(error?.description).toMatch(/waited two minutes.*Processes Sharing This Quota/);
			expect(waited).toBeGreaterThan(60_000);
			// tries past the minute; none once two minutes and a bit passed with nothing taken (a retry is decided before
			// that, and may then wait its turn in the pacer: one more minute at most)
			const lastTry = Math.max(...log(sim).filter((e) => e.method === 'POST').map((e) => (e as unknown as { time: number }).time)) - start;
			expect(lastTry).toBeGreaterThan(60_000);
			expect(lastTry).toBeLessThan(QUOTA_WINDOW_MS + 62_000);
			expect(statuses('POST').length).toBeLessThanOrEqual(12);
			expect(sim.runs).toHaveLength(0);
		});

		it('ends a wait for the window at once when the execution is cancelled', async () => {
			const take = sim.faults.take.bind(sim.faults);
			sim.faults.take = (method: string, path: string) => (method === 'POST' ? { status: 429 } : take(method, path));
			const start = Date.now();
			const { nodeSettled } = await untilSettled(harness.run(create('rc'), [{ n: 1 }], 'manual', { cancelAfterMs: 5_000 }));
			const settledAt = await untilSettled(nodeSettled!);
			expect(settledAt - start).toBeLessThan(5_500);
			const sent = statuses('POST').length;
			await jest.advanceTimersByTimeAsync(120_000);
			await settle();
			expect(statuses('POST')).toHaveLength(sent); // nothing more was sent after the cancel
		});

		it("a trigger's poll does not wait for the window: it fails within seconds and its next poll reads again", async () => {
			// a credential whose pacer has room: what is measured is the retrying, not waits for this process's share
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: otherKey, quotaPerMinute: 100 }), 'poller');
			const trigger = { type: 'roboticCrowdTrigger', parameters: { statuses: ['success'] } as never, credentials: { roboticCrowdApi: 'poller' } };
			const state = { staticData: {} };
			expect(await untilSettled(harness.poll(trigger, state))).toBeNull(); // the first poll sets the cursor
			const saved = JSON.stringify(state.staticData);
			const take = sim.faults.take.bind(sim.faults);
			sim.faults.take = (method: string, path: string) => (method === 'GET' ? { status: 429 } : take(method, path));
			const start = Date.now();
			await expect(untilSettled(harness.poll(trigger, state))).rejects.toThrow(/quota is used up \(429\)/);
			expect(Date.now() - start).toBeLessThan(30_000); // the retries of any 429 (about 7.5 s), not minutes
			expect(JSON.stringify(state.staticData)).toBe(saved);
		});

		it('two credentials on one quota (as two workers): they slow down until together they fit; no run fails or starts twice', async () => {
			const start = Date.now();
			const [a, b] = await untilSettled(Promise.all([harness.run(create('rc'), items(1, 8)), harness.run(create('other'), items(101, 8))]));
			expect(a.error).toBeUndefined();
			expect(b.error).toBeUndefined();
			const started = sim.runs.map((run: { params?: { n?: number } }) => run.params?.n);
			expect(started).toHaveLength(16);
			expect(new Set(started).size).toBe(16);
			// 16 starts at 4 a minute need 4 minutes; adaptive pacing keeps close to that instead of wasting windows
			expect(Date.now() - start).toBeLessThan(6 * 60_000);
			// AIMD: the 429s slowed both down, rather than each retrying into the full window five times a request
			expect(statuses('POST').filter((s) => s === 429).length).toBeLessThan(16);
		});

		it('credentials that name one organisation share one pacer: the fifth request of their minute waits, no 429', async () => {
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: mainKey, quotaPerMinute: 4, organization: `acme${tests}` }), 'rc');
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: otherKey, quotaPerMinute: 4, organization: `acme${tests}` }), 'other');
			for (let i = 0; i < 2; i++) expect((await harness.run(listWorkflows('rc'))).error).toBeUndefined();
			for (let i = 0; i < 2; i++) expect((await harness.run(listWorkflows('other'))).error).toBeUndefined();
			const fifth = harness.run(listWorkflows('other'));
			await settle(200);
			expect(log(sim)).toHaveLength(4);
			const { error } = await untilSettled(fifth);
			expect(error).toBeUndefined();
			expect(statuses('GET')).toEqual([200, 200, 200, 200, 200]);
		});

		it('"Processes Sharing This Quota" keeps this process to its share: the third request of a minute waits', async () => {
			harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: mainKey, quotaPerMinute: 4, processesSharingQuota: 2 }), 'rc');
			for (let i = 0; i < 2; i++) expect((await harness.run(listWorkflows('rc'))).error).toBeUndefined();
			const third = harness.run(listWorkflows('rc'));
			await settle(200);
			expect(log(sim)).toHaveLength(2);
			expect((await untilSettled(third)).error).toBeUndefined();
			expect(statuses('GET')).toEqual([200, 200, 200]);
		});
	});
});
