'use strict';
/**
 * The UiPath platform beyond Orchestrator (issue 21) in real n8n, run by breadth.e2e.js beside the breadth cases:
 * orders written to a Data Fabric entity in one batch call, then a Maestro process started once for them and
 * waited for until its instance ends; and a batch with one bad record, whose outcome is per record.
 */
const assert = require('node:assert/strict');

/** The scopes these cases need beside the breadth ones. */
const PLATFORM_SCOPES = ['DataFabric.Schema.Read', 'DataFabric.Data.Read', 'DataFabric.Data.Write', 'PIMS'];

/** A Code node that emits the given orders as items. */
function ordersNode(/** @type {string} */ name, /** @type {object[]} */ orders) {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(orders)}.map((json) => ({ json }));` } };
}

/**
 * @param {any} ui the simulator
 * @param {any} folder the Breadth folder
 * @param {(name: string, parameters: Record<string, unknown>) => any} uiPathNode
 */
function platformCases(ui, folder, uiPathNode) {
	const entity = ui.dataFabric.addEntity({
		name: 'E2eOrders',
		fields: [
			{ name: 'orderNumber', type: 'text', required: true, unique: true },
			{ name: 'amount', type: 'number' },
		],
	});
	const release = ui.addRelease({ folderId: folder.Id, name: 'OrderToCash', processType: 'ProcessOrchestration', maestroAutoEnd: { afterMs: 3000 } });
	const orders = Array.from({ length: 5 }, (_, i) => ({ orderNumber: `E2E-${100 + i}`, amount: 10 + i }));
	const entityRef = { __rl: true, mode: 'id', value: entity.id };
	const createMany = (/** @type {string} */ name, extra = {}) =>
		uiPathNode(name, { resource: 'entityRecord', operation: 'createMany', entity: entityRef, fieldsMode: 'json', recordJson: '={{ JSON.stringify($json) }}', ...extra });
	const batches = (/** @type {any[]} */ calls) => calls.filter((e) => e.method === 'POST' && /\/datafabric_\/api\/EntityService\/entity\/[^/]+\/insert-batch$/.test(e.path));
	return [
		{
			resource: 'Entity Record → Create Many, then a Maestro process waited for',
			name: 'Platform orders to Maestro',
			nodes: [
				ordersNode('Orders', orders),
				createMany('Write the orders'),
				{
					...uiPathNode('Start OrderToCash', {
						resource: 'job', operation: 'start', process: { __rl: true, mode: 'name', value: 'OrderToCash' }, strategy: 'ModernJobsCount', jobsCount: 1,
						inputArguments: '={{ JSON.stringify({ orders: $input.all().length }) }}', waitForCompletion: true, waitTimeout: 120, startOptions: { pollInterval: 1 },
					}),
					executeOnce: true,
				},
			],
			check: (/** @type {any} */ _r, /** @type {(node: string) => any[]} */ out, /** @type {any[]} */ calls) => {
				const written = out('Write the orders');
				assert.deepEqual(written.map((r) => r.orderNumber), orders.map((o) => o.orderNumber));
				assert.ok(written.every((r) => /^[0-9A-F-]{36}$/i.test(String(r.Id))), 'each output item is the stored record with its Id');
				assert.equal(batches(calls).length, 1, 'one insert-batch call for the 5 items');
				assert.deepEqual(ui.dataFabric.records(entity.id).map((/** @type {any} */ r) => r.orderNumber).sort(), orders.map((o) => o.orderNumber));
				const [job] = out('Start OrderToCash');
				assert.equal(job.ProcessType, 'ProcessOrchestration');
				assert.equal(job.maestroInstanceId, job.Key);
				assert.equal(job.maestroInstance?.latestRunStatus, 'Completed', `the instance ended: ${JSON.stringify(job.maestroInstance)}`);
				assert.equal(ui.maestro.instance(job.Key)?.latestRunStatus, 'Completed');
				assert.equal(calls.filter((e) => e.path.endsWith('StartJobs')).length, 1, 'one StartJobs for the batch (Execute Once)');
				assert.ok(calls.some((e) => e.path.includes('/pims_/api/v1/instances/') && e.status === 200), 'the wait read the instance from Maestro');
				assert.equal(release.ProcessType, 'ProcessOrchestration');
			},
		},
		{
			resource: 'Entity Record → Create Many with one bad record (Continue On Fail)',
			name: 'Platform batch with a bad record',
			nodes: [
				ordersNode('Orders', [{ orderNumber: 'E2E-200', amount: 1 }, { orderNumber: 'E2E-201', amount: 'twelve' }, { orderNumber: 'E2E-202', amount: 3 }]),
				{ ...createMany('Write the orders'), onError: 'continueRegularOutput' },
			],
			check: (/** @type {any} */ _r, /** @type {(node: string) => any[]} */ out, /** @type {any[]} */ calls) => {
				const items = out('Write the orders');
				assert.equal(items.length, 3, 'one outcome per input item');
				assert.deepEqual([items[0].orderNumber, items[2].orderNumber], ['E2E-200', 'E2E-202']);
				assert.match(String(items[1].error ?? ''), /amount/, `the bad record's error names the field: ${JSON.stringify(items[1])}`);
				assert.ok(batches(calls).length <= 1, 'at most one batch call');
				const stored = ui.dataFabric.records(entity.id).map((/** @type {any} */ r) => r.orderNumber);
				assert.ok(stored.includes('E2E-200') && stored.includes('E2E-202') && !stored.includes('E2E-201'), `the good records were stored, the bad one not: ${stored}`);
			},
		},
	];
}

module.exports = { platformCases, PLATFORM_SCOPES };
