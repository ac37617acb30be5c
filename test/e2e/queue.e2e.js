#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run test:queue`: the package in n8n's queue mode. Starts Redis and PostgreSQL (Debian's packages, installed
 * with apt-get when missing), n8n 2.41.1's main and two `n8n worker --concurrency=5`, and the loopback simulators;
 * runs workflows through main's production webhooks so the executions go through Redis to the workers, and checks:
 *
 * - every execution ran on a worker (the worker's "Worker started execution <id>" line), none on main;
 * - UiPath: 20 executions of 3 job starts each: each of the 60 jobs started exactly once; the token requests the
 *   identity server saw (one credential: about one per token lifetime);
 * - both polling triggers poll on main only (one poll a minute each, whatever the number of workers; they keep
 *   polling with the workers stopped) and fire each finished job or run exactly once, also across a restart of main
 *   (their cursors live in the workflow's static data, in PostgreSQL);
 * - the UiPath Webhook Trigger, published on the running main: one subscription in "Orchestrator", with main's
 *   production URL; the signed deliveries of 5 completed jobs reach main and each starts exactly one execution, run
 *   by a worker, with the job in its output (the delay from the job's end to the execution's start is printed); a
 *   duplicate delivery (same EventId) starts no second execution, a forged one gets 401; unpublishing deletes the
 *   subscription;
 * - Robotic Crowd: 10 executions of 10 run starts against a 60-a-minute quota (no Retry-After, as the API
 *   documents none): every execution succeeds (no 429 reaches a user), no run is created twice, and the busiest
 *   minute's accepted requests use at least 90 % of the quota; the figures are printed.
 *
 * A plain node script: exits non-zero on the first failed check. N8N_E2E_VERBOSE=1 echoes every process's output.
 * Build first (`npm run test:queue` does).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const queue = require('./lib/queueMode');
const proc = require('./lib/proc');
const { startRoboticCrowdSimulator } = require('../simulators/roboticCrowd');
const { startUiPathSimulator } = require('../simulators/uipath');
const { queueWorld, batchItems, runRoboticCrowdBatch, countBy, RC_TRIGGER_KEY } = require('./queueScenarios');
const hooks = require('./lib/uipathWebhook');
const { runDurableQueueE2e } = require('./durableQueue.e2e');

const WORKERS = 2;
const ACTIVATE_LIVE = process.argv.includes('--activate-live');
const UI_EXECUTIONS = 20;
const UI_JOBS_PER_EXECUTION = 3;
const HOOK_JOBS = 5;

/** @type {Array<{ step: string, ms: number }>} */
const figures = [];
/**
 * @template T
 * @param {string} step
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function timed(step, fn) {
	const started = Date.now();
	process.stderr.write(`[queue] ${step}…\n`);
	const value = await fn();
	figures.push({ step, ms: Date.now() - started });
	process.stderr.write(`[queue] ${step}: ${Date.now() - started} ms\n`);
	return value;
}

async function until(/** @type {() => boolean} */ condition, /** @type {number} */ timeoutMs, /** @type {string} */ what) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await proc.sleep(250);
	}
}

/** The items each trigger-mode execution emitted, flattened. @param {any[]} executions @param {string} trigger */
const emitted = (executions, trigger) =>
	executions
		.filter((e) => e.mode === 'trigger')
		.flatMap((e) => (e.data?.resultData?.runData?.[trigger]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json));

/** Asserts each id of `expected` was emitted exactly once and nothing else was. @param {unknown[]} ids @param {unknown[]} expected @param {string} what */
function assertEachOnce(ids, expected, what) {
	const sorted = (/** @type {unknown[]} */ list) => [...list].map(Number).sort((a, b) => a - b);
	assert.deepEqual(sorted(ids), sorted(expected), `${what}: each exactly once (emitted ${ids.length}, expected ${expected.length})`);
}

async function main() {
	const startedAt = Date.now();
	const rc = await startRoboticCrowdSimulator({ quotaPerMinute: 60, retryAfterOn429: false });
	const ui = await startUiPathSimulator();
	const world = queueWorld({ rc, ui });
	const { uiStart, uiTrigger, shared, release } = world.uiPath;
	const { rcBatch, rcTrigger } = world.workflows;
	/** @type {import('./lib/queueMode').QueueCluster | undefined} */
	let cluster;
	/** @type {string | undefined} */
	let tarball;
	try {
		const runtime = await timed('runtime (Node 24 + n8n, cached)', () => n8n.ensureRuntime());
		tarball = await timed('npm pack', () => n8n.packPackage());
		cluster = await timed('Redis, PostgreSQL and main\'s folder', () => queue.startQueueCluster({ runtime, tarball }));
		const c = cluster;
		process.stderr.write(`[queue] Redis on ${c.redis.port}, PostgreSQL on ${c.postgres.port} (as ${c.postgres.runsAs})\n`);
		await timed('import credentials and workflows', async () => {
			await c.main.importCredentials(world.credentials);
			await c.main.importWorkflows([uiStart, uiTrigger, rcBatch, rcTrigger, world.uiPath.uiHook]);
		});
		const uiPolls = () => ui.log.filter((/** @type {any} */ e) => e.method === 'GET' && /\/odata\/Jobs$/.test(e.path) && /EndTime ge/.test(e.query.$filter ?? '')).length;
		// each poll starts with the list of open runs: one such request per poll
		const rcPolls = () => rc.log.filter((/** @type {any} */ e) => e.method === 'GET' && e.claims?.sub === RC_TRIGGER_KEY.accessKeyId && /is:queued is:running/.test(e.query.query ?? '')).length;
		const tokenRequests = () => ui.log.filter((/** @type {any} */ e) => e.method === 'POST' && /connect\/token$/.test(e.path)).length;

		const toActivate = [uiStart.id, uiTrigger.id, rcBatch.id, rcTrigger.id];
		// default: published before main starts (main activates them at start); --activate-live: through the public
		// API while main runs, as the editor's Publish does
		if (!ACTIVATE_LIVE) await timed('publish 4 workflows', async () => {
			for (const id of toActivate) await c.main.publish(id);
		});
		await timed('n8n main (queue mode)', () => c.startMain());
		const activatedAt = Date.now();
		await timed(`${WORKERS} workers`, () => c.startWorkers(WORKERS, { concurrency: 5 }));
		if (ACTIVATE_LIVE) await timed('activate 4 workflows (public API)', () => c.activate(toActivate));
		await timed('both triggers poll at activation', () => until(() => uiPolls() >= 1 && rcPolls() >= 1, 90_000, 'the activation polls'));

		// ---- UiPath: 20 executions × 3 job starts, on the workers ----
		const uiExecutions = await timed(`UiPath: ${UI_EXECUTIONS} executions × ${UI_JOBS_PER_EXECUTION} job starts`, async () => {
			const answers = await Promise.all(
				Array.from({ length: UI_EXECUTIONS }, (_, i) => queue.postWebhook(c.server, 'queue-uipath-start', batchItems(i + 1, UI_JOBS_PER_EXECUTION))),
			);
			assert.deepEqual(answers.map((/** @type {any} */ a) => a.status), answers.map(() => 200), 'every webhook call accepted');
			return queue.waitForEnded(c.server, uiStart.id, UI_EXECUTIONS, { describe: () => c.tails() });
		});
		const failedUi = uiExecutions.filter((/** @type {any} */ e) => e.status !== 'success');
		assert.equal(failedUi.length, 0, `UiPath executions failed: ${failedUi.map((/** @type {any} */ e) => `${e.id}: ${e.data?.resultData?.error?.message}`).join('; ')}`);
		assertOnWorkers(c, uiExecutions, 'UiPath executions');
		const jobs = ui.jobs.filter((/** @type {any} */ j) => j.ReleaseName === release.Name);
		const jobKeys = jobs.map((/** @type {any} */ j) => {
			const args = typeof j.InputArguments === 'string' ? JSON.parse(j.InputArguments) : j.InputArguments;
			return `${args.batch}/${args.item}`;
		});
		assert.equal(jobs.length, UI_EXECUTIONS * UI_JOBS_PER_EXECUTION, `${jobs.length} jobs started`);
		assert.equal(new Set(jobKeys).size, jobs.length, 'no job started twice');
		const startJobCalls = ui.log.filter((/** @type {any} */ e) => /StartJobs$/.test(e.path)).length;
		assert.equal(startJobCalls, UI_EXECUTIONS * UI_JOBS_PER_EXECUTION, 'one StartJobs call per job');
		const uiTokens = tokenRequests();
		// One credential, token lifetime an hour: one request, or one per process that found no token at once.
		assert.ok(uiTokens >= 1 && uiTokens <= 1 + WORKERS, `token requests: ${uiTokens}`);

		// ---- Robotic Crowd Trigger: runs of its own project (its own quota) finish while the batch runs ----
		const watchedRuns = [1, 2, 3, 4, 5].map((i) => rc.addRun({ workflow_id: world.triggerWorkflow.id, params: { watched: i } }).id);

		// ---- Robotic Crowd: the quota held across two workers ----
		const baseline = await timed('Robotic Crowd: 10 executions × 10 run starts, 60/minute quota', () =>
			runRoboticCrowdBatch(c, rc, { workflowId: rcBatch.id, executions: 10, runsPerExecution: 10 }),
		);
		assert.equal(baseline.onWorkers, baseline.executions, `Robotic Crowd executions on workers: ${JSON.stringify(baseline.byWorker)}`);
		printBaseline(baseline);
		assert.equal(baseline.failed, 0, `Robotic Crowd executions failed: ${baseline.failed} (429 surfaced: ${baseline.failedWith429}): ${baseline.sampleError ?? ''}`);
		assert.equal(baseline.succeeded, baseline.executions, 'every Robotic Crowd execution succeeds');
		assert.equal(baseline.runsCreated, baseline.executions * baseline.runsPerExecution, 'each run start created one run');
		assert.equal(baseline.runsCreatedTwice, 0, 'no run created twice');
		assert.ok(baseline.busiestMinuteAccepted >= 54, `quota use in the busiest minute: ${baseline.busiestMinuteAccepted} of 60 accepted (at least 90 %)`);

		// ---- triggers: each finished job and run once, polled on main ----
		const jobIds = jobs.map((/** @type {any} */ j) => j.Id);
		const fired = await timed('triggers fire for the 60 jobs and 5 runs', () =>
			Promise.all([
				waitForEmitted(c, uiTrigger.id, 'UiPath Trigger', jobIds, (j) => j.Id),
				waitForEmitted(c, rcTrigger.id, 'Robotic Crowd Trigger', watchedRuns, (r) => r.id),
			]),
		);
		assertEachOnce(fired[0].ids, jobIds, 'UiPath Trigger before the restart');
		assertEachOnce(fired[1].ids, watchedRuns, 'Robotic Crowd Trigger before the restart');

		// ---- restart main: what finished while it was down fires once, nothing fires again ----
		const restart = await timed('restart main; jobs and runs finish while it is down', async () => {
			await c.stopMain();
			const lateJobs = [1, 2, 3].map(() => ui.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Successful' }).Id);
			const lateRuns = [1, 2, 3].map(() => rc.addRun({ workflow_id: world.triggerWorkflow.id, status: 'success' }).id);
			const pollsBefore = { ui: uiPolls(), rc: rcPolls() };
			await c.startMain();
			await until(() => uiPolls() > pollsBefore.ui && rcPolls() > pollsBefore.rc, 90_000, 'the polls at reactivation');
			return { lateJobs, lateRuns };
		});
		const refired = await Promise.all([
			waitForEmitted(c, uiTrigger.id, 'UiPath Trigger', [...jobIds, ...restart.lateJobs], (j) => j.Id),
			waitForEmitted(c, rcTrigger.id, 'Robotic Crowd Trigger', [...watchedRuns, ...restart.lateRuns], (r) => r.id),
		]);
		assertEachOnce(refired[0].ids, [...jobIds, ...restart.lateJobs], 'UiPath Trigger across the restart');
		assertEachOnce(refired[1].ids, [...watchedRuns, ...restart.lateRuns], 'Robotic Crowd Trigger across the restart');
		assertOnWorkers(c, [...refired[0].executions, ...refired[1].executions], 'trigger executions');

		// ---- UiPath Webhook Trigger: published on main, received on main, run on the workers ----
		const hook = await timed(`UiPath Webhook Trigger: ${HOOK_JOBS} completed jobs, a duplicate and a forged delivery`, () => checkWebhookTrigger(c, ui, world.uiPath));

		// ---- polling happens on main: with the workers stopped the triggers still poll, once a minute each ----
		await timed('triggers keep polling with the workers stopped', async () => {
			await c.stopWorkers();
			const pollsBefore = { ui: uiPolls(), rc: rcPolls() };
			await until(() => uiPolls() > pollsBefore.ui && rcPolls() > pollsBefore.rc, 75_000, 'a poll with no worker running');
		});
		const minutes = (Date.now() - activatedAt) / 60_000;
		// one poll a minute, plus one at each of the two activations; with workers polling too it would be 3 times as many
		const mostPolls = Math.ceil(minutes) + 3;
		assert.ok(uiPolls() <= mostPolls && rcPolls() <= mostPolls, `polls in ${minutes.toFixed(1)} minutes: UiPath ${uiPolls()}, Robotic Crowd ${rcPolls()} (at most ${mostPolls} from main alone)`);

		printHook(hook);
		printReport({ uiTokens, uiExecutions: uiExecutions.length, jobs: jobs.length, uiPolls: uiPolls(), rcPolls: rcPolls(), minutes, byWorker: countWorkers(c, uiExecutions) });
		await timed('durable waits in queue mode (own cluster: main + 1 worker at concurrency 1)', () => runDurableQueueE2e({ runtime, tarball }));
	} catch (error) {
		if (cluster) {
			const logs = cluster.writeLogs(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-logs-')));
			process.stderr.write(`\n[queue] last lines of each n8n process (whole logs in ${logs}):\n${cluster.tails()}\n`);
		}
		throw error;
	} finally {
		if (cluster) await cluster.stop();
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		await rc.close();
		await ui.close();
	}
	process.stdout.write('\nqueue-mode figures (real n8n 2.41.1 on Node 24, main + 2 workers)\n');
	for (const { step, ms } of figures) process.stdout.write(`  ${String(ms).padStart(7)} ms  ${step}\n`);
	process.stdout.write(`  ${String(Date.now() - startedAt).padStart(7)} ms  total\n`);
}

/**
 * Waits until a trigger's executions have emitted every id of `expected` (or the timeout passes); returns the ids
 * emitted (duplicates kept) and the trigger-mode executions. Reads the executions the public API's list leaves out
 * too (see executionsOf): missing them once looked like a trigger that lost what finished while main was down.
 * @param {import('./lib/queueMode').QueueCluster} c @param {string} workflowId @param {string} trigger @param {unknown[]} expected
 * @param {(json: any) => unknown} idOf
 */
async function waitForEmitted(c, workflowId, trigger, expected, idOf, timeoutMs = 150_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = (await executionsOf(c, workflowId)).filter((e) => e.mode === 'trigger');
		const ended = executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		const ids = emitted(ended, trigger).map(idOf);
		const seen = new Set(ids.map(Number));
		if (expected.every((id) => seen.has(Number(id))) || Date.now() > deadline) return { ids, executions: ended };
		await proc.sleep(1000);
	}
}

/**
 * Publishes the UiPath Webhook Trigger workflow on the running main and checks: one subscription, with main's
 * production URL; each completed job's signed delivery starts exactly one execution, run by a worker, with the job in
 * its output; a duplicate delivery (same EventId) starts no second one, a forged one gets 401; unpublishing deletes
 * the subscription. Returns the figures.
 * @param {import('./lib/queueMode').QueueCluster} c @param {any} ui
 * @param {{ hooks: any, hookRelease: any, hookWebhookId: string, uiHook: { id: string } }} world
 */
async function checkWebhookTrigger(c, ui, { hooks: folder, hookRelease, hookWebhookId, uiHook }) {
	/** @returns {any[]} */
	const subscriptions = () => ui.webhooks.subscriptions;
	const url = hooks.productionUrl(c.server.url, hookWebhookId);
	const firstDelivery = ui.webhooks.deliveries.length;
	/** @returns {any[]} the job.completed deliveries to main since the trigger was published */
	const completions = () => ui.webhooks.deliveries.slice(firstDelivery).filter((/** @type {any} */ d) => d.type === 'job.completed' && d.url === url);
	assert.equal(subscriptions().length, 0, 'no subscription before publishing');
	await hooks.setActive(c.server, uiHook.id, true);
	await hooks.waitUntil(() => subscriptions().length > 0, 20_000, `the subscription (main's log:\n${c.server.tail()})`);
	await hooks.waitForWebhookUrl(url);
	assert.deepEqual(subscriptions().map((s) => s.Url), [url], 'exactly one subscription, with main\'s production URL');

	const jobIds = [];
	for (let i = 0; i < HOOK_JOBS; i++) jobIds.push(await hooks.startJob(ui, folder, hookRelease));
	const executions = await endedExecutions(c, uiHook.id, HOOK_JOBS, 45_000);
	const signed = await ui.webhooks.waitForDeliveries(HOOK_JOBS, (/** @type {any} */ d) => d.type === 'job.completed' && d.url === url, 10_000);
	assert.deepEqual(signed.map((/** @type {any} */ d) => d.status), signed.map(() => 200), 'every signed delivery answered 200');
	assert.equal(executions.length, HOOK_JOBS, `one execution per completed job: ${executions.length} for ${HOOK_JOBS} jobs`);
	const failed = executions.filter((e) => e.status !== 'success');
	assert.equal(failed.length, 0, `webhook trigger executions failed: ${failed.map((e) => e.id).join(', ')}`);
	const items = executions.map((e) => hooks.itemsOf(e));
	assert.deepEqual(items.map((list) => list.length), executions.map(() => 1), 'one item per execution');
	assertEachOnce(items.map((list) => list[0].Id), jobIds, 'webhook trigger executions');
	for (const [item] of items) {
		assert.equal(item.Event.Type, 'job.completed');
		assert.deepEqual(item.OutputArguments, { total: 42 }, `job ${item.Id}'s output arguments`);
	}
	assertOnWorkers(c, executions, 'webhook trigger executions');
	const delays = executions.map((e, i) => {
		const delivery = completions().find((d) => d.eventId === items[i][0].Event.EventId);
		assert.ok(delivery, `a delivery for event ${items[i][0].Event.EventId}`);
		return Date.parse(e.startedAt) - delivery.changeAt;
	});
	const medianDelayMs = hooks.median(delays);
	assert.ok(medianDelayMs < 5000, `median delay from a job's end to its execution's start: ${medianDelayMs} ms (under 5 s)`);

	// a duplicate (the same body and signature twice) and a forged signature, on the next two completions
	for (const kind of /** @type {const} */ (['duplicate', 'wrongSignature'])) ui.webhooks.addFault({ kind, type: 'job.completed', gapMs: 300 });
	const faultJobs = [await hooks.startJob(ui, folder, hookRelease), await hooks.startJob(ui, folder, hookRelease)];
	const faulty = await ui.webhooks.waitForDeliveries(3, (/** @type {any} */ d) => d.url === url && Boolean(d.fault), 20_000);
	const byFault = (/** @type {string} */ kind) => faulty.filter((/** @type {any} */ d) => d.fault === kind);
	assert.deepEqual(byFault('duplicate').map((/** @type {any} */ d) => d.status), [200, 200], 'a duplicate delivery is answered, twice');
	assert.deepEqual(byFault('wrongSignature').map((/** @type {any} */ d) => d.status), [401], 'a forged delivery → 401');
	await endedExecutions(c, uiHook.id, HOOK_JOBS + 1, 30_000);
	await proc.sleep(2000); // time for a second execution of the duplicate to show, were there one
	const all = await endedExecutions(c, uiHook.id, HOOK_JOBS + 1, 1000);
	const added = all.filter((e) => !executions.some((x) => x.id === e.id));
	assert.deepEqual(added.map((e) => hooks.itemsOf(e)[0]?.Event?.EventId), [byFault('duplicate')[0].eventId], 'the duplicated delivery started one execution, the forged one none');
	assert.ok(faultJobs.includes(hooks.itemsOf(added[0])[0].Id), 'the duplicated delivery\'s execution has its job');
	assertOnWorkers(c, added, 'the duplicated delivery\'s execution');

	await hooks.setActive(c.server, uiHook.id, false);
	await hooks.waitUntil(() => subscriptions().length === 0, 10_000, `unpublishing to delete the subscription (left: ${JSON.stringify(subscriptions().map((s) => s.Url))})`);
	return { deliveries: completions().length, signed: signed.length, executions: all.length, byWorker: countBy(all.map((e) => c.workerOf(e.id) ?? 'main')), medianDelayMs, delays };
}

/** @type {Set<string>} the executions found in the workers' logs only, for the report */
const unlisted = new Set();
/**
 * Every execution of a workflow. n8n's public API leaves out of its list the executions main counts as running,
 * and main can keep counting one that ended within milliseconds of being enqueued (n8n 2.41.1, queue mode: seen
 * with the webhook trigger's 20 ms executions): the workers' logs name every execution they started, and those the
 * list left out are read one by one.
 * @param {import('./lib/queueMode').QueueCluster} c @param {string} workflowId
 * @returns {Promise<any[]>}
 */
async function executionsOf(c, workflowId) {
	const all = await queue.listExecutions(c.server, workflowId);
	const listed = new Set(all.map((e) => String(e.id)));
	const started = c.workers
		.flatMap((w) => w.server?.log.lines ?? [])
		.filter((line) => line.text.includes(`"workflowId":"${workflowId}"`))
		.map((line) => queue.WORKER_STARTED.exec(line.text)?.[1])
		.filter((id) => id !== undefined && !listed.has(id));
	for (const id of new Set(started)) {
		unlisted.add(String(id));
		all.push(await c.server.publicApi('GET', `/executions/${id}?includeData=true`));
	}
	return all;
}

/**
 * Every execution of a workflow (executionsOf), once at least `count` have ended.
 * @param {import('./lib/queueMode').QueueCluster} c @param {string} workflowId @param {number} count @param {number} timeoutMs
 * @returns {Promise<any[]>}
 */
async function endedExecutions(c, workflowId, count, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await executionsOf(c, workflowId);
		const ended = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (ended.length >= count) return all.sort((a, b) => Number(a.id) - Number(b.id));
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${ended.length} of ${count} executions ended after ${timeoutMs} ms (${all.map((e) => `${e.id}:${e.status}`).join(', ')})\n${c.tails()}`);
		await proc.sleep(1000);
	}
}

/** @param {{ deliveries: number, signed: number, executions: number, byWorker: Record<string, number>, medianDelayMs: number, delays: number[] }} h */
function printHook(h) {
	const workers = Object.entries(h.byWorker).map(([k, v]) => `${k} ${v}`).join(', ');
	process.stdout.write(
		`\nUiPath Webhook Trigger (checked): ${h.deliveries} job.completed deliveries to main (${h.signed} signed, a duplicate twice, a forged one → 401), ${h.executions} executions, on ${workers} (in this whole run ${unlisted.size} executions were left out of the public API's list and read by id); delay from a job's end to its execution's start: median ${h.medianDelayMs} ms (${h.delays.join(', ')}); one subscription, deleted at unpublish\n`,
	);
}

/** @param {import('./lib/queueMode').QueueCluster} cluster @param {any[]} executions @param {string} what */
function assertOnWorkers(cluster, executions, what) {
	const notOnWorker = executions.filter((e) => !cluster.workerOf(e.id));
	assert.equal(notOnWorker.length, 0, `${what} not run by a worker: ${notOnWorker.map((e) => e.id).join(', ')}`);
	const notEnqueued = executions.filter((e) => !cluster.enqueuedByMain(e.id));
	assert.equal(notEnqueued.length, 0, `${what} main did not enqueue: ${notEnqueued.map((e) => e.id).join(', ')}`);
}

/** @param {import('./lib/queueMode').QueueCluster} cluster @param {any[]} executions */
function countWorkers(cluster, executions) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const e of executions) {
		const name = cluster.workerOf(e.id) ?? 'main';
		counts[name] = (counts[name] ?? 0) + 1;
	}
	return counts;
}

/** @param {any} b the figures of runRoboticCrowdBatch */
function printBaseline(b) {
	const lines = [
		'',
		`Robotic Crowd under the quota (checked): ${b.executions} executions × ${b.runsPerExecution} run starts, quota 60/minute, no Retry-After, 2 workers × 5`,
		`  executions failed: ${b.failed} (with a 429 surfaced: ${b.failedWith429}); succeeded: ${b.succeeded}`,
		`  runs created: ${b.runsCreated}; created twice: ${b.runsCreatedTwice}; left started by the failed executions: ${b.runsLeftByFailed}`,
		`  requests: ${b.requests} (429 answers: ${b.responses429}); busiest minute: ${b.busiestMinuteSent} sent, ${b.busiestMinuteAccepted} accepted; all ${b.requests} sent within ${b.spanSeconds} s; the batch took ${Math.round(b.ms / 1000)} s`,
		b.sampleError ? `  a failed execution's error: ${b.sampleError}` : '',
		'',
	];
	process.stdout.write(lines.join('\n'));
}

/** @param {{ uiTokens: number, uiExecutions: number, jobs: number, uiPolls: number, rcPolls: number, minutes: number, byWorker: Record<string, number> }} r */
function printReport(r) {
	const lines = [
		'',
		'UiPath and triggers (checked)',
		`  ${r.uiExecutions} executions on the workers (${Object.entries(r.byWorker).map(([k, v]) => `${k} ${v}`).join(', ')}), ${r.jobs} jobs, each started once`,
		`  token requests to the identity server: ${r.uiTokens} (one credential, 1 h tokens)`,
		`  trigger polls in ${r.minutes.toFixed(1)} min, main only: UiPath ${r.uiPolls}, Robotic Crowd ${r.rcPolls}; each job and run fired once, across a restart of main`,
		'',
	];
	process.stdout.write(lines.join('\n'));
}

main().catch((error) => {
	process.stderr.write(`\n[queue] FAILED: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
