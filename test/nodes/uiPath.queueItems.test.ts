// Queue Item through n8n's engine against the Orchestrator simulator: adding one call per item or all items in one
// bulk call (failures mapped back to the right input item), getting one, getting many with filters and paging.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const ADD = '/odata/Queues/UiPathODataSvc.AddQueueItem';
const BULK = '/odata/Queues/UiPathODataSvc.BulkAddQueueItems';

describe('UiPath Queue Item', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let queue: { Id: number; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
	});
	afterEach(async () => sim.close());

	const base = () => `/${sim.organization}/${sim.tenant}/orchestrator_`;
	const calls = (path: string) => uiLog(sim).filter((e) => e.path === base() + path);
	const orchestratorCalls = () => uiLog(sim).filter((e) => e.path.includes('/odata/'));
	const itemsInQueue = () => (sim.queueItems as Array<{ QueueDefinitionId: number; Reference: string | null }>).filter((i) => i.QueueDefinitionId === queue.Id);

	const add = (parameters: Record<string, unknown> = {}) => ({
		resource: 'queueItem',
		operation: 'add',
		folder: inFolder(),
		queue: { __rl: true, mode: 'name', value: 'Invoices' },
		addMode: 'perItem',
		specificContentInput: 'fields',
		specificContent: {
			values: [
				{ name: 'InvoiceNumber', value: '={{ $json.invoice }}' },
				{ name: 'Amount', value: '={{ $json.amount }}' },
			],
		},
		addOptions: { reference: '={{ $json.ref }}' },
		...parameters,
	});
	const bulk = (commitType: string, parameters: Record<string, unknown> = {}) => add({ addMode: 'bulk', commitType, ...parameters });
	const inputs = (...refs: string[]) => refs.map((ref, i) => ({ invoice: `INV-${i}`, amount: 100 + i, ref }));

	describe('Add, one per input item', () => {
		it('sends one AddQueueItem per item with name/value specific content and the options', async () => {
			const { items, error } = await harness.run(
				uiNode(add({ addOptions: { reference: '={{ $json.ref }}', priority: 'High', deferDate: '2026-03-01T09:00:00Z', dueDate: '2026-03-02T17:30:00.000Z' } })),
				inputs('r-0', 'r-1'),
			);
			expect(error).toBeUndefined();
			const posts = calls(ADD);
			expect(posts).toHaveLength(2);
			expect(posts.every((p) => p.method === 'POST' && p.headers['x-uipath-folderpath'] === 'Shared')).toBe(true);
			expect(posts.map((p) => p.body)).toEqual([0, 1].map((i) => ({
				itemData: {
					Name: 'Invoices',
					Priority: 'High',
					SpecificContent: { InvoiceNumber: `INV-${i}`, Amount: 100 + i },
					Reference: `r-${i}`,
					DeferDate: '2026-03-01T09:00:00.000Z',
					DueDate: '2026-03-02T17:30:00.000Z',
				},
			})));
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items[1].json).toMatchObject({ Status: 'New', Reference: 'r-1', QueueDefinitionId: queue.Id, SpecificContent: { InvoiceNumber: 'INV-1', Amount: 101 }, Priority: 'High' });
			expect(items[1].json.Id).toEqual(expect.any(Number));
			expect(items[1].json).not.toHaveProperty('@odata.context');
			expect(itemsInQueue().map((i) => i.Reference)).toEqual(['r-0', 'r-1']);
		});

		it('takes specific content as JSON, and refuses invalid JSON before sending', async () => {
			const json = await harness.run(uiNode(add({ specificContentInput: 'json', specificContentJson: '={{ JSON.stringify({ lines: $json.lines, vip: true }) }}', addOptions: {} })), [{ lines: [1, 2] }]);
			expect(json.error).toBeUndefined();
			expect(calls(ADD)[0].body).toEqual({ itemData: { Name: 'Invoices', SpecificContent: { lines: [1, 2], vip: true } } });

			sim.reset();
			const invalid = await harness.run(uiNode(add({ specificContentInput: 'json', specificContentJson: '{"a": 1' })));
			expect(invalid.error?.message).toBe('Specific Content (JSON) is not valid JSON');
			expect(invalid.error?.description).toMatch(/Give an object/);
			const array = await harness.run(uiNode(add({ specificContentInput: 'json', specificContentJson: '[1, 2]' })));
			expect(array.error?.message).toBe('Specific Content (JSON) must be an object');
			expect(orchestratorCalls()).toHaveLength(0);
		});

		it('with Continue On Fail, reports a refused item and goes on with the next', async () => {
			const { items, error } = await harness.run(uiNode(add(), 'cloud', { continueOnFail: true }), inputs('a', 'a', 'b'));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			expect(items[0].json).toMatchObject({ Reference: 'a', Status: 'New' });
			expect(items[1].json.error).toMatch(/^UiPath reports a conflict \(409\): .*Duplicate Reference.*\(UiPath error 1016\)/);
			expect(items[1].pairedItem).toEqual({ item: 1 });
			expect(items[2].json).toMatchObject({ Reference: 'b', Status: 'New' });
			expect(calls(ADD)).toHaveLength(3);
		});

		it('never re-sends an add that failed with a 500, and explains a missing queue', async () => {
			sim.faults.add({ method: 'POST', path: base() + ADD, status: 500 });
			const failed = await harness.run(uiNode(add()), inputs('x'));
			expect(failed.error?.message).toMatch(/500/);
			expect(calls(ADD)).toHaveLength(1);
			expect(itemsInQueue()).toHaveLength(0);

			const missing = await harness.run(uiNode(add({ queue: { __rl: true, mode: 'name', value: 'Nope' } })), inputs('y'));
			expect(missing.error?.message).toMatch(/404/);
			expect(missing.error?.description).toBe('There is no queue named "Nope" in folder "Shared": the name must match exactly.');
		});

		it('names the scope needed when the application may not write queues', async () => {
			sim.addExternalApp({ clientId: 'reader', clientSecret: 's', scopes: ['OR.Queues.Read'] });
			harness.addCredential(
				'uiPathCloudOAuthApi',
				{ authMethod: 'externalApp', cloudUrl: sim.url, organization: sim.organization, tenant: sim.tenant, clientId: 'reader', clientSecret: 's', scopes: 'OR.Queues.Read' },
				'reader',
			);
			const { error } = await harness.run(uiNode(add(), 'reader'), inputs('z'));
			expect(error?.message).toMatch(/403/);
			expect(error?.description).toMatch(/OR\.Queues \(or OR\.Queues\.Write\)/);
			expect(itemsInQueue()).toHaveLength(0);
		});

		it('lists the queues of the chosen folder for the picker', async () => {
			sim.addQueue({ folderId: shared.Id, name: 'Claims' });
			const other = sim.addFolder({ displayName: 'Other' });
			sim.addQueue({ folderId: other.Id, name: 'Elsewhere' });
			const found = await harness.listSearch(uiNode({ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: { __rl: true, mode: 'list', value: '' } }), 'searchQueues');
			expect(found.results.map((r) => r.value)).toEqual(['Claims', 'Invoices']);
		});
	});

	describe('Add, all input items in one call', () => {
		beforeEach(() => {
			sim.addQueueItem({ queueId: queue.Id, reference: 'dup' });
		});

		it('sends one BulkAddQueueItems request and maps FailedItems back to the input items', async () => {
			const { items, error } = await harness.run(uiNode(bulk('ProcessAllIndependently'), 'cloud', { continueOnFail: true }), inputs('r-0', 'dup', 'r-2', 'r-3'));
			expect(error).toBeUndefined();
			const posts = calls(BULK);
			expect(posts).toHaveLength(1);
			expect(calls(ADD)).toHaveLength(0);
			expect(posts[0].headers['x-uipath-folderpath']).toBe('Shared');
			expect(posts[0].body).toEqual({
				queueName: 'Invoices',
				commitType: 'ProcessAllIndependently',
				queueItems: ['r-0', 'dup', 'r-2', 'r-3'].map((ref, i) => ({ Name: 'Invoices', SpecificContent: { InvoiceNumber: `INV-${i}`, Amount: 100 + i }, Reference: ref })),
			});
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(items.map((i) => i.json.added)).toEqual([true, false, true, true]);
			expect(items[0].json).toEqual({ added: true, queueName: 'Invoices', Reference: 'r-0', SpecificContent: { InvoiceNumber: 'INV-0', Amount: 100 } });
			expect(items[1].json).toMatchObject({ added: false, errorCode: 'DuplicateReference', Reference: 'dup', queueName: 'Invoices' });
			expect(items[1].json.error).toMatch(/^Not added: DuplicateReference: .*Duplicate Reference/);
			expect(itemsInQueue().map((i) => i.Reference).sort()).toEqual(['dup', 'r-0', 'r-2', 'r-3']);
		});

		it('without Continue On Fail, fails listing which items were not added and saying the others were', async () => {
			const { error, items } = await harness.run(uiNode(bulk('ProcessAllIndependently')), inputs('r-0', 'r-1', 'dup', 'dup'));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('2 of 4 items were not added to queue "Invoices" (Process All Independently); the other 2 were added');
			expect(error?.description).toMatch(/^item 2: DuplicateReference: .*\nitem 3: DuplicateReference: /);
			expect(error?.description).toMatch(/running the node again would add them again/);
			expect(calls(BULK)).toHaveLength(1);
			expect(itemsInQueue()).toHaveLength(3);
		});

		it('All or Nothing: one failure means none is added, and says so for every item', async () => {
			const failed = await harness.run(uiNode(bulk('AllOrNothing')), inputs('r-0', 'dup', 'r-2'));
			expect(failed.error?.message).toBe('None of the 3 items was added to queue "Invoices" (All or Nothing): item 1 failed');
			expect(failed.error?.description).toMatch(/^item 1: DuplicateReference: .*\nNot added because of it: item 0, 2\nNothing was added to the queue\./);
			expect(failed.error?.context?.itemIndex).toBe(1);
			expect(calls(BULK)[0].body.commitType).toBe('AllOrNothing');
			expect(itemsInQueue()).toHaveLength(1);

			sim.reset();
			const reported = await harness.run(uiNode(bulk('AllOrNothing'), 'cloud', { continueOnFail: true }), inputs('r-0', 'dup', 'r-2'));
			expect(reported.error).toBeUndefined();
			expect(reported.items.map((i) => [i.json.added, i.pairedItem])).toEqual([
				[false, { item: 0 }],
				[false, { item: 1 }],
				[false, { item: 2 }],
			]);
			expect(reported.items[0].json.error).toBe('Not added: the commit type is All or Nothing and item 1 failed');
			expect(reported.items[1].json).toMatchObject({ errorCode: 'DuplicateReference', description: 'With All or Nothing, no item of this call was added.' });
			expect(calls(BULK)).toHaveLength(1);
			expect(itemsInQueue()).toHaveLength(1);
		});

		it('Stop on First Failure: items after the failing one are reported as not added', async () => {
			const { items } = await harness.run(uiNode(bulk('StopOnFirstFailure'), 'cloud', { continueOnFail: true }), inputs('r-0', 'dup', 'r-2'));
			expect(items.map((i) => i.json.added)).toEqual([true, false, false]);
			expect(items[1].json.errorCode).toBe('DuplicateReference');
			expect(items[2].json.error).toBe('Not added: the call stopped at the first failure (item 1)');
			expect(itemsInQueue().map((i) => i.Reference).sort()).toEqual(['dup', 'r-0']);
		});

		it('refuses an invalid item before sending; with Continue On Fail sends the others and keeps the mapping', async () => {
			const node = bulk('ProcessAllIndependently', { specificContentInput: 'json', specificContentJson: '={{ $json.content }}' });
			const stopped = await harness.run(uiNode(node), [{ content: '{"a": 1}', ref: 'r-0' }, { content: '{"a": ', ref: 'r-1' }]);
			expect(stopped.error?.message).toBe('Specific Content (JSON) is not valid JSON');
			expect(stopped.error?.context?.itemIndex).toBe(1);
			expect(orchestratorCalls()).toHaveLength(0);

			const { items, error } = await harness.run(uiNode(node, 'cloud', { continueOnFail: true }), [
				{ content: 'not json', ref: 'r-0' },
				{ content: '{"a": 1}', ref: 'dup' },
				{ content: '{"a": 2}', ref: 'r-2' },
			]);
			expect(error).toBeUndefined();
			expect(calls(BULK)).toHaveLength(1);
			expect(calls(BULK)[0].body.queueItems.map((q: { Reference: string }) => q.Reference)).toEqual(['dup', 'r-2']);
			expect(items.map((i) => [i.json.added, i.pairedItem])).toEqual([
				[false, { item: 0 }],
				[false, { item: 1 }],
				[true, { item: 2 }],
			]);
			expect(items[0].json.error).toBe('Specific Content (JSON) is not valid JSON');
			expect(items[1].json.errorCode).toBe('DuplicateReference');
			expect(items[2].json).toMatchObject({ Reference: 'r-2', SpecificContent: { a: 2 } });

			sim.reset();
			const allOrNothing = await harness.run(uiNode({ ...node, commitType: 'AllOrNothing' }, 'cloud', { continueOnFail: true }), [{ content: '[', ref: 'x' }, { content: '{}', ref: 'y' }]);
			expect(allOrNothing.items.map((i) => i.json.added)).toEqual([false, false]);
			expect(allOrNothing.items[1].json.error).toMatch(/^Not sent: 1 other input item\(s\) could not be turned into queue items, and the commit type is All or Nothing/);
			expect(orchestratorCalls()).toHaveLength(0);
		});

		it('refuses items bound for different queues in one call', async () => {
			sim.addQueue({ folderId: shared.Id, name: 'Claims' });
			const { error } = await harness.run(uiNode(bulk('AllOrNothing', { queue: { __rl: true, mode: 'name', value: '={{ $json.queue }}' } })), [
				{ queue: 'Invoices', ref: 'a' },
				{ queue: 'Claims', ref: 'b' },
			]);
			expect(error?.message).toMatch(/^Item 1 goes to queue "Claims" in folder "Shared", but one call adds to one queue: "Invoices"/);
			expect(orchestratorCalls()).toHaveLength(0);
		});

		it('a failed call fails every item, and is not re-sent', async () => {
			sim.faults.add({ method: 'POST', path: base() + BULK, status: 500 });
			const { items, error } = await harness.run(uiNode(bulk('ProcessAllIndependently'), 'cloud', { continueOnFail: true }), inputs('a', 'b'));
			expect(error).toBeUndefined();
			expect(items.map((i) => [i.json.added, i.pairedItem])).toEqual([
				[false, { item: 0 }],
				[false, { item: 1 }],
			]);
			expect(items[0].json.error).toMatch(/500/);
			expect(calls(BULK)).toHaveLength(1);
		});
	});

	describe('Get and Get Many', () => {
		it('gets one queue item by ID, with a string Output parsed, and explains a missing one', async () => {
			const seeded = sim.addQueueItem({ queueId: queue.Id, reference: 'one', specificContent: { n: 1 } });
			sim.setQueueItemStatus(seeded.Id, 'Successful', { output: '{"total": 9}' });
			const { items, error } = await harness.run(uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: String(seeded.Id) }));
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ Id: seeded.Id, Status: 'Successful', Reference: 'one', SpecificContent: { n: 1 }, Output: { total: 9 } });
			expect(calls(`/odata/QueueItems(${seeded.Id})`)).toEqual([expect.objectContaining({ method: 'GET', status: 200 })]);
			expect(calls(`/odata/QueueItems(${seeded.Id})`)[0].headers['x-uipath-folderpath']).toBe('Shared');

			const missing = await harness.run(uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: '999999' }));
			expect(missing.error?.message).toMatch(/404/);
			expect(missing.error?.description).toMatch(/There is no queue item 999999 in this folder/);
			sim.reset();
			const notNumber = await harness.run(uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: 'abc' }));
			expect(notNumber.error?.message).toBe('"abc" is not a queue item ID');
			expect(orchestratorCalls()).toHaveLength(0);
		});

		it('gets all of 250 queue items 100 at a time, newest first', async () => {
			for (let i = 0; i < 250; i++) sim.addQueueItem({ queueId: queue.Id, reference: `r${i}` });
			const { items, error } = await harness.run(uiNode({ resource: 'queueItem', operation: 'getMany', folder: inFolder(), returnAll: true }));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(250);
			expect(items[0].json.Reference).toBe('r249');
			expect(items[249].json.Reference).toBe('r0');
			expect(new Set(items.map((i) => i.json.Id)).size).toBe(250);
			// keyset paging: each page asks for the Ids below the last one read
			const lastIds = [items[99].json.Id, items[199].json.Id];
			expect(calls('/odata/QueueItems').map((c) => [c.query.$top, c.query.$filter, c.query.$orderby])).toEqual([
				['100', undefined, 'Id desc'],
				['100', `Id lt ${lastIds[0]}`, 'Id desc'],
				['100', `Id lt ${lastIds[1]}`, 'Id desc'],
			]);

			sim.reset();
			const limited = await harness.run(uiNode({ resource: 'queueItem', operation: 'getMany', folder: inFolder(), returnAll: false, limit: 30 }));
			expect(limited.items).toHaveLength(30);
			expect(calls('/odata/QueueItems').map((c) => c.query.$top)).toEqual(['30']);
		});

		it('filters by queue (its Id looked up by name), statuses and reference', async () => {
			const claims = sim.addQueue({ folderId: shared.Id, name: 'Claims' });
			const a = sim.addQueueItem({ queueId: queue.Id, reference: 'x' });
			const b = sim.addQueueItem({ queueId: queue.Id, reference: 'y' });
			sim.addQueueItem({ queueId: claims.Id, reference: 'x' });
			sim.setQueueItemStatus(a.Id, 'Failed', { processingException: { reason: 'Bad data' } });
			sim.setQueueItemStatus(b.Id, 'Failed');

			const { items, error } = await harness.run(
				uiNode({ resource: 'queueItem', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { queueName: 'Invoices', statuses: ['Failed', 'New'], reference: 'x' } }),
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.Id)).toEqual([a.Id]);
			expect(items[0].json.ProcessingException).toMatchObject({ Reason: 'Bad data' });
			const [lookup] = calls('/odata/QueueDefinitions');
			expect(lookup.query).toMatchObject({ $filter: "Name eq 'Invoices'", $top: '1' });
			expect(lookup.headers['x-uipath-folderpath']).toBe('Shared');
			expect(calls('/odata/QueueItems')[0].query.$filter).toBe(`QueueDefinitionId eq ${queue.Id} and (Status eq 'Failed' or Status eq 'New') and Reference eq 'x'`);

			sim.reset();
			const unknown = await harness.run(uiNode({ resource: 'queueItem', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { queueName: 'Nope' } }));
			expect(unknown.error?.message).toBe('There is no queue named "Nope" in folder "Shared"');
			expect(calls('/odata/QueueItems')).toHaveLength(0);
		});
	});
});
