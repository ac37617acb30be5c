#!/usr/bin/env node
// @ts-check
// `npm run bench:queue`: Robotic Crowd's 60-a-minute quota in n8n's queue mode with 1, 2 and 4 workers, side by
// side. A real n8n 2.41.1 (main + `n8n worker --concurrency=5`, Redis, PostgreSQL: test/e2e/lib/queueMode.js) runs
// 10 webhook executions of 10 run starts each against the loopback simulator, once per worker count (fresh worker
// processes, the simulator's quota window cleared in between). It prints figures and asserts nothing; exit code 1
// only when a scenario errored. About 5 minutes, so it is not part of `npm run bench`.
//
//   npm run bench:queue                 (builds first)
//   node scripts/bench/queueMode.js --workers 2,4 --retry-after
//     --workers      worker counts to run (default 1,2,4)
//     --retry-after  the simulator sends Retry-After on its 429s (default: not, as the API documents none)
//     --rpm N        the credential's "Requests per Minute" (default 60, the quota; e.g. 30 = the quota shared by 2)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../../test/e2e/lib/n8n');
const queue = require('../../test/e2e/lib/queueMode');
const { startRoboticCrowdSimulator } = require('../../test/simulators/roboticCrowd');
const { queueWorld, runRoboticCrowdBatch } = require('../../test/e2e/queueScenarios');

const QUOTA = 60;

function parseArgs(/** @type {string[]} */ argv) {
	const options = { workers: [1, 2, 4], retryAfter: false, rpm: QUOTA };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--workers') options.workers = String(argv[++i]).split(',').map(Number).filter((n) => n > 0);
		else if (argv[i] === '--retry-after') options.retryAfter = true;
		else if (argv[i] === '--rpm') options.rpm = Number(argv[++i]);
		else throw new Error(`unknown option ${argv[i]} (--workers 1,2,4, --retry-after, --rpm N)`);
	}
	return options;
}

/** @param {Array<Record<string, string | number>>} rows */
function table(rows) {
	const columns = Object.keys(rows[0]);
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
	const line = (/** @type {string[]} */ cells) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
	return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => String(r[c]))))].join('\n');
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (!fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first (or `npm run bench:queue`, which builds)');
	const started = Date.now();
	const rc = await startRoboticCrowdSimulator({ quotaPerMinute: QUOTA, retryAfterOn429: options.retryAfter });
	const world = queueWorld({ rc, rcQuotaPerMinute: options.rpm });
	/** @type {import('../../test/e2e/lib/queueMode').QueueCluster | undefined} */
	let cluster;
	/** @type {Array<Record<string, string | number>>} */
	const rows = [];
	/** @type {any[]} */
	const results = [];
	let errored = 0;
	try {
		const runtime = await n8n.ensureRuntime();
		process.stderr.write('[bench:queue] Redis, PostgreSQL, n8n main…\n');
		cluster = await queue.startQueueCluster({ runtime });
		await cluster.main.importCredentials(world.credentials);
		await cluster.main.importWorkflows([world.workflows.rcBatch]);
		await cluster.startMain();
		await cluster.activate([world.workflows.rcBatch.id]);
		for (const [index, workers] of options.workers.entries()) {
			process.stderr.write(`[bench:queue] ${workers} worker(s)…\n`);
			try {
				await cluster.startWorkers(workers, { concurrency: 5 });
				rc.reset(); // a fresh quota window and log for each worker count
				const figures = await runRoboticCrowdBatch(cluster, rc, { workflowId: world.workflows.rcBatch.id, firstBatch: 1 + index * 100 });
				results.push({ workers, ...figures });
				rows.push({
					workers,
					'executions ok': `${figures.succeeded}/${figures.executions}`,
					'failed (429)': `${figures.failed} (${figures.failedWith429})`,
					'runs created': figures.runsCreated,
					twice: figures.runsCreatedTwice,
					'left by failed': figures.runsLeftByFailed,
					requests: figures.requests,
					'429s': figures.responses429,
					'busiest min sent': figures.busiestMinuteSent,
					'busiest min accepted': figures.busiestMinuteAccepted,
					'quota use': `${Math.round((100 * figures.busiestMinuteAccepted) / QUOTA)} %`,
					seconds: Math.round(figures.ms / 1000),
					// the least a sliding-minute quota allows for these requests: each further quota's worth a minute later
					'least possible': Math.max(0, Math.ceil((figures.requests - figures.responses429) / QUOTA) - 1) * 60,
				});
			} catch (error) {
				errored++;
				process.stderr.write(`[bench:queue] ${workers} worker(s) errored: ${error instanceof Error ? error.message : error}\n`);
			} finally {
				await cluster.stopWorkers();
			}
		}
	} finally {
		if (cluster) await cluster.stop();
		await rc.close();
	}
	console.log('');
	console.log(`n8n-nodes-rpa queue-mode bench: Robotic Crowd, 10 executions × 10 run starts at once, quota ${QUOTA}/minute per organisation,`);
	console.log(`  ${options.retryAfter ? 'with' : 'no'} Retry-After on 429; n8n 2.41.1 main + N workers × concurrency 5; credential "Requests per Minute" ${options.rpm}.`);
	console.log('  failed (429) = executions that failed (of them, with a 429 surfaced); twice = runs created twice; left by failed =');
	console.log('  runs the failed executions had started; busiest min = most requests in any 60 s; quota use = accepted / quota;');
	console.log('  least possible = the seconds the quota allows at best for the accepted requests (a burst, then a quota a minute).');
	console.log('');
	if (rows.length) console.log(table(rows));
	console.log('');
	console.log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s${errored ? `, ${errored} scenario(s) errored` : ''}`);
	console.log('');
	console.log('JSON summary:');
	console.log(JSON.stringify(results, null, 2));
	return errored;
}

main()
	.then((errored) => process.exit(errored ? 1 : 0))
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
