// Queue → Get Many and Queue Item → Update / Delete through n8n's engine against the Orchestrator simulator.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath Queue and queue item edits', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let queue: { Id: number; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices', maxNumberOfRetries: 2 });
	});
	afterEach(async () => sim.close());

	const calls = (path: string) => uiLog(sim).filter((e) => e.path.endsWith(path));
	const itemNode = (operation: string, id: string | number, extra: Record<string, unknown> = {}) =>
		uiNode({ resource: 'queueItem', operation, folder: inFolder(), queueItemId: String(id), ...extra });

	it("lists a folder's queues, filtered by name, and pages with a limit", async () => {
		sim.addQueue({ folderId: shared.Id, name: 'Payroll' });
		sim.addQueue({ folderId: shared.Id, name: 'Invoices_EU' });
		sim.addQueue({ folderId: sim.addFolder({ displayName: 'Other' }).Id, name: 'Invoices_Other' });
		const { items, error } = await harness.run(uiNode({ resource: 'queue', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { name: 'Invoices' } }));
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.Name)).toEqual(['Invoices', 'Invoices_EU']);
		expect(items[0].json).toMatchObject({ Id: queue.Id, MaxNumberOfRetries: 2 });
		const [list] = calls('/odata/QueueDefinitions');
		expect(list.query).toEqual({ $filter: "contains(Name,'Invoices')", $orderby: 'Name asc,Id asc', $top: '1000', $skip: '0', $count: 'true' });
		expect(list.headers['x-uipath-folderpath']).toBe('Shared');

		const limited = await harness.run(uiNode({ resource: 'queue', operation: 'getMany', folder: inFolder(), returnAll: false, limit: 1 }));
		expect(limited.items.map((i) => i.json.Name)).toEqual(['Invoices']);
	});

	it('updates only the given fields of a New item and returns the item as it is now', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id, priority: 'Low', specificContent: { n: 1 }, reference: 'INV-1' });
		const { items, error } = await harness.run(
			itemNode('update', item.Id, { updateFields: { priority: 'High', specificContent: '{"n": 2}', dueDate: '2030-01-02T03:04:05Z' } }),
		);
		expect(error).toBeUndefined();
		const [put] = calls(`/odata/QueueItems(${item.Id})`).filter((c) => c.method === 'PUT');
		expect(put.body).toEqual({ Priority: 'High', SpecificContent: { n: 2 }, DueDate: '2030-01-02T03:04:05.000Z' });
		expect(put.status).toBe(200);
		expect(items[0].json).toMatchObject({ Id: item.Id, Priority: 'High', SpecificContent: { n: 2 }, Reference: 'INV-1' });
		expect(String(items[0].json.DueDate)).toMatch(/^2030-01-02T03:04:05/);
	});

	it('explains that only New items can be edited or deleted, and names a missing item', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id });
		sim.setQueueItemStatus(item.Id, 'InProgress');
		const update = await harness.run(itemNode('update', item.Id, { updateFields: { progress: 'half' } }));
		expect(update.error?.message).toMatch(/^UiPath reports a conflict \(409\): .*it is InProgress; only New items can be edited/);
		expect(update.error?.description).toMatch(/edit only New items/);
		const remove = await harness.run(itemNode('delete', item.Id));
		expect(remove.error?.message).toMatch(/^UiPath rejected the request \(400\): .*only New items can be deleted.*\(UiPath error 1675\)$/);
		expect(remove.error?.description).toMatch(/a robot has this one already/);
		const missing = await harness.run(itemNode('delete', 99999));
		expect(missing.error?.message).toMatch(/^UiPath found no such item \(404\)/);
		expect(missing.error?.description).toMatch(/There is no queue item 99999 in this folder/);
	});

	it('deletes a New item: one DELETE, and the item reads as Deleted', async () => {
		const item = sim.addQueueItem({ queueId: queue.Id });
		const { items, error } = await harness.run(itemNode('delete', item.Id));
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ Id: item.Id, deleted: true });
		expect(calls(`/odata/QueueItems(${item.Id})`).map((c) => [c.method, c.status])).toEqual([['DELETE', 204]]);
		expect(sim.queueItems.find((i: { Id: number }) => i.Id === item.Id).Status).toBe('Deleted');
	});
});
