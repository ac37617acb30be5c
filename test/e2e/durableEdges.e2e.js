#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The edges of Job → Start's durable wait (webhook mode) in one real n8n 2.41.1 against the UiPath simulator:
 *   cancel    an execution waiting on a job is stopped through n8n's public API (POST /api/v1/executions/{id}/stop);
 *             the job's end is then delivered to its resume URL: n8n refuses it (the HTTP status is printed), the
 *             node reads nothing, the execution stays canceled, After never runs. The wait's subscription stays,
 *             named with its deadline (start + Timeout): that is what bounds its life (the sweep is engine-tested).
 *   403       a credential whose External Application lacks OR.Webhooks: the execution ends in error (never
 *             waiting), naming the scope, and no job was started nor subscription made.
 *   deadline  Timeout 5 s on a job of an hour: n8n's WaitTracker resumes the execution at the deadline and it fails
 *             with "Job <id> had not ended at the wait's deadline"; with Continue On Fail, After gets one item whose
 *             `error` says so; no output anywhere looks like a finished job; the subscription is gone or, if left,
 *             its name's deadline is in the past (the sweep removes it 5 minutes later).
 *   loop      Start job → IF {{$runIndex}} < 1 → back into Start job, else → After: each pass pauses and resumes
 *             once, two runs with two different jobs, After once, every subscription of it removed.
 * `npm run build`, then `node test/e2e/durableEdges.e2e.js`; test/e2e/run.js calls `runDurableEdgesE2e()` too.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const n8n = require('./lib/n8n');
const { sleep, waitUntil } = require('./lib/uipathWebhook');
const { startUiPathSimulator } = require('../simulators/uipath');
const { durableWorkflow, executionWith, outputOf, APP, CRED } = require('./durableWait.e2e');

const NO_HOOKS_APP = { clientId: 'e2e-durable-nohooks', clientSecret: 'e2e-durable-nohooks-secret', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read'] };
const NO_HOOKS_CRED = { id: 'e2eUiNoHooks0001', name: 'UiPath Cloud (no OR.Webhooks)', type: CRED.type };
const CANCEL_TIMEOUT_S = 600;
const DEADLINE_S = 5;
const OURS = 'n8n durable wait · until ';
const log = (/** @type {string} */ line) => process.stderr.write(`[durable edges e2e] ${line}\n`);

/** @typedef {ReturnType<typeof durableWorkflow>} Workflow */

/** The workflow's Job → Start node, changed by `patch` (its parameters merged, other fields set). */
function withStart(/** @type {Workflow} */ workflow, /** @type {{ parameters?: Record<string, unknown>, [key: string]: unknown }} */ patch) {
	const node = /** @type {any} */ (workflow.nodes.find((n) => n.name === 'Start job'));
	const { parameters, ...rest } = patch;
	Object.assign(node, rest);
	Object.assign(node.parameters, parameters ?? {});
	return workflow;
}

/** Hook → Start job → "Again?" (IF: the IF's own run index < 1) → back into Start job; else → After. */
function loopWorkflow() {
	const workflow = durableWorkflow('Durable edges: loop', 'edge-loop', 'webhook', 'LoopJob');
	const condition = { id: crypto.randomUUID(), leftValue: '={{ $runIndex }}', rightValue: 1, operator: { type: 'number', operation: 'lt' } };
	workflow.nodes.push({
		id: crypto.randomUUID(),
		name: 'Again?',
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [440, 200],
		parameters: { conditions: { options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 }, conditions: [condition], combinator: 'and' }, options: {} },
	});
	workflow.connections['Start job'] = { main: [[{ node: 'Again?', type: 'main', index: 0 }]] };
	workflow.connections['Again?'] = { main: [[{ node: 'Start job', type: 'main', index: 0 }], [{ node: 'After', type: 'main', index: 0 }]] };
	return workflow;
}

/** The deadline a durable wait's subscription is named with. @param {{ Name: string }} sub */
const deadlineOf = (sub) => Date.parse(sub.Name.slice(OURS.length).split(' ')[0]);
/** Anything in a run's output that looks like a job (a finished one has State, Id, OutputArguments). @param {any} execution */
const jobLike = (execution) =>
	Object.entries(execution.data?.resultData?.runData ?? {}).flatMap(([node, runs]) =>
		/** @type {any[]} */ (runs).flatMap((run) => (run.data?.main ?? []).flat().filter(Boolean).map((/** @type {any} */ item) => ({ node, json: item.json }))),
	).filter(({ json }) => json && ('State' in json || 'Id' in json || 'OutputArguments' in json));

async function runDurableEdgesE2e(/** @type {{ runtime?: any, tarball?: string }} */ options = {}) {
	const ui = await startUiPathSimulator();
	ui.addExternalApp(APP);
	ui.addExternalApp(NO_HOOKS_APP);
	const folder = ui.addFolder({ displayName: 'Durable' });
	ui.addRobot({ folderId: folder.Id, name: 'EdgeRobot' });
	ui.addRelease({ folderId: folder.Id, name: 'CancelJob', queueDelayMs: 300, durationMs: 8000, outputArguments: { cancelled: false } });
	ui.addRelease({ folderId: folder.Id, name: 'NeverStarts', queueDelayMs: 300, durationMs: 5000, outputArguments: {} });
	ui.addRelease({ folderId: folder.Id, name: 'Endless', queueDelayMs: 300, durationMs: 3_600_000, outputArguments: { never: true } });
	ui.addRelease({ folderId: folder.Id, name: 'LoopJob', queueDelayMs: 300, durationMs: 3000, outputArguments: { looped: true } });
	const runtime = options.runtime ?? (await n8n.ensureRuntime());
	const tarball = options.tarball ?? (await n8n.packPackage());
	const home = await n8n.createN8nHome({ tarball, runtime });
	/** @type {any} */ let server;
	const figures = /** @type {Record<string, number | string>} */ ({});
	const subs = () => /** @type {Array<{ Id: number, Name: string, Url: string }>} */ (ui.webhooks.subscriptions).filter((s) => s.Name.startsWith(OURS));
	const subsOf = (/** @type {string} */ executionId) => subs().filter((s) => s.Name.endsWith(` · execution ${executionId}`));
	const jobsOf = (/** @type {string} */ release) => /** @type {any[]} */ (ui.jobs).filter((j) => j.ReleaseName === release);
	const hook = async (/** @type {string} */ path) => {
		for (const until = Date.now() + 60_000; ; await sleep(500)) {
			const res = await fetch(`${home.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			// n8n serves a published workflow's webhooks a moment after it is ready: until then 404, starting nothing
			if (res.status === 404 && Date.now() < until) continue;
			assert.equal(res.status, 200, `the Webhook node on ${path} starts the workflow`);
			return;
		}
	};
	const uiLogSince = (/** @type {number} */ index) => /** @type {Array<{ method: string, path: string, route?: string, status: number, body: any }>} */ (ui.log).slice(index);
	try {
		const uiCred = (/** @type {{ id: string, name: string, type: string }} */ cred, /** @type {typeof APP} */ app) => ({
			...cred,
			data: { authMethod: 'externalApp', cloudUrl: ui.url, organization: ui.organization, tenant: ui.tenant, clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') },
		});
		await home.importCredentials([uiCred(CRED, APP), uiCred(NO_HOOKS_CRED, NO_HOOKS_APP)]);
		const cancelWf = durableWorkflow('Durable edges: cancelled', 'edge-cancel', 'webhook', 'CancelJob');
		const forbiddenWf = withStart(durableWorkflow('Durable edges: 403', 'edge-403', 'webhook', 'NeverStarts'), { credentials: { [NO_HOOKS_CRED.type]: { id: NO_HOOKS_CRED.id, name: NO_HOOKS_CRED.name } } });
		const deadlineWf = withStart(durableWorkflow('Durable edges: deadline', 'edge-deadline', 'webhook', 'Endless'), { parameters: { waitTimeout: DEADLINE_S } });
		const deadlineCofWf = withStart(durableWorkflow('Durable edges: deadline, Continue On Fail', 'edge-deadline-cof', 'webhook', 'Endless'), { parameters: { waitTimeout: DEADLINE_S }, onError: 'continueRegularOutput' });
		const loopWf = loopWorkflow();
		const all = [cancelWf, forbiddenWf, deadlineWf, deadlineCofWf, loopWf];
		await home.importWorkflows(all);
		for (const workflow of all) await home.publish(workflow.id);
		server = await home.start();
		await server.setupOwner({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-owner-pass1' });
		await server.createApiKey();
		const executionsOf = async (/** @type {string} */ workflowId) => (await server.publicApi('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=50`)).data ?? [];

		// ---- deadline (started first: n8n's WaitTracker resumes it within ~60 s; the other cases run meanwhile) ----
		await hook('edge-deadline');
		await hook('edge-deadline-cof');
		const deadlineWaits = [await executionWith(server, deadlineWf.id, 'waiting'), await executionWith(server, deadlineCofWf.id, 'waiting')];
		await waitUntil(() => deadlineWaits.every((w) => subsOf(w.id).length === 1), 10_000, 'the deadline waits to subscribe');
		const deadlineSubs = deadlineWaits.map((w) => subsOf(w.id)[0]);
		for (const [i, waiting] of deadlineWaits.entries()) assert.equal(deadlineOf(deadlineSubs[i]), Date.parse(waiting.waitTill), "the name's deadline is the execution's waitTill");
		assert.equal(jobsOf('Endless').length, 2, 'one job per deadline execution');
		for (const waiting of deadlineWaits) {
			const shown = outputOf(waiting, 'Start job');
			assert.equal(shown.length, 1);
			assert.ok(shown[0].durableWait && !('State' in shown[0]), `while waiting, execution ${waiting.id} shows the wait, not a job: ${JSON.stringify(shown[0])}`);
		}
		log(`deadline: executions ${deadlineWaits.map((w) => w.id).join(' and ')} wait for jobs ${jobsOf('Endless').map((j) => j.Id).join(' and ')}, Timeout ${DEADLINE_S} s`);

		// ---- loop: the same durable node twice in one execution --------------------------------------------------
		const loopLogStart = ui.log.length;
		await hook('edge-loop');
		const loopWaiting = await executionWith(server, loopWf.id, 'waiting');
		/** @type {Set<number>} the number of Start job runs seen while the execution waited */
		const waitedAt = new Set();
		/** @type {Set<number>} the loop's subscriptions seen meanwhile */
		const loopSubIds = new Set();
		/** @type {any} */ let looped;
		for (const until = Date.now() + 60_000; ; ) {
			const execution = await server.publicApi('GET', `/executions/${loopWaiting.id}?includeData=true`);
			if (execution.status === 'waiting') waitedAt.add(execution.data.resultData.runData['Start job'].length);
			for (const sub of subsOf(loopWaiting.id)) loopSubIds.add(sub.Id);
			if (!['new', 'running', 'waiting'].includes(execution.status)) {
				looped = execution;
				break;
			}
			assert.ok(Date.now() < until, `the loop execution ${loopWaiting.id} did not end in 60 s (status ${execution.status})\n${server.tail(40)}`);
			await sleep(150);
		}
		assert.equal(looped.status, 'success', `the loop ends in success: ${JSON.stringify(looped.data.resultData.error ?? null)}`);
		assert.deepEqual([...waitedAt].sort(), [1, 2], 'the execution waited in each pass (with one run of Start job, then two)');
		const loopRuns = looped.data.resultData.runData['Start job'];
		assert.equal(loopRuns.length, 2, 'Start job ran twice');
		const loopJobs = loopRuns.map((/** @type {any} */ run) => run.data.main[0].map((/** @type {any} */ i) => i.json));
		for (const [pass, items] of loopJobs.entries()) {
			assert.equal(items.length, 1, `pass ${pass} gives one item`);
			assert.equal(items[0].State, 'Successful', `pass ${pass} gives its job as it ended`);
			assert.deepEqual(items[0].OutputArguments, { looped: true });
		}
		const loopIds = loopJobs.map((/** @type {any[]} */ items) => items[0].Id);
		assert.notEqual(loopIds[0], loopIds[1], 'two different jobs');
		assert.deepEqual(jobsOf('LoopJob').map((j) => j.Id).sort(), [...loopIds].sort(), 'exactly the two jobs of the two passes were started');
		assert.equal(looped.data.resultData.runData['Again?'].length, 2, 'the IF ran after each pass');
		assert.equal(looped.data.resultData.runData.After.length, 1, 'After ran once');
		assert.deepEqual(outputOf(looped, 'After').map((/** @type {any} */ j) => j.Id), [loopIds[1]], "After got the second pass's job");
		const loopCalls = uiLogSince(loopLogStart);
		const loopCreated = loopCalls.filter((e) => e.route === 'POST /odata/Webhooks' && String(e.body?.Name).endsWith(` · execution ${loopWaiting.id}`));
		assert.equal(loopCreated.length, 2, 'one subscription per pass');
		assert.notEqual(loopCreated[0].body.Name, loopCreated[1].body.Name, "each pass's subscription is named with its own deadline");
		assert.equal(loopSubIds.size, 2, `two subscriptions seen while it waited: ${[...loopSubIds].join(', ')}`);
		const loopDeleted = loopCalls.filter((e) => e.route === 'DELETE /odata/Webhooks({key})').map((e) => `${e.path.match(/Webhooks\((\d+)\)$/)?.[1]}:${e.status}`);
		assert.deepEqual(loopDeleted.sort(), [...loopSubIds].map((id) => `${id}:204`).sort(), 'each removed once, and nothing else');
		assert.equal(subsOf(loopWaiting.id).length, 0, 'no subscription of the loop left');
		const [firstSub, secondSub] = [...loopSubIds].sort((a, b) => a - b);
		const loopEnds = ui.webhooks.deliveries.filter((/** @type {any} */ d) => loopSubIds.has(d.webhookId) && d.type === 'job.completed').map((/** @type {any} */ d) => `${d.webhookId}:${JSON.parse(d.body).Job.Id}:${d.status}`);
		assert.deepEqual(loopEnds, [`${firstSub}:${loopIds[0]}:200`, `${secondSub}:${loopIds[1]}:200`], "each pass's subscription got its own job's end, answered 200");
		const loopStarts = loopRuns.map((/** @type {any} */ run) => run.startTime);
		figures.loopSecondPassAfterFirstMs = loopStarts[1] - loopStarts[0];
		log(`loop: execution ${looped.id} waited twice, jobs ${loopIds.join(' then ')}, After once; 2 subscriptions made and removed, 0 left`);

		// ---- 403: no OR.Webhooks, so the wait cannot subscribe and no job starts ---------------------------------
		const forbiddenLogStart = ui.log.length;
		await hook('edge-403');
		const forbidden = await executionWith(server, forbiddenWf.id, 'error');
		const forbiddenAll = await executionsOf(forbiddenWf.id);
		assert.deepEqual(forbiddenAll.map((/** @type {any} */ e) => e.status), ['error'], 'one execution, in error, never waiting');
		assert.equal(forbidden.waitTill ?? null, null, 'it never waited');
		assert.ok(forbidden.data.resultData.runData['Start job'][0].error, 'Job → Start failed');
		const forbiddenError = forbidden.data.resultData.error;
		const forbiddenText = `${forbiddenError?.message ?? ''} ${forbiddenError?.description ?? ''}`;
		assert.match(forbiddenText, /OR\.Webhooks/, `the error names the scope: ${forbiddenText}`);
		assert.match(forbiddenText, /403|scope|not authorized|permission/i);
		assert.equal(forbidden.data.resultData.runData.After, undefined, 'After never ran');
		assert.equal(jobsOf('NeverStarts').length, 0, 'no job was started');
		const forbiddenCalls = uiLogSince(forbiddenLogStart);
		assert.equal(forbiddenCalls.filter((e) => e.path.endsWith('StartJobs')).length, 0, 'StartJobs was never called');
		assert.equal(forbiddenCalls.filter((e) => e.route === 'POST /odata/Webhooks' && e.status === 201).length, 0, 'no subscription was made');
		assert.ok(forbiddenCalls.some((e) => String(e.route).includes(' /odata/Webhooks') && e.status === 403), 'Orchestrator answered 403 on /odata/Webhooks');
		figures.forbiddenError = forbiddenError.message;
		log(`403: execution ${forbidden.id} failed, "${forbiddenError.message}"; 0 jobs started`);

		// ---- cancel: stopped while waiting, then the job ends ----------------------------------------------------
		await hook('edge-cancel');
		const cancelWaiting = await executionWith(server, cancelWf.id, 'waiting');
		const [cancelJob] = jobsOf('CancelJob');
		assert.equal(jobsOf('CancelJob').length, 1);
		const [cancelSub] = subsOf(cancelWaiting.id);
		assert.equal(subsOf(cancelWaiting.id).length, 1, 'one subscription for the wait');
		const nodeStartedAt = cancelWaiting.data.resultData.runData['Start job'][0].startTime;
		const expected = nodeStartedAt + CANCEL_TIMEOUT_S * 1000;
		figures.cancelDeadlineOffMs = deadlineOf(cancelSub) - expected;
		assert.ok(Math.abs(deadlineOf(cancelSub) - expected) <= 5000, `the name's deadline ${cancelSub.Name} is the node's start + ${CANCEL_TIMEOUT_S} s (${new Date(expected).toISOString()})`);
		assert.equal(deadlineOf(cancelSub), Date.parse(cancelWaiting.waitTill), "the name's deadline is the execution's waitTill");
		assert.ok(!['Successful', 'Faulted', 'Stopped'].includes(jobsOf('CancelJob')[0].State), 'the job still runs when the execution is stopped');
		const stopped = await server.publicApi('POST', `/executions/${cancelWaiting.id}/stop`);
		assert.equal(stopped.status, 'canceled', `the stop answers canceled: ${JSON.stringify(stopped)}`);
		const cancelLogStart = ui.log.length;
		const [delivery] = await ui.webhooks.waitForDeliveries(1, (/** @type {any} */ d) => d.webhookId === cancelSub.Id && d.type === 'job.completed' && JSON.parse(d.body).Job?.Id === cancelJob.Id, 30_000);
		figures.cancelledDeliveryStatus = Number(delivery.status);
		assert.equal(delivery.status, 409, `n8n refuses the delivery to a cancelled execution (answered ${delivery.status ?? delivery.error})`);
		await sleep(2000);
		const afterCancel = await server.publicApi('GET', `/executions/${cancelWaiting.id}?includeData=true`);
		assert.equal(afterCancel.status, 'canceled', 'the execution stays canceled');
		assert.equal(afterCancel.data.resultData.runData.After, undefined, 'After never ran');
		assert.deepEqual((await executionsOf(cancelWf.id)).map((/** @type {any} */ e) => e.status), ['canceled'], 'no other execution');
		assert.equal(uiLogSince(cancelLogStart).filter((e) => e.path.includes(`Jobs(${cancelJob.Id})`)).length, 0, 'the node did not read the job: nothing resumed');
		assert.deepEqual(subsOf(cancelWaiting.id).map((s) => s.Id), [cancelSub.Id], 'the subscription stays until its deadline passed (then a sweep removes it)');
		log(`cancel: execution ${cancelWaiting.id} stopped while job ${cancelJob.Id} ran; its end delivered: n8n answered ${delivery.status}; still canceled, After never ran; "${cancelSub.Name}" (deadline ${figures.cancelDeadlineOffMs} ms off start + ${CANCEL_TIMEOUT_S} s)`);

		// ---- deadline: resumed by n8n at the deadline, failing (or an error item with Continue On Fail) -----------
		const [failedAtDeadline] = await server.waitForExecutions(deadlineWf.id, { atLeast: 1, timeoutMs: 150_000 });
		const [cofAtDeadline] = await server.waitForExecutions(deadlineCofWf.id, { atLeast: 1, timeoutMs: 60_000 });
		const endlessIds = deadlineWaits.map((w) => Number(w.data.resultData.runData['Start job'][0].data.main[0][0].json.durableWait.waitingFor.jobs[0]));
		assert.deepEqual([...endlessIds].sort(), jobsOf('Endless').map((j) => j.Id).sort(), 'each deadline execution waited for its own job');
		const deadlineText = (/** @type {number} */ jobId) => new RegExp(`^Job ${jobId} had not ended at the wait's deadline`);
		assert.equal(failedAtDeadline.status, 'error', 'at the deadline the execution fails');
		assert.match(failedAtDeadline.data.resultData.error.message, deadlineText(endlessIds[0]));
		assert.equal(failedAtDeadline.data.resultData.runData.After, undefined, 'After never ran');
		assert.equal(cofAtDeadline.status, 'success', 'with Continue On Fail the execution goes on');
		const errorItems = outputOf(cofAtDeadline, 'After');
		assert.equal(errorItems.length, 1, 'After gets one item');
		assert.deepEqual(Object.keys(errorItems[0]), ['error'], `the item is only the error: ${JSON.stringify(errorItems[0])}`);
		assert.match(errorItems[0].error, deadlineText(endlessIds[1]));
		for (const [i, execution] of [failedAtDeadline, cofAtDeadline].entries()) {
			const deadline = deadlineOf(deadlineSubs[i]);
			const stoppedAt = Date.parse(execution.stoppedAt);
			assert.ok(stoppedAt >= deadline, `execution ${execution.id} ended at ${execution.stoppedAt}, not before its deadline ${new Date(deadline).toISOString()}`);
			assert.ok(stoppedAt - deadline < 120_000, `execution ${execution.id} resumed within 120 s of its deadline`);
			figures[`deadlineResumeLate${i ? 'ContinueOnFail' : ''}Ms`] = stoppedAt - deadline;
			assert.deepEqual(jobLike(execution), [], `no output of execution ${execution.id} looks like a job`);
		}
		assert.ok(jobsOf('Endless').every((j) => !['Successful', 'Faulted', 'Stopped'].includes(j.State)), 'the jobs still run');
		const leftAfterDeadline = deadlineWaits.flatMap((w) => subsOf(w.id));
		for (const left of leftAfterDeadline) assert.ok(deadlineOf(left) < Date.now(), `a subscription left after the deadline is named with a past deadline: ${left.Name}`);
		assert.ok(deadlineWaits.every((w) => subsOf(w.id).length <= 1), 'at most one subscription per wait');
		figures.deadlineSubscriptionsLeft = leftAfterDeadline.length;
		// A left subscription still gets the tenant's job ends: n8n refuses them, the ended executions stay as they are.
		for (const left of leftAfterDeadline) {
			const [i, jobId] = deadlineSubs[0].Id === left.Id ? [0, endlessIds[0]] : [1, endlessIds[1]];
			const sent = ui.webhooks.deliver(left.Id, { Type: 'job.completed', Job: { Id: jobId, Key: crypto.randomUUID(), State: 'Successful' } });
			const [late] = await ui.webhooks.waitForDeliveries(1, (/** @type {any} */ d) => d.eventId === sent.EventId, 30_000);
			assert.equal(late.status, 409, `a delivery after the deadline resume is refused (answered ${late.status ?? late.error})`);
			const again = await server.publicApi('GET', `/executions/${deadlineWaits[i].id}?includeData=true`);
			assert.equal(again.status, i ? 'success' : 'error', 'the execution is as it ended');
			assert.equal(again.data.resultData.runData.After?.length, i ? 1 : undefined, 'After did not run again');
			figures[`lateDeliveryStatus${i ? 'ContinueOnFail' : ''}`] = Number(late.status);
		}
		log(`deadline: failed ${figures.deadlineResumeLateMs} ms after the deadline ("${failedAtDeadline.data.resultData.error.message.slice(0, 60)}…"); Continue On Fail: one error item, ${figures.deadlineResumeLateContinueOnFailMs} ms after; subscriptions left: ${leftAfterDeadline.length} (${leftAfterDeadline.length ? 'named with a past deadline, for the sweep' : 'removed'})`);

		// Everything that is left: the cancelled wait's subscription and what the deadline left, nothing else.
		assert.deepEqual(subs().map((s) => s.Id).sort(), [cancelSub.Id, ...leftAfterDeadline.map((s) => s.Id)].sort(), 'no other subscription is left');
		return figures;
	} finally {
		await server?.stop().catch(() => undefined);
		await home.cleanup().catch(() => undefined);
		await ui.close();
	}
}

if (require.main === module) {
	const startedAt = Date.now();
	runDurableEdgesE2e().then(
		(figures) => log(`passed in ${Date.now() - startedAt} ms: ${JSON.stringify(figures)}`),
		(error) => {
			process.stderr.write(`${error.stack ?? error}\n`);
			process.exit(1);
		},
	);
}

module.exports = { runDurableEdgesE2e };
