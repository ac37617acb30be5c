#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Job → Start's durable wait ("Pause Until Orchestrator Reports the End", waitMode 'webhook') in n8n 2.41.1's queue
 * mode: main + ONE `n8n worker --concurrency=1` on Redis and PostgreSQL (./lib/queueMode.js), against a UiPath
 * simulator of its own. Checks (issue 19, queue mode):
 *
 * 1. A paused execution holds no worker slot: an execution (n8n Webhook node → Job → Start, pausing on a 50-second
 *    job → No Op "After") is `waiting` while its job runs, and meanwhile the single worker at concurrency 1 runs 3
 *    other executions (Webhook → Job → Start without waiting) to success. Then the job's end (Orchestrator's
 *    delivery to main) resumes it: the job as it ended (State Successful, OutputArguments parsed), After once, run
 *    on the worker (its start and its resume: two "Worker started execution" lines, both enqueued by main), and
 *    its subscription gone. Prints the delay from the job's end to After's start.
 * 2. Main and the worker restarted while 10 executions wait: five jobs end while everything is down (their 50
 *    deliveries, 5 ends × 10 subscriptions, fail), five end after both are back. Each execution resumes exactly
 *    once with its own job (After once each, ten different jobs, two worker starts each), none lost, none twice,
 *    no execution more, and no subscription named 'n8n durable wait…' left. Prints the down time and lost deliveries.
 *
 * A plain node script: exits non-zero on the first failed check (the n8n logs go to a temp folder then).
 * `npm run build`, then `node test/e2e/durableQueue.e2e.js` (N8N_E2E_VERBOSE=1 echoes n8n's output);
 * test/e2e/queue.e2e.js (`npm run test:queue`) calls `runDurableQueueE2e()` too. About 3 minutes on 2 cores.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const queue = require('./lib/queueMode');
const proc = require('./lib/proc');
const { startUiPathSimulator } = require('../simulators/uipath');
const { durableWorkflow, hookedWorkflow, uiPathNode, outputOf, APP, CRED } = require('./durableWait.e2e');

const LONG_JOB_MS = 50_000;
const OTHER_RUNS = 3;
const WAITS = 10;
/** Jobs of the restart check end only when the test ends them (ui.finishJob), never by themselves meanwhile. */
const NEVER_MS = 30 * 60_000;
const FINAL = ['Successful', 'Faulted', 'Stopped'];
const SUBSCRIPTION = 'n8n durable wait';
const log = (/** @type {string} */ line) => process.stderr.write(`[durable queue e2e] ${line}\n`);

/** Webhook node on `durq-other` → Job → Start of QuickJob without waiting: the other work of the worker. */
function otherWorkflow() {
	const start = uiPathNode('Start job', { resource: 'job', operation: 'start', process: { __rl: true, mode: 'name', value: 'QuickJob' }, inputArguments: '{"order": 1}', waitForCompletion: false });
	return hookedWorkflow('Durable queue: other work', 'durq-other', start, { after: false });
}

/** @typedef {import('./lib/queueMode').QueueCluster} QueueCluster */

/** Execution id → workflow id of every execution read so far (to read only this workflow's unlisted ones). */
const workflowOfExecution = new Map();
/** @type {Set<string>} executions the list left out, read by id */
const unlisted = new Set();
/**
 * Every execution of a workflow, oldest first. The public API's list leaves out executions main counts as running
 * (see queue.e2e.js's executionsOf); the worker logs name every execution they started, and those the list left
 * out are read one by one.
 * @param {QueueCluster} c @param {string} workflowId @returns {Promise<any[]>}
 */
async function executionsOf(c, workflowId) {
	const all = await queue.listExecutions(c.server, workflowId);
	for (const e of all) workflowOfExecution.set(String(e.id), String(e.workflowId));
	const listed = new Set(all.map((e) => String(e.id)));
	for (const id of c.executionsByWorker().keys()) {
		if (listed.has(id) || (workflowOfExecution.has(id) && workflowOfExecution.get(id) !== workflowId)) continue;
		const e = await c.server.publicApi('GET', `/executions/${id}?includeData=true`);
		workflowOfExecution.set(id, String(e.workflowId));
		if (String(e.workflowId) !== workflowId) continue;
		unlisted.add(id);
		all.push(e);
	}
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Waits until `count` executions of a workflow have `status`; returns them all.
 * @param {QueueCluster} c @param {string} workflowId @param {string} status @param {number} count @param {number} timeoutMs
 */
async function untilStatus(c, workflowId, status, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await executionsOf(c, workflowId);
		if (all.filter((e) => e.status === status).length >= count) return all;
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: not ${count} ${status} executions after ${timeoutMs} ms (${all.map((e) => `${e.id}:${e.status}`).join(', ') || 'none'})\n${c.tails()}`);
		await proc.sleep(500);
	}
}

/** @type {Map<string, any[]>} every server each worker ran (also stopped ones: the cluster forgets those) */
const workerServers = new Map();
/** How many times a worker took each execution from the queue (its start, and each resume). */
function workerStarts() {
	/** @type {Map<string, number>} */
	const counts = new Map();
	for (const server of [...workerServers.values()].flat()) {
		for (const line of server.log.lines) {
			const match = queue.WORKER_STARTED.exec(line.text);
			if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
		}
	}
	return counts;
}
/** @param {QueueCluster} c */
async function startWorker(c) {
	await c.startWorkers(1, { concurrency: 1 });
	for (const worker of c.workers) {
		const list = workerServers.get(worker.name) ?? [];
		if (worker.server && !list.includes(worker.server)) list.push(worker.server);
		workerServers.set(worker.name, list);
	}
	assert.deepEqual(c.runningWorkers(), ['worker-1'], 'one worker runs');
}

/** @param {QueueCluster} c @param {any} e @param {string} what */
function assertRanOnWorker(c, e, what, starts = 1) {
	assert.equal(c.workerOf(e.id), 'worker-1', `${what}: execution ${e.id} ran on the worker`);
	assert.equal(workerStarts().get(String(e.id)) ?? 0, starts, `${what}: execution ${e.id} taken from the queue ${starts} time(s)`);
	assert.ok(c.enqueuedByMain(e.id), `${what}: main enqueued execution ${e.id}`);
}

const durableSubscriptions = (/** @type {any} */ ui) => ui.webhooks.subscriptions.filter((/** @type {any} */ s) => s.Name.startsWith(SUBSCRIPTION));

/**
 * Check 1: the waiting execution holds no slot of the single worker (concurrency 1), and resumes on it.
 * @param {{ c: QueueCluster, ui: any, long: any, other: any, figures: Record<string, number> }} s
 */
async function waitFreesTheWorker({ c, ui, long, other, figures }) {
	const hooked = await queue.postWebhook(c.server, 'durq-long', {});
	assert.equal(hooked.status, 200, 'the Webhook node starts the durable workflow');
	const waiting = (await untilStatus(c, long.id, 'waiting', 1, 120_000)).find((e) => e.status === 'waiting');
	const running = ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === 'LongJob');
	assert.equal(running.length, 1, 'one LongJob job started');
	const job = running[0];
	assert.ok(!FINAL.includes(job.State), `the job runs while the execution waits (${job.State})`);
	const subs = durableSubscriptions(ui);
	assert.equal(subs.length, 1, 'one subscription for the wait');
	assert.ok(subs[0].Url.startsWith(`${c.server.url}/webhook-waiting/${waiting.id}?signature=`), `it delivers to the execution's resume URL on main (${subs[0].Url})`);
	assert.equal(c.workerOf(waiting.id), 'worker-1', 'the execution ran up to its pause on the worker');
	log(`execution ${waiting.id} waits for job ${job.Id} (a ${LONG_JOB_MS / 1000} s job); subscription "${subs[0].Name}"`);

	// Meanwhile: the only worker, at concurrency 1, runs other executions to success.
	const otherFrom = Date.now();
	for (let i = 0; i < OTHER_RUNS; i++) {
		const answer = await queue.postWebhook(c.server, 'durq-other', { n: i });
		assert.equal(answer.status, 200, `other execution ${i} accepted`);
	}
	const others = await untilStatus(c, other.id, 'success', OTHER_RUNS, 120_000);
	const othersMs = Date.now() - otherFrom;
	assert.equal(others.length, OTHER_RUNS, `${OTHER_RUNS} other executions, no more`);
	const stillWaiting = await c.server.publicApi('GET', `/executions/${waiting.id}`);
	const jobNow = ui.getJob(job.Id);
	assert.equal(stillWaiting.status, 'waiting', `execution ${waiting.id} still waits after the other ${OTHER_RUNS} succeeded`);
	assert.ok(!FINAL.includes(jobNow.State), `its job still runs (${jobNow.State}): the other executions ran while it waited`);
	const quickJobs = others.map((e) => outputOf(e, 'Start job')[0]);
	assert.deepEqual(quickJobs.map((j) => j?.ReleaseName), others.map(() => 'QuickJob'), 'each other execution started its job');
	assert.equal(new Set(quickJobs.map((j) => j.Id)).size, OTHER_RUNS, 'three different jobs');
	for (const e of others) assertRanOnWorker(c, e, 'other work');
	log(`meanwhile the one worker (concurrency 1) ran ${OTHER_RUNS} other executions to success in ${othersMs} ms (${others.map((e) => e.id).join(', ')}); ${waiting.id} still waiting, job ${job.Id} ${jobNow.State}`);

	const resumed = (await untilStatus(c, long.id, 'success', 1, LONG_JOB_MS + 90_000)).find((e) => e.status === 'success');
	assert.equal(resumed.id, waiting.id, 'the waiting execution is the one that succeeded');
	const [out, more] = outputOf(resumed, 'Start job');
	assert.equal(more, undefined, 'one job in the output');
	assert.equal(out.Id, job.Id, 'its own job');
	assert.equal(out.State, 'Successful');
	assert.deepEqual(out.OutputArguments, { total: 42 }, 'the job with its output arguments parsed');
	assert.equal(resumed.data.resultData.runData.After.length, 1, 'After ran once');
	assert.equal(outputOf(resumed, 'After').length, 1, 'After got the job');
	assertRanOnWorker(c, resumed, 'the resumed execution', 2);
	const endMs = Date.parse(ui.getJob(job.Id).EndTime);
	for (const e of others) assert.ok(Date.parse(e.stoppedAt) < endMs, `other execution ${e.id} ended before the awaited job did`);
	const delivered = ui.webhooks.deliveries.filter((/** @type {any} */ d) => d.url === subs[0].Url && d.type === 'job.completed' && JSON.parse(d.body).Job?.Id === job.Id);
	assert.deepEqual(delivered.map((/** @type {any} */ d) => d.status), [200], "the job's end was delivered once, answered 200");
	await waitUntil(() => durableSubscriptions(ui).length === 0, 10_000, 'the subscription to go');
	figures.webhookDelayMs = resumed.data.resultData.runData.After[0].startTime - endMs;
	figures.otherExecutionsMs = othersMs;
	log(`execution ${resumed.id} resumed on worker-1 with job ${out.Id} (Successful, ${JSON.stringify(out.OutputArguments)}): After started ${figures.webhookDelayMs} ms after the job ended; subscriptions left: 0`);
}

/**
 * Check 2: main and the worker restarted while 10 executions wait; five jobs end while all is down.
 * @param {{ c: QueueCluster, ui: any, restart: any, figures: Record<string, number> }} s
 */
async function restartWhileWaiting({ c, ui, restart, figures }) {
	const processes = Array.from({ length: WAITS }, (_, i) => (i % 2 ? 'EndsAfterRestart' : 'EndsWhileDown'));
	for (const [i, process] of processes.entries()) {
		const answer = await queue.postWebhook(c.server, 'durq-restart', { process, i });
		assert.equal(answer.status, 200, `restart execution ${i} accepted`);
	}
	const before = await untilStatus(c, restart.id, 'waiting', WAITS, 240_000);
	assert.equal(before.length, WAITS, `${WAITS} executions`);
	const jobsOf = (/** @type {string} */ name) => ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === name);
	for (const name of ['EndsWhileDown', 'EndsAfterRestart']) {
		assert.equal(jobsOf(name).length, WAITS / 2, `${WAITS / 2} ${name} jobs`);
		assert.ok(jobsOf(name).every((/** @type {any} */ j) => !FINAL.includes(j.State)), `the ${name} jobs run`);
	}
	assert.equal(durableSubscriptions(ui).length, WAITS, `${WAITS} subscriptions`);

	await c.stopWorkers();
	await c.stopMain();
	const stoppedAt = Date.now();
	for (const j of jobsOf('EndsWhileDown')) ui.finishJob(j.Id, 'Successful');
	const lostFilter = (/** @type {any} */ d) => d.sentAt >= stoppedAt && d.type === 'job.completed';
	const expectedLost = (WAITS / 2) * WAITS;
	await ui.webhooks.waitForDeliveries(expectedLost, lostFilter, 30_000);
	await proc.sleep(1000);
	const lost = ui.webhooks.deliveries.filter(lostFilter);
	assert.equal(lost.length, expectedLost, `each of the 5 ends delivered to each of the ${WAITS} subscriptions while down`);
	assert.ok(lost.every((/** @type {any} */ d) => d.status === undefined && d.error), 'the deliveries while everything was down all failed');

	await c.startMain();
	await startWorker(c);
	figures.restartDownMs = Date.now() - stoppedAt;
	figures.restartLostDeliveries = lost.length;
	// main logs "Found unfinished executions: …" for them at start (its event log saw them start, never end)
	const back = await executionsOf(c, restart.id);
	assert.deepEqual(back.map((e) => `${e.id}:${e.status}`), before.map((e) => `${e.id}:waiting`), 'after the restart all 10 still wait (none crashed, none resumed yet)');
	const endedAfterAt = Date.now();
	for (const j of jobsOf('EndsAfterRestart')) ui.finishJob(j.Id, 'Successful');
	let after = await untilStatus(c, restart.id, 'success', WAITS, 180_000);
	await proc.sleep(5000); // time for a second resume or a stray execution to show, were there one
	after = await executionsOf(c, restart.id);
	assert.equal(after.length, WAITS, `still ${WAITS} executions (${after.map((e) => `${e.id}:${e.status}`).join(', ')})`);
	assert.deepEqual(after.map((e) => String(e.id)).sort(), before.map((e) => String(e.id)).sort(), 'the same executions');
	for (const e of after) {
		assert.equal(e.status, 'success', `execution ${e.id} succeeded`);
		assert.equal(e.data.resultData.runData.After.length, 1, `execution ${e.id} ran After once`);
		const [job, more] = outputOf(e, 'Start job');
		assert.equal(more, undefined, `execution ${e.id}: one job`);
		const asked = outputOf(e, 'Hook')[0].body.process;
		assert.equal(job.ReleaseName, asked, `execution ${e.id} has its own job`);
		assert.equal(job.State, 'Successful');
		assert.deepEqual(job.OutputArguments, { early: asked === 'EndsWhileDown' }, `execution ${e.id}: its job's output`);
		assertRanOnWorker(c, e, 'restart', 2);
	}
	const afterStarts = after.map((e) => e.data.resultData.runData.After[0].startTime - endedAfterAt);
	figures.restartAfterStartMinMs = Math.min(...afterStarts);
	figures.restartAfterStartMaxMs = Math.max(...afterStarts);
	const listed = (await queue.listExecutions(c.server, restart.id)).filter((e) => e.status === 'success').length;
	const ids = after.map((e) => outputOf(e, 'Start job')[0].Id);
	assert.equal(new Set(ids).size, WAITS, `${WAITS} different jobs`);
	assert.deepEqual([...ids].sort(), [...jobsOf('EndsWhileDown'), ...jobsOf('EndsAfterRestart')].map((j) => j.Id).sort(), 'the jobs that were started');
	await waitUntil(() => durableSubscriptions(ui).length === 0, 10_000, `the subscriptions to go (left: ${durableSubscriptions(ui).map((/** @type {any} */ s) => s.Name).join('; ')})`);
	log(`restart with ${WAITS} waiting: main and worker down ${figures.restartDownMs} ms (to both ready), ${lost.length} deliveries failed meanwhile; then the other 5 jobs ended: the 10 After nodes started ${figures.restartAfterStartMinMs}–${figures.restartAfterStartMaxMs} ms later, each once, each execution with its own job; 0 subscriptions left (the public API's list shows ${listed} of the 10)`);
}

async function waitUntil(/** @type {() => boolean} */ condition, /** @type {number} */ timeoutMs, /** @type {string} */ what) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await proc.sleep(250);
	}
}

/** @param {{ runtime?: import('./lib/n8n').Runtime, tarball?: string }} [options] */
async function runDurableQueueE2e(options = {}) {
	const startedAt = Date.now();
	for (const state of [workflowOfExecution, unlisted, workerServers]) state.clear(); // execution ids start at 1 in each cluster
	const ui = await startUiPathSimulator();
	ui.addExternalApp(APP);
	const folder = ui.addFolder({ displayName: 'Durable' });
	ui.addRobot({ folderId: folder.Id, name: 'LongRobot' });
	ui.addRelease({ folderId: folder.Id, name: 'LongJob', queueDelayMs: 300, durationMs: LONG_JOB_MS, outputArguments: { total: 42 } });
	ui.addRelease({ folderId: folder.Id, name: 'QuickJob', queueDelayMs: 300, durationMs: 1500, outputArguments: { quick: true } });
	ui.addRelease({ folderId: folder.Id, name: 'EndsWhileDown', queueDelayMs: 300, durationMs: NEVER_MS, outputArguments: { early: true } });
	ui.addRelease({ folderId: folder.Id, name: 'EndsAfterRestart', queueDelayMs: 300, durationMs: NEVER_MS, outputArguments: { early: false } });
	/** @type {QueueCluster | undefined} */
	let cluster;
	const figures = /** @type {Record<string, number>} */ ({});
	try {
		const runtime = options.runtime ?? (await n8n.ensureRuntime());
		cluster = await queue.startQueueCluster({ runtime, tarball: options.tarball });
		const c = cluster;
		const long = durableWorkflow('Durable queue: webhook', 'durq-long', 'webhook');
		const restart = durableWorkflow('Durable queue: restart', 'durq-restart', 'webhook', '={{ $json.body.process }}');
		const other = otherWorkflow();
		await c.main.importCredentials([{ ...CRED, data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: APP.clientId, clientSecret: APP.clientSecret, scopes: APP.scopes.join(' ') } }]);
		await c.main.importWorkflows([long, restart, other]);
		await c.startMain();
		// The worker runs the node, so it builds the resume URL: from its WEBHOOK_URL, which a deployment sets to the
		// public address on every process (the lib's default is each process's own port, where a worker listens not).
		/** @type {Record<string, string>} */ (c.sharedEnv).N8N_WEBHOOK_URL = `${c.main.url}/`;
		await c.activate([long.id, restart.id, other.id]);
		await startWorker(c);
		const said = workerServers.get('worker-1')?.[0].log.lines.map((/** @type {any} */ l) => / \* Concurrency: (\d+)/.exec(l.text)?.[1]).find(Boolean);
		assert.equal(said, '1', 'the worker says it runs at concurrency 1');
		log(`Redis ${c.redis.port}, PostgreSQL ${c.postgres.port}; main and worker-1 (concurrency ${said}) ready after ${Date.now() - startedAt} ms`);

		await waitFreesTheWorker({ c, ui, long, other, figures });
		await restartWhileWaiting({ c, ui, restart, figures });
		figures.unlistedExecutionsRead = unlisted.size;
		figures.totalMs = Date.now() - startedAt;
		log(`figures: ${JSON.stringify(figures)}`);
		return figures;
	} catch (error) {
		if (cluster) {
			const logs = cluster.writeLogs(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-durable-queue-logs-')));
			const sent = ui.webhooks.deliveries.map((/** @type {any} */ d) => ({ ...d, body: JSON.parse(d.body) }));
			fs.writeFileSync(path.join(logs, 'deliveries.json'), JSON.stringify({ subscriptions: ui.webhooks.subscriptions, sent }, null, 1));
			log(`last lines of each n8n process (whole logs in ${logs}):\n${cluster.tails()}`);
		}
		throw error;
	} finally {
		if (cluster) await cluster.stop();
		await ui.webhooks.settle().catch(() => undefined);
		await ui.close();
	}
}

if (require.main === module) {
	runDurableQueueE2e().then(
		(figures) => log(`passed in ${figures.totalMs} ms`),
		(error) => {
			process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
			process.exit(1);
		},
	);
}

module.exports = { runDurableQueueE2e };
