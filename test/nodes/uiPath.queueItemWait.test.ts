// Queue Item → Add with Wait for Processing through n8n's engine against the Orchestrator simulator: the item once a
// robot processed it, failures and abandonment, the timeout, and a retried item followed to its copy.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const ADD = '/odata/Queues/UiPathODataSvc.AddQueueItem';

describe('UiPath Queue Item: Add and wait for processing', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
	});
	afterEach(async () => sim.close());

	const add = (queue: string, extra: Record<string, unknown> = {}) =>
		uiNode({
			resource: 'queueItem',
			operation: 'add',
			folder: inFolder(),
			queue: { __rl: true, mode: 'name', value: queue },
			addMode: 'perItem',
			specificContentInput: 'json',
			specificContentJson: '={{ JSON.stringify({ n: $json.n }) }}',
			waitForProcessing: true,
			waitTimeout: 20,
			...extra,
			addOptions: { pollInterval: 1, ...((extra.addOptions as object) ?? {}) },
		});
	const robotQueue = (name: string, outcome: string, extra: Record<string, unknown> = {}) =>
		sim.addQueue({ folderId: shared.Id, name, autoProcess: { startAfterMs: 100, durationMs: 200, outcome, ...extra } });

	it('adds every item first, then returns each one processed with its Output; it reads items by Id, not the list', async () => {
		robotQueue('Invoices', 'Successful', { output: { booked: true } });
		const started = Date.now();
		const { items, error } = await harness.run(add('Invoices'), [{ n: 1 }, { n: 2 }]);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.Status, i.json.Output, i.json.SpecificContent, i.pairedItem])).toEqual([
			['Successful', { booked: true }, { n: 1 }, { item: 0 }],
			['Successful', { booked: true }, { n: 2 }, { item: 1 }],
		]);
		expect(Date.now() - started).toBeLessThan(5000); // both waited together
		const odata = uiLog(sim).filter((e) => e.path.includes('/odata/'));
		expect(odata.slice(0, 2).map((e) => e.path.endsWith(ADD))).toEqual([true, true]);
		expect(odata.slice(2).every((e) => e.method === 'GET' && /\/odata\/QueueItems\(\d+\)$/.test(e.path))).toBe(true);
	});

	it('ends its wait at once when the execution is cancelled, and checks no more', async () => {
		sim.addQueue({ folderId: shared.Id, name: 'Unattended' }); // no robot: the item stays New
		const started = Date.now();
		const { nodeSettled } = await harness.run(add('Unattended', { addOptions: { pollInterval: 5 } }), [{ n: 1 }], 'manual', { cancelAfterMs: 1500 });
		const settledAt = await nodeSettled!;
		expect(settledAt - started).toBeLessThan(2500); // not at the next check, 5 s in
		const checks = uiLog(sim).filter((e) => /\/odata\/QueueItems\(\d+\)$/.test(e.path)).length;
		await new Promise((resolve) => setTimeout(resolve, 5000));
		expect(uiLog(sim).filter((e) => /\/odata\/QueueItems\(\d+\)$/.test(e.path))).toHaveLength(checks);
	}, 15_000);

	it('fails a Failed item with its exception, or returns it by option', async () => {
		robotQueue('Failing', 'Failed', { processingException: { reason: 'Vendor unknown', details: 'no match', type: 'BusinessException' } });
		const failed = await harness.run(add('Failing'), [{ n: 1 }]);
		expect(failed.error?.message).toMatch(/^Queue item \d+ failed: BusinessException: Vendor unknown$/);
		expect(failed.error?.description).toMatch(/^no match\. To receive failed and abandoned items as output instead, turn on/);

		const returned = await harness.run(add('Failing', { addOptions: { returnFailed: true } }), [{ n: 1 }]);
		expect(returned.error).toBeUndefined();
		expect(returned.items[0].json).toMatchObject({ Status: 'Failed', ProcessingException: { Reason: 'Vendor unknown' } });
	});

	it('says when an item was abandoned, and when no robot took it in time', async () => {
		robotQueue('Stuck', 'Abandoned');
		const abandoned = await harness.run(add('Stuck'), [{ n: 1 }]);
		expect(abandoned.error?.message).toMatch(/^Queue item \d+ was abandoned \(in progress for too long without a result\)$/);

		sim.addQueue({ folderId: shared.Id, name: 'Idle' });
		const idle = await harness.run(add('Idle', { waitTimeout: 2 }), [{ n: 1 }]);
		expect(idle.error?.message).toMatch(/^Queue item \d+ was still New after 2 seconds$/);
		expect(idle.error?.description).toMatch(/Is a robot or a queue trigger processing queue "Idle"\?/);
	});

	it('follows a retried item to the copy Orchestrator queued, and returns the copy once it is done', async () => {
		sim.addQueue({ folderId: shared.Id, name: 'Retrying', maxNumberOfRetries: 1 });
		const waiting = harness.run(add('Retrying'), [{ n: 7 }]);
		// A worker takes the item and fails it with an application exception: Orchestrator retries it.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const taken = await harness.run(uiNode({ resource: 'queueTransaction', operation: 'start', folder: inFolder(), queue: { __rl: true, mode: 'name', value: 'Retrying' } }));
		const firstId = taken.items[0].json.Id as number;
		await harness.run(
			uiNode({ resource: 'queueTransaction', operation: 'setResult', folder: inFolder(), queueItemId: String(firstId), result: 'failed', exceptionType: 'ApplicationException', reason: 'SAP down' }),
		);
		const copy = sim.queueItems.find((i: { AncestorId?: number }) => i.AncestorId === firstId);
		sim.setQueueItemStatus(copy.Id, 'Successful', { output: { second: 'try' } });
		const { items, error } = await waiting;
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Id: copy.Id, Status: 'Successful', Output: { second: 'try' }, RetryNumber: 1, AncestorId: firstId });
		expect(uiLog(sim).some((e) => e.path.endsWith(`/odata/QueueItems(${firstId})/UiPath.Server.Configuration.OData.GetItemLastRetry`))).toBe(true);
	});
});
