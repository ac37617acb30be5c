// The UiPath Trigger through n8n's PollContext: each finished job or queue item once, none missed.
import { EngineHarness, type PollState } from '../harness/engine';
import { cloudCredential, setUp, uiLog, type UiSim } from './uiPath.helpers';

const inFolder = (path: string) => ({ folder: { __rl: true, mode: 'path', value: path } });

describe('UiPath Trigger', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let state: PollState;

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp({ listLimitPerMinute: 100 }));
		// Pacing is tested elsewhere; here the polls run back to back in real time while the simulator's clock jumps.
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { listCallsPerMinute: 0 }), 'cloud');
		sim.clock.freeze();
		state = { staticData: {} };
	});
	afterEach(async () => sim.close());

	const jobTrigger = (parameters: Record<string, unknown> = {}) => ({
		type: 'uiPathTrigger',
		parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [inFolder('Shared')] }, states: ['Successful', 'Faulted', 'Stopped'], ...parameters } as never,
		credentials: { uiPathCloudOAuthApi: 'cloud' },
	});
	const ids = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((i) => i.json.Id as number);
	const jobLists = () => uiLog(sim).filter((e) => e.path.endsWith('/odata/Jobs'));

	it('skips history on activation, then emits each finished job once with its outputs and errors', async () => {
		const release = sim.addRelease({ folderId: shared.Id, name: 'Invoices', outputArguments: { total: 3 } });
		for (let i = 0; i < 5; i++) sim.addJob({ folderId: shared.Id, releaseId: release.Id, endTime: sim.clock.now() - 60_000 + i });
		expect(await harness.poll(jobTrigger(), state)).toBeNull();
		sim.clock.advance(10_000);
		const ok = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Successful', outputArguments: { total: 3 } });
		const bad = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Faulted', info: 'Selector not found', jobError: { code: 'Robot', title: 'Selector not found', detail: 'Submit button' } });
		sim.clock.advance(1000);
		sim.reset();
		const items = await harness.poll(jobTrigger(), state);
		expect(ids(items).sort()).toEqual([ok.Id, bad.Id].sort());
		expect(jobLists()).toHaveLength(1);
		const query = jobLists()[0].query;
		expect(query.$filter).toMatch(/^\(State eq 'Successful' or State eq 'Faulted' or State eq 'Stopped'\) and EndTime ge \d{4}-\d\d-\d\dT[\d:.]+Z$/);
		expect(query.$orderby).toBe('EndTime asc,Id asc');
		const byId = Object.fromEntries((items ?? []).map((i) => [i.json.Id, i.json]));
		expect(byId[ok.Id].OutputArguments).toEqual({ total: 3 });
		expect(byId[bad.Id]).toMatchObject({ State: 'Faulted', Info: 'Selector not found' });
		expect(await harness.poll(jobTrigger(), state)).toBeNull();
	});

	it('pages when more than a page finished, and emits every job of a tied end time', async () => {
		await harness.poll(jobTrigger(), state);
		sim.clock.advance(5000);
		const tied = sim.clock.now();
		const jobs = Array.from({ length: 2500 }, (_, i) => sim.addJob({ folderId: shared.Id, endTime: i < 1500 ? tied : tied + i }));
		sim.clock.advance(5000);
		sim.reset();
		const emitted = ids(await harness.poll(jobTrigger(), state));
		expect(emitted).toHaveLength(2500);
		expect(new Set(emitted).size).toBe(2500);
		expect(emitted.sort()).toEqual(jobs.map((j) => j.Id).sort());
		expect(jobLists().map((e) => [e.query.$top, e.query.$skip ?? '0'])).toEqual([['1000', '0'], ['1000', '1000'], ['1000', '2000']]);
	});

	it('leaves the cursor in place when a 429 outlasts the retries mid-poll, and loses nothing', async () => {
		await harness.poll(jobTrigger(), state);
		sim.clock.advance(5000);
		const jobs = Array.from({ length: 1200 }, () => sim.addJob({ folderId: shared.Id }));
		sim.clock.advance(1000);
		const before = JSON.stringify(state.staticData);
		// Page 1 goes through, page 2 is refused for longer than the node will wait.
		const take = sim.faults.take.bind(sim.faults);
		let lists = 0;
		sim.faults.take = (method: string, path: string) => (path.endsWith('/odata/Jobs') && ++lists === 2 ? { status: 429, retryAfter: 600 } : take(method, path));
		await expect(harness.poll(jobTrigger(), state)).rejects.toThrow(/rate limit reached \(429\)/);
		expect(JSON.stringify(state.staticData)).toBe(before);
		sim.faults.take = take;
		expect(ids(await harness.poll(jobTrigger(), state)).sort()).toEqual(jobs.map((j) => j.Id).sort());
	});

	it('watches several folders, one list call each per poll, and filters by process and state', async () => {
		const hr = sim.addFolder({ displayName: 'HR' });
		const invoices = sim.addRelease({ folderId: shared.Id, name: 'Invoices' });
		const payroll = sim.addRelease({ folderId: hr.Id, name: 'Invoices' });
		const trigger = jobTrigger({ folders: { folder: [inFolder('Shared'), inFolder('HR')] }, states: ['Faulted'], processName: 'Invoices' });
		await harness.poll(trigger, state);
		sim.clock.advance(5000);
		const a = sim.addJob({ folderId: shared.Id, releaseId: invoices.Id, state: 'Faulted' });
		const b = sim.addJob({ folderId: hr.Id, releaseId: payroll.Id, state: 'Faulted' });
		sim.addJob({ folderId: hr.Id, releaseId: payroll.Id, state: 'Successful' });
		sim.addJob({ folderId: shared.Id, releaseName: 'Other', state: 'Faulted' });
		sim.clock.advance(1000);
		sim.reset();
		expect(ids(await harness.poll(trigger, state)).sort()).toEqual([a.Id, b.Id].sort());
		expect(jobLists().map((e) => e.headers['x-uipath-folderpath'])).toEqual(['Shared', 'HR']);
		expect(jobLists()[0].query.$filter).toMatch(/^\(State eq 'Faulted'\) and ReleaseName eq 'Invoices' and EndTime ge /);
	});

	it('answers "Fetch test event" with the latest finished job of all its folders without moving the cursor', async () => {
		const hr = sim.addFolder({ displayName: 'HR' });
		const trigger = jobTrigger({ folders: { folder: [inFolder('Shared'), inFolder('HR')] } });
		await harness.poll(trigger, state);
		const before = JSON.stringify(state.staticData);
		sim.clock.advance(5000);
		sim.addJob({ folderId: shared.Id, endTime: sim.clock.now() - 2000 });
		const latest = sim.addJob({ folderId: hr.Id, state: 'Stopped' });
		expect(ids(await harness.poll(trigger, state, 'manual'))).toEqual([latest.Id]);
		expect(JSON.stringify(state.staticData)).toBe(before);
	});

	it('emits each finished queue item once, with its output', async () => {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		const trigger = {
			type: 'uiPathTrigger',
			parameters: { authentication: 'uiPathCloudOAuthApi', event: 'queueItemFinished', folder: { __rl: true, mode: 'path', value: 'Shared' }, queue: { __rl: true, mode: 'name', value: 'Invoices' }, statuses: ['Successful', 'Failed'] } as never,
			credentials: { uiPathCloudOAuthApi: 'cloud' },
		};
		const old = sim.addQueueItem({ queueId: queue.Id, reference: 'old' });
		sim.setQueueItemStatus(old.Id, 'Successful', { output: { paid: true } });
		expect(await harness.poll(trigger, state)).toBeNull();
		sim.clock.advance(5000);
		const items = [1, 2, 3].map((n) => sim.addQueueItem({ queueId: queue.Id, reference: `r${n}`, specificContent: { n } }));
		sim.setQueueItemStatus(items[0].Id, 'Successful', { output: { paid: true } });
		sim.setQueueItemStatus(items[1].Id, 'Failed', { processingException: { reason: 'Bad IBAN', type: 'BusinessException' } });
		sim.setQueueItemStatus(items[2].Id, 'InProgress');
		sim.clock.advance(1000);
		sim.reset();
		const emitted = await harness.poll(trigger, state);
		expect(ids(emitted).sort()).toEqual([items[0].Id, items[1].Id].sort());
		const first = emitted!.find((i) => i.json.Id === items[0].Id)!.json;
		expect(first.Output).toEqual({ paid: true });
		expect(uiLog(sim).find((e) => e.path.endsWith('/odata/QueueItems'))!.query.$top).toBe('100');
		expect(await harness.poll(trigger, state)).toBeNull();
	});

	it('over 80 polls and restarts, thousands of jobs finishing at random, tied and late: emitted = finished, none twice', async () => {
		let seed = 7;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		for (let i = 0; i < 50; i++) sim.addJob({ folderId: shared.Id, endTime: sim.clock.now() - 1000 * i });
		await harness.poll(jobTrigger(), state);
		const finished: number[] = [];
		const emitted: number[] = [];
		let lists = 0;
		const polls = 80;
		for (let p = 0; p < polls; p++) {
			const now = sim.clock.now();
			const tiedTimes = [now + 1000, now + 2000, now + 2000];
			for (let k = Math.floor(random() * 60); k > 0; k--) {
				const roll = random();
				const state = roll < 0.7 ? 'Successful' : roll < 0.9 ? 'Faulted' : 'Stopped';
				const endTime = roll < 0.3 ? tiedTimes[Math.floor(random() * 3)] : now + Math.floor(random() * 60_000);
				// One in five is written late: visible up to 90 s after the end time it carries.
				const visibleAt = random() < 0.2 ? endTime + Math.floor(random() * 90_000) : undefined;
				finished.push(sim.addJob({ folderId: shared.Id, state, endTime, visibleAt }).Id);
			}
			sim.clock.advance(20_000 + Math.floor(random() * 40_000));
			// Every tenth poll is a new n8n process: new harness, new token, only the static data survives.
			if (p % 10 === 9) {
				harness = await EngineHarness.create();
				harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { listCallsPerMinute: 0 }), 'cloud');
			}
			sim.reset();
			emitted.push(...ids(await harness.poll(jobTrigger(), state)));
			lists += jobLists().length;
		}
		sim.clock.advance(10 * 60_000);
		emitted.push(...ids(await harness.poll(jobTrigger(), state)));
		emitted.push(...ids(await harness.poll(jobTrigger(), state)));
		expect(finished.length).toBeGreaterThan(2000);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.sort()).toEqual(finished.sort());
		expect(lists / polls).toBeLessThanOrEqual(1.1);
	}, 60_000);

	const queueTrigger = () => ({
		type: 'uiPathTrigger',
		parameters: { authentication: 'uiPathCloudOAuthApi', event: 'queueItemFinished', folder: { __rl: true, mode: 'path', value: 'Shared' }, queue: { __rl: true, mode: 'name', value: 'Invoices' }, statuses: ['Successful', 'Failed'] } as never,
		credentials: { uiPathCloudOAuthApi: 'cloud' },
	});

	it("takes its first starting point from the server's clock: n8n 5 minutes ahead, nothing finished yet, loses nothing", async () => {
		sim.clock.freeze(Date.now() - 5 * 60_000);
		expect(await harness.poll(jobTrigger(), state)).toBeNull();
		sim.clock.advance(10_000);
		const job = sim.addJob({ folderId: shared.Id, state: 'Successful' });
		sim.clock.advance(1000);
		expect(ids(await harness.poll(jobTrigger(), state))).toEqual([job.Id]);
		expect(await harness.poll(jobTrigger(), state)).toBeNull();
	});

	it('looks the queue up by name once, not on every poll', async () => {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		for (let p = 0; p < 4; p++) {
			const item = sim.addQueueItem({ queueId: queue.Id, reference: `p${p}` });
			sim.setQueueItemStatus(item.Id, 'Successful');
			sim.clock.advance(5000);
			await harness.poll(queueTrigger(), state);
		}
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/QueueDefinitions'))).toHaveLength(1);
		expect(state.staticData['node:Node']).toMatchObject({ queueIds: { 'path:Shared': { name: 'Invoices', id: queue.Id } } });
	});

	it('starts a folder removed and added back like a new watch: nothing that finished while it was out fires', async () => {
		const hr = sim.addFolder({ displayName: 'HR' });
		const both = jobTrigger({ folders: { folder: [inFolder('Shared'), inFolder('HR')] } });
		const hrOnly = jobTrigger({ folders: { folder: [inFolder('HR')] } });
		await harness.poll(both, state);
		sim.clock.advance(5000);
		// Shared is taken out of the trigger; its jobs go on finishing.
		expect(await harness.poll(hrOnly, state)).toBeNull();
		for (let i = 0; i < 3; i++) sim.addJob({ folderId: shared.Id, state: 'Successful' });
		const inHr = sim.addJob({ folderId: hr.Id, state: 'Successful' });
		sim.clock.advance(5000);
		expect(ids(await harness.poll(hrOnly, state))).toEqual([inHr.Id]);
		// Added back: its first poll skips what finished meanwhile, as a first activation does.
		sim.reset();
		expect(await harness.poll(both, state)).toBeNull();
		expect(jobLists().filter((e) => e.headers['x-uipath-folderpath'] === 'Shared').map((e) => e.query.$orderby)[0]).toBe('EndTime desc,Id desc');
		sim.clock.advance(5000);
		const after = sim.addJob({ folderId: shared.Id, state: 'Faulted' });
		sim.clock.advance(1000);
		expect(ids(await harness.poll(both, state))).toEqual([after.Id]);
	});

	it('starts a queue switched away from and back like a new watch: nothing that finished in between fires', async () => {
		const invoices = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		sim.addQueue({ folderId: shared.Id, name: 'Payments' });
		const payments = { ...queueTrigger(), parameters: { ...(queueTrigger().parameters as object), queue: { __rl: true, mode: 'name', value: 'Payments' } } as never };
		await harness.poll(queueTrigger(), state);
		sim.clock.advance(5000);
		expect(await harness.poll(payments, state)).toBeNull();
		for (let i = 0; i < 3; i++) sim.setQueueItemStatus(sim.addQueueItem({ queueId: invoices.Id, reference: `gap${i}` }).Id, 'Successful');
		sim.clock.advance(5000);
		expect(await harness.poll(payments, state)).toBeNull();
		expect(await harness.poll(queueTrigger(), state)).toBeNull();
		sim.clock.advance(5000);
		const after = sim.addQueueItem({ queueId: invoices.Id, reference: 'after' });
		sim.setQueueItemStatus(after.Id, 'Failed');
		sim.clock.advance(1000);
		expect(ids(await harness.poll(queueTrigger(), state))).toEqual([after.Id]);
	});

	it('reads a backlog after long downtime in bounded slices across polls: each item once, none lost', async () => {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		await harness.poll(queueTrigger(), state);
		const backlog: number[] = [];
		for (let i = 0; i < 1230; i++) {
			sim.clock.advance(i % 3 ? 0 : 1000); // ties in threes, hours of downtime
			const item = sim.addQueueItem({ queueId: queue.Id, reference: `b${i}` });
			sim.setQueueItemStatus(item.Id, i % 7 ? 'Successful' : 'Failed');
			backlog.push(item.Id);
		}
		sim.clock.advance(1000);
		const perPoll: number[] = [];
		const emitted: number[] = [];
		for (let p = 0; p < 5; p++) {
			sim.reset();
			const got = ids(await harness.poll(queueTrigger(), state));
			perPoll.push(got.length);
			emitted.push(...got);
			// five pages of new items, after the pages of the lookback (two minutes, read again for late writes)
			expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/QueueItems')).length).toBeLessThanOrEqual(10);
		}
		// at most five pages of new items a poll (one more when a page holds both lookback and new ones)
		expect(perPoll[0]).toBe(500);
		expect(perPoll.every((n) => n <= 600)).toBe(true);
		expect(perPoll.slice(3)).toEqual([0, 0]);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted.sort()).toEqual(backlog.sort());
	}, 60_000);
});
