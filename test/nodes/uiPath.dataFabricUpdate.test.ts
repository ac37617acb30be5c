// Entity Record (Data Fabric) Update / Update Many and Delete / Delete Many through n8n's engine against the
// simulator: partial updates matched by Id, per-record outcomes of the batch calls, and records that do not exist.
import type { ResourceMapperField } from 'n8n-workflow';

import type { EngineHarness } from '../harness/engine';
import { byId, DATA_FABRIC_SCOPES, setUpWithScopes, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const MISSING = '00000000-0000-0000-0000-00000000ABCD';

type Row = { Id: string; number: string; amount: number | null; status: number | null };

describe('UiPath Entity Record (Data Fabric): Update and Delete', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let invoiceId: string;
	let rows: Row[];
	let acme: { Id: string };

	beforeEach(async () => {
		({ sim, harness } = await setUpWithScopes(DATA_FABRIC_SCOPES, 'df'));
		sim.dataFabric.addChoiceSet('InvoiceStatus', ['Open', 'Paid']);
		sim.dataFabric.addEntity({ name: 'Customer', fields: [{ name: 'name', type: 'text' }] });
		invoiceId = sim.dataFabric.addEntity({
			name: 'Invoice',
			fields: [
				{ name: 'number', type: 'text', required: true, unique: true },
				{ name: 'amount', type: 'number' },
				{ name: 'status', type: 'choiceSet', choiceSet: 'InvoiceStatus' },
				{ name: 'notes', type: 'MULTILINE_MAX' },
				{ name: 'customer', type: 'relationship', reference: 'Customer' },
			],
		}).id;
		[acme] = sim.dataFabric.addRecords('Customer', [{ name: 'ACME' }]);
		rows = sim.dataFabric.addRecords('Invoice', [1, 2, 3].map((i) => ({ number: `INV-${i}`, amount: i * 10, status: 0 })));
	});
	afterEach(async () => sim.close());

	const calls = (pattern: RegExp) => uiLog(sim).filter((e) => pattern.test(e.path));
	const stored = () => sim.dataFabric.records('Invoice') as Row[];
	const storedById = (id: string) => stored().find((r) => r.Id === id);
	const columns = async () =>
		(await harness.resourceMapping(uiNode({ resource: 'entityRecord', operation: 'update', entity: byId(invoiceId) }, 'df'), 'getRecordFields')).fields as ResourceMapperField[];
	const withFields = async (operation: string, value: Record<string, unknown>, mappingMode = 'defineBelow') =>
		uiNode({
			resource: 'entityRecord',
			operation,
			entity: byId(invoiceId),
			fieldsMode: 'fields',
			recordFields: { mappingMode, value, matchingColumns: ['Id'], schema: await columns(), attemptToConvertTypes: false, convertFieldsToString: false },
		}, 'df');

	describe('Update', () => {
		it('changes only the fields given, matched by the Id, with choices by name', async () => {
			const node = await withFields('update', { Id: '={{ $json.id }}', amount: '={{ $json.amount }}', status: '={{ $json.status }}', number: '={{ $json.number }}' });
			const { items, error } = await harness.run(node, [{ id: rows[1].Id, amount: '99.5', status: 'PAID' }]);
			expect(error).toBeUndefined();
			const [post] = calls(/\/update\//);
			expect([post.method, post.path.endsWith(`/update/${rows[1].Id}`), post.body]).toEqual(['POST', true, { amount: 99.5, status: 1 }]);
			expect(items[0].json).toMatchObject({ Id: rows[1].Id, number: 'INV-2', amount: 99.5, status: 1 });
			expect(storedById(rows[1].Id)).toMatchObject({ number: 'INV-2', amount: 99.5, status: 1 });
			expect(storedById(rows[0].Id)).toMatchObject({ amount: 10, status: 0 });
		});

		it('maps an item read before automatically: its own Id, the fields Data Fabric sets left out', async () => {
			const node = await withFields('update', {}, 'autoMapInputData');
			const read = { ...rows[0], amount: 11, CreatedBy: 'x', UpdateTime: '2026-01-01T00:00:00Z' };
			const { error } = await harness.run(node, [read]);
			expect(error).toBeUndefined();
			expect(calls(/\/update\//).map((e) => e.body)).toEqual([{ number: 'INV-1', amount: 11, status: 0 }]);
			const noId = await harness.run(node, [{ amount: 12 }]);
			expect(noId.error?.message).toBe("Give the record's Id");
			expect(noId.error?.description).toContain('The input item has no Id.');
			expect(calls(/\/update\//)).toHaveLength(1);
		});

		it('writes back a record from Get Many: long text markers left out, an expanded reference as its Id', async () => {
			sim.dataFabric.addRecords('Invoice', [{ number: 'INV-9', amount: 1, notes: 'A long text'.repeat(50), customer: acme.Id }]);
			const read = await harness.run(uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId(invoiceId), returnAll: true }, 'df'));
			const item = read.items.map((i) => i.json).find((r) => r.number === 'INV-9')!;
			expect([String(item.notes), (item.customer as { Id?: string }).Id]).toEqual(['HasValue=true Length=1100', acme.Id]);
			const { error } = await harness.run(await withFields('update', {}, 'autoMapInputData'), [{ ...item, amount: 2 }]);
			expect(error).toBeUndefined();
			expect(calls(/\/update\//).map((e) => e.body)).toEqual([{ number: 'INV-9', amount: 2, customer: acme.Id }]);
			expect(stored().find((r) => r.number === 'INV-9')).toMatchObject({ amount: 2, notes: 'A long text'.repeat(50) });
			const typed = await harness.run(await withFields('update', { Id: item.Id, notes: '={{ $json.notes }}' }), [item]);
			expect(typed.error?.message).toBe("Field 'notes' holds the size marker Get Many gives for long text, not the text");
			expect(calls(/\/update\//)).toHaveLength(1);
		});

		it('says so when the record does not exist, or a value has the wrong type, sending nothing for the latter', async () => {
			const json = uiNode({ resource: 'entityRecord', operation: 'update', entity: byId(invoiceId), fieldsMode: 'json', recordId: MISSING, recordJson: '{"amount": 1}' }, 'df');
			const missing = await harness.run(json);
			expect(missing.error?.message).toContain('404');
			expect(missing.error?.description).toContain('no such record');
			expect(`${missing.error?.message} ${missing.error?.description}`).toContain(`Record '${MISSING}' was not found`);
			const node = await withFields('update', { Id: rows[0].Id, amount: '={{ $json.amount }}' });
			const wrong = await harness.run(node, [{ amount: 'ten' }]);
			expect(wrong.error?.message).toBe("Field 'amount' expects a number; got 'ten'");
			expect(calls(/\/update\//).map((e) => e.status)).toEqual([404]);
		});
	});

	describe('Update Many', () => {
		it('sends every item with its Id in one update-batch call; a missing record is its own outcome', async () => {
			const node = await withFields('updateMany', { Id: '={{ $json.id }}', amount: '={{ $json.amount }}' });
			const inputs = [{ id: rows[0].Id, amount: 1 }, { id: MISSING, amount: 2 }, { id: rows[2].Id.toLowerCase(), amount: 3 }];
			const { items, error } = await harness.run({ ...node, continueOnFail: true }, inputs);
			expect(error).toBeUndefined();
			const [post, ...more] = calls(/\/update-batch$/);
			expect(more).toHaveLength(0);
			expect(post.query).toEqual({ failOnFirst: 'false' });
			expect(post.body).toEqual(inputs.map((i) => ({ amount: i.amount, Id: i.id })));
			expect(items.map((i) => [i.json.amount ?? null, i.pairedItem])).toEqual([[1, { item: 0 }], [null, { item: 1 }], [3, { item: 2 }]]);
			expect(items[1].json).toEqual({ error: `Not updated: Record '${MISSING}' was not found in entity 'Invoice'.`, id: MISSING, record: { amount: 2, Id: MISSING } });
			expect(stored().map((r) => r.amount)).toEqual(expect.arrayContaining([1, 20, 3]));
		});

		it('without Continue On Fail, fails listing the record not updated, the others updated', async () => {
			const node = await withFields('updateMany', { Id: '={{ $json.id }}', number: '={{ $json.number }}' });
			const { error } = await harness.run(node, [{ id: rows[0].Id, number: 'NEW-1' }, { id: rows[1].Id, number: 'INV-3' }]);
			expect(error?.message).toBe('1 of 2 records were not updated; the other 1 were updated');
			expect(error?.description).toMatch(/^item 1: Update data failed\. Value uniqueness violation/);
			expect(error?.description).toContain('Updated: item 0. These stay updated.');
			expect(storedById(rows[0].Id)?.number).toBe('NEW-1');
			expect(storedById(rows[1].Id)?.number).toBe('INV-2');
		});
	});

	describe('Delete and Delete Many', () => {
		const del = (operation: string, recordId: unknown) => uiNode({ resource: 'entityRecord', operation, entity: byId(invoiceId), recordId }, 'df');

		it('deletes one record by its ID; a record that does not exist is a clear 404', async () => {
			const { items, error } = await harness.run(del('delete', rows[0].Id));
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({ deleted: true, id: rows[0].Id });
			const [call] = calls(/\/delete\//);
			expect([call.method, call.path.endsWith(`/delete/${rows[0].Id}`), call.status]).toEqual(['DELETE', true, 200]);
			expect(stored().map((r) => r.Id)).not.toContain(rows[0].Id);
			const again = await harness.run(del('delete', rows[0].Id));
			expect(again.error?.message).toContain('404');
			expect(again.error?.description).toContain('no such record');
			const empty = await harness.run(del('delete', '={{ $json.nothing }}'));
			expect(empty.error?.message).toBe('Give the Record ID');
			expect(calls(/\/delete\//)).toHaveLength(2);
		});

		it('deletes every item in one delete-batch call with per-record outcomes', async () => {
			const node = { ...del('deleteMany', '={{ $json.id }}'), continueOnFail: true };
			const { items } = await harness.run(node, [{ id: rows[0].Id }, { id: MISSING }, { id: rows[2].Id }, { id: '' }]);
			const [post, ...more] = calls(/\/delete-batch$/);
			expect(more).toHaveLength(0);
			expect([post.query, post.body]).toEqual([{ failOnFirst: 'false' }, [rows[0].Id, MISSING, rows[2].Id]]);
			expect(items.map((i) => [i.json.deleted ?? false, i.json.id ?? null, i.pairedItem])).toEqual([
				[true, rows[0].Id, { item: 0 }],
				[false, MISSING, { item: 1 }],
				[true, rows[2].Id, { item: 2 }],
				[false, null, { item: 3 }],
			]);
			expect(items[1].json.error).toBe(`Not deleted: Record '${MISSING}' was not found in entity 'Invoice'.`);
			expect(items[3].json.error).toBe('Give the Record ID');
			expect(stored().map((r) => r.Id)).toEqual([rows[1].Id]);
		});

		it('without Continue On Fail, a missing record fails the node after the others were deleted, saying so', async () => {
			const { error } = await harness.run(del('deleteMany', '={{ $json.id }}'), [{ id: MISSING }, { id: rows[1].Id }]);
			expect(error?.message).toBe('1 of 2 records were not deleted; the other 1 were deleted');
			expect(error?.description).toContain(`item 0: Record '${MISSING}' was not found`);
			expect(error?.description).toContain('Deleted: item 1. These stay deleted.');
			expect(stored()).toHaveLength(2);
		});
	});
});
