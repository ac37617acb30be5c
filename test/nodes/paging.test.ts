// Return All that doesn't drift (issue 10, defect 6): records created while a list is paged come neither twice nor
// make another one skipped. UiPath lists page by keyset (Id lt the last Id); Robotic Crowd runs drop repeats by id.
import type { EngineHarness } from '../harness/engine';
import { credentialData, log, rcNode, setUp as rcSetUp, type RcSim } from './roboticCrowd.helpers';
import { inFolder, setUp as uiSetUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const ids = (items: Array<{ json: Record<string, unknown> }>, key = 'Id') => items.map((i) => i.json[key] as number);
const duplicates = (list: number[]) => list.length - new Set(list).size;

/** Every list request of `path` first adds `perRequest` new records, as a busy tenant would. */
function createWhilePaging(sim: { faults: { take: (method: string, path: string) => unknown } }, matches: (path: string) => boolean, add: () => void, perRequest = 7) {
	const take = sim.faults.take.bind(sim.faults);
	sim.faults.take = (method: string, path: string) => {
		if (method === 'GET' && matches(path)) for (let i = 0; i < perRequest; i++) add();
		return take(method, path);
	};
}

describe('UiPath Return All while records are created', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await uiSetUp({ listLimitPerMinute: 100_000 }));
	});
	afterEach(async () => sim.close());

	it('Job → Get Many returns every job that existed once, by Id lt the last Id', async () => {
		const before = Array.from({ length: 2600 }, () => sim.addJob({ folderId: shared.Id, state: 'Successful' }).Id);
		createWhilePaging(sim, (path) => path.endsWith('/odata/Jobs'), () => sim.addJob({ folderId: shared.Id, state: 'Running' }));
		const { items, error } = await harness.run(uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true }));
		expect(error).toBeUndefined();
		const got = ids(items);
		expect(duplicates(got)).toBe(0);
		expect(before.filter((id) => !got.includes(id))).toEqual([]); // none skipped
		const lists = uiLog(sim).filter((e) => e.path.endsWith('/odata/Jobs'));
		expect(lists.map((e) => e.query.$orderby)).toEqual(['Id desc', 'Id desc', 'Id desc']);
		expect(lists[1].query.$filter).toMatch(/^Id lt \d+$/);
	});

	it('Queue Item → Get Many pages by Id too, keeping the filters', async () => {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		const before = Array.from({ length: 250 }, (_, i) => sim.addQueueItem({ queueId: queue.Id, reference: `r${i}` }).Id);
		createWhilePaging(sim, (path) => path.endsWith('/odata/QueueItems'), () => sim.addQueueItem({ queueId: queue.Id }), 3);
		const { items, error } = await harness.run(
			uiNode({ resource: 'queueItem', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { statuses: ['New'] } }),
		);
		expect(error).toBeUndefined();
		const got = ids(items);
		expect(duplicates(got)).toBe(0);
		expect(before.filter((id) => !got.includes(id))).toEqual([]);
		const lists = uiLog(sim).filter((e) => e.path.endsWith('/odata/QueueItems'));
		expect(lists[0].query.$filter).toBe("(Status eq 'New')");
		expect(lists[1].query.$filter).toMatch(/^\(\(Status eq 'New'\)\) and Id lt \d+$/);
	});
});

describe('Robotic Crowd Return All while runs are created', () => {
	let sim: RcSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await rcSetUp({ quotaPerMinute: 100_000 }));
		harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 100_000 }), 'rc');
	});
	afterEach(async () => sim.close());

	it('Run → Get Many returns each run once and skips none', async () => {
		const workflowId = sim.addWorkflow({ name: 'Intake' }).id;
		const before = Array.from({ length: 180 }, () => sim.addRun({ workflow_id: workflowId, status: 'success' }).id);
		createWhilePaging(sim, (path) => path === '/v1/session_queues', () => sim.addRun({ workflow_id: workflowId, status: 'queued' }), 9);
		const { items, error } = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true }));
		expect(error).toBeUndefined();
		const got = ids(items, 'id');
		expect(duplicates(got)).toBe(0);
		expect(before.filter((id) => !got.includes(id))).toEqual([]);
		expect(log(sim).filter((e) => e.method === 'GET').length).toBeGreaterThan(4);
	});
});
