// What every scenario shares: timing a block while counting the requests a simulator logged during it, a seeded
// random generator (same workload every run), and the table printed at the end.
'use strict';
const { performance } = require('node:perf_hooks');

/**
 * Runs `fn` and returns the requests the simulator logged meanwhile and the wall time it took.
 * Both the node and its baseline run against the same simulator, one after the other, so the log slice is theirs alone.
 */
async function measure(sim, fn) {
	const from = sim.log.length;
	const start = performance.now();
	const result = await fn();
	const ms = performance.now() - start;
	return { ms, requests: sim.log.slice(from), result };
}

/** A linear congruential generator: the bench must make the same workload on every run to be comparable. */
function seeded(seed) {
	let s = seed;
	return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n) => Array.from({ length: n }, (_, i) => i);

/** A scenario's printed row: counts from the simulator log, time per item, and notes that explain the figures. */
function row(scenario, items, ours, baseline, isToken, notes = '', extra = {}) {
	const count = (m) => m.requests.length;
	const tokens = (m) => m.requests.filter(isToken).length;
	return {
		scenario,
		items,
		requests: { ours: count(ours), baseline: count(baseline) },
		tokenRequests: { ours: tokens(ours), baseline: tokens(baseline) },
		msPerItem: { ours: round(ours.ms / items), baseline: round(baseline.ms / items) },
		notes,
		...extra,
	};
}

/** Fails the scenario when a call was refused: figures from a half-broken run would mislead. */
function assertOk(m, what) {
	const bad = m.requests.filter((e) => e.status >= 400);
	if (bad.length) throw new Error(`${what}: ${bad.length} request(s) failed, first ${bad[0].method} ${bad[0].path} → ${bad[0].status}`);
}

/** Runs one node through the engine; a node error or a wrong item count fails the scenario. */
async function runNode(harness, spec, inputs, expected) {
	const result = await harness.run(spec, inputs);
	if (result.error) throw new Error(`node failed: ${result.error.message}`);
	if (expected !== undefined && result.items.length !== expected) throw new Error(`node returned ${result.items.length} items, expected ${expected}`);
	return result.items;
}

/** Follows one poller over many polls: its requests, time and the ids it emitted. `poll` returns the new ids. */
function pollTracker(sim, poll) {
	const tracker = { ms: 0, requests: [], emitted: [] };
	/** Returns the number of requests this poll made. */
	tracker.poll = async () => {
		const m = await measure(sim, poll);
		tracker.ms += m.ms;
		tracker.requests.push(...m.requests);
		tracker.emitted.push(...m.result);
		return m.requests.length;
	};
	return tracker;
}

/** Finished records a poller never emitted, and records it emitted more than once. */
function outcome(finished, emitted) {
	const set = new Set(emitted);
	return { missed: finished.filter((id) => !set.has(id)).length, duplicates: emitted.length - set.size };
}

const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A fixed-width table: one line per scenario, errors in place of figures. */
function printTable(rows) {
	const columns = [
		['scenario', 50, (r) => r.scenario],
		['items', 6, (r) => r.items ?? ''],
		['req ours', 9, (r) => r.requests?.ours ?? ''],
		['req base', 9, (r) => r.requests?.baseline ?? ''],
		['token o/b', 10, (r) => (r.tokenRequests ? `${r.tokenRequests.ours}/${r.tokenRequests.baseline}` : '')],
		['ms/item ours', 13, (r) => (r.msPerItem ? r.msPerItem.ours.toFixed(2) : '')],
		['ms/item base', 13, (r) => (r.msPerItem ? r.msPerItem.baseline.toFixed(2) : '')],
		['notes', 0, (r) => (r.error ? `ERROR: ${r.error}` : r.notes)],
	];
	const line = (cells) => cells.map((c, i) => (columns[i][1] ? String(c).padEnd(columns[i][1]) : String(c))).join(' ').trimEnd();
	const out = [line(columns.map((c) => c[0])), line(columns.map((c) => '-'.repeat(c[1] || 5)))];
	for (const r of rows) out.push(line(columns.map((c) => c[2](r))));
	return out.join('\n');
}

module.exports = { measure, seeded, sleep, range, row, round, printTable, assertOk, runNode, pollTracker, outcome };
