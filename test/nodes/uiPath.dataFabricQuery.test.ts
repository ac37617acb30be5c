// Entity Record (Data Fabric) → Get Many with Filters and Sort through n8n's engine against the simulator:
// POST …/query with filterGroup / sortOptions and offset paging in the body; without them, GET …/read as before.
import type { EngineHarness } from '../harness/engine';
import { byId, setUpWithScopes, uiLog, uiNode, type UiSim } from './uiPath.helpers';


describe('UiPath Entity Record (Data Fabric): Get Many with filters and sort', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let invoiceId: string;

	beforeEach(async () => {
		({ sim, harness } = await setUpWithScopes(['DataFabric.Schema.Read', 'DataFabric.Data.Read'], 'df'));
		sim.dataFabric.addChoiceSet('InvoiceStatus', ['Open', 'Paid', 'Void']);
		invoiceId = sim.dataFabric.addEntity({
			name: 'Invoice',
			fields: [
				{ name: 'number', type: 'text' },
				{ name: 'amount', type: 'number' },
				{ name: 'paid', type: 'boolean' },
				{ name: 'status', type: 'choiceSet', choiceSet: 'InvoiceStatus' },
			],
		}).id;
		sim.dataFabric.addRecords('Invoice', [1, 2, 3, 4, 5].map((i) => ({ number: `INV-${i}`, amount: i * 10, paid: i % 2 === 1, status: i % 3 })));
	});
	afterEach(async () => sim.close());

	const queries = () => uiLog(sim).filter((e) => e.path.endsWith('/query'));
	const reads = () => uiLog(sim).filter((e) => e.path.endsWith('/read'));
	const getMany = (extra: Record<string, unknown>) => uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId(invoiceId), returnAll: true, ...extra }, 'df');
	const filters = (...filter: Array<Record<string, unknown>>) => ({ filter });

	it('sends the filters and sort as a query, values as strings, and returns the matching records in order', async () => {
		const node = getMany({
			recordFilters: filters({ field: 'amount', operator: '>=', value: '={{ $json.min }}' }, { field: 'paid', operator: '=', value: 'true' }),
			recordSort: { sortBy: [{ field: 'amount', descending: true }] },
		});
		const { items, error } = await harness.run(node, [{ min: 20 }]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.number)).toEqual(['INV-5', 'INV-3']);
		const [post, ...more] = queries();
		expect(more).toHaveLength(0);
		expect(post.method).toBe('POST');
		expect(post.body).toEqual({
			filterGroup: { logicalOperator: 0, queryFilters: [{ fieldName: 'amount', operator: '>=', value: '20' }, { fieldName: 'paid', operator: '=', value: 'true' }] },
			sortOptions: [{ fieldName: 'amount', isDescending: true }],
			start: 0,
			limit: 1000,
		});
		expect(reads()).toHaveLength(0);
	});

	it('joins filters with OR on Any Filter, sends a list for Is One Of, and sorts without filters', async () => {
		const any = await harness.run(getMany({ filterMatch: 'or', recordFilters: filters({ field: 'number', operator: 'in', value: 'inv-1, INV-4' }, { field: 'status', operator: '=', value: '2' }) }));
		expect(any.items.map((i) => i.json.number).sort()).toEqual(['INV-1', 'INV-2', 'INV-4', 'INV-5']);
		expect(queries()[0].body.filterGroup).toEqual({
			logicalOperator: 1,
			queryFilters: [{ fieldName: 'number', operator: 'in', valueList: ['inv-1', 'INV-4'] }, { fieldName: 'status', operator: '=', value: '2' }],
		});
		const sorted = await harness.run(getMany({ returnAll: false, limit: 2, recordSort: { sortBy: [{ field: 'number', descending: true }] } }));
		expect(sorted.items.map((i) => i.json.number)).toEqual(['INV-5', 'INV-4']);
		expect(queries()[1].body).toEqual({ sortOptions: [{ fieldName: 'number', isDescending: true }], start: 0, limit: 2 });
	});

	it('reads every match page by page with start and limit in the body, or up to Limit', async () => {
		sim.dataFabric.addRecords('Invoice', Array.from({ length: 2100 }, (_, i) => ({ number: `BULK-${i}`, amount: 1000 + i })));
		const node = getMany({ recordFilters: filters({ field: 'number', operator: 'startswith', value: 'bulk-' }) });
		const { items, error } = await harness.run(node);
		expect(error).toBeUndefined();
		expect(new Set(items.map((i) => i.json.number)).size).toBe(2100);
		expect(queries().map((e) => [e.body.start, e.body.limit])).toEqual([[0, 1000], [1000, 1000], [2000, 1000]]);
		expect(Object.keys(queries()[0].query)).toEqual([]);
		const five = await harness.run({ ...node, parameters: { ...node.parameters, returnAll: false, limit: 5 } as never });
		expect(five.items).toHaveLength(5);
		expect(queries().slice(3).map((e) => [e.body.start, e.body.limit])).toEqual([[0, 5]]);
	});

	it('keeps GET …/read without filters or sort', async () => {
		const { items } = await harness.run(getMany({}));
		expect(items).toHaveLength(5);
		expect(reads()).toHaveLength(1);
		expect(queries()).toHaveLength(0);
	});

	it('refuses a filter whose value comes out empty before any call, and keeps the API message for an unknown field', async () => {
		const empty = await harness.run(getMany({ recordFilters: filters({ field: 'amount', operator: '>', value: '={{ $json.nothing }}' }) }));
		expect(empty.error?.message).toBe("Filter 1 ('amount' >) has an empty value");
		const noField = await harness.run(getMany({ recordFilters: filters({ field: ' ', operator: '=', value: '1' }) }));
		expect(noField.error?.message).toBe('Filter 1 has no field');
		expect(queries()).toHaveLength(0);
		const unknown = await harness.run(getMany({ recordFilters: filters({ field: 'Amount', operator: '=', value: '10' }) }));
		expect(unknown.error?.message).toContain('400');
		expect(`${unknown.error?.message} ${unknown.error?.description}`).toContain("field 'Amount' does not exist on entity 'Invoice'");
		const notANumber = await harness.run(getMany({ recordFilters: filters({ field: 'amount', operator: '=', value: 'ten' }) }));
		expect(`${notANumber.error?.message} ${notANumber.error?.description}`).toContain("'ten' is not a number");
		expect(queries().map((e) => e.status)).toEqual([400, 400]);
	});
});
