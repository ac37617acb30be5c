// A workflow that comes back to a node that starts work (issue 18, defect 2): each new run of the node starts new
// work, while Retry On Fail within one run still sends nothing twice (Queue Transaction → Start and Task → Create
// included). The loop goes through n8n's engine (test/harness/loop.ts); the work is counted on the simulators.
import type { EngineHarness } from '../harness/engine';
import { runLoop } from '../harness/loop';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import * as rc from './roboticCrowd.helpers';

const RETRY = { retryOnFail: { maxTries: 3, waitBetweenTries: 10 } };

describe('a loop back to a UiPath node starts new work in each run', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let release: { Key: string };
	let shared: { Id: number };
	let queueId: number;

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		queueId = sim.addQueue({ folderId: shared.Id, name: 'Invoices', enforceUniqueReference: false }).Id;
		const app = { clientId: 'tasks-app', clientSecret: 'tasks-secret-654', scopes: [...APP.scopes, 'OR.Tasks'] };
		sim.addExternalApp(app);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') }), 'tasks');
	});
	afterEach(async () => sim.close());

	const calls = (suffix: string) => uiLog(sim).filter((e) => e.path.endsWith(suffix));
	// The same request in every run: nothing in it depends on the items coming round.
	const startJob = () =>
		uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{"n": 1}', startOptions: {} }, 'cloud', RETRY);
	const addItem = (addMode: 'perItem' | 'bulk', content = '{"n": 1}') =>
		uiNode(
			{ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Invoices' }, addMode, commitType: 'ProcessAllIndependently', specificContentInput: 'json', specificContentJson: content, addOptions: {} },
			'cloud',
			RETRY,
		);
	const takeItem = () => uiNode({ resource: 'queueTransaction', operation: 'start', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Invoices' } }, 'cloud', RETRY);
	const createTask = () => uiNode({ resource: 'task', operation: 'create', folder: inFolder(), taskType: 'generic', title: 'Approve invoice', priority: 'Medium', taskData: '{"n": 1}' }, 'tasks', RETRY);
	const marked = (runs: Array<Array<{ json: Record<string, unknown> }>>, marker: string) => runs.map((items) => items.map((i) => i.json[marker] ?? false));
	const inProgress = () => (sim.queueItems as Array<{ Id: number; Status: string }>).filter((i) => i.Status === 'InProgress');

	it('Job → Start: a second run of the node starts a second job', async () => {
		const { error, runs } = await runLoop(harness, startJob(), [{}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyStarted')).toEqual([[false], [false]]);
		expect(sim.jobs).toHaveLength(2);
		expect(new Set(runs.map((items) => items[0].json.Id)).size).toBe(2);
		expect(calls('StartJobs')).toHaveLength(2);
	});

	it('Job → Start: Retry On Fail in the second run returns that run\'s job, not the first run\'s', async () => {
		// The 4th StartJobs (run 2, item 2) answers 400: a definite "not started", so the retry sends it again.
		let starts = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.includes('StartJobs') && ++starts === 4 ? { status: 400 } : original(method, path));
		const { error, runs } = await runLoop(harness, startJob(), [{}, {}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyStarted')).toEqual([[false, false], [true, false]]);
		expect(sim.jobs).toHaveLength(4);
		expect(calls('StartJobs')).toHaveLength(5);
		const [first, second] = runs;
		expect(second[0].json.Id).not.toBe(first[0].json.Id);
		expect(new Set([...first, ...second].map((i) => i.json.Id)).size).toBe(4);
	});

	it('Job → Start: a run that ended with a failed item (Continue On Fail) hands none of its jobs to the next run', async () => {
		// Run 1's item 2 gets a 400: its output is an error item, so a retry may still come and run 1's jobs are kept.
		let starts = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.includes('StartJobs') && ++starts === 2 ? { status: 400 } : original(method, path));
		const { error, runs } = await runLoop(harness, { ...startJob(), continueOnFail: true }, [{}, {}], 2);
		expect(error).toBeUndefined();
		expect(runs.map((items) => items.map((i) => (i.json.error ? 'error' : (i.json.alreadyStarted ?? false))))).toEqual([[false, 'error'], [false, false]]);
		expect(sim.jobs).toHaveLength(3);
		expect(calls('StartJobs')).toHaveLength(4);
	});

	it('Queue Item → Add (per item): a second run adds the item again', async () => {
		const { error, runs } = await runLoop(harness, addItem('perItem'), [{}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyAdded')).toEqual([[false], [false]]);
		expect(sim.queueItems).toHaveLength(2);
		expect(calls('AddQueueItem')).toHaveLength(2);
	});

	it('Queue Item → Add (bulk): a second run sends the items again', async () => {
		const { error, runs } = await runLoop(harness, addItem('bulk'), [{}, {}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyAdded')).toEqual([[false, false], [false, false]]);
		expect((sim.queueItems as Array<{ QueueDefinitionId: number }>).filter((i) => i.QueueDefinitionId === queueId)).toHaveLength(4);
		expect(calls('BulkAddQueueItems')).toHaveLength(2);
	});

	it('Queue Transaction → Start: a second run takes a second item', async () => {
		for (const n of [1, 2, 3]) sim.addQueueItem({ queueId, specificContent: { n } });
		const { error, runs } = await runLoop(harness, takeItem(), [{}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyStarted')).toEqual([[false], [false]]);
		expect(new Set(runs.map((items) => items[0].json.Id)).size).toBe(2);
		expect(inProgress()).toHaveLength(2);
		expect(calls('StartTransaction')).toHaveLength(2);
	});

	it('Task → Create: a second run creates a second task', async () => {
		const { error, runs } = await runLoop(harness, createTask(), [{}], 2);
		expect(error).toBeUndefined();
		expect(marked(runs, 'alreadyCreated')).toEqual([[false], [false]]);
		expect(calls('CreateTask')).toHaveLength(2);
		expect(new Set(runs.map((items) => items[0].json.id)).size).toBe(2);
	});

	// Retry On Fail within one run: item 2's call fails once (409, a definite answer), the node fails and n8n runs it
	// again; item 1 must get what its first try got.
	const failSecondCall = (suffix: string) => {
		let seen = 0;
		const original = sim.faults.take.bind(sim.faults);
		sim.faults.take = (method: string, path: string) => (path.endsWith(suffix) && ++seen === 2 ? { status: 409 } : original(method, path));
	};

	it('Queue Transaction → Start under Retry On Fail: the retry keeps the item it took, and takes no other', async () => {
		for (const n of [1, 2, 3]) sim.addQueueItem({ queueId, specificContent: { n } });
		failSecondCall('StartTransaction');
		const { error, items } = await harness.run(takeItem(), [{}, {}]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyStarted ?? false)).toEqual([true, false]);
		expect(calls('StartTransaction')).toHaveLength(3); // item 1, item 2 (409), then item 2 on the retry
		expect(inProgress().map((i) => i.Id).sort()).toEqual(items.map((i) => i.json.Id).sort());
	});

	it('Queue Transaction → Start under Retry On Fail: a big item is read back by its Id, whole', async () => {
		const big = { text: 'x'.repeat(20_000) };
		const first = sim.addQueueItem({ queueId, specificContent: big });
		sim.addQueueItem({ queueId, specificContent: { n: 2 } });
		failSecondCall('StartTransaction');
		const { error, items } = await harness.run(takeItem(), [{}, {}]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Id: first.Id, alreadyStarted: true, SpecificContent: big, Status: 'InProgress' });
		expect(calls(`/odata/QueueItems(${first.Id})`)).toHaveLength(1);
		expect(calls('StartTransaction')).toHaveLength(3);
	});

	it('Task → Create under Retry On Fail: the retry returns the task already created, and creates no other', async () => {
		failSecondCall('CreateTask');
		const { error, items } = await harness.run(createTask(), [{}, {}]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyCreated ?? false)).toEqual([true, false]);
		expect(calls('CreateTask')).toHaveLength(3); // task 1, task 2 (409), then task 2 on the retry
		expect(calls('CreateTask').filter((c) => c.status === 201)).toHaveLength(2);
	});

	it('Queue Item → Add under Retry On Fail: a big item comes back whole, its content read back by its Id', async () => {
		const content = { text: 'y'.repeat(20_000), n: 7 };
		failSecondCall('AddQueueItem');
		const { error, items } = await harness.run(addItem('perItem', JSON.stringify(content)), [{}, {}]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyAdded ?? false)).toEqual([true, false]);
		expect(items[0].json.SpecificContent).toEqual(content);
		expect(items[0].json.SpecificData).toBe(items[1].json.SpecificData);
		expect(Object.keys(items[0].json).filter((k) => k !== 'alreadyAdded')).toEqual(Object.keys(items[1].json));
		expect(calls(`/odata/QueueItems(${String(items[0].json.Id)})`)).toHaveLength(1);
		expect(calls('AddQueueItem')).toHaveLength(3);
	});

	it('Job → Start under Retry On Fail: big input arguments come back whole, from the request', async () => {
		const args = JSON.stringify({ text: 'z'.repeat(8_000) });
		failSecondCall('StartJobs');
		const { error, items } = await harness.run({ ...startJob(), parameters: { ...startJob().parameters, inputArguments: args } as never }, [{}, {}]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.alreadyStarted ?? false)).toEqual([true, false]);
		// the node hands them over parsed
		expect(items.map((i) => i.json.InputArguments)).toEqual([JSON.parse(args), JSON.parse(args)]);
		expect(calls('StartJobs')).toHaveLength(3);
		expect(sim.jobs).toHaveLength(2);
	});
});

describe('a loop back to Run → Create creates a Robotic Crowd run in each run of the node', () => {
	let sim: rc.RcSim;
	let harness: EngineHarness;
	let workflowId: number;

	beforeEach(async () => {
		({ sim, harness, workflowId } = await rc.setUpWithWorkflow('Invoice intake'));
	});
	afterEach(async () => sim.close());

	it('creates two runs in two runs of the node', async () => {
		const create = rc.rcNode(
			{ resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '{"n": 1}' },
			RETRY,
		);
		const { error, runs } = await runLoop(harness, create, [{}], 2);
		expect(error).toBeUndefined();
		expect(runs.map((items) => items.map((i) => i.json.alreadyStarted ?? false))).toEqual([[false], [false]]);
		expect(sim.runs).toHaveLength(2);
		expect(rc.log(sim).filter((e) => e.method === 'POST' && e.path.endsWith('/session_queues'))).toHaveLength(2);
	});
});
