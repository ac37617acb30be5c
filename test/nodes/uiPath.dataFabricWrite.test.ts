// Entity Record (Data Fabric) writes through n8n's engine against the simulator: Create / Create Many (insert,
// insert-batch), typed fields from the entity's schema (resource mapper), choice sets by name, and the errors users
// meet: a wrong type, an unknown entity or choice, an empty expression, a batch with one bad record.
import type { ResourceMapperField } from 'n8n-workflow';

import type { EngineHarness } from '../harness/engine';
import { byId, DATA_FABRIC_SCOPES, setUpWithScopes, uiLog, uiNode, type UiSim } from './uiPath.helpers';


describe('UiPath Entity Record (Data Fabric): Create and Create Many', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let invoiceId: string;

	beforeEach(async () => {
		({ sim, harness } = await setUpWithScopes(DATA_FABRIC_SCOPES, 'df'));
		sim.dataFabric.addChoiceSet('InvoiceStatus', ['Open', { name: 'Paid', displayName: 'Paid in full' }, 'Void']);
		sim.dataFabric.addChoiceSet('Tags', ['urgent', 'export']);
		invoiceId = sim.dataFabric.addEntity({
			name: 'Invoice',
			fields: [
				{ name: 'number', type: 'text', required: true, unique: true },
				{ name: 'amount', type: 'number' },
				{ name: 'lines', type: 'integer' },
				{ name: 'paid', type: 'boolean' },
				{ name: 'due', type: 'date' },
				{ name: 'sentAt', type: 'datetime' },
				{ name: 'status', type: 'choiceSet', choiceSet: 'InvoiceStatus' },
				{ name: 'tags', type: 'choiceSetMultiple', choiceSet: 'Tags' },
				{ name: 'scan', type: 'file' },
				{ name: 'seq', type: 'autoNumber' },
				{ name: 'currency', type: 'text', required: true, defaultValue: 'EUR' },
			],
		}).id;
	});
	afterEach(async () => sim.close());

	const calls = (suffix: string) => uiLog(sim).filter((e) => e.path.endsWith(suffix));
	const columns = async (operation = 'create') =>
		(await harness.resourceMapping(uiNode({ resource: 'entityRecord', operation, entity: byId(invoiceId) }, 'df'), 'getRecordFields')).fields as ResourceMapperField[];
	const withFields = (operation: string, schema: ResourceMapperField[], value: Record<string, unknown>, mappingMode = 'defineBelow') =>
		uiNode({
			resource: 'entityRecord',
			operation,
			entity: byId(invoiceId),
			fieldsMode: 'fields',
			recordFields: { mappingMode, value, matchingColumns: operation.startsWith('update') ? ['Id'] : [], schema, attemptToConvertTypes: false, convertFieldsToString: false },
		}, 'df');
	const fromItem = { number: '={{ $json.number }}', amount: '={{ $json.amount }}', paid: '={{ $json.paid }}', status: '={{ $json.status }}', tags: '={{ $json.tags }}' };

	it('offers the writable fields typed from the entity, choice sets as their values, required ones marked', async () => {
		const fields = await columns();
		expect(fields.map((f) => [f.id, f.type, f.required])).toEqual([
			['number', 'string', true],
			['amount', 'number', false],
			['lines', 'number', false],
			['paid', 'boolean', false],
			['due', 'dateTime', false],
			['sentAt', 'dateTime', false],
			['status', 'options', false],
			['tags', 'array', false],
			['currency', 'string', false],
		]);
		expect(fields.find((f) => f.id === 'status')?.options).toEqual([{ name: 'Open', value: 0 }, { name: 'Paid in full', value: 1 }, { name: 'Void', value: 2 }]);
		expect(calls(`/api/Entity/${invoiceId}`)).toHaveLength(1);
		const update = await columns('update');
		expect(update[0]).toMatchObject({ id: 'Id', canBeUsedToMatch: true, defaultMatch: true, required: true });
		expect(update.slice(1).every((f) => !f.required)).toBe(true);
		const noEntity = await harness.resourceMapping(uiNode({ resource: 'entityRecord', operation: 'create', entity: byId('') }, 'df'), 'getRecordFields');
		expect(noEntity).toEqual({ fields: [], emptyFieldsNotice: 'Pick the entity first' });
	});

	it('creates one record per item with typed values, choices by name, and reads the schema and choice sets once', async () => {
		const node = withFields('create', await columns(), { ...fromItem, due: '={{ $json.due }}', sentAt: '={{ $json.sentAt }}' });
		const inputs = [
			{ number: 'INV-1', amount: '12.5', paid: 'true', status: 'paid in FULL', tags: 'urgent, EXPORT', due: '2026-03-04', sentAt: '2026-03-04T10:20:00+02:00' },
			{ number: 'INV-2', amount: 7, paid: false, status: 2, tags: [1], due: '2026-03-05T10:00:00.000Z' },
		];
		const before = uiLog(sim).length;
		const { items, error } = await harness.run(node, inputs);
		expect(error).toBeUndefined();
		const inserts = calls('/insert');
		expect(inserts.map((e) => [e.method, e.status, e.body])).toEqual([
			['POST', 200, { number: 'INV-1', amount: 12.5, paid: true, status: 1, tags: [0, 1], due: '2026-03-04', sentAt: '2026-03-04T10:20:00+02:00' }],
			['POST', 200, { number: 'INV-2', amount: 7, paid: false, status: 2, tags: [1], due: '2026-03-05' }],
		]);
		const run = uiLog(sim).slice(before);
		expect(run.filter((e) => e.path.endsWith(`/api/Entity/${invoiceId}`))).toHaveLength(1);
		expect(run.filter((e) => e.path.endsWith('/query_expansion'))).toHaveLength(2);
		expect(items.map((i) => [i.json.number, i.json.status, i.pairedItem])).toEqual([['INV-1', 1, { item: 0 }], ['INV-2', 2, { item: 1 }]]);
		expect(items[0].json.sentAt).toBe('2026-03-04T08:20:00.000Z');
		expect(items[0].json.Id).toBe(sim.dataFabric.records('Invoice').find((r: { number: string }) => r.number === 'INV-1').Id);
	});

	it('refuses a value of the wrong type or an unknown choice before any write, naming the field', async () => {
		const node = withFields('create', await columns(), fromItem);
		const wrong = await harness.run(node, [{ number: 'INV-1', amount: 'abc' }]);
		expect(wrong.error?.message).toBe("Field 'amount' expects a number; got 'abc'");
		expect(wrong.error?.context?.itemIndex).toBe(0);
		const flag = await harness.run(node, [{ number: 'INV-1', paid: 'yes' }]);
		expect(flag.error?.message).toBe("Field 'paid' expects true or false; got 'yes'");
		const choice = await harness.run(node, [{ number: 'INV-1', status: 'Settled' }]);
		expect(choice.error?.message).toBe("Field 'status' has no choice named 'Settled'");
		expect(choice.error?.description).toContain('The choices are: Open, Paid (Paid in full), Void.');
		const when = await harness.run(withFields('create', await columns(), { number: 'INV-1', sentAt: '={{ $json.sentAt }}' }), [{ sentAt: '2026-03-04' }]);
		expect(when.error?.message).toBe("Field 'sentAt' expects a date and time (ISO 8601, e.g. 2026-01-31T09:30:00Z); got '2026-03-04'");
		const tag = await harness.run(node, [{ number: 'INV-1', tags: 'urgent, nope' }]);
		expect(tag.error?.message).toBe("Field 'tags' has no choice named 'nope'");
		expect(calls('/insert')).toHaveLength(0);
	});

	it('leaves out a field whose expression comes out empty, and refuses an empty required one', async () => {
		const node = withFields('create', await columns(), fromItem);
		const { error } = await harness.run(node, [{ number: 'INV-9', amount: '', paid: null }]);
		expect(error).toBeUndefined();
		expect(calls('/insert').map((e) => e.body)).toEqual([{ number: 'INV-9' }]);
		// a required field with a default in the entity may be left empty: Data Fabric fills it
		expect(sim.dataFabric.records('Invoice')[0]).toMatchObject({ number: 'INV-9', amount: null, paid: null, currency: 'EUR' });
		const missing = await harness.run(node, [{ amount: 3 }]);
		expect(missing.error?.message).toBe("Field 'number' is required by entity 'Invoice', but its value is empty");
		expect(calls('/insert')).toHaveLength(1);
	});

	it('maps the input item automatically, skipping the fields Data Fabric sets, and refuses an unknown key', async () => {
		const node = withFields('create', await columns(), {}, 'autoMapInputData');
		const { error } = await harness.run(node, [{ Id: 'X', number: 'INV-3', amount: '4', seq: 9, CreatedBy: 'someone' }]);
		expect(error).toBeUndefined();
		expect(calls('/insert').map((e) => e.body)).toEqual([{ number: 'INV-3', amount: 4 }]);
		const typo = await harness.run(node, [{ number: 'INV-4', Amount: 4 }]);
		expect(typo.error?.message).toBe("'Amount' is not a field of entity 'Invoice' (names are case-sensitive: 'amount'?)");
		expect(calls('/insert')).toHaveLength(1);
	});

	it('sends Using JSON as it is, keeping the API message; an unknown entity says so', async () => {
		const json = (entity: string, recordJson: string) => uiNode({ resource: 'entityRecord', operation: 'create', entity: byId(entity), fieldsMode: 'json', recordJson }, 'df');
		const ok = await harness.run(json(invoiceId, '{"number": "INV-5", "status": 0}'));
		expect(ok.items[0].json).toMatchObject({ number: 'INV-5', status: 0, Id: expect.stringMatching(/^[0-9A-F-]{36}$/) });
		const refused = await harness.run(json(invoiceId, '{"number": "INV-6", "amount": "12"}'));
		expect(refused.error?.message).toContain('400');
		expect(`${refused.error?.message} ${refused.error?.description}`).toContain("Field 'amount' (DECIMAL) expects a JSON number");
		const unknown = await harness.run(json('00000000-0000-0000-0000-00000000abcd', '{"number": "INV-7"}'));
		expect(unknown.error?.message).toContain('404');
		expect(unknown.error?.description).toContain('Data Fabric has no such entity');
		expect(calls('/insert').map((e) => e.status)).toEqual([200, 400, 404]);
	});

	describe('Create Many', () => {
		const many = async (extra: Record<string, unknown> = {}) => ({ ...withFields('createMany', await columns(), fromItem), ...extra });
		const numbers = (...list: string[]) => list.map((number) => ({ number }));

		it('sends every item in one insert-batch call and gives one output item per input item', async () => {
			sim.dataFabric.addRecords('Invoice', [{ number: 'DUP' }]);
			const { items, error } = await harness.run(await many({ continueOnFail: true }), numbers('A-1', 'DUP', 'A-3'));
			expect(error).toBeUndefined();
			const [post, ...more] = calls('/insert-batch');
			expect(more).toHaveLength(0);
			expect(post.query).toEqual({ failOnFirst: 'false' });
			expect(post.body).toEqual(numbers('A-1', 'DUP', 'A-3'));
			expect(items.map((i) => [i.json.number ?? null, i.pairedItem])).toEqual([['A-1', { item: 0 }], [null, { item: 1 }], ['A-3', { item: 2 }]]);
			expect(items[1].json).toEqual({ error: expect.stringMatching(/^Not created: Insert data failed\. Value uniqueness violation/), record: { number: 'DUP' } });
			const stored = sim.dataFabric.records('Invoice').map((r: { Id: string; number: string }) => [r.number, r.Id]);
			expect(stored).toEqual(expect.arrayContaining([['A-1', items[0].json.Id], ['A-3', items[2].json.Id]]));
		});

		it('without Continue On Fail, fails naming the bad record and the records stored, which stay stored', async () => {
			sim.dataFabric.addRecords('Invoice', [{ number: 'DUP' }]);
			const { error, items } = await harness.run(await many(), numbers('B-1', 'B-2', 'DUP'));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('1 of 3 records were not created; the other 2 were created');
			const ids = sim.dataFabric.records('Invoice').filter((r: { number: string }) => r.number !== 'DUP').map((r: { Id: string; number: string }) => [r.number, r.Id]);
			expect(ids).toHaveLength(2);
			const idOf = (n: string) => ids.find(([number]: string[]) => number === n)[1];
			expect(error?.description).toContain('item 2: Insert data failed. Value uniqueness violation');
			expect(error?.description).toContain(`Created: item 0 (Id ${idOf('B-1')}), item 1 (Id ${idOf('B-2')}). They stay stored: running the node again would create them again.`);
			expect(error?.context?.itemIndex).toBe(2);
			expect(calls('/insert-batch')).toHaveLength(1);
		});

		it('refuses an invalid item before sending; with Continue On Fail sends the others', async () => {
			const stopped = await harness.run(await many(), [{ number: 'C-1' }, { number: 'C-2', amount: 'lots' }]);
			expect(stopped.error?.message).toBe("Field 'amount' expects a number; got 'lots'");
			expect(stopped.error?.context?.itemIndex).toBe(1);
			expect(calls('/insert-batch')).toHaveLength(0);
			const { items } = await harness.run(await many({ continueOnFail: true }), [{ number: 'C-1' }, { number: 'C-2', amount: 'lots' }, { number: 'C-3' }]);
			expect(calls('/insert-batch').map((e) => e.body)).toEqual([numbers('C-1', 'C-3')]);
			expect(items.map((i) => i.json.number ?? i.json.error)).toEqual(['C-1', "Field 'amount' expects a number; got 'lots'", 'C-3']);
		});

		it('splits more than 1,000 records into calls of at most 1,000', async () => {
			const inputs = Array.from({ length: 2300 }, (_, i) => ({ number: `N-${i}`, amount: i }));
			const { items, error } = await harness.run(await many(), inputs);
			expect(error).toBeUndefined();
			expect(calls('/insert-batch').map((e) => e.body.length)).toEqual([1000, 1000, 300]);
			expect(items).toHaveLength(2300);
			expect(items[2299]).toMatchObject({ json: { number: 'N-2299', amount: 2299 }, pairedItem: { item: 2299 } });
			expect(sim.dataFabric.records('Invoice')).toHaveLength(2300);
		});

		it('one call per entity; a call that fails after another stored records reports both, losing none', async () => {
			const archiveId = sim.dataFabric.addEntity({ name: 'Archive', fields: [{ name: 'number', type: 'text' }] }).id;
			const node = uiNode({ resource: 'entityRecord', operation: 'createMany', entity: byId('={{ $json.entity }}'), fieldsMode: 'json', recordJson: '={{ JSON.stringify({ number: $json.number }) }}' }, 'df');
			const inputs = [{ entity: invoiceId, number: 'D-1' }, { entity: archiveId, number: 'D-2' }, { entity: invoiceId, number: 'D-3' }];
			sim.faults.add({ method: 'POST', path: new RegExp(`${archiveId}/insert-batch$`), status: 500, body: { error: 'The service is busy.', traceId: 'x' } });
			const { error } = await harness.run(node, inputs);
			const [first, second] = calls('/insert-batch');
			expect([first.path.includes(invoiceId), first.body, second.path.includes(archiveId), second.status]).toEqual([true, numbers('D-1', 'D-3'), true, 500]);
			expect(calls('/insert-batch')).toHaveLength(2);
			expect(error?.message).toBe('1 of 3 records were not created; the other 2 were created');
			expect(error?.description).toMatch(/^item 1: .*500.*The service is busy\./);
			expect(error?.description).toMatch(/Created: item 0 \(Id [0-9A-F-]{36}\), item 2 \(Id [0-9A-F-]{36}\)\./);
			expect(sim.dataFabric.records('Invoice').map((r: { number: string }) => r.number).sort()).toEqual(['D-1', 'D-3']);

			sim.faults.add({ method: 'POST', path: new RegExp(`${archiveId}/insert-batch$`), status: 500, body: { error: 'The service is busy.', traceId: 'x' } });
			const reported = await harness.run({ ...node, continueOnFail: true }, inputs.map((i) => ({ ...i, number: `E${i.number}` })));
			expect(reported.items.map((i) => [i.json.number ?? null, typeof i.json.error, i.pairedItem])).toEqual([
				['ED-1', 'undefined', { item: 0 }],
				[null, 'string', { item: 1 }],
				['ED-3', 'undefined', { item: 2 }],
			]);
			expect(reported.items[1].json.record).toEqual({ number: 'ED-2' });
		});

		it('an unknown entity fails with the API error and stores nothing', async () => {
			const node = uiNode({ resource: 'entityRecord', operation: 'createMany', entity: byId('00000000-0000-0000-0000-00000000abcd'), fieldsMode: 'json', recordJson: '{"number": "X"}' }, 'df');
			const { error } = await harness.run(node, [{}, {}]);
			expect(error?.message).toContain('404');
			expect(error?.description).toContain('Data Fabric has no such entity');
			expect(calls('/insert-batch').map((e) => e.status)).toEqual([404]);
		});
	});
});
