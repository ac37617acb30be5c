// UiPath scenarios: the UiPath node and UiPath Trigger run through n8n's engine (EngineHarness), each next to the
// hand-built baseline, against one Orchestrator simulator per scenario.
'use strict';
const { EngineHarness } = require('../../test/harness/engine.ts');
const { APP, cloudCredential, inFolder, setUp, uiNode } = require('../../test/nodes/uiPath.helpers.ts');
const { uiPathBaseline } = require('./baseline');
const { assertOk, measure, outcome, pollTracker, range, row, runNode, seeded, sleep } = require('./measure');

const isToken = (e) => e.path === '/identity_/connect/token';
const isRelease = (e) => e.path.endsWith('/odata/Releases');
/** GET /odata/Jobs and /odata/QueueItems: the calls Automation Cloud limits to 100 a minute per tenant. */
const isLimitedList = (e) => e.method === 'GET' && /\/odata\/(Jobs|QueueItems)$/.test(e.path);
const FINAL = ['Successful', 'Faulted', 'Stopped'];

const startSpec = (processName, extra = {}) =>
	uiNode({
		resource: 'job',
		operation: 'start',
		folder: inFolder(),
		process: { __rl: true, mode: 'name', value: processName },
		strategy: 'ModernJobsCount',
		jobsCount: 1,
		inputArguments: '={{ JSON.stringify({ customerId: $json.customerId }) }}',
		...extra,
	});

async function freshHarness(sim, overrides = {}) {
	const harness = await EngineHarness.create();
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, overrides), 'cloud');
	return harness;
}

/** 1. Start 50 jobs by process name in one execution, then the same workflow executed 5 times (token reuse). */
async function startJobs() {
	const { sim, shared } = await setUp();
	try {
		sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		const base = uiPathBaseline(sim, APP);
		const inputs = range(50).map((customerId) => ({ customerId }));
		const spec = startSpec('InvoiceProcessing');
		// Warm the engine and the HTTP clients up outside the measured blocks (first-call JIT and connection costs).
		await runNode(await freshHarness(sim), spec, [{ customerId: -1 }], 1);
		await base.startJob(await base.token(), await base.releaseKey(await base.token(), 'InvoiceProcessing'), { customerId: -1 });

		// The baseline per item: token, release key by name, StartJobs (3 requests), as an HTTP Request chain does.
		const baselineOnce = async () => {
			for (const input of inputs) {
				const token = await base.token();
				await base.startJob(token, await base.releaseKey(token, 'InvoiceProcessing'), input);
			}
		};
		const harness = await freshHarness(sim);
		const ours = await measure(sim, () => runNode(harness, spec, inputs, 50));
		const baseline = await measure(sim, baselineOnce);
		assertOk(ours, 'ours');
		assertOk(baseline, 'baseline');
		const lookups = (m) => m.requests.filter(isRelease).length;
		const one = row('1 UiPath start 50 jobs (by name), 1 execution', 50, ours, baseline, isToken, `release lookups ${lookups(ours)}/${lookups(baseline)}`);

		// Five executions of the same workflow in one n8n process: the stored token serves them all.
		const harness5 = await freshHarness(sim);
		const ours5 = await measure(sim, async () => {
			for (let run = 0; run < 5; run++) await runNode(harness5, spec, inputs, 50);
		});
		const baseline5 = await measure(sim, async () => {
			for (let run = 0; run < 5; run++) await baselineOnce();
		});
		assertOk(ours5, 'ours x5');
		assertOk(baseline5, 'baseline x5');
		const five = row('1b UiPath start 50 jobs, 5 executions', 250, ours5, baseline5, isToken, `release lookups ${lookups(ours5)}/${lookups(baseline5)}; token stored in the credential across executions`);
		return [one, five];
	} finally {
		await sim.close();
	}
}

/** 2. Start 10 jobs and wait for each to finish (queueDelay 300 ms, duration 1500 ms), in real time. */
async function startAndWait() {
	const { sim, shared } = await setUp({ listLimitPerMinute: 100 });
	try {
		sim.addRelease({ folderId: shared.Id, name: 'QuickCheck', queueDelayMs: 300, durationMs: 1500 });
		const base = uiPathBaseline(sim, APP);
		const inputs = range(10).map((customerId) => ({ customerId }));
		const harness = await freshHarness(sim);
		const spec = startSpec('QuickCheck', { waitForCompletion: true, waitTimeout: 60, startOptions: { pollInterval: 1 } });
		const ours = await measure(sim, () => runNode(harness, spec, inputs, 10));
		if (!ours.result.every((i) => i.json.State === 'Successful')) throw new Error('ours: not every job ended Successful');
		// The baseline per item: token, release key, StartJobs, then every second the rate-limited list filtered by Id.
		const baseline = await measure(sim, async () => {
			for (const input of inputs) {
				const token = await base.token();
				const job = await base.startJob(token, await base.releaseKey(token, 'QuickCheck'), input);
				let current = job;
				while (!FINAL.includes(current.State)) {
					await sleep(1000);
					current = await base.jobFromList(token, job.Id);
				}
			}
		});
		assertOk(ours, 'ours');
		assertOk(baseline, 'baseline');
		const lists = (m) => m.requests.filter(isLimitedList).length;
		const perJob = (m) => (m.requests.length / inputs.length).toFixed(1);
		return [
			row('2 UiPath start + wait, 10 jobs (1.8 s each)', 10, ours, baseline, isToken,
				`req/job ${perJob(ours)}/${perJob(baseline)}; rate-limited list calls ${lists(ours)}/${lists(baseline)}; ours waits for all items together, the baseline one after another`,
				{ rateLimitedListCalls: { ours: lists(ours), baseline: lists(baseline) } }),
		];
	} finally {
		await sim.close();
	}
}

/** 3. Add 200 queue items: ours in one BulkAddQueueItems call, baseline one AddQueueItem (and token) per item. */
async function addQueueItems() {
	const { sim, shared } = await setUp();
	try {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		const base = uiPathBaseline(sim, APP);
		const harness = await freshHarness(sim);
		const props = harness.nodeTypes.getByNameAndVersion('n8n-nodes-rpa.uiPath', 1).description.properties;
		if (!props.some((p) => p.name === 'addMode')) throw new Error('Queue Item → Add has no "addMode" (bulk) parameter in this build');
		const inputs = (prefix) => range(200).map((i) => ({ invoice: `INV-${i}`, amount: 100 + i, ref: `${prefix}-${i}` }));
		const spec = uiNode({
			resource: 'queueItem',
			operation: 'add',
			folder: inFolder(),
			queue: { __rl: true, mode: 'name', value: 'Invoices' },
			addMode: 'bulk',
			commitType: 'ProcessAllIndependently',
			specificContentInput: 'fields',
			specificContent: { values: [{ name: 'InvoiceNumber', value: '={{ $json.invoice }}' }, { name: 'Amount', value: '={{ $json.amount }}' }] },
			addOptions: { reference: '={{ $json.ref }}' },
		});
		const ours = await measure(sim, () => runNode(harness, spec, inputs('ours'), 200));
		const baseline = await measure(sim, async () => {
			for (const input of inputs('base')) {
				const token = await base.token();
				await base.addQueueItem(token, { Name: 'Invoices', SpecificContent: { InvoiceNumber: input.invoice, Amount: input.amount }, Reference: input.ref });
			}
		});
		assertOk(ours, 'ours');
		assertOk(baseline, 'baseline');
		const inQueue = sim.queueItems.filter((i) => i.QueueDefinitionId === queue.Id);
		const added = (prefix) => inQueue.filter((i) => String(i.Reference).startsWith(`${prefix}-`)).length;
		if (added('ours') !== 200 || added('base') !== 200) throw new Error(`queue holds ${added('ours')} of ours and ${added('base')} of the baseline's items, expected 200 each`);
		return [row('3 UiPath add 200 queue items (bulk)', 200, ours, baseline, isToken, 'all 200 of each in the queue')];
	} finally {
		await sim.close();
	}
}

/**
 * 4. UiPath Trigger over 20 polls a simulated minute apart, ~30 jobs finishing between polls (a fifth of them
 * written late, up to 90 s after their EndTime) and one burst poll with 250, against a naive poller that asks a
 * token and lists the newest 100 finished jobs each poll, deduping in memory.
 */
async function triggerPolls() {
	const { sim, shared } = await setUp({ listLimitPerMinute: 100 });
	try {
		// Pacing off: the polls run back to back in real time while the simulator's clock jumps a minute each.
		const harness = await freshHarness(sim, { listCallsPerMinute: 0 });
		sim.clock.freeze();
		const base = uiPathBaseline(sim, APP);
		const random = seeded(7);
		const spec = {
			type: 'uiPathTrigger',
			parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [{ folder: inFolder() }] }, states: FINAL },
			credentials: { uiPathCloudOAuthApi: 'cloud' },
		};
		for (let i = 0; i < 50; i++) sim.addJob({ folderId: shared.Id, endTime: sim.clock.now() - 1000 * i }); // history
		const state = { staticData: {} };
		const ours = pollTracker(sim, async () => ((await harness.poll(spec, state)) ?? []).map((i) => i.json.Id));
		// The naive poller: a token and the newest 100 each poll; new ids are the ones not seen before (none on activation).
		const seen = new Set();
		let activation = true;
		const naive = pollTracker(sim, async () => {
			const fresh = (await base.latestFinishedJobs(await base.token())).map((j) => j.Id).filter((id) => !seen.has(id));
			fresh.forEach((id) => seen.add(id));
			return activation ? [] : fresh;
		});
		await ours.poll();
		await naive.poll();
		activation = false;
		const finished = [];
		const BURST = 10;
		let burst;
		const loopRequests = { ours: 0, naive: 0 };
		for (let p = 0; p < 20; p++) {
			const now = sim.clock.now();
			const count = p === BURST ? 250 : 25 + Math.floor(random() * 11);
			for (let k = 0; k < count; k++) {
				const roll = random();
				const endTime = now + Math.floor(random() * 60_000);
				const visibleAt = random() < 0.2 ? endTime + Math.floor(random() * 90_000) : undefined;
				finished.push(sim.addJob({ folderId: shared.Id, state: roll < 0.7 ? 'Successful' : roll < 0.9 ? 'Faulted' : 'Stopped', endTime, visibleAt }).Id);
			}
			sim.clock.advance(60_000);
			const before = { ours: ours.emitted.length, naive: naive.emitted.length };
			loopRequests.ours += await ours.poll();
			loopRequests.naive += await naive.poll();
			if (p === BURST) burst = { finished: count, ours: ours.emitted.length - before.ours, naive: naive.emitted.length - before.naive };
		}
		// Drain: late writes become visible; both pollers get two more polls.
		sim.clock.advance(10 * 60_000);
		for (let i = 0; i < 2; i++) {
			await ours.poll();
			await naive.poll();
		}
		assertOk(ours, 'ours');
		assertOk(naive, 'naive');
		const o = outcome(finished, ours.emitted);
		const n = outcome(finished, naive.emitted);
		const perPoll = (count) => (count / 20).toFixed(2);
		return [
			row('4 UiPath Trigger, 20 polls (~30/poll, 1 burst 250)', finished.length, ours, naive, isToken,
				`req/poll ${perPoll(loopRequests.ours)}/${perPoll(loopRequests.naive)}; missed ${o.missed}/${n.missed}; duplicates ${o.duplicates}/${n.duplicates}; burst poll emitted ${burst.ours}/${burst.naive} of ${burst.finished}`,
				{ polls: 20, missed: { ours: o.missed, baseline: n.missed }, duplicates: { ours: o.duplicates, baseline: n.duplicates }, burst }),
		];
	} finally {
		await sim.close();
	}
}

module.exports = { startJobs, startAndWait, addQueueItems, triggerPolls };
