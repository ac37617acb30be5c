// Queue Item → Add's durable waits through n8n's engine against the Orchestrator simulator: the pause (the
// subscription to the item's transaction end events, the wait in the execution, the deadline error), the resume URL
// in the item's Specific Content, and no pause when the item was processed meanwhile. The resume runs in a real
// n8n: test/e2e/durableWait.e2e.js.
import type { EngineHarness } from '../harness/engine';
import { addHooksCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const ADD = '/odata/Queues/UiPathODataSvc.AddQueueItem';

describe('UiPath Queue Item → Add, durable waits', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		addHooksCredential(sim, harness);
		sim.addQueue({ folderId: shared.Id, name: 'Slow', autoProcess: { startAfterMs: 60_000, durationMs: 1000, outcome: 'Successful' } });
	});
	afterEach(async () => sim.close());

	const add = (parameters: Record<string, unknown> = {}) => ({
		resource: 'queueItem',
		operation: 'add',
		folder: inFolder(),
		queue: { __rl: true, mode: 'name', value: 'Slow' },
		addMode: 'perItem',
		specificContentInput: 'json',
		specificContentJson: '={{ JSON.stringify({ n: $json.n }) }}',
		waitForProcessing: true,
		waitTimeout: 7200,
		waitMode: 'webhook',
		...parameters,
	});
	const ours = () => (sim.webhooks.subscriptions as Array<{ Id: number; Name: string; Url: string; Events: Array<{ EventType: string }> }>).filter((s) => s.Name.startsWith('n8n durable wait'));
	const stackMetadata = (run: { data: { executionData?: { nodeExecutionStack: Array<{ metadata?: Record<string, any> }> } } }) => run.data.executionData!.nodeExecutionStack[0].metadata!;
	const items = () => sim.queueItems as Array<{ Id: number; QueueDefinitionId: number; SpecificContent: Record<string, unknown> }>;

	it('pauses with a subscription to the transaction end events, each added item awaited and a deadline error naming them', async () => {
		const before = Date.now();
		const { run, items: output, error } = await harness.run(uiNode(add(), 'hooks'), [{ n: 1 }, { n: 2 }]);
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 7_200_000);
		expect(ours()).toHaveLength(1);
		const [sub] = ours();
		expect(sub.Events.map((e) => e.EventType).sort()).toEqual(['queueItem.transactionAbandoned', 'queueItem.transactionCompleted', 'queueItem.transactionFailed']);
		expect(sub.Url).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/harness-execution-\d+/);
		const added = items();
		expect(added.map((i) => i.SpecificContent)).toEqual([{ n: 1 }, { n: 2 }]);
		const metadata = stackMetadata(run as never);
		expect(metadata.durableWait.kind).toBe('uiPathQueueItem');
		expect(metadata.durableWait.items.map((i: { awaits: { queueItems: number[]; queues: number[] } }) => [i.awaits.queueItems, i.awaits.queues])).toEqual(
			added.map((i) => [[i.Id], [i.QueueDefinitionId]]),
		);
		expect(metadata.resumeError.message).toMatch(new RegExp(`^Queue items ${added[0].Id}, ${added[1].Id} had not ended at the wait's deadline`));
		expect(metadata.resumeError.message).toMatch(/The item stays in the queue/);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[1].json).toMatchObject({ durableWait: { via: 'webhook', waitingFor: { queueItems: [added[1].Id] } } });
		// the pause read each item once more after adding it, by Id
		expect(uiLog(sim).filter((e) => e.method === 'GET' && /\/odata\/QueueItems\(\d+\)$/.test(e.path))).toHaveLength(2);
	});

	it('subscribes before adding: without the OR.Webhooks scope the item fails and nothing is added', async () => {
		const { error, run } = await harness.run(uiNode(add()));
		expect(JSON.stringify(error)).toMatch(/OR\.Webhooks/);
		expect(run.status).not.toBe('waiting');
		expect(items()).toHaveLength(0);
		expect(uiLog(sim).some((e) => e.path === ADD)).toBe(false);
	});

	it('puts the resume URL into the Specific Content under the chosen name in callback mode, with no subscription', async () => {
		const { run, error } = await harness.run(uiNode(add({ waitMode: 'callback', resumeUrlName: 'callMe' })), [{ n: 5 }]);
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		const [item] = items();
		expect(item.SpecificContent.n).toBe(5);
		expect(item.SpecificContent.callMe).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/harness-execution-\d+/);
		expect(sim.webhooks.subscriptions).toHaveLength(0);
	});

	it('goes on without pausing when the item was processed meanwhile, as Poll outputs it, and removes its subscription', async () => {
		sim.addQueue({ folderId: shared.Id, name: 'Quick', autoProcess: { startAfterMs: 0, durationMs: 0, outcome: 'Failed', processingException: { reason: 'No such vendor', type: 'BusinessException' } } });
		const quick = (extra: Record<string, unknown> = {}) => uiNode(add({ queue: { __rl: true, mode: 'name', value: 'Quick' }, ...extra }), 'hooks');
		const failed = await harness.run(quick(), [{ n: 1 }]);
		expect(failed.run.status).not.toBe('waiting');
		expect(failed.error?.message).toBe(`Queue item ${items()[0].Id} failed: BusinessException: No such vendor`);
		const returned = await harness.run(quick({ addOptions: { returnFailed: true } }), [{ n: 2 }]);
		expect(returned.error).toBeUndefined();
		expect(returned.items[0].json).toMatchObject({ Id: items()[1].Id, Status: 'Failed', SpecificContent: { n: 2 } });
		expect(ours()).toHaveLength(0);
		expect(uiLog(sim).filter((e) => e.method === 'DELETE' && e.path.includes('/odata/Webhooks('))).toHaveLength(2);
	});

	it('keeps Wait Mode to one call per item: the bulk mode never pauses', async () => {
		const { run, error } = await harness.run(uiNode(add({ addMode: 'bulk' }), 'hooks'), [{ n: 1 }, { n: 2 }]);
		expect(error).toBeUndefined();
		expect(run.status).not.toBe('waiting');
		expect(ours()).toHaveLength(0);
		expect(items()).toHaveLength(2);
	});
});
