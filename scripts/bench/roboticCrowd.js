// Robotic Crowd scenarios: the Robotic Crowd node and trigger run through n8n's engine (EngineHarness), each next
// to the hand-built baseline, against one simulator per scenario. Quota pacing is off on both sides (credential
// and simulator quotaPerMinute 100000), so the figures show requests and time, not waiting on the 60/min quota.
'use strict';
const { ACCESS_KEY_ID, SECRET, credentialData, rcNode, setUp } = require('../../test/nodes/roboticCrowd.helpers.ts');
const { roboticCrowdBaseline } = require('./baseline');
const { assertOk, measure, outcome, pollTracker, range, row, runNode, seeded } = require('./measure');

const QUOTA = 100_000;
const isToken = (e) => e.path === '/v1/token';

async function start() {
	const { sim, harness } = await setUp({ quotaPerMinute: QUOTA });
	harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: QUOTA }), 'rc');
	const base = roboticCrowdBaseline(sim, { accessKeyId: ACCESS_KEY_ID, secret: SECRET });
	return { sim, harness, base };
}

/** 5. Create 50 runs (ours signs each JWT locally; the baseline asks POST /v1/token per item), then list 500 runs. */
async function createAndList() {
	const rows = [];
	{
		const { sim, harness, base } = await start();
		try {
			const workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
			const spec = rcNode({
				resource: 'sessionQueue',
				operation: 'create',
				workflowId: { __rl: true, mode: 'id', value: String(workflowId) },
				paramsInput: 'fields',
				params: { parameter: [{ name: 'customer', value: '={{ $json.customer }}' }] },
			});
			const inputs = range(50).map((i) => ({ customer: `C-${i}` }));
			await runNode(harness, spec, [{ customer: 'warm-up' }], 1);
			await base.createRun(await base.token(), workflowId, { customer: 'warm-up' });
			const ours = await measure(sim, () => runNode(harness, spec, inputs, 50));
			const baseline = await measure(sim, async () => {
				for (const input of inputs) await base.createRun(await base.token(), workflowId, input);
			});
			assertOk(ours, 'ours');
			assertOk(baseline, 'baseline');
			rows.push(row('5 Robotic Crowd create 50 runs', 50, ours, baseline, isToken, 'ours signs a 300 s single-scope JWT per request, no token call'));
		} finally {
			await sim.close();
		}
	}
	{
		const { sim, harness, base } = await start();
		try {
			const workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
			const t0 = Date.now() - 3 * 3600_000;
			for (let i = 0; i < 500; i++) sim.addRun({ workflow_id: workflowId, status: i % 5 ? 'success' : 'error', created_at: t0 + i * 1000 });
			const ours = await measure(sim, () => runNode(harness, rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true }), [{}], 500));
			// The baseline: one token, then pages at the API's default per_page (10) until total_count is reached.
			const baseline = await measure(sim, async () => {
				const token = await base.token();
				const runs = [];
				for (let page = 1; ; page++) {
					const answer = await base.listRuns(token, { page: String(page) });
					runs.push(...answer.session_queues);
					if (!answer.session_queues.length || runs.length >= answer.total_count) return runs;
				}
			});
			assertOk(ours, 'ours');
			assertOk(baseline, 'baseline');
			if (baseline.result.length !== 500) throw new Error(`baseline read ${baseline.result.length} runs, expected 500`);
			rows.push(row('5b Robotic Crowd get many, return all 500', 500, ours, baseline, isToken, 'pages of 50 vs the default per_page=10'));
		} finally {
			await sim.close();
		}
	}
	return rows;
}

/**
 * 6. Robotic Crowd Trigger over 20 polls a simulated minute apart, ~20 runs finishing between polls: ~17 short
 * runs plus ~3 long runs started 3 to 8 polls earlier. The naive poller asks a token and reads page 1
 * (per_page=50, newest created first) of finished runs each poll, deduping in memory.
 * Both the simulator and the node read Date.now(), so moving it moves both clocks together.
 */
async function triggerPolls() {
	const realNow = Date.now;
	let offset = 0;
	Date.now = () => realNow.call(Date) + offset;
	const shift = (ms) => (offset += ms);
	const { sim, harness, base } = await start();
	try {
		const workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
		const random = seeded(42);
		const spec = { type: 'roboticCrowdTrigger', parameters: { statuses: ['success', 'error'] }, credentials: { roboticCrowdApi: 'rc' } };
		for (let i = 0; i < 30; i++) sim.addRun({ workflow_id: workflowId, status: 'success', created_at: Date.now() - 600_000 + i * 10_000 });
		/** long runs still open: id and the poll before which they finish */
		let open = range(5).map((i) => ({ id: sim.addRun({ workflow_id: workflowId, status: 'running', created_at: Date.now() - 60_000 * (i + 1) }).id, due: 2 + i }));
		const state = { staticData: {} };
		const ours = pollTracker(sim, async () => ((await harness.poll(spec, state)) ?? []).map((i) => i.json.id));
		// The naive poller: a token and page 1 of finished runs each poll; new ids are the ones not seen before.
		const seen = new Set();
		let activation = true;
		const naive = pollTracker(sim, async () => {
			const page = await base.listRuns(await base.token(), { page: '1', per_page: '50', query: 'is:success is:error' });
			const fresh = page.session_queues.map((r) => r.id).filter((id) => !seen.has(id));
			fresh.forEach((id) => seen.add(id));
			return activation ? [] : fresh;
		});
		await ours.poll();
		await naive.poll();
		activation = false;
		const finished = [];
		const finish = (run) => {
			sim.finishRun(run.id, random() < 0.8 ? 'success' : 'error');
			finished.push(run.id);
		};
		const loopRequests = { ours: 0, naive: 0 };
		for (let p = 0; p < 20; p++) {
			shift(60_000);
			const now = Date.now();
			for (const run of open.filter((r) => r.due <= p)) finish(run);
			open = open.filter((r) => r.due > p);
			for (let k = 0; k < 3; k++) {
				open.push({ id: sim.addRun({ workflow_id: workflowId, status: 'running', created_at: now - Math.floor(random() * 55_000) }).id, due: p + 3 + Math.floor(random() * 6) });
			}
			for (let k = 15 + Math.floor(random() * 5); k > 0; k--) {
				finished.push(sim.addRun({ workflow_id: workflowId, status: random() < 0.8 ? 'success' : 'error', created_at: now - Math.floor(random() * 55_000) }).id);
			}
			loopRequests.ours += await ours.poll();
			loopRequests.naive += await naive.poll();
		}
		// Drain: every run still open finishes, and both pollers get one more poll.
		shift(60_000);
		open.forEach(finish);
		await ours.poll();
		await naive.poll();
		assertOk(ours, 'ours');
		assertOk(naive, 'naive');
		const o = outcome(finished, ours.emitted);
		const n = outcome(finished, naive.emitted);
		const perPoll = (count) => (count / 20).toFixed(2);
		return [
			row('6 Robotic Crowd Trigger, 20 polls (~20/poll)', finished.length, ours, naive, isToken,
				`req/poll ${perPoll(loopRequests.ours)}/${perPoll(loopRequests.naive)}; missed ${o.missed}/${n.missed}; duplicates ${o.duplicates}/${n.duplicates}; emitted ${ours.emitted.length}/${naive.emitted.length} of ${finished.length}`,
				{ polls: 20, missed: { ours: o.missed, baseline: n.missed }, duplicates: { ours: o.duplicates, baseline: n.duplicates } }),
		];
	} finally {
		Date.now = realNow;
		await sim.close();
	}
}

module.exports = { createAndList, triggerPolls };
