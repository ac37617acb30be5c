// @ts-check
'use strict';
/**
 * n8n in queue mode for the end-to-end tests: a main process (`n8n start`: editor, REST and public API, webhooks,
 * triggers and pollers) that puts executions into Redis, and N `n8n worker` processes that run them, all on one
 * PostgreSQL database and one encryption key. Redis and PostgreSQL come from ./services.js; every n8n process is
 * a home of ./n8n.js.
 *
 *   const queue = require('./lib/queueMode');
 *   const cluster = await queue.startQueueCluster({ runtime, tarball });   // services up, main's folder made
 *   await cluster.main.importCredentials([...]); await cluster.main.importWorkflows([...]);
 *   const server = await cluster.startMain();                              // owner and API key set up once
 *   await cluster.activate([workflowId]);                                  // webhooks and pollers, on main
 *   await cluster.startWorkers(2, { concurrency: 5 });
 *   cluster.workerOf(executionId);                                         // 'worker-1' | 'worker-2' | undefined
 *   await cluster.restartMain();
 *   await cluster.stop();
 *
 * Each process has its own user folder, like separate containers: a shared folder would share n8n's
 * `.n8n/crash.journal` (a process that finds another's journal reports a crash and waits) and config file. Every
 * folder gets this package installed as n8n installs a community package (`.n8n/nodes/node_modules/<name>`), so
 * each worker loads it at boot the way a worker container with the package in its nodes folder does. What they
 * share is what a real deployment shares: `N8N_ENCRYPTION_KEY` (credentials are decrypted on the workers), the
 * database (`DB_*`: workflows, credentials, executions, static data) and Redis (`QUEUE_BULL_REDIS_*`: the job queue).
 *
 * Ports, one free loopback port each: main's `N8N_PORT` and every process's task broker
 * (`N8N_RUNNERS_BROKER_PORT`, default 5679 for all) come from createN8nHome; a worker's health server
 * (`QUEUE_HEALTH_CHECK_ACTIVE=true`, `QUEUE_HEALTH_CHECK_PORT`, default 5678 = main's default port,
 * `N8N_WORKER_SERVER_ADDRESS`) is set here: it also tells when the worker is ready (`/healthz/readiness` checks its
 * database and Redis connections).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./n8n');
const proc = require('./proc');
const services = require('./services');

/** n8n's line when a worker takes an execution from the queue (n8n 2.41.1, scaling/job-processor). */
const WORKER_STARTED = /Worker started execution (\d+) \(job/;

/**
 * @typedef {object} ClusterOptions
 * @property {import('./n8n').Runtime} [runtime] default `await n8n.ensureRuntime()`
 * @property {string} [tarball] the package to install in every process's folder; default: `npm pack` of the repo (built)
 * @property {Record<string, string>} [env] extra n8n environment for every process
 * @property {boolean} [verbose] echo n8n's output (default N8N_E2E_VERBOSE)
 */

/**
 * Starts Redis and PostgreSQL and makes main's user folder; n8n itself starts with `startMain()` / `startWorkers()`.
 * @param {ClusterOptions} [options]
 */
async function startQueueCluster(options = {}) {
	const runtime = options.runtime ?? (await n8n.ensureRuntime());
	await services.ensureServerPackages();
	const [redis, postgres] = await Promise.all([services.startRedis(), services.startPostgres()]);
	/** @type {string | undefined} a tarball of our own making, deleted by stop() */
	let ownTarball;
	const tarball = options.tarball ?? (ownTarball = await n8n.packPackage());
	/** What every process shares. */
	const sharedEnv = {
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		...postgres.env,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// main's health check also reports Redis; workers need it for their readiness endpoint
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		...options.env,
	};
	const homeOptions = { tarball, runtime, verbose: options.verbose };
	let main;
	try {
		main = await n8n.createN8nHome({ ...homeOptions, env: sharedEnv });
	} catch (error) {
		await Promise.all([redis.stop(), postgres.stop()]);
		throw error;
	}
	/** @type {import('./n8n').N8nServer | undefined} */
	let mainServer;
	/** @type {Array<{ name: string, home: import('./n8n').N8nHome, healthPort: number, server?: import('./n8n').N8nServer }>} */
	const workers = [];
	/** Every n8n server this cluster started (also stopped ones): their logs tell which worker ran what. */
	/** @type {Array<{ name: string, server: import('./n8n').N8nServer }>} */
	const started = [];

	const cluster = {
		runtime,
		redis,
		postgres,
		sharedEnv,
		/** main's user folder: import, publish and other CLI commands (against the shared database) */
		main,
		/** @returns {import('./n8n').N8nServer} the running main */
		get server() {
			if (!mainServer) throw new Error('main is not running: startMain() first');
			return mainServer;
		},
		workers,

		/** Starts `n8n start` in queue mode; the first time also sets up the owner and a public API key. */
		async startMain() {
			const firstStart = !main.session.owner;
			mainServer = await main.start();
			started.push({ name: 'main', server: mainServer });
			if (firstStart) {
				await mainServer.setupOwner();
				await mainServer.createApiKey();
			}
			return mainServer;
		},

		async stopMain() {
			if (mainServer) await mainServer.stop();
			mainServer = undefined;
		},

		async restartMain() {
			await cluster.stopMain();
			return cluster.startMain();
		},

		/**
		 * Starts `count` more workers (`n8n worker --concurrency=N`), each in a folder of its own (made on first use),
		 * and waits until each one's health server reports ready.
		 * @param {number} count
		 * @param {{ concurrency?: number }} [workerOptions]
		 */
		async startWorkers(count, workerOptions = {}) {
			const concurrency = workerOptions.concurrency ?? 5;
			const toStart = [];
			for (const worker of workers) if (!worker.server && toStart.length < count) toStart.push(worker);
			while (toStart.length < count) {
				const healthPort = await proc.freePort();
				const home = await n8n.createN8nHome({ ...homeOptions, env: { ...sharedEnv, QUEUE_HEALTH_CHECK_PORT: String(healthPort) } });
				const worker = { name: `worker-${workers.length + 1}`, home, healthPort, server: undefined };
				workers.push(worker);
				toStart.push(worker);
			}
			// one at a time: two n8n processes booting at once on 2 cores take longer than one after the other
			for (const worker of toStart) {
				worker.server = await worker.home.start({
					args: ['worker', `--concurrency=${concurrency}`],
					url: `http://127.0.0.1:${worker.healthPort}`,
				});
				started.push({ name: worker.name, server: worker.server });
			}
			return toStart.map((worker) => worker.name);
		},

		/**
		 * Activates (publishes) workflows on the running main through the public API
		 * (`POST /api/v1/workflows/:id/activate`): main registers their webhooks and starts their pollers at once,
		 * and after a restart, as they stay active in the database. Faster than `n8n publish:workflow` (a CLI boot each).
		 * @param {string[]} workflowIds
		 */
		async activate(workflowIds) {
			for (const id of workflowIds) await cluster.server.publicApi('POST', `/workflows/${encodeURIComponent(id)}/activate`);
		},

		/** Stops every running worker (their folders stay for a later startWorkers). */
		async stopWorkers() {
			await Promise.all(
				workers.map(async (worker) => {
					if (worker.server) await worker.server.stop();
					worker.server = undefined;
				}),
			);
		},

		/** Names of the running workers. */
		runningWorkers() {
			return workers.filter((worker) => worker.server).map((worker) => worker.name);
		},

		/**
		 * Which worker ran an execution, from the workers' logs ("Worker started execution <id> (job <n>)"), or
		 * undefined when no worker did (main ran it, or it has not started).
		 * @param {string | number} executionId
		 */
		workerOf(executionId) {
			return cluster.executionsByWorker().get(String(executionId));
		},

		/** @returns {Map<string, string>} execution id → the worker that started it */
		executionsByWorker() {
			/** @type {Map<string, string>} */
			const byExecution = new Map();
			for (const { name, server } of started) {
				if (name === 'main') continue;
				for (const line of server.log.lines) {
					const match = WORKER_STARTED.exec(line.text);
					if (match) byExecution.set(match[1], name);
				}
			}
			return byExecution;
		},

		/**
		 * Whether main's own log says it ran an execution itself (it logs the start of executions it runs in its
		 * process only in regular mode; in queue mode it logs "Enqueued execution").
		 * @param {string | number} executionId
		 */
		enqueuedByMain(executionId) {
			const pattern = new RegExp(`Enqueued execution ${executionId} \\(job`);
			return started.some(({ name, server }) => name === 'main' && server.log.lines.some((/** @type {{ text: string }} */ line) => pattern.test(line.text)));
		},

		/** The last lines of every running process's output, for a failure message. */
		tails(lines = 15) {
			return started
				.filter(({ server }) => server.isAlive())
				.map(({ name, server }) => `  --- ${name}\n${server.tail(lines)}`)
				.join('\n');
		},

		/**
		 * Writes every n8n process's whole output (also of stopped ones) to `<dir>/<name>-<n>.log`, for a failure.
		 * @param {string} dir
		 */
		writeLogs(dir) {
			fs.mkdirSync(dir, { recursive: true });
			started.forEach(({ name, server }, index) => {
				fs.writeFileSync(path.join(dir, `${name}-${index + 1}.log`), server.log.lines.map((line) => line.text).join('\n'));
			});
			// the workflows' static data (the triggers' cursors) as the database holds it
			try {
				const psql = path.join(/** @type {string} */ (services.postgresBinDir()), 'psql');
				const query = 'select id, name, "staticData" from workflow_entity';
				const args = ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', postgres.user, '-d', postgres.database, '-c', query];
				fs.writeFileSync(path.join(dir, 'static-data.txt'), require('node:child_process').execFileSync(psql, args, { encoding: 'utf8', timeout: 10000 }));
			} catch (error) {
				fs.writeFileSync(path.join(dir, 'static-data.txt'), `could not read: ${error instanceof Error ? error.message : error}`);
			}
			return dir;
		},

		/** Stops workers, main, Redis and PostgreSQL; deletes every folder. Safe to call twice. */
		async stop() {
			await cluster.stopWorkers().catch(() => undefined);
			await cluster.stopMain().catch(() => undefined);
			if (!process.env.N8N_E2E_KEEP) {
				for (const worker of workers) await worker.home.cleanup().catch(() => undefined);
				await main.cleanup().catch(() => undefined);
			}
			await Promise.all([redis.stop().catch(() => undefined), postgres.stop().catch(() => undefined)]);
			if (ownTarball) fs.rmSync(path.dirname(ownTarball), { recursive: true, force: true });
		},
	};
	return cluster;
}

/** @typedef {Awaited<ReturnType<typeof startQueueCluster>>} QueueCluster */

/**
 * POSTs JSON to a production webhook of main (`/webhook/<path>`), retrying the 404 n8n answers for a moment after
 * activation. Resolves with the answer's status and body.
 * @param {import('./n8n').N8nServer} server
 * @param {string} webhookPath
 * @param {unknown} body
 * @param {{ timeoutMs?: number }} [options]
 */
async function postWebhook(server, webhookPath, body, options = {}) {
	const deadline = Date.now() + (options.timeoutMs ?? 20000);
	for (;;) {
		const answer = await server.request('POST', `/webhook/${webhookPath}`, { body });
		if (answer.status !== 404 || Date.now() > deadline) return answer;
		await proc.sleep(500);
	}
}

/**
 * Every execution of a workflow through the public API, with data, oldest first (follows `nextCursor`).
 * @param {import('./n8n').N8nServer} server
 * @param {string} workflowId
 * @returns {Promise<any[]>}
 */
async function listExecutions(server, workflowId) {
	/** @type {any[]} */
	const all = [];
	let cursor = '';
	for (;;) {
		const page = await server.publicApi(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...(page.data ?? []));
		if (!page.nextCursor) break;
		cursor = page.nextCursor;
	}
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Waits until a workflow has at least `count` ended executions; returns them all, oldest first.
 * @param {import('./n8n').N8nServer} server
 * @param {string} workflowId
 * @param {number} count
 * @param {{ timeoutMs?: number, describe?: () => string }} [options]
 */
async function waitForEnded(server, workflowId, count, options = {}) {
	const timeoutMs = options.timeoutMs ?? 5 * 60 * 1000;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await listExecutions(server, workflowId);
		const ended = executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (ended.length >= count) return executions;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${ended.length} of ${count} executions ended after ${timeoutMs} ms (${executions.map((e) => `${e.id}:${e.status}`).join(', ')})\n${options.describe?.() ?? ''}`,
			);
		}
		await proc.sleep(1000);
	}
}

module.exports = { startQueueCluster, postWebhook, listExecutions, waitForEnded, WORKER_STARTED };
