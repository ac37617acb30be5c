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
		expect(log(sim).map((e) => e.query.per_page)).toEqual(['50', '50', '50', '50']); // open runs, then 3 pages
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
});
