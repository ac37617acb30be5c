// Queue items and transactions, continued (issue 11): update, delete, StartTransaction, SetTransactionResult,
// SetTransactionProgress, and the processing outcomes "Wait for Processing" polls for.
import { seeded } from './uipathBreadth.helpers';

const ADD = '/odata/Queues/UiPathODataSvc.AddQueueItem';
const START_TX = '/odata/Queues/UiPathODataSvc.StartTransaction';
const result = (id: number) => `/odata/Queues(${id})/UiPathODataSvc.SetTransactionResult`;
const progress = (id: number) => `/odata/QueueItems(${id})/UiPathODataSvc.SetTransactionProgress`;

describe('queue item update and delete', () => {
	test('PUT changes only the editable fields of a New item; DELETE makes it Deleted', async () => {
		const s = await seeded();
		try {
			const added = await s.api('POST', ADD, { body: { itemData: { Name: 'Invoices', SpecificContent: { n: 1 }, Reference: 'INV-1' } } });
			const id = added.body.Id;
			s.sim.clock.advance(1000);
			const put = await s.api('PUT', `/odata/QueueItems(${id})`, {
				body: { Name: 'Invoices', Priority: 'High', SpecificContent: { n: 2 }, Progress: 'checked', DueDate: '2026-01-02T00:00:00Z', Reference: 'IGNORED' },
			});
			expect([put.status, put.text]).toEqual([200, '']);
			const after = (await s.api('GET', `/odata/QueueItems(${id})`)).body;
			expect(after).toMatchObject({ Priority: 'High', SpecificContent: { n: 2 }, Progress: 'checked', DueDate: '2026-01-02T00:00:00Z', Reference: 'INV-1', Status: 'New' });
			expect(after.RowVersion).not.toBe(added.body.RowVersion); // the edit is a new version of the row
			const del = await s.api('DELETE', `/odata/QueueItems(${id})`);
			expect([del.status, del.text]).toEqual([204, '']);
			expect((await s.api('GET', `/odata/QueueItems(${id})`)).body.Status).toBe('Deleted');
			const again = await s.api('DELETE', `/odata/QueueItems(${id})`);
			expect([again.status, again.body.errorCode]).toEqual([400, 1675]);
			const edit = await s.api('PUT', `/odata/QueueItems(${id})`, { body: { Priority: 'Low' } });
			expect([edit.status, edit.body.message]).toEqual([409, expect.stringMatching(/it is Deleted; only New items can be edited/)]);
			// a deleted reference may be used again
			expect((await s.api('POST', ADD, { body: { itemData: { Name: 'Invoices', Reference: 'INV-1' } } })).status).toBe(201);
		} finally {
			await s.sim.close();
		}
	});
});

describe('queue transactions: n8n as a worker', () => {
	test('StartTransaction hands out the next item by priority, due date and age; 204 when the queue is empty', async () => {
		const s = await seeded();
		try {
			const empty = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices' } } });
			expect([empty.status, empty.text]).toEqual([204, '']);
			const low = s.sim.addQueueItem({ queueId: s.queue.Id, priority: 'Low', reference: 'L' });
			s.sim.clock.advance(10);
			const normalLate = s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'N2', dueDate: '2026-03-01T00:00:00Z' });
			s.sim.clock.advance(10);
			const normalSoon = s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'N1', dueDate: '2026-02-01T00:00:00Z' });
			const deferred = s.sim.addQueueItem({ queueId: s.queue.Id, priority: 'High', reference: 'H', deferDate: '2026-01-01T12:30:00Z' });
			const order: string[] = [];
			for (let i = 0; i < 3; i++) {
				const tx = await s.api('POST', `${START_TX}?$expand=QueueDefinition`, { body: { transactionData: { Name: 'Invoices' } } });
				expect(tx.status).toBe(200);
				expect(tx.body).toMatchObject({ Status: 'InProgress', QueueDefinition: { Name: 'Invoices' } });
				expect(tx.body.StartProcessing).toMatch(/^2026-01-01T12:00:00/);
				order.push(tx.body.Reference);
			}
			expect(order).toEqual(['N1', 'N2', 'L']);
			expect((await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices' } } })).status).toBe(204); // H is deferred
			s.sim.clock.advance(1800_000);
			const high = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices' } } });
			expect(high.body.Id).toBe(deferred.Id);
			expect([low.Id, normalLate.Id, normalSoon.Id]).toHaveLength(3);
		} finally {
			await s.sim.close();
		}
	});

	test('Reference filters, and a transaction started with SpecificContent adds its own item', async () => {
		const s = await seeded();
		try {
			for (const r of ['A-1', 'B-1', 'B-2']) s.sim.addQueueItem({ queueId: s.queue.Id, reference: r });
			const b = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', Reference: 'B-', ReferenceFilterOption: 'StartsWith' } } });
			expect(b.body.Reference).toBe('B-1');
			const exact = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', Reference: 'B-' } } });
			expect(exact.status).toBe(204);
			const own = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', SpecificContent: { from: 'n8n' }, Reference: 'N8N-1' } } });
			expect(own.body).toMatchObject({ Status: 'InProgress', SpecificContent: { from: 'n8n' }, Reference: 'N8N-1' });
			const dup = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', SpecificContent: {}, Reference: 'A-1' } } });
			expect([dup.status, dup.body.errorCode]).toEqual([409, 1016]);
			const noName = await s.api('POST', START_TX, { body: { transactionData: {} } });
			expect([noName.status, noName.body.errorCode]).toEqual([400, 1000]);
		} finally {
			await s.sim.close();
		}
	});

	test('progress while in progress, then success with Output or failure with an exception, once', async () => {
		const s = await seeded();
		try {
			s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'ok' });
			s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'bad' });
			const notStarted = s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'later' });
			const early = await s.api('POST', progress(notStarted.Id), { body: { progress: 'x' } });
			expect([early.status, early.body.errorCode]).toEqual([400, 1676]);
			const earlyResult = await s.api('POST', result(notStarted.Id), { body: { transactionResult: { IsSuccessful: true } } });
			expect([earlyResult.status, earlyResult.body.errorCode]).toEqual([409, 1677]);

			const ok = (await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', Reference: 'ok' } } })).body;
			expect((await s.api('POST', progress(ok.Id), { body: { progress: 'Step 2 of 3' } })).status).toBe(200);
			expect((await s.api('GET', `/odata/QueueItems(${ok.Id})`)).body.Progress).toBe('Step 2 of 3');
			s.sim.clock.advance(500);
			const done = await s.api('POST', result(ok.Id), { body: { transactionResult: { IsSuccessful: true, Output: { total: 42, paid: true } } } });
			expect([done.status, done.text]).toEqual([200, '']);
			const okItem = (await s.api('GET', `/odata/QueueItems(${ok.Id})`)).body;
			expect(okItem).toMatchObject({ Status: 'Successful', Output: { total: 42, paid: true }, ProcessingException: null });
			expect(okItem.EndProcessing).toMatch(/^2026-01-01T12:00:00\.5/);
			const twice = await s.api('POST', result(ok.Id), { body: { transactionResult: { IsSuccessful: false } } });
			expect([twice.status, twice.body.errorCode]).toEqual([409, 1677]);

			const bad = (await s.api('POST', START_TX, { body: { transactionData: { Name: 'Invoices', Reference: 'bad' } } })).body;
			const failed = await s.api('POST', result(bad.Id), {
				body: { transactionResult: { IsSuccessful: false, ProcessingException: { Reason: 'Invoice total missing', Details: 'field Total empty', Type: 'BusinessException' } } },
			});
			expect(failed.status).toBe(200);
			const badItem = (await s.api('GET', `/odata/QueueItems(${bad.Id})`)).body;
			expect(badItem).toMatchObject({ Status: 'Failed', ProcessingExceptionType: 'BusinessException', ProcessingException: { Reason: 'Invoice total missing', Details: 'field Total empty', Type: 'BusinessException' } });
			const wrongType = await s.api('POST', result(notStarted.Id), { body: { transactionResult: { IsSuccessful: false, ProcessingException: { Type: 'SystemException' } } } });
			expect([wrongType.status, wrongType.body.errorCode]).toEqual([400, 1000]);
		} finally {
			await s.sim.close();
		}
	});

	test('a transaction taken by n8n is not also processed by the queue robot', async () => {
		const s = await seeded();
		try {
			const auto = s.sim.addQueue({ folderId: s.finance.Id, name: 'Auto', autoProcess: { startAfterMs: 1000, durationMs: 1000 } });
			const item = s.sim.addQueueItem({ queueId: auto.Id });
			const tx = await s.api('POST', START_TX, { body: { transactionData: { Name: 'Auto' } } });
			expect(tx.body.Id).toBe(item.Id);
			s.sim.clock.advance(5000);
			expect((await s.api('GET', `/odata/QueueItems(${item.Id})`)).body.Status).toBe('InProgress');
		} finally {
			await s.sim.close();
		}
	});
});

describe('retries', () => {
	test('an ApplicationException is retried while the queue allows it; GetItemLastRetry follows the chain', async () => {
		const s = await seeded();
		try {
			s.sim.addQueue({ folderId: s.finance.Id, name: 'Retrying', maxNumberOfRetries: 1 });
			const first = (await s.api('POST', ADD, { body: { itemData: { Name: 'Retrying', SpecificContent: { n: 7 }, Reference: 'R-1' } } })).body;
			const fail = (id: number, type: string) =>
				s.api('POST', result(id), { body: { transactionResult: { IsSuccessful: false, ProcessingException: { Reason: 'SAP down', Type: type } } } });
			const tx1 = (await s.api('POST', START_TX, { body: { transactionData: { Name: 'Retrying' } } })).body;
			expect(tx1.Id).toBe(first.Id);
			expect((await fail(tx1.Id, 'ApplicationException')).status).toBe(200);
			const retried = (await s.api('GET', `/odata/QueueItems(${first.Id})`)).body;
			expect(retried).toMatchObject({ Status: 'Retried', ProcessingException: { Reason: 'SAP down', Type: 'ApplicationException' } });
			const retry = (await s.api('GET', `/odata/QueueItems(${first.Id})/UiPath.Server.Configuration.OData.GetItemLastRetry`)).body;
			expect(retry).toMatchObject({ Status: 'New', AncestorId: first.Id, AncestorUniqueKey: first.Key, RetryNumber: 1, Reference: 'R-1', SpecificContent: { n: 7 } });
			const tx2 = (await s.api('POST', START_TX, { body: { transactionData: { Name: 'Retrying' } } })).body;
			expect(tx2.Id).toBe(retry.Id);
			await fail(tx2.Id, 'ApplicationException'); // the last allowed try: final
			const byKey = (await s.api('GET', `/odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key=${first.Key})`)).body;
			expect([byKey.Id, byKey.Status, byKey.RetryNumber]).toEqual([retry.Id, 'Failed', 1]);
			expect((await s.api('POST', START_TX, { body: { transactionData: { Name: 'Retrying' } } })).status).toBe(204);
			// a business exception is never retried
			const other = (await s.api('POST', ADD, { body: { itemData: { Name: 'Retrying', SpecificContent: {} } } })).body;
			await s.api('POST', START_TX, { body: { transactionData: { Name: 'Retrying' } } });
			await fail(other.Id, 'BusinessException');
			expect((await s.api('GET', `/odata/QueueItems(${other.Id})/UiPath.Server.Configuration.OData.GetItemLastRetry`)).body).toMatchObject({ Id: other.Id, Status: 'Failed' });
			const unknown = await s.api('GET', '/odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key=00000000-0000-0000-0000-000000000000)');
			expect([unknown.status, unknown.body.errorCode]).toEqual([404, 1002]);
		} finally {
			await s.sim.close();
		}
	});
});

describe('processing outcomes for "Wait for Processing"', () => {
	test('robots end items Successful with Output, Failed or Abandoned with an exception', async () => {
		const s = await seeded();
		try {
			const outcomes = ['Successful', 'Failed', 'Abandoned'] as const;
			const ids: Record<string, number> = {};
			for (const outcome of outcomes) {
				s.sim.addQueue({
					folderId: s.finance.Id,
					name: `Q-${outcome}`,
					autoProcess: { outcome, output: { result: outcome }, processingException: { reason: `${outcome} on purpose`, type: 'ApplicationException' } },
				});
				ids[outcome] = (await s.api('POST', ADD, { body: { itemData: { Name: `Q-${outcome}`, SpecificContent: {} } } })).body.Id;
			}
			s.sim.clock.advance(1500);
			for (const outcome of outcomes) expect((await s.api('GET', `/odata/QueueItems(${ids[outcome]})`)).body.Status).toBe('InProgress');
			s.sim.clock.advance(2000);
			const seen = [];
			for (const outcome of outcomes) {
				const item = (await s.api('GET', `/odata/QueueItems(${ids[outcome]})`)).body;
				seen.push([item.Status, item.Output, item.ProcessingException?.Reason ?? null]);
			}
			expect(seen).toEqual([
				['Successful', { result: 'Successful' }, null],
				['Failed', { result: 'Failed' }, 'Failed on purpose'],
				['Abandoned', { result: 'Abandoned' }, 'Abandoned on purpose'],
			]);
			const manual = s.sim.addQueueItem({ queueId: s.queue.Id });
			s.sim.setQueueItemStatus(manual.Id, 'Abandoned', { visibleAt: s.sim.clock.now() + 1000 });
			expect((await s.api('GET', `/odata/QueueItems(${manual.Id})`)).body.Status).toBe('New');
			s.sim.clock.advance(1000);
			expect((await s.api('GET', `/odata/QueueItems(${manual.Id})`)).body.Status).toBe('Abandoned');
		} finally {
			await s.sim.close();
		}
	});
});
