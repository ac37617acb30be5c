// The operations on UiPath's platform services beside Orchestrator (Data Fabric, Maestro) for
// scripts/operation-report.js: a run that works and the likeliest errors of each. `w.seed.platform` is seedPlatform's.
'use strict';

const rl = (mode, value) => ({ __rl: true, mode, value });
const NO_SCOPE = 'the credential lacks the scope';
const ON_PREM = 'an on-premises credential (no platform services there)';
const MISSING_GUID = '00000000-0000-4000-8000-0000000000ff';

/** An operation with its errors; each error is [when, parameters or (w) => parameters, extra run options]. */
function op(name, parameters, errors, extra = {}) {
	const build = (p) => (w) => (typeof p === 'function' ? p(w) : p);
	return { name, ok: (w) => ({ parameters: build(parameters)(w), ...extra }), errors: errors.map(([when, p, options = {}]) => ({ when, run: (w) => ({ ...extra, ...options, parameters: build(p)(w) }) })) };
}
/** The scope and the deployment, then the operation's own error. */
const usual = (name, parameters, own, extra = {}) =>
	op(name, parameters, [[NO_SCOPE, parameters, { credential: 'narrow' }], [ON_PREM, (w) => ({ ...(typeof parameters === 'function' ? parameters(w) : parameters), authentication: 'uiPathOnPremisesApi' }), { credential: 'onprem' }], own], extra);

const entity = (w) => rl('id', w.seed.platform.entityId);
const record = (operation, extra = {}) => (w) => ({ resource: 'entityRecord', operation, entity: entity(w), ...extra });
const instance = (operation, extra = {}) => (w) => ({ resource: 'maestroInstance', operation, instanceId: rl('id', w.seed.platform.running), ...extra });

const platformCases = [
	usual('Entity → Get Many', { resource: 'entity', operation: 'getMany', returnAll: true }, ['a name filter nothing matches', { resource: 'entity', operation: 'getMany', returnAll: true, name: 'Nope' }]),
	usual('Entity Record → Get', (w) => record('get', { recordId: w.seed.platform.recordId })(w), ['a record ID that does not exist', record('get', { recordId: MISSING_GUID.toUpperCase() })]),
	usual('Entity Record → Get Many (all)', record('getMany', { returnAll: true }), ['an entity ID that does not exist', { resource: 'entityRecord', operation: 'getMany', entity: rl('id', MISSING_GUID), returnAll: true }]),
	usual('Entity Record → Create (JSON)', record('create', { fieldsMode: 'json', recordJson: '{"orderNumber":"SO-9","amount":9}' }), ['a value of the wrong type', record('create', { fieldsMode: 'json', recordJson: '{"orderNumber":"SO-9","amount":"nine"}' })]),
	usual('Entity Record → Create Many (3 items)', record('createMany', { fieldsMode: 'json', recordJson: '={{ JSON.stringify($json) }}' }), ['one record of the three with a wrong value', record('createMany', { fieldsMode: 'json', recordJson: '={{ JSON.stringify({ orderNumber: $json.orderNumber, amount: $json.amount === 2 ? "two" : $json.amount }) }}' })], { inputs: [{ orderNumber: 'SO-31', amount: 1 }, { orderNumber: 'SO-32', amount: 2 }, { orderNumber: 'SO-33', amount: 3 }] }),
	usual('Entity Record → Update (JSON)', (w) => record('update', { fieldsMode: 'json', recordId: w.seed.platform.recordId, recordJson: '{"amount":11}' })(w), ['a record ID that does not exist', record('update', { fieldsMode: 'json', recordId: MISSING_GUID.toUpperCase(), recordJson: '{"amount":11}' })]),
	usual('Entity Record → Delete', (w) => record('delete', { recordId: w.seed.platform.recordId })(w), ['a record ID that does not exist', record('delete', { recordId: MISSING_GUID.toUpperCase() })]),
	usual('Maestro Process → Get Many', { resource: 'maestroProcess', operation: 'getMany', returnAll: true }, ['a start time that is not a time', { resource: 'maestroProcess', operation: 'getMany', returnAll: true, filters: { startedAfter: 'yesterday-ish' } }]),
	usual('Maestro Instance → Get Many (50)', { resource: 'maestroInstance', operation: 'getMany', limit: 50 }, ['a state that does not exist', { resource: 'maestroInstance', operation: 'getMany', limit: 50, filters: { states: '={{ "Runing" }}' } }]),
	usual('Maestro Instance → Get', instance('get'), ['an instance ID that does not exist', { resource: 'maestroInstance', operation: 'get', instanceId: rl('id', MISSING_GUID) }]),
	usual('Maestro Instance → Get Variables', instance('getVariables'), ['an instance ID that is not a GUID (from an expression)', { resource: 'maestroInstance', operation: 'getVariables', instanceId: rl('id', '={{ "42" }}') }]),
	usual('Maestro Instance → Get Incidents', (w) => ({ resource: 'maestroInstance', operation: 'getIncidents', instanceId: rl('id', w.seed.platform.faulted) }), ['an instance ID that does not exist', { resource: 'maestroInstance', operation: 'getIncidents', instanceId: rl('id', MISSING_GUID) }]),
	usual('Maestro Instance → Pause', instance('pause', { comment: 'hold' }), ['a completed instance', (w) => ({ resource: 'maestroInstance', operation: 'pause', instanceId: rl('id', w.seed.platform.completed) })]),
	usual('Maestro Instance → Cancel', instance('cancel'), ['a pending instance', (w) => ({ resource: 'maestroInstance', operation: 'cancel', instanceId: rl('id', w.seed.platform.pending) })]),
];

/** An entity with records and a Maestro process with an instance in each state the cases use. @param {any} sim @param {{ Id: number }} shared */
function seedPlatform(sim, shared) {
	const orders = sim.dataFabric.addEntity({ name: 'Orders', fields: [{ name: 'orderNumber', type: 'text', required: true }, { name: 'amount', type: 'number' }] });
	const [first] = sim.dataFabric.addRecords(orders.id, [{ orderNumber: 'SO-1', amount: 10 }, { orderNumber: 'SO-2', amount: 20 }]);
	const release = sim.addRelease({ folderId: shared.Id, name: 'OrderToCash', processType: 'ProcessOrchestration' });
	const start = (state) => sim.maestro.startInstance({ processKey: release.Key, state }).instanceId;
	const [running, completed, faulted, pending] = [start('Running'), start('Running'), start('Running'), start('Pending')];
	sim.maestro.setInstanceState(completed, 'Completed');
	sim.maestro.setInstanceState(faulted, 'Faulted');
	return { entityId: orders.id, recordId: first.Id, running, completed, faulted, pending };
}

module.exports = { platformCases, seedPlatform };
