// Queue Transaction → Start, Set Progress, Set Result through n8n's engine against the Orchestrator simulator.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const START = '/odata/Queues/UiPathODataSvc.StartTransaction';

describe('UiPath Queue Transaction', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let queue: { Id: number; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices', maxNumberOfRetries: 1 });
	});
	afterEach(async () => sim.close());

	const calls = (path: string) => uiLog(sim).filter((e) => e.path.endsWith(path));
	const node = (operation: string, extra: Record<string, unknown> = {}) =>
		uiNode({ resource: 'queueTransaction', operation, folder: inFolder(), ...extra });
	const start = (extra: Record<string, unknown> = {}) => node('start', { queue: { __rl: true, mode: 'list', value: 'Invoices' }, ...extra });
	const statusOf = (id: number) => sim.queueItems.find((i: { Id: number }) => i.Id === id).Status;

	it('takes the highest-priority New item, In Progress, with one StartTransaction call', async () => {
		sim.addQueueItem({ queueId: queue.Id, priority: 'Low', specificContent: { n: 1 } });
		const high = sim.addQueueItem({ queueId: queue.Id, priority: 'High', specificContent: { n: 2 }, reference: 'INV-2' });
		const { items, error } = await harness.run(start());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ Id: high.Id, Status: 'InProgress', SpecificContent: { n: 2 }, Reference: 'INV-2' });
		expect(items[0].json['@odata.context']).toBeUndefined();
		const [post] = calls(START);
		expect([post.body, post.headers['x-uipath-folderpath'], post.status]).toEqual([{ transactionData: { Name: 'Invoices' } }, 'Shared', 200]);
	});

	it('gives no output for an empty queue (or one "empty" item by option), not an error', async () => {
		const none = await harness.run(start());
		expect(none.error).toBeUndefined();
		expect(none.items).toHaveLength(0);
		expect(calls(START).map((c) => c.status)).toEqual([204]);
		const task = Object.values(none.run.data.resultData.runData)[0][0];
		expect(task.hints?.[0]?.message).toBe('Queue "Invoices" has no item to process: no output for item 0.');

		const marked = await harness.run(start({ transactionOptions: { outputWhenEmpty: true, reference: 'INV-', referenceFilterOption: 'StartsWith' } }));
		expect(marked.items.map((i) => i.json)).toEqual([{ empty: true, queue: 'Invoices' }]);
		expect(calls(START)[1].body).toEqual({ transactionData: { Name: 'Invoices', Reference: 'INV-', ReferenceFilterOption: 'StartsWith' } });
	});

	it('names the queue and folder when the queue does not exist', async () => {
		const { error } = await harness.run(start({ queue: { __rl: true, mode: 'name', value: 'Nope' } }));
		expect(error?.message).toMatch(/^UiPath found no such item \(404\)/);
		expect(error?.description).toMatch(/There is no queue named "Nope" in .*Shared.*pick it from the list/);
	});

	it('sets progress, then a successful result with output, and returns the item as Successful', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id });
		await harness.run(start());
		const progress = await harness.run(node('setProgress', { queueItemId: String(item.Id), progress: 'Invoice read' }));
		expect(progress.items[0].json).toEqual({ Id: item.Id, Progress: 'Invoice read' });
		expect(calls(`/odata/QueueItems(${item.Id})/UiPathODataSvc.SetTransactionProgress`)[0].body).toEqual({ progress: 'Invoice read' });

		const done = await harness.run(node('setResult', { queueItemId: String(item.Id), result: 'successful', output: '{"BookingId": "B-17"}' }));
		expect(done.error).toBeUndefined();
		expect(calls(`/odata/Queues(${item.Id})/UiPathODataSvc.SetTransactionResult`).map((c) => c.body)).toEqual([
			{ transactionResult: { IsSuccessful: true, Output: { BookingId: 'B-17' } } },
		]);
		expect(done.items[0].json).toMatchObject({ Id: item.Id, Status: 'Successful', Output: { BookingId: 'B-17' } });
	});

	it('fails a transaction with an application exception (retried by the queue), and refuses a second result', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id });
		await harness.run(start());
		const failed = await harness.run(
			node('setResult', { queueItemId: String(item.Id), result: 'failed', exceptionType: 'ApplicationException', reason: 'SAP down', details: 'timeout on login' }),
		);
		expect(failed.error).toBeUndefined();
		expect(calls('UiPathODataSvc.SetTransactionResult')[0].body).toEqual({
			transactionResult: { IsSuccessful: false, ProcessingException: { Type: 'ApplicationException', Reason: 'SAP down', Details: 'timeout on login' } },
		});
		expect(failed.items[0].json).toMatchObject({ Status: 'Retried', ProcessingException: { Reason: 'SAP down', Type: 'ApplicationException' } });

		const twice = await harness.run(node('setResult', { queueItemId: String(item.Id), result: 'failed', reason: 'again' }));
		expect(twice.error?.message).toMatch(/^UiPath reports a conflict \(409\): Transaction .* is not in progress.*\(UiPath error 1677\)$/);
		expect(twice.error?.description).toMatch(/A result can be set once/);
		const progress = await harness.run(node('setProgress', { queueItemId: String(item.Id), progress: 'late' }));
		expect(progress.error?.message).toMatch(/\(400\).*\(UiPath error 1676\)$/);
		expect(progress.error?.description).toMatch(/only while the transaction runs/);
		expect(statusOf(item.Id)).toBe('Retried');
	});

	it('rejects an Output that is not a JSON object before sending anything', async () => {
		const { error } = await harness.run(node('setResult', { queueItemId: '5', result: 'successful', output: '[1, 2]' }));
		expect(error?.message).toMatch(/Output \(JSON\)/);
		expect(calls('SetTransactionResult')).toHaveLength(0);
	});

	it('names the OR.Queues write scope when a read-only credential starts a transaction, and takes no item', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id });
		sim.addExternalApp({ clientId: 'reader', clientSecret: 's', scopes: ['OR.Queues.Read', 'OR.Folders.Read'] });
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: 'reader', clientSecret: 's', scopes: 'OR.Queues.Read OR.Folders.Read' }), 'reader');
		const { error } = await harness.run(uiNode({ resource: 'queueTransaction', operation: 'start', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Invoices' } }, 'reader'));
		expect(error?.message).toMatch(/\(403\)/);
		expect(error?.description).toMatch(/needs the application scope OR\.Queues \(or OR\.Queues\.Write\)/);
		expect(statusOf(item.Id)).toBe('New');
		expect(calls(START)).toHaveLength(1);
	});
});
