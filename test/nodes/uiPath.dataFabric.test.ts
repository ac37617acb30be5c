// Entity (Data Fabric) through n8n's engine against the simulator's datafabric_ service: where the call goes (the
// platform service beside Orchestrator, on the credential's tenant), what it returns, and the errors users meet.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, legacyCredential, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const DF_APP = { clientId: 'df-app', clientSecret: 'df-secret-456', scopes: [...APP.scopes, 'DataFabric.Schema.Read', 'DataFabric.Data.Read'] };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('UiPath Entity (Data Fabric)', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let invoiceId: string;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
		sim.addExternalApp(DF_APP);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: DF_APP.clientId, clientSecret: DF_APP.clientSecret, scopes: DF_APP.scopes.join(' ') }), 'df');
		invoiceId = sim.dataFabric.addEntity({ name: 'Invoice', displayName: 'Invoices', fields: [{ name: 'number', type: 'text', required: true }, { name: 'amount', type: 'number' }] }).id;
		sim.dataFabric.addEntity({ name: 'Customer', fields: [{ name: 'name', type: 'text' }] });
		sim.dataFabric.addEntity({ name: 'InvoiceLine', fields: [{ name: 'sku', type: 'text' }] });
	});
	afterEach(async () => sim.close());

	const entityCalls = () => uiLog(sim).filter((e) => e.path.endsWith('/api/Entity'));

	it('lists the entities with their fields from datafabric_ on the same tenant, filtered by name and limited', async () => {
		const all = await harness.run(uiNode({ resource: 'entity', operation: 'getMany', returnAll: true }, 'df'));
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => i.json.name)).toEqual(['Invoice', 'Customer', 'InvoiceLine']);
		const invoice = all.items[0].json as { id: string; fields: Array<{ name: string; isSystemField: boolean }> };
		expect(invoice.id).toMatch(/^[0-9a-f-]{36}$/i);
		expect(invoice.fields.filter((f) => !f.isSystemField).map((f) => f.name)).toEqual(['number', 'amount']);
		expect(entityCalls().map((e) => e.path)).toEqual([`/${sim.organization}/${sim.tenant}/datafabric_/api/Entity`]);

		const some = await harness.run(uiNode({ resource: 'entity', operation: 'getMany', returnAll: false, limit: 1, name: 'INVOICE' }, 'df'));
		expect(some.items.map((i) => i.json.name)).toEqual(['Invoice']);
		const byDisplayName = await harness.run(uiNode({ resource: 'entity', operation: 'getMany', returnAll: true, name: 'invoices' }, 'df'));
		expect(byDisplayName.items.map((i) => i.json.name)).toEqual(['Invoice']);
	});

	it('names the scope when the application lacks it, with the API message', async () => {
		const denied = await harness.run(uiNode({ resource: 'entity', operation: 'getMany', returnAll: true }));
		expect(denied.error?.message).toContain('403');
		expect(denied.error?.description).toContain('DataFabric.Schema.Read');
		expect(entityCalls()).toHaveLength(1);
	});

	it('refuses on-premises and legacy API key credentials before any call, saying what to use', async () => {
		harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim), 'legacy');
		for (const credential of ['onprem', 'legacy']) {
			const { error } = await harness.run(uiNode({ resource: 'entity', operation: 'getMany', returnAll: true }, credential));
			expect(`${error?.message} ${error?.description}`).toMatch(/Data Fabric is a service of UiPath Automation Cloud and Automation Suite.*External Application/);
		}
		expect(entityCalls()).toHaveLength(0);
	});

	const readCalls = () => uiLog(sim).filter((e) => /\/read(\/|$)/.test(e.path));

	it('reads every record of a picked entity page by page, or up to Limit in one read, and one record by ID', async () => {
		const picked = await harness.listSearch(uiNode({ resource: 'entityRecord', operation: 'getMany' }, 'df'), 'searchEntities', 'invoice');
		expect(picked.results).toEqual([{ name: 'InvoiceLine', value: expect.any(String) }, { name: 'Invoices', value: invoiceId }]);
		sim.dataFabric.addRecords('Invoice', Array.from({ length: 2345 }, (_, i) => ({ number: `INV-${i}`, amount: i })));
		const all = await harness.run(uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId(invoiceId), returnAll: true }, 'df'));
		expect(all.error).toBeUndefined();
		expect(new Set(all.items.map((i) => i.json.number)).size).toBe(2345);
		expect(readCalls().map((e) => [e.query.start, e.query.limit])).toEqual([['0', '1000'], ['1000', '1000'], ['2000', '1000']]);

		const five = await harness.run(uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId(invoiceId), returnAll: false, limit: 5 }, 'df'));
		expect(five.items).toHaveLength(5);
		expect(readCalls().slice(3).map((e) => [e.query.start, e.query.limit])).toEqual([['0', '5']]);

		const id = String(five.items[2].json.Id);
		const one = await harness.run(uiNode({ resource: 'entityRecord', operation: 'get', entity: byId(invoiceId), recordId: id }, 'df'));
		expect([one.items.length, one.items[0]?.json.Id, one.items[0]?.json.number]).toEqual([1, id, five.items[2].json.number]);
	});

	it('says which entity or record is missing, and which scope reading records needs', async () => {
		const unknown = await harness.run(uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId('00000000-0000-0000-0000-00000000abcd'), returnAll: true }, 'df'));
		expect(unknown.error?.message).toContain('404');
		expect(unknown.error?.description).toContain('Entity → Get Many lists the entities');
		const noRecord = await harness.run(uiNode({ resource: 'entityRecord', operation: 'get', entity: byId(invoiceId), recordId: '00000000-0000-0000-0000-00000000ABCD' }, 'df'));
		expect(noRecord.error?.description).toContain('no such record');
		const empty = await harness.run(uiNode({ resource: 'entityRecord', operation: 'get', entity: byId(invoiceId), recordId: '  ' }, 'df'));
		expect(empty.error?.message).toBe('Give the Record ID');
		const denied = await harness.run(uiNode({ resource: 'entityRecord', operation: 'getMany', entity: byId(invoiceId), returnAll: true }));
		expect(denied.error?.description).toContain('DataFabric.Data.Read');
	});
});
