#!/usr/bin/env node
'use strict';
/**
 * The UiPath node's breadth operations (issue 11) in a real n8n 2.41.1 (Node 24) against the UiPath simulator: one
 * workflow per new resource, all executed with `n8n execute` in ONE n8n user folder, one cloud External
 * Application credential holding the scopes they need. Each execution is checked against its output and the
 * simulator's state and log; a figures table gives the ms per execution and the requests each one made.
 * Run `npm run build` first (the package is packed from dist/), then `node test/e2e/breadth.e2e.js`;
 * test/e2e/run.js calls `runBreadthE2e()` too.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./lib/n8n');
const wf = require('./lib/workflows');
const { startUiPathSimulator } = require('../simulators/uipath');
const { platformCases, PLATFORM_SCOPES } = require('./platformCases');

const PKG = 'n8n-nodes-rpa';
const SCOPES = ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Assets', 'OR.Robots.Read', 'OR.Monitoring.Read', 'OR.Administration', 'OR.Machines.Read', 'OR.Tasks', ...PLATFORM_SCOPES];
const APP = { clientId: 'e2e-breadth', clientSecret: 'e2e-breadth-secret', scopes: SCOPES };
const CRED = { id: 'e2eUiBreadth0001', name: 'UiPath Cloud (breadth)', type: 'uiPathCloudOAuthApi' };
const FOLDER = { __rl: true, mode: 'path', value: 'Breadth' };
const log = (/** @type {string} */ line) => process.stderr.write(`[breadth e2e] ${line}\n`);

/** A UiPath node with the one credential, in the Breadth folder unless `folder` is given. */
function uiPathNode(/** @type {string} */ name, /** @type {Record<string, unknown>} */ parameters) {
	return {
		name,
		type: `${PKG}.uiPath`,
		typeVersion: 1,
		parameters: { authentication: CRED.type, folder: FOLDER, ...parameters },
		credentials: { [CRED.type]: { id: CRED.id, name: CRED.name } },
	};
}

/** A Code node (n8n 2.41.1's `code` v2) that emits one item with a text file as binary `data`. */
function fileNode(/** @type {string} */ name, /** @type {string} */ text) {
	const jsCode = `return [{ json: { made: true }, binary: { data: { data: Buffer.from(${JSON.stringify(text)}).toString('base64'), mimeType: 'text/plain', fileName: 'note.txt' } } }];`;
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode } };
}

/** The first binary of a node's first output item, from the run data `n8n execute` printed. */
function binaryOf(/** @type {any} */ result, /** @type {string} */ nodeName, /** @type {string} */ property) {
	return result.runData?.[nodeName]?.[0]?.data?.main?.[0]?.[0]?.binary?.[property];
}

/**
 * What the simulator holds and each workflow (the node(s) after a Manual Trigger) with its check.
 * @param {any} ui the simulator
 */
function cases(ui) {
	const folder = ui.addFolder({ displayName: 'Breadth' });
	const release = ui.addRelease({ folderId: folder.Id, name: 'Breadth_Prod' });
	const robot = ui.addRobot({ folderId: folder.Id, name: 'breadth-bot' });
	const faulted = ui.addJob({ folderId: folder.Id, releaseId: release.Id, state: 'Faulted' });
	ui.addRobotLog({ jobId: faulted.Id, level: 'Info', message: 'Opened the invoice' });
	ui.addRobotLog({ jobId: faulted.Id, level: 'Error', message: 'Selector not found' });
	const queue = ui.addQueue({ folderId: folder.Id, name: 'Invoices' });
	ui.addQueue({ folderId: folder.Id, name: 'Payments' });
	const toUpdate = ui.addQueueItem({ queueId: queue.Id, priority: 'Low', specificContent: { n: 1 }, reference: 'UPD-1' });
	const work = ui.addQueue({ folderId: folder.Id, name: 'Work' });
	const workItem = ui.addQueueItem({ queueId: work.Id, specificContent: { invoice: 'INV-7' }, reference: 'WORK-1' });
	const bucket = ui.addBucket({ folderId: folder.Id, name: 'Inbox' });
	ui.addBucket({ folderId: folder.Id, name: 'Archive' });
	const scan = Buffer.from(Array.from({ length: 150_000 }, (_, i) => i % 251));
	ui.putBucketFile(bucket.Id, 'in/scan.png', scan, 'image/png');
	ui.addMachine({ name: 'Breadth Pool' });
	ui.addSession({ robotId: robot.Id });
	const nightly = ui.addSchedule({ releaseId: release.Id, name: 'Nightly', enabled: true });
	const bucketRef = { __rl: true, mode: 'list', value: String(bucket.Id) };

	/** @type {Array<{ resource: string, name: string, nodes: any[], check: (result: any, out: (node: string) => any[], calls: any[]) => void }>} */
	return [
		...platformCases(ui, folder, uiPathNode),
		{
			resource: 'Job → Get Logs',
			name: 'Job Get Logs',
			nodes: [uiPathNode('Get Logs', { resource: 'job', operation: 'getLogs', jobId: String(faulted.Id), minLevel: 'Trace', returnAll: true })],
			check: (_r, out) => {
				const messages = out('Get Logs').map((i) => i.Message);
				assert.ok(messages.includes('Selector not found') && messages.includes('Opened the invoice'), `the job's logs: ${JSON.stringify(messages)}`);
			},
		},
		{
			resource: 'Queue → Get Many',
			name: 'Queue Get Many',
			nodes: [uiPathNode('Queues', { resource: 'queue', operation: 'getMany', returnAll: true })],
			check: (_r, out) => assert.deepEqual(out('Queues').map((q) => q.Name).sort(), ['Invoices', 'Payments', 'Work']),
		},
		{
			resource: 'Queue Item → Update',
			name: 'Queue Item Update',
			nodes: [uiPathNode('Update Item', { resource: 'queueItem', operation: 'update', queueItemId: String(toUpdate.Id), updateFields: { priority: 'High', specificContent: '{"n": 2}' } })],
			check: (_r, out, calls) => {
				assert.ok(calls.some((c) => c.method === 'PUT' && c.path.endsWith(`/odata/QueueItems(${toUpdate.Id})`) && c.status < 300), 'one PUT QueueItems(id)');
				const held = ui.queueItems.find((/** @type {any} */ i) => i.Id === toUpdate.Id);
				assert.equal(held.Priority, 'High', 'the simulator holds the new priority');
				assert.equal(out('Update Item').length, 1);
			},
		},
		{
			resource: 'Queue Transaction → Start + Set Result',
			name: 'Queue Transaction',
			nodes: [
				uiPathNode('Start Transaction', { resource: 'queueTransaction', operation: 'start', queue: { __rl: true, mode: 'name', value: 'Work' } }),
				uiPathNode('Set Result', { resource: 'queueTransaction', operation: 'setResult', queueItemId: '={{ $json.Id }}', result: 'successful', output: '{"BookingId": "B-17"}' }),
			],
			check: (_r, out) => {
				assert.equal(out('Start Transaction')[0]?.Id, workItem.Id, 'the transaction took the Work item');
				assert.equal(out('Set Result').length, 1);
				const held = ui.queueItems.find((/** @type {any} */ i) => i.Id === workItem.Id);
				assert.equal(held.Status, 'Successful', 'the item ended Successful');
			},
		},
		{
			resource: 'Asset → Create (Text)',
			name: 'Asset Create',
			nodes: [uiPathNode('Create Asset', { resource: 'asset', operation: 'create', assetName: 'Mailbox', valueType: 'Text', textValue: 'invoices@acme.test' })],
			check: (_r, out, calls) => {
				assert.ok(calls.some((c) => c.method === 'POST' && c.path.endsWith('/odata/Assets') && c.status === 201), 'POST /odata/Assets → 201');
				assert.equal(out('Create Asset')[0]?.Name, 'Mailbox');
				assert.equal(out('Create Asset')[0]?.value, 'invoices@acme.test');
			},
		},
		{
			resource: 'Bucket → Get Many',
			name: 'Bucket Get Many',
			nodes: [uiPathNode('Buckets', { resource: 'bucket', operation: 'getMany', returnAll: true })],
			check: (_r, out) => assert.deepEqual(out('Buckets').map((b) => b.Name).sort(), ['Archive', 'Inbox']),
		},
		{
			resource: 'Bucket File → Download',
			name: 'Bucket File Download',
			nodes: [uiPathNode('Download', { resource: 'bucketFile', operation: 'download', bucket: bucketRef, filePath: 'in/scan.png', binaryPropertyName: 'scan' })],
			check: (result, out) => {
				assert.equal(out('Download')[0]?.fileName, 'scan.png');
				const binary = binaryOf(result, 'Download', 'scan');
				assert.ok(binary, `a binary "scan" in the run data: ${JSON.stringify(result.runData?.Download?.[0]?.data?.main?.[0]?.[0])?.slice(0, 500)}`);
				assert.equal(binary.mimeType, 'image/png');
				if (binary.bytes !== undefined) assert.equal(binary.bytes, scan.length, 'binary bytes');
				else assert.match(String(binary.fileSize), /^1(46|47|50)(\.\d+)? ?kB$/i, `binary fileSize ${binary.fileSize}`);
				log(`downloaded binary: ${binary.fileName}, ${binary.mimeType}, fileSize ${binary.fileSize}, bytes ${binary.bytes} (seeded ${scan.length} bytes)`);
			},
		},
		{
			resource: 'Bucket File → Upload',
			name: 'Bucket File Upload',
			nodes: [fileNode('Make File', 'hello from n8n\n'), uiPathNode('Upload', { resource: 'bucketFile', operation: 'upload', bucket: bucketRef, filePath: '/out/note.txt', binaryPropertyName: 'data' })],
			check: (_r, out, calls) => {
				assert.equal(out('Upload')[0]?.FullPath, 'out/note.txt');
				const held = ui.bucketFile(bucket.Id, 'out/note.txt');
				assert.ok(held, 'the simulator holds out/note.txt');
				assert.equal(held.size, 'hello from n8n\n'.length);
				assert.ok(calls.some((c) => c.service === 'blob' && c.method === 'PUT' && c.status < 300), 'one PUT to the storage URI');
			},
		},
		{
			resource: 'Machine → Get Many',
			name: 'Machine Get Many',
			nodes: [uiPathNode('Machines', { resource: 'machine', operation: 'getMany', returnAll: true })],
			check: (_r, out) => assert.ok(out('Machines').some((m) => m.Name === 'Breadth Pool'), JSON.stringify(out('Machines').map((m) => m.Name))),
		},
		{
			resource: 'Session → Get Many',
			name: 'Session Get Many',
			nodes: [uiPathNode('Sessions', { resource: 'session', operation: 'getMany', returnAll: true })],
			check: (_r, out) => {
				assert.equal(out('Sessions').length, 1, 'one session');
				assert.equal(JSON.stringify(out('Sessions')[0]).includes('breadth-bot'), true, "the session names its robot");
			},
		},
		{
			resource: 'Process Schedule → Disable',
			name: 'Process Schedule Disable',
			nodes: [uiPathNode('Disable', { resource: 'processSchedule', operation: 'disable', scheduleId: String(nightly.Id) })],
			check: (_r, out, calls) => {
				const post = calls.find((c) => c.path.endsWith('SetEnabled'));
				assert.ok(post && post.status < 300, 'one SetEnabled call');
				assert.equal(post.body?.enabled, false, `SetEnabled body ${JSON.stringify(post.body)}`);
				assert.equal(out('Disable').length, 1);
			},
		},
		{
			resource: 'Task → Create',
			name: 'Task Create',
			nodes: [uiPathNode('Create Task', { resource: 'task', operation: 'create', taskType: 'generic', title: 'Approve invoice 42', priority: 'High', taskData: '{"invoiceId": 42}' })],
			check: (_r, out) => {
				const [task] = out('Create Task');
				// tasks come back camelCase, as the Action Center API answers
				assert.equal(task?.title, 'Approve invoice 42');
				assert.deepEqual([task?.status, task?.type, task?.data], ['Unassigned', 'ExternalTask', { invoiceId: 42 }]);
			},
		},
		{
			resource: 'Custom API Call → Send',
			name: 'Custom API Call',
			nodes: [uiPathNode('Send', { resource: 'customApiCall', operation: 'send', method: 'GET', path: '/odata/Folders' })],
			// without Return All the answer is one item, the body as Orchestrator sent it
			check: (_r, out) => assert.ok(out('Send')[0]?.value?.some((/** @type {any} */ f) => f.DisplayName === 'Breadth'), JSON.stringify(out('Send')).slice(0, 500)),
		},
	];
}

/**
 * @param {{ ui?: any, runtime?: any, tarball?: string }} [options] a simulator, runtime and tarball to reuse (run.js)
 * @returns {Promise<Array<{ resource: string, ms: number, requests: number, ok: boolean, error?: string }>>}
 */
async function runBreadthE2e(options = {}) {
	const ui = options.ui ?? (await startUiPathSimulator());
	ui.addExternalApp(APP);
	const all = cases(ui);
	const only = process.env.BREADTH_ONLY ? new RegExp(process.env.BREADTH_ONLY, 'i') : undefined;
	const chosen = only ? all.filter((c) => only.test(c.resource)) : all;
	const runtime = options.runtime ?? (await n8n.ensureRuntime());
	const tarball = options.tarball ?? (await n8n.packPackage());
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {Array<{ resource: string, ms: number, requests: number, ok: boolean, error?: string }>} */
	const figures = [];
	try {
		await home.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: SCOPES.join(' ') } }]);
		const workflows = chosen.map((c) => wf.linearWorkflow({ name: `UiPath breadth: ${c.name}`, nodes: [wf.manualTriggerNode(), ...c.nodes] }));
		await home.importWorkflows(workflows);
		for (const [i, c] of chosen.entries()) {
			const before = ui.log.length;
			const result = await home.execute(workflows[i].id);
			const calls = ui.log.slice(before);
			const figure = { resource: c.resource, ms: result.ms, requests: calls.length, ok: true, error: /** @type {string | undefined} */ (undefined) };
			try {
				assert.equal(result.exitCode, 0, `n8n execute exited ${result.exitCode}`);
				c.check(result, (node) => n8n.outputOf(result, node), calls);
			} catch (error) {
				figure.ok = false;
				figure.error = `${/** @type {Error} */ (error).message}\n${n8n.describeResult(result)}`;
			}
			figures.push(figure);
			log(`${figure.ok ? 'ok  ' : 'FAIL'} ${c.resource}: ${figure.ms} ms, ${figure.requests} requests (${calls.map((e) => `${e.method} ${String(e.path).replace(/^.*orchestrator_/, '')} ${e.status}`).join(', ')})`);
			if (!figure.ok) log(String(figure.error));
		}
	} finally {
		if (!process.env.N8N_E2E_KEEP) await home.cleanup();
		if (!options.tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (!options.ui) await ui.close();
	}
	const failed = figures.filter((f) => !f.ok);
	if (failed.length) throw new Error(`${failed.length} of ${figures.length} breadth workflows failed: ${failed.map((f) => f.resource).join('; ')}\n${failed.map((f) => f.error).join('\n\n')}`);
	return figures;
}

/** The figures as a table. */
function figuresTable(/** @type {Array<{ resource: string, ms: number, requests: number }>} */ figures) {
	const rows = figures.map((f) => `  ${f.resource.padEnd(42)} ${String(f.ms).padStart(7)} ms  ${String(f.requests).padStart(3)} requests`);
	return ['UiPath breadth in real n8n 2.41.1 (`n8n execute`, one user folder)', ...rows].join('\n');
}

module.exports = { runBreadthE2e, figuresTable };

if (require.main === module) {
	runBreadthE2e()
		.then((figures) => process.stdout.write(`\n${figuresTable(figures)}\n\nbreadth e2e passed: ${figures.length} workflows\n`))
		.catch((error) => {
			process.stderr.write(`\n[breadth e2e] FAILED: ${error && error.stack ? error.stack : error}\n`);
			process.exit(1);
		});
}
