// The operations of scripts/operation-report.js: each with the parameters of a run that works, and its three
// likeliest errors (how to provoke each one). `w.seed` is what seed.js made.
'use strict';

const rl = (mode, value) => ({ __rl: true, mode, value });
const nowhere = { __rl: true, mode: 'path', value: 'Nowhere' };
const NO_SCOPE = 'the credential lacks the scope';
const NO_FOLDER = 'the folder does not exist';
/** No folder: an expression that comes out empty (a fixed empty one n8n refuses before the run). */
const NO_FOLDER_PICKED = (parameters) => ['no folder (an expression that comes out empty)', { ...parameters, folder: { __rl: true, mode: 'list', value: '={{ "" }}' } }];

/** An operation: `ok(w)` gives the working run's parameters; each error gives its own. */
function op(name, parameters, errors, extra = {}) {
	return {
		name,
		ok: typeof parameters === 'function' ? (w, p) => ({ parameters: parameters(w, p), ...extra }) : { parameters, ...extra },
		prepare: extra.prepare,
		errors: errors.map(([when, run, options = {}]) => ({
			when,
			prepare: options.prepare ?? extra.prepare,
			run: (w, p) => ({ ...extra, ...options, parameters: typeof run === 'function' ? run(w, p) : run }),
		})),
	};
}
/** The usual three: the scope, the folder, and one of the operation's own. */
function usual(name, base, own, extra = {}) {
	const params = (w, p) => (typeof base === 'function' ? base(w, p) : base);
	return op(name, base, [[NO_SCOPE, params, { credential: extra.narrow ?? 'narrow' }], [NO_FOLDER, (w, p) => ({ ...params(w, p), folder: nowhere })], own], extra);
}

const job = (operation, extra = {}) => ({ resource: 'job', operation, ...extra });
const startTransaction = async (w) => {
	const r = await w.harness.run(require('../../test/nodes/uiPath.helpers.ts').uiNode({ resource: 'queueTransaction', operation: 'start', folder: require('../../test/nodes/uiPath.helpers.ts').inFolder(), queue: rl('name', 'Invoices') }, 'full'));
	return { itemId: String(r.items[0].json.Id) };
};

const cases = [
	usual('Job → Start (by name)', job('start', { process: rl('name', 'InvoiceProcessing'), inputArguments: '{"invoiceId":"INV-1"}' }), ['a process name that does not exist', job('start', { process: rl('name', 'Nope') })]),
	usual('Job → Start (key, Using Fields Below)', (w) => job('start', { process: rl('list', w.seed.release.Key), argumentsMode: 'fields', inputFields: { mappingMode: 'defineBelow', value: { invoiceId: '={{ $json.id }}' }, matchingColumns: [], schema: [{ id: 'invoiceId', displayName: 'invoiceId (String)', type: 'string', required: true, defaultMatch: false, display: true }], attemptToConvertTypes: false, convertFieldsToString: false } }), [
		'a required argument comes out empty',
		(w) => job('start', { process: rl('list', w.seed.release.Key), argumentsMode: 'fields', inputFields: { mappingMode: 'defineBelow', value: { invoiceId: '={{ $json.none }}' }, matchingColumns: [], schema: [{ id: 'invoiceId', displayName: 'invoiceId (String)', type: 'string', required: true, defaultMatch: false, display: true }], attemptToConvertTypes: false, convertFieldsToString: false } }),
	], { inputs: [{ id: 'INV-2' }] }),
	usual('Job → Start and wait', job('start', { process: rl('name', 'InvoiceProcessing'), inputArguments: '{"invoiceId":"INV-1"}', waitForCompletion: true, startOptions: { pollInterval: 1 } }), ['input arguments that are not JSON', job('start', { process: rl('name', 'InvoiceProcessing'), inputArguments: '{invoiceId: 1' })]),
	usual('Job → Get', (w) => job('get', { jobId: String(w.seed.finished.Id) }), ['a job ID that does not exist', job('get', { jobId: '999999' })]),
	usual('Job → Get Many (50)', job('getMany', { limit: 50 }), ['a filter date that is not a date', job('getMany', { filters: { createdAfter: 'yesterday-ish' } })]),
	usual('Job → Stop', (w) => job('stop', { jobId: String(w.seed.running.Id) }), ['a job ID that does not exist', job('stop', { jobId: '999999' })]),
	usual('Job → Restart', (w) => job('restart', { jobId: String(w.seed.faulted.Id) }), ['a job still running', (w) => job('restart', { jobId: String(w.seed.running.Id) })]),
	usual('Job → Resume', (w) => job('resume', { jobId: String(w.seed.suspended.Id) }), ['a job that is not suspended', (w) => job('resume', { jobId: String(w.seed.finished.Id) })]),
	usual('Job → Get Logs', (w) => job('getLogs', { jobId: String(w.seed.faulted.Id), returnAll: true }), ['a job ID that does not exist', job('getLogs', { jobId: '999999', returnAll: true })]),
	usual('Process → Get', (w) => ({ resource: 'process', operation: 'get', processId: String(w.seed.release.Id) }), ['a process ID that does not exist', { resource: 'process', operation: 'get', processId: '999999' }]),
	usual('Process → Get Many', { resource: 'process', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'process', operation: 'getMany', returnAll: true })),
	op('Folder → Get Many', { resource: 'folder', operation: 'getMany', returnAll: true }, [
		[NO_SCOPE, { resource: 'folder', operation: 'getMany', returnAll: true }, { credential: 'cloudNoFolders' }],
		['a tenant name that does not exist', { resource: 'folder', operation: 'getMany', returnAll: true }, { credential: 'cloudWrongTenant' }],
		['an on-premises credential whose password is wrong', { resource: 'folder', operation: 'getMany', authentication: 'uiPathOnPremisesApi' }, { credential: 'onpremBad' }],
	]),
	usual('Robot → Get Many', { resource: 'robot', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'robot', operation: 'getMany', returnAll: true })),
	usual('Queue → Get Many', { resource: 'queue', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'queue', operation: 'getMany', returnAll: true })),
	usual('Queue Item → Add (one per item)', { resource: 'queueItem', operation: 'add', queue: rl('name', 'Invoices'), specificContentInput: 'json', specificContentJson: '{"invoiceId":"INV-9"}', addOptions: { reference: 'INV-9' } }, ['a reference already in the queue', { resource: 'queueItem', operation: 'add', queue: rl('name', 'Invoices'), specificContentInput: 'json', specificContentJson: '{"invoiceId":"INV-1"}', addOptions: { reference: 'INV-1' } }]),
	usual('Queue Item → Add (bulk, 3 items)', { resource: 'queueItem', operation: 'add', addMode: 'bulk', queue: rl('name', 'Invoices'), specificContentInput: 'json', specificContentJson: '={{ JSON.stringify({ n: $json.n }) }}' }, ['a queue name that does not exist', { resource: 'queueItem', operation: 'add', addMode: 'bulk', queue: rl('name', 'Nope'), specificContentInput: 'json', specificContentJson: '{"n":1}' }], { inputs: [{ n: 1 }, { n: 2 }, { n: 3 }] }),
	usual('Queue Item → Get', (w) => ({ resource: 'queueItem', operation: 'get', queueItemId: String(w.seed.item.Id) }), ['a queue item ID that does not exist', { resource: 'queueItem', operation: 'get', queueItemId: '999999' }]),
	usual('Queue Item → Get Many (50)', { resource: 'queueItem', operation: 'getMany', limit: 50 }, NO_FOLDER_PICKED({ resource: 'queueItem', operation: 'getMany', limit: 50 })),
	usual('Queue Item → Update', (w) => ({ resource: 'queueItem', operation: 'update', queueItemId: String(w.seed.item.Id), updateFields: { priority: 'High' } }), ['a queue item ID that does not exist', { resource: 'queueItem', operation: 'update', queueItemId: '999999', updateFields: { priority: 'High' } }]),
	usual('Queue Item → Delete', (w) => ({ resource: 'queueItem', operation: 'delete', queueItemId: String(w.seed.item.Id) }), ['an item being processed', (w, p) => ({ resource: 'queueItem', operation: 'delete', queueItemId: p.itemId }), { prepare: startTransaction }]),
	usual('Queue Transaction → Start', { resource: 'queueTransaction', operation: 'start', queue: rl('name', 'Invoices') }, ['a queue name that does not exist', { resource: 'queueTransaction', operation: 'start', queue: rl('name', 'Nope') }]),
	usual('Queue Transaction → Set Progress', (w, p) => ({ resource: 'queueTransaction', operation: 'setProgress', queueItemId: p.itemId, progress: 'half way' }), ['an item not in progress', (w) => ({ resource: 'queueTransaction', operation: 'setProgress', queueItemId: String(w.seed.item2.Id), progress: 'x' })], { prepare: startTransaction }),
	usual('Queue Transaction → Set Result', (w, p) => ({ resource: 'queueTransaction', operation: 'setResult', queueItemId: p.itemId, result: 'successful', output: '{"ok":true}' }), ['an item not in progress', (w) => ({ resource: 'queueTransaction', operation: 'setResult', queueItemId: String(w.seed.item2.Id), result: 'successful' })], { prepare: startTransaction }),
	op('Machine → Get Many', { resource: 'machine', operation: 'getMany', returnAll: true }, [
		[NO_SCOPE, { resource: 'machine', operation: 'getMany', returnAll: true }, { credential: 'narrow' }],
		['a tenant name that does not exist', { resource: 'machine', operation: 'getMany', returnAll: true }, { credential: 'cloudWrongTenant' }],
		['a client secret that is wrong', { resource: 'machine', operation: 'getMany', returnAll: true }, { credential: 'cloudBadSecret' }],
	]),
	usual('Session → Get Many', { resource: 'session', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'session', operation: 'getMany', returnAll: true })),
	usual('Process Schedule → Get Many', { resource: 'processSchedule', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'processSchedule', operation: 'getMany', returnAll: true })),
	usual('Process Schedule → Disable', (w) => ({ resource: 'processSchedule', operation: 'disable', scheduleId: String(w.seed.schedule.Id) }), ['a schedule ID that does not exist', { resource: 'processSchedule', operation: 'disable', scheduleId: '999999' }]),
	usual('Process Schedule → Enable', (w) => ({ resource: 'processSchedule', operation: 'enable', scheduleId: String(w.seed.schedule.Id) }), ['a schedule ID that is not a number', { resource: 'processSchedule', operation: 'enable', scheduleId: 'Nightly' }]),
	usual('Asset → Get', { resource: 'asset', operation: 'get', assetName: 'Mailbox' }, ['an asset name that does not exist', { resource: 'asset', operation: 'get', assetName: 'Nope' }]),
	usual('Asset → Get Many', { resource: 'asset', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'asset', operation: 'getMany', returnAll: true })),
	usual('Asset → Create (Text)', { resource: 'asset', operation: 'create', assetName: 'NewOne', valueType: 'Text', textValue: 'x' }, ['a name already taken', { resource: 'asset', operation: 'create', assetName: 'Mailbox', valueType: 'Text', textValue: 'x' }]),
	usual('Asset → Update', { resource: 'asset', operation: 'update', assetName: 'Mailbox', valueType: 'Text', textValue: 'b@acme.test' }, ['an asset name that does not exist', { resource: 'asset', operation: 'update', assetName: 'Nope', valueType: 'Text', textValue: 'x' }]),
	usual('Asset → Delete', { resource: 'asset', operation: 'delete', assetName: 'Mailbox' }, ['an asset name that does not exist', { resource: 'asset', operation: 'delete', assetName: 'Nope' }]),
	usual('Bucket → Get Many', { resource: 'bucket', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'bucket', operation: 'getMany', returnAll: true })),
	usual('Bucket File → Get Many', (w) => ({ resource: 'bucketFile', operation: 'getMany', bucket: rl('id', String(w.seed.bucket.Id)), recursive: true, returnAll: true }), ['a bucket ID that does not exist', { resource: 'bucketFile', operation: 'getMany', bucket: rl('id', '999999'), returnAll: true }]),
	usual('Bucket File → Upload', (w) => ({ resource: 'bucketFile', operation: 'upload', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'out/note.txt' }), ['no binary field of that name on the item', (w) => ({ resource: 'bucketFile', operation: 'upload', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'out/note.txt', binaryPropertyName: 'attachment' })], { file: 'hello' }),
	usual('Bucket File → Download', (w) => ({ resource: 'bucketFile', operation: 'download', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'in/a.txt' }), ['a file path that does not exist', (w) => ({ resource: 'bucketFile', operation: 'download', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'in/nope.txt' })]),
	usual('Bucket File → Delete', (w) => ({ resource: 'bucketFile', operation: 'delete', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'in/a.txt' }), ['a file path that does not exist', (w) => ({ resource: 'bucketFile', operation: 'delete', bucket: rl('id', String(w.seed.bucket.Id)), filePath: 'in/nope.txt' })]),
	usual('Task → Create (generic)', { resource: 'task', operation: 'create', title: 'Approve invoice', taskData: '{"invoiceId":42}' }, ['task data that is not JSON', { resource: 'task', operation: 'create', title: 'Approve invoice', taskData: '{oops' }]),
	usual('Task → Get', (w) => ({ resource: 'task', operation: 'get', taskId: String(w.seed.task.id) }), ['a task ID that does not exist', { resource: 'task', operation: 'get', taskId: '999999' }]),
	usual('Task → Get Many', { resource: 'task', operation: 'getMany', returnAll: true }, NO_FOLDER_PICKED({ resource: 'task', operation: 'getMany', returnAll: true })),
	usual('Task → Assign (from the list)', (w) => ({ resource: 'task', operation: 'assign', taskId: String(w.seed.task.id), user: rl('list', String(w.seed.user.id)) }), ['a user name that does not exist', (w) => ({ resource: 'task', operation: 'assign', taskId: String(w.seed.task.id), user: rl('email', 'nobody@acme.test') })]),
	usual('Task → Complete', (w, p) => ({ resource: 'task', operation: 'complete', taskId: String(w.seed.task.id), action: 'Approve' }), ['a task nobody was assigned', (w) => ({ resource: 'task', operation: 'complete', taskId: String(w.seed.task.id), action: 'Approve' }), { prepare: async () => ({}) }], {
		prepare: async (w) => {
			const { uiNode, inFolder } = require('../../test/nodes/uiPath.helpers.ts');
			await w.harness.run(uiNode({ resource: 'task', operation: 'assign', folder: inFolder(), taskId: String(w.seed.task.id), user: rl('id', String(w.seed.user.id)) }, 'full'));
			return {};
		},
	}),
	usual('Custom API Call → Send (GET, Return All)', { resource: 'customApiCall', operation: 'send', method: 'GET', path: '/odata/Releases', returnAll: true }, ['a path that does not exist', { resource: 'customApiCall', operation: 'send', method: 'GET', path: '/odata/Nope' }]),
	op('Account → Get Many', { resource: 'account', operation: 'getMany' }, [
		['an External Application credential, not the legacy API key', { resource: 'account', operation: 'getMany' }, { credential: 'full' }],
		['a user key that is wrong', { resource: 'account', operation: 'getMany' }, { credential: 'legacyBad' }],
		['an account URL that is not UiPath', { resource: 'account', operation: 'getMany' }, { credential: 'legacyWrongUrl' }],
	], { credential: 'legacy' }),
	op('Tenant → Get Many', { resource: 'tenant', operation: 'getMany' }, [
		['an account logical name that does not exist', { resource: 'tenant', operation: 'getMany', accountLogicalName: 'nope' }],
		['an External Application credential, not the legacy API key', { resource: 'tenant', operation: 'getMany' }, { credential: 'full' }],
		['a user key that is wrong', { resource: 'tenant', operation: 'getMany' }, { credential: 'legacyBad' }],
	], { credential: 'legacy' }),
];

module.exports = { cases };
