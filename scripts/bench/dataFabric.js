// Data Fabric scenario: 500 records created from 500 input items by Entity Record → Create Many (batch calls of up
// to 1,000 records) beside the hand-built way, an HTTP Request node per item (one POST …/insert each).
'use strict';
const { EngineHarness } = require('../../test/harness/engine.ts');
const { APP, cloudCredential, setUp, uiNode } = require('../../test/nodes/uiPath.helpers.ts');
const { assertOk, measure, range, row, runNode } = require('./measure');

const DF_APP = { clientId: 'bench-df', clientSecret: 'bench-df-secret', scopes: [...APP.scopes, 'DataFabric.Schema.Read', 'DataFabric.Data.Read', 'DataFabric.Data.Write'] };
const isToken = (e) => e.path === '/identity_/connect/token';
const isWrite = (e) => e.method === 'POST' && /\/datafabric_\/api\/EntityService\/entity\/[^/]+\/insert(-batch)?$/.test(e.path);

/** The baseline: a token, then POST …/insert per record, as an HTTP Request node run once per item does. */
function baselineOf(sim, entityId) {
	const base = `${sim.url}/${sim.organization}/${sim.tenant}/datafabric_/api/EntityService/entity/${entityId}/insert`;
	const token = async () => {
		const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: DF_APP.clientId, client_secret: DF_APP.clientSecret, scope: DF_APP.scopes.join(' ') });
		const res = await fetch(`${sim.url}/identity_/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
		return (await res.json()).access_token;
	};
	return async (records) => {
		const bearer = await token();
		for (const record of records) {
			const res = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(record) });
			if (!res.ok) throw new Error(`baseline insert answered ${res.status}: ${await res.text()}`);
		}
	};
}

/** 9. 500 records from 500 items: Create Many (one insert-batch per 1,000) vs one insert per item. */
async function createRecords() {
	const { sim } = await setUp();
	try {
		sim.addExternalApp(DF_APP);
		const fields = [{ name: 'orderNumber', type: 'text', required: true, unique: true }, { name: 'amount', type: 'number' }];
		const ours = sim.dataFabric.addEntity({ name: 'BenchOrders', fields });
		const theirs = sim.dataFabric.addEntity({ name: 'BaselineOrders', fields });
		const records = range(500).map((i) => ({ orderNumber: `SO-${i}`, amount: i + 0.5 }));
		const harness = await EngineHarness.create();
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: DF_APP.clientId, clientSecret: DF_APP.clientSecret, scopes: DF_APP.scopes.join(' ') }), 'cloud');
		const spec = uiNode({ resource: 'entityRecord', operation: 'createMany', entity: { __rl: true, mode: 'id', value: ours.id }, fieldsMode: 'json', recordJson: '={{ JSON.stringify($json) }}' });
		const node = await measure(sim, () => runNode(harness, spec, records, 500));
		const baseline = await measure(sim, () => baselineOf(sim, theirs.id)(records));
		assertOk(node, 'ours');
		assertOk(baseline, 'baseline');
		const stored = [sim.dataFabric.records(ours.id).length, sim.dataFabric.records(theirs.id).length];
		if (stored[0] !== 500 || stored[1] !== 500) throw new Error(`stored ${stored.join(' / ')} records, expected 500 each`);
		const writes = (m) => m.requests.filter(isWrite).length;
		return [row('9 Data Fabric: 500 records from 500 items', 500, node, baseline, isToken, `write calls ${writes(node)}/${writes(baseline)} (goal 1 per batch of up to 1,000); 500 stored each`)];
	} finally {
		await sim.close();
	}
}

module.exports = { createRecords };
