// n8n's Retry On Fail re-runs the whole node (issue 10, defect 11): the items that already started a job, or added
// a queue item, must not do it again; one whose try got no answer is looked up by its Reference.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import * as rc from './roboticCrowd.helpers';

const RETRY = { retryOnFail: { maxTries: 3, waitBetweenTries: 10 } };

describe('Retry On Fail does not start work twice', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let release: { Key: string };
	let shared: { Id: number };
	const queueIds: Record<string, number> = {};

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		queueIds.Invoices = sim.addQueue({ folderId: shared.Id, name: 'Invoices', enforceUniqueReference: false }).Id;
	});
	afterEach(async () => sim.close());

	const start = (startOptions: Record<string, unknown> = {}) =>
		uiNode(
			{ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '={{ JSON.stringify({ n: $json.n }) }}', startOptions },
			'cloud',
			RETRY,
		);
	const startCalls = () => uiLog(sim).filter((e) => e.path.includes('StartJobs'));
	const inputs = [{ n: 1 }, { n: 2 }, { n: 3 }];

	it('a 500 on one item: the retry returns the jobs already started and starts only the rest', async () => {
		// The first StartJobs passes, the second answers 500 (the simulator did not start it).
		let calls = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.includes('StartJobs') && ++calls === 2 ? { status: 500 } : original(method, path));
		const { error, items } = await harness.run(start({ reference: '=invoice-{{ $json.n }}' }), inputs);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.Reference)).toEqual(['invoice-1', 'invoice-2', 'invoice-3']);
		expect(items.map((i) => i.json.alreadyStarted ?? false)).toEqual([true, false, false]);
		expect(sim.jobs).toHaveLength(3);
		expect(startCalls()).toHaveLength(4); // item 1, item 2 (500), then item 2 and 3 on the retry
	});

	it('a reset after the server started the job: the retry finds it by its Reference', async () => {
		// The second StartJobs is carried out, but its answer is lost.
		let calls = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.includes('StartJobs') && ++calls === 2 ? { reset: 'after' } : original(method, path));
		const { error, items } = await harness.run(start({ reference: '=invoice-{{ $json.n }}' }), inputs);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyStarted ?? false)).toEqual([true, true, false]);
		expect(sim.jobs).toHaveLength(3);
		expect(new Set(sim.jobs.map((j: { Reference: string }) => j.Reference)).size).toBe(3);
	});

	it('without a Reference, a try that may have started a job is not sent again', async () => {
		sim.faults.add({ path: /StartJobs/, reset: 'after' });
		const { error } = await harness.run(start(), [{ n: 1 }]);
		expect(error?.message).toBe('Not started again: an earlier try of this node may already have started the job');
		expect(error?.description).toMatch(/give the job a Reference/);
		expect(sim.jobs).toHaveLength(1);
		expect(startCalls()).toHaveLength(1);
	});

	it('separate executions still start separate jobs', async () => {
		await harness.run(start({ reference: 'same' }), [{ n: 1 }]);
		await harness.run(start({ reference: 'same' }), [{ n: 1 }]);
		expect(sim.jobs).toHaveLength(2);
	});

	const add = (reference?: string) =>
		uiNode(
			{ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Invoices' }, addMode: 'perItem', specificContentInput: 'json', specificContentJson: '={{ JSON.stringify({ n: $json.n }) }}', addOptions: reference ? { reference } : {} },
			'cloud',
			RETRY,
		);
	const queueItems = () => uiLog(sim).filter((e) => e.path.endsWith('AddQueueItem'));

	it('Queue Item → Add: the retry returns the items already added, and finds a lost answer by its Reference', async () => {
		let calls = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.endsWith('AddQueueItem') && ++calls === 2 ? { reset: 'after' } : original(method, path));
		const { error, items } = await harness.run(add('=inv-{{ $json.n }}'), inputs);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyAdded ?? false)).toEqual([true, true, false]);
		expect(sim.queueItems).toHaveLength(3);
		expect(queueItems()).toHaveLength(3); // item 1, item 2 (answer lost), item 3 on the retry
	});

	const bulkAdd = (options: Record<string, unknown> = {}, queue = 'Invoices') =>
		uiNode(
			{ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: { __rl: true, mode: 'name', value: queue }, addMode: 'bulk', commitType: 'ProcessAllIndependently', specificContentInput: 'json', specificContentJson: '={{ JSON.stringify({ n: $json.n }) }}', addOptions: options },
			'cloud',
			RETRY,
		);
	const bulkCalls = () => uiLog(sim).filter((e) => e.path.endsWith('BulkAddQueueItems'));
	const inQueue = (name = 'Invoices') => (sim.queueItems as Array<{ QueueDefinitionId: number; Reference?: string }>).filter((i) => i.QueueDefinitionId === queueIds[name]);

	it('Queue Item → Add in bulk: a lost answer is found by the References, and nothing is added twice', async () => {
		sim.faults.add({ path: /BulkAddQueueItems$/, reset: 'after' });
		const { error, items } = await harness.run(bulkAdd({ reference: '=inv-{{ $json.n }}' }), inputs);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.added, i.json.alreadyAdded, i.json.Reference])).toEqual([[true, true, 'inv-1'], [true, true, 'inv-2'], [true, true, 'inv-3']]);
		expect(inQueue().map((i) => i.Reference)).toEqual(['inv-1', 'inv-2', 'inv-3']);
		expect(bulkCalls()).toHaveLength(1);
	});

	it('Queue Item → Add in bulk: a 502 the server did not act on is sent once more, after the References were looked for', async () => {
		sim.faults.add({ path: /BulkAddQueueItems$/, status: 502 });
		const { error, items } = await harness.run(bulkAdd({ reference: '=inv-{{ $json.n }}' }), inputs);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyAdded ?? false)).toEqual([false, false, false]);
		expect(inQueue()).toHaveLength(3);
		expect(bulkCalls()).toHaveLength(2);
		expect(uiLog(sim).some((e) => e.path.endsWith('/odata/QueueItems') && /Reference eq 'inv-1'/.test(String(e.query.$filter)))).toBe(true);
	});

	it('Queue Item → Add in bulk without References: a try that may have added the items is not sent again', async () => {
		sim.faults.add({ path: /BulkAddQueueItems$/, reset: 'after' });
		const { error } = await harness.run(bulkAdd(), inputs);
		expect(error?.message).toBe('Not added again: an earlier try of this node may already have added these items');
		expect(error?.description).toMatch(/give every item a Reference/);
		expect(inQueue()).toHaveLength(3);
		expect(bulkCalls()).toHaveLength(1);
	});

	it('Queue Item → Add in bulk: one item refused fails the node, and the retry does not send the others again', async () => {
		queueIds.Unique = sim.addQueue({ folderId: shared.Id, name: 'Unique', enforceUniqueReference: true }).Id;
		sim.addQueueItem({ queueId: queueIds.Unique, specificContent: {}, reference: 'inv-2' });
		const { error } = await harness.run(bulkAdd({ reference: '=inv-{{ $json.n }}' }, 'Unique'), inputs);
		expect(error?.message).toBe('1 of 3 items were not added to queue "Unique" (Process All Independently); the other 2 were added');
		expect(bulkCalls()).toHaveLength(1);
		expect(inQueue('Unique').map((i) => i.Reference).sort()).toEqual(['inv-1', 'inv-2', 'inv-3']);
	});

	it('Queue Item → Add without a Reference: a try that may have added the item is not sent again', async () => {
		sim.faults.add({ path: /AddQueueItem$/, status: 502 });
		const { error } = await harness.run(add(), [{ n: 1 }]);
		expect(error?.message).toBe('Not added again: an earlier try of this node may already have added the item');
		expect(queueItems()).toHaveLength(1);
	});
});

describe('Retry On Fail does not create a Robotic Crowd run twice', () => {
	let sim: rc.RcSim;
	let harness: EngineHarness;
	let workflowId: number;

	beforeEach(async () => {
		({ sim, harness, workflowId } = await rc.setUpWithWorkflow('Invoice intake'));
	});
	afterEach(async () => sim.close());

	const create = () =>
		rc.rcNode(
			{ resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '={{ JSON.stringify({ n: $json.n }) }}' },
			RETRY,
		);
	const posts = () => rc.log(sim).filter((e) => e.method === 'POST');

	it('returns the runs already created and refuses to re-create one whose answer was lost', async () => {
		let calls = 0;
		const original = sim.faults.take.bind(sim.faults);
		// Item 2 meets a 429 storm past the retry bound (5 tries): the node fails, a definite "not created".
		const storm = (n: number) => n >= 2 && n <= 6;
		sim.faults.take = (method: string, path: string) => (method === 'POST' && storm(++calls) ? { status: 429, retryAfter: 0 } : original(method, path));
		const { error, items } = await harness.run(create(), [{ n: 1 }, { n: 2 }]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyStarted ?? false)).toEqual([true, false]);
		expect(sim.runs).toHaveLength(2);
		expect(posts()).toHaveLength(7); // item 1, item 2 five times (429), then item 2 on the retry

		sim.faults.add({ method: 'POST', reset: 'after' });
		const lost = await harness.run(create(), [{ n: 3 }]);
		expect(lost.error?.message).toBe('Not started again: an earlier try of this node may already have started the run');
		expect(sim.runs).toHaveLength(3);
	});
});
