// The trigger through n8n's PollContext: each finished run once, none missed, across pages, ties and restarts.
import { credentialData, log, setUp, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness, PollState } from '../harness/engine';

const trigger = (parameters: Record<string, unknown> = {}) => ({
	type: 'roboticCrowdTrigger',
	parameters: { statuses: ['success', 'error'], ...parameters } as never,
	credentials: { roboticCrowdApi: 'rc' },
});

describe('Robotic Crowd Trigger', () => {
	let sim: RcSim;
	let harness: EngineHarness;
	let workflowId: number;
	let state: PollState;

	beforeEach(async () => {
		({ sim, harness } = await setUp({ quotaPerMinute: 100_000 }));
		workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
		harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 100_000 }), 'rc');
		state = { staticData: {} };
	});
	afterEach(async () => sim.close());

	const ids = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => i.json.id as number);

	it('does not replay history on the first activation, then emits each run that finishes once', async () => {
		for (let i = 0; i < 5; i++) sim.addRun({ workflow_id: workflowId, status: 'success', created_at: Date.now() - 60_000 });
		expect(await harness.poll(trigger(), state)).toBeNull();
		expect(state.staticData['node:Node']).toMatchObject({ state: { cursor: { time: expect.any(Number) }, open: {} } });

		const open = sim.addRun({ workflow_id: workflowId, status: 'running' });
		expect(await harness.poll(trigger(), state)).toBeNull();
		sim.finishRun(open.id, 'error');
		const done = sim.addRun({ workflow_id: workflowId, status: 'success' });
		expect(ids(await harness.poll(trigger(), state)).sort()).toEqual([open.id, done.id].sort());
		expect(await harness.poll(trigger(), state)).toBeNull();
	});

	it('emits a run that started long before activation when it finally finishes, in a few requests', async () => {
		const old = sim.addRun({ workflow_id: workflowId, status: 'running', created_at: Date.now() - 3 * 3600_000 });
		for (let i = 0; i < 600; i++) sim.addRun({ workflow_id: workflowId, status: 'success', created_at: Date.now() - 3600_000 + i * 5000 });
		expect(await harness.poll(trigger(), state)).toBeNull();
		sim.finishRun(old.id, 'success');
		sim.log.length = 0;
		expect(ids(await harness.poll(trigger(), state))).toEqual([old.id]);
		// open runs, finished runs since the last poll, and the minutes around the old run's creation
		expect(log(sim)).toHaveLength(3);
		expect(await harness.poll(trigger(), state)).toBeNull();
	});

	it("keeps to the server's clock: n8n's clock 45 seconds ahead loses nothing", async () => {
		sim.clock.advance(-45_000);
		sim.addRun({ workflow_id: workflowId, status: 'success' });
		expect(await harness.poll(trigger(), state)).toBeNull();
		sim.clock.advance(30_000);
		const run = sim.addRun({ workflow_id: workflowId, status: 'error' });
		expect(ids(await harness.poll(trigger(), state))).toEqual([run.id]);
	});

	it('emits every run when more than a page finishes between polls, many in the same second', async () => {
		await harness.poll(trigger(), state);
		const second = Math.floor(Date.now() / 1000) * 1000;
		const finished = Array.from({ length: 130 }, () => sim.addRun({ workflow_id: workflowId, status: 'success', created_at: second, ended_at: second }));
		sim.log.length = 0;
		const emitted = ids(await harness.poll(trigger(), state));
		expect(emitted.sort()).toEqual(finished.map((r) => r.id).sort());
		// open runs, the newest page (no finished run known yet to check the query's answer with), then 3 pages
		expect(log(sim).map((e) => [e.query.per_page, e.query.query ?? ''])).toEqual([
			['50', 'is:queued is:running'],
			['50', ''],
			...[1, 2, 3].map(() => ['50', expect.stringMatching(/^is:success is:error after:"/)]),
		]);
	});

	it('leaves the cursor where it was when a poll hits a 429 mid-way, and loses nothing', async () => {
		await harness.poll(trigger(), state);
		const before = structuredClone(state.staticData);
		const finished = Array.from({ length: 70 }, () => sim.addRun({ workflow_id: workflowId, status: 'success' }));
		// Let the open-runs query and page 1 of the finished runs through, then refuse page 2.
		const take = sim.faults.take.bind(sim.faults);
		let calls = 0;
		sim.faults.take = (method: string, path: string) => (++calls === 3 ? { status: 429, retryAfter: 120 } : take(method, path));
		await expect(harness.poll(trigger(), state)).rejects.toThrow(/quota is used up \(429\)/);
		expect(state.staticData).toEqual(before);
		sim.faults.take = take;
		expect(ids(await harness.poll(trigger(), state)).sort()).toEqual(finished.map((r) => r.id).sort());
	});

	it('filters by status and by workflow', async () => {
		const other = sim.addWorkflow({ name: 'Payroll' }).id;
		await harness.poll(trigger({ statuses: ['error'], workflowId: { __rl: true, mode: 'id', value: String(workflowId) } }), state);
		const wanted = sim.addRun({ workflow_id: workflowId, status: 'error' });
		sim.addRun({ workflow_id: workflowId, status: 'success' });
		sim.addRun({ workflow_id: other, status: 'error' });
		const emitted = await harness.poll(trigger({ statuses: ['error'], workflowId: { __rl: true, mode: 'id', value: String(workflowId) } }), state);
		expect(ids(emitted)).toEqual([wanted.id]);
		expect(log(sim).at(-1)!.query.query).toMatch(/^is:error after:"/);
	});

	it('answers "Fetch test event" with the latest finished run and leaves the cursor alone', async () => {
		await harness.poll(trigger(), state);
		const before = structuredClone(state.staticData);
		sim.addRun({ workflow_id: workflowId, status: 'success', created_at: Date.now() - 5000 });
		const latest = sim.addRun({ workflow_id: workflowId, status: 'error' });
		expect(ids(await harness.poll(trigger(), state, 'manual'))).toEqual([latest.id]);
		expect(state.staticData).toEqual(before);
	});

	it('over many polls and restarts with runs finishing at random, emits each finished run exactly once', async () => {
		let seed = 42;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const open: number[] = [sim.addRun({ workflow_id: workflowId, status: 'running', created_at: Date.now() - 7200_000 }).id];
		await harness.poll(trigger(), state);
		const finished: number[] = [];
		const emitted: number[] = [];
		let requests = 0;
		const polls = 40;
		for (let p = 0; p < polls; p++) {
			for (let k = Math.floor(random() * 6); k > 0; k--) open.push(sim.addRun({ workflow_id: workflowId, status: random() < 0.5 ? 'queued' : 'running' }).id);
			for (let k = Math.floor(random() * 8); k > 0; k--) finished.push(sim.addRun({ workflow_id: workflowId, status: random() < 0.7 ? 'success' : 'error' }).id);
			for (let i = open.length - 1; i >= 0; i--) {
				if (random() < 0.4) {
					sim.finishRun(open[i], random() < 0.8 ? 'success' : 'error');
					finished.push(open[i]);
					open.splice(i, 1);
				}
			}
			sim.log.length = 0;
			emitted.push(...ids(await harness.poll(trigger(), state)));
			requests += sim.log.length;
		}
		for (const id of open.splice(0)) {
			sim.finishRun(id, 'success');
			finished.push(id);
		}
		emitted.push(...ids(await harness.poll(trigger(), state)));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.sort()).toEqual(finished.sort());
		expect(requests / polls).toBeLessThan(8);
	}, 60_000);

	describe('when the query means something the documentation does not say', () => {
		const semantics: Array<[string, Record<string, unknown>, 'query' | 'pages']> = [
			['is: terms ORed, UTC, inclusive after: (as assumed)', {}, 'query'],
			['several is: terms ANDed', { isTerms: 'and' }, 'pages'],
			['after: and before: read in UTC+9', { utcOffsetMinutes: 540 }, 'pages'],
			['after: and before: read in UTC-5', { utcOffsetMinutes: -300 }, 'pages'],
			['exclusive after: (after the whole minute)', { afterExclusive: true }, 'query'],
		];
		it.each(semantics)('%s: each finished run fires exactly once', async (_name, querySemantics, path) => {
			await sim.close();
			({ sim, harness } = await setUp({ quotaPerMinute: 100_000, querySemantics }));
			workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
			harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 100_000 }), 'rc');
			const t0 = Date.now();
			// history: finished hours ago and just now; one run open since long before activation
			for (let i = 0; i < 8; i++) sim.addRun({ workflow_id: workflowId, status: 'success', created_at: t0 - 6 * 3600_000 + i * 600_000 });
			sim.addRun({ workflow_id: workflowId, status: 'success', created_at: t0 - 20_000 });
			const longOpen = sim.addRun({ workflow_id: workflowId, status: 'running', created_at: t0 - 3 * 3600_000 });
			expect(await harness.poll(trigger(), state)).toBeNull();
			const expected: number[] = [];
			const emitted: number[] = [];
			for (let p = 0; p < 6; p++) {
				sim.clock.advance(40_000);
				const open = sim.addRun({ workflow_id: workflowId, status: 'running' });
				expected.push(sim.addRun({ workflow_id: workflowId, status: p % 2 ? 'error' : 'success' }).id);
				emitted.push(...ids(await harness.poll(trigger(), state)));
				sim.finishRun(open.id, 'success');
				expected.push(open.id);
				if (p === 3) {
					sim.finishRun(longOpen.id, 'error');
					expected.push(longOpen.id);
				}
			}
			sim.clock.advance(40_000);
			emitted.push(...ids(await harness.poll(trigger(), state)));
			emitted.push(...ids(await harness.poll(trigger(), state)));
			expect(emitted.length - new Set(emitted).size).toBe(0);
			expect([...emitted].sort()).toEqual([...expected].sort());
			expect((state.staticData['node:Node'] as { state: { path: string } }).state.path).toBe(path);
		}, 30_000);
	});

	it('keeps a long-open run that moves to an earlier page while others finish during the read, and emits it once', async () => {
		const t0 = Date.now();
		const open = Array.from({ length: 70 }, (_, i) => sim.addRun({ workflow_id: workflowId, status: 'running', created_at: t0 - 5 * 3600_000 + i * 60_000 }));
		expect(await harness.poll(trigger(), state)).toBeNull();
		sim.clock.advance(30_000);
		// Right after page 1 of the open runs is read, the ten newest finish: page 2 then starts ten runs later, and
		// open[10..19] are on no page read.
		const take = sim.faults.take.bind(sim.faults);
		const newest = open.slice(60);
		let openReads = 0;
		sim.faults.take = (method: string, path: string) => {
			if (path === '/v1/session_queues' && ++openReads === 2) for (const run of newest) sim.finishRun(run.id, 'success');
			return take(method, path);
		};
		// Those the finished runs' answer already shows come now, the others at the next poll: each once.
		const firstPoll = ids(await harness.poll(trigger(), state));
		sim.faults.take = take;
		sim.clock.advance(30_000);
		const both = [...firstPoll, ...ids(await harness.poll(trigger(), state))];
		expect(both.sort()).toEqual(newest.map((r) => r.id).sort());
		sim.clock.advance(30_000);
		const shifted = open[15];
		sim.finishRun(shifted.id, 'error');
		expect(ids(await harness.poll(trigger(), state))).toEqual([shifted.id]);
		expect(await harness.poll(trigger(), state)).toBeNull();
	});
});
