// @ts-check
'use strict';
/**
 * The sandbox, as a module: `startSandbox()` starts the UiPath and Robotic Crowd simulators (seeded), prepares n8n
 * (Node 24 and n8n from the cache, the package installed as a community package, credentials and sample workflows
 * imported once into a persistent user folder) and optionally starts n8n's server with an owner account.
 * `runDemo()` runs the samples headless. Used by scripts/sandbox.js (`npm start`, `npm run demo`) and by the
 * browser check (test/e2e/browser.js), which gives it free ports and a temporary folder.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const path = require('node:path');

const n8n = require('../../test/e2e/lib/n8n');
const { startSimulators } = require('./seed');
const { SAMPLES_VERSION, credentials, samples } = require('./workflows');
const { openN8nHome } = require('./n8nHome');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_PORTS = Object.freeze({ n8nPort: 5678, uiPathPort: 5701, rcPort: 5702 });
/** Where each port is set (for messages). */
const PORT_SETTINGS = Object.freeze({
	n8nPort: { what: 'n8n', env: 'N8N_PORT', flag: '--n8n-port' },
	uiPathPort: { what: 'the UiPath sandbox', env: 'SANDBOX_UIPATH_PORT', flag: '--uipath-port' },
	rcPort: { what: 'the Robotic Crowd sandbox', env: 'SANDBOX_RC_PORT', flag: '--rc-port' },
});
/** The n8n owner the sandbox creates (a local sandbox login, printed at start). */
const OWNER = Object.freeze({ email: 'sandbox@example.com', password: 'Sandbox-pass-1', firstName: 'Sandbox', lastName: 'Owner' });

/** The `stop()` of every sandbox of this process, also while it is still starting (see `stopAll()`). */
/** @type {Set<() => Promise<void>>} */
const active = new Set();

/** Stops every sandbox this process started or is starting (for a Ctrl-C that comes during the start). */
async function stopAll() {
	await Promise.all([...active].map((stop) => stop()));
}

/** An error meant for the person at the terminal: printed as it is, without a stack trace. */
class SandboxError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'SandboxError';
	}
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * @typedef {object} SandboxOptions
 * @property {number} [n8nPort] default 5678
 * @property {number} [uiPathPort] default 5701
 * @property {number} [rcPort] default 5702
 * @property {string} [dataDir] n8n's data and the sandbox's state; default `<repo>/.sandbox`
 * @property {boolean} [server] start n8n's server (with the owner account); default true
 * @property {number} [activitySeconds] background jobs and runs for the triggers every this many seconds; 0: none (default)
 * @property {(line: string) => void} [log] progress lines; default: stderr with a `[sandbox]` prefix
 */

/**
 * Starts the sandbox. Resolves once everything runs; `stop()` ends every process it started.
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const started = Date.now();
	const log = options.log ?? ((/** @type {string} */ line) => process.stderr.write(`[sandbox] ${line}\n`));
	const ports = {
		n8nPort: options.n8nPort ?? DEFAULT_PORTS.n8nPort,
		uiPathPort: options.uiPathPort ?? DEFAULT_PORTS.uiPathPort,
		rcPort: options.rcPort ?? DEFAULT_PORTS.rcPort,
	};
	const dataDir = path.resolve(options.dataDir ?? path.join(REPO_ROOT, '.sandbox'));
	const steps = /** @type {Array<{ step: string, ms: number }>} */ ([]);
	/** @template T @param {string} step @param {() => Promise<T>} fn @returns {Promise<T>} */
	const timed = async (step, fn) => {
		const t = Date.now();
		log(`${step}…`);
		const value = await fn();
		steps.push({ step, ms: Date.now() - t });
		log(`${step}: done in ${seconds(Date.now() - t)}`);
		return value;
	};

	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) {
		throw new SandboxError('The package is not built: run "npm run build" first (npm start and npm run demo do it for you).');
	}
	await fsp.mkdir(dataDir, { recursive: true });
	const releaseLock = await lock(dataDir);

	/** @type {Awaited<ReturnType<typeof startSimulators>> | undefined} */
	let sims;
	/** @type {Awaited<ReturnType<typeof openN8nHome>>['home'] | undefined} */
	let home;
	/** @type {import('../../test/e2e/lib/n8n').N8nServer | undefined} */
	let server;
	/** @type {string | undefined} */
	let tarballDir;
	/** @type {Promise<void> | undefined} */
	let stopping;
	const stop = () => {
		active.delete(stop);
		stopping ??= (async () => {
			if (server) await server.stop({ graceMs: 10_000 }).catch(() => undefined);
			if (sims) await sims.close();
			if (home) await home.cleanup().catch(() => undefined);
			if (tarballDir) await fsp.rm(tarballDir, { recursive: true, force: true });
			await fsp.rmdir(path.join(dataDir, 'tmp')).catch(() => undefined);
			releaseLock();
		})();
		return stopping;
	};
	active.add(stop);

	try {
		for (const key of /** @type {const} */ (['n8nPort', 'uiPathPort', 'rcPort'])) await assertPortFree(ports[key], key);
		const runtime = await timed('Node 24 and n8n (installed once, then cached)', () => n8n.ensureRuntime());

		sims = await timed('UiPath and Robotic Crowd sandboxes', () => startSimulatorsOrExplain(ports));
		const urls = { uiPathUrl: sims.ui.url, rcUrl: sims.rc.url };
		if (options.activitySeconds) sims.startActivity(options.activitySeconds);

		const tarball = await timed('npm pack', () => n8n.packPackage(REPO_ROOT));
		tarballDir = path.dirname(tarball);
		await fsp.rm(path.join(dataDir, 'tmp'), { recursive: true, force: true }); // left by a run that was killed
		const opened = await timed('n8n user folder with the package installed', () => openN8nHome({ dataDir, port: ports.n8nPort, runtime, tarball }));
		home = opened.home;
		const h = home;

		const statePath = path.join(dataDir, 'state.json');
		const state = opened.fresh ? {} : readJson(statePath);
		const all = samples(sims.seeded);
		const cold = opened.fresh || state.samplesVersion !== SAMPLES_VERSION;
		if (cold) {
			await timed('import credentials (one for each way to sign in)', () => h.importCredentials(credentials(urls)));
			await timed(`import ${all.length} sample workflows`, () => h.importWorkflows(all.map((s) => s.workflow)));
			for (const s of all.filter((x) => x.kind === 'trigger')) {
				await timed(`publish "${s.workflow.name}"`, () => h.publish(s.workflow.id));
			}
		} else if (state.urls?.uiPathUrl !== urls.uiPathUrl || state.urls?.rcUrl !== urls.rcUrl) {
			await timed('point the credentials at the sandboxes\' new ports', () => h.importCredentials(credentials(urls)));
		} else {
			log('credentials and sample workflows: already imported');
		}
		Object.assign(state, { samplesVersion: SAMPLES_VERSION, urls });
		writeJson(statePath, state);

		/** Starts n8n's server, keeps its output in <dataDir>/n8n.log, and sets up (or logs in as) the owner. */
		const launchServer = async () => {
			const s = await timed('n8n start', () => startServerOrExplain(h, ports.n8nPort));
			server = s;
			const logFile = fs.createWriteStream(path.join(dataDir, 'n8n.log')); // this start's output
			for (const line of s.log.lines) logFile.write(`${line.text}\n`);
			s.log.listeners.push((line) => logFile.write(`${line.text}\n`));
			s.exited.then(() => logFile.end());
			await timed('owner account', () => ensureOwner(s, state, statePath));
			return s;
		};
		if (options.server ?? true) await launchServer();

		const totalMs = Date.now() - started;
		return {
			url: `http://localhost:${ports.n8nPort}`,
			ports,
			urls,
			dataDir,
			owner: OWNER,
			/** whether n8n's data was new (first start, or after --reset) */
			fresh: opened.fresh,
			/** whether the credentials and sample workflows were imported (new data, or samples changed) */
			cold,
			seeded: sims.seeded,
			samples: all,
			steps,
			totalMs,
			home: h,
			server,
			sims,
			stop,
			/** Starts n8n's server (for a sandbox started with `server: false`), with the owner logged in. */
			startServer: launchServer,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/**
 * Sets the owner up on a new n8n, or logs in as it.
 * @param {import('../../test/e2e/lib/n8n').N8nServer} server @param {any} state @param {string} statePath
 */
async function ensureOwner(server, state, statePath) {
	if (!state.ownerCreated) {
		try {
			await server.setupOwner(OWNER);
			state.ownerCreated = true;
			writeJson(statePath, state);
			return;
		} catch (error) {
			if (!(error instanceof n8n.N8nError && error.status === 400)) throw error;
			// already set up (state.json was lost): log in below
		}
	}
	server.session.owner = { email: OWNER.email, password: OWNER.password };
	try {
		await server.login();
	} catch (error) {
		throw new SandboxError(
			`Cannot log into n8n as ${OWNER.email}: ${/** @type {Error} */ (error).message.split('\n')[0]}\n` +
				'Was the owner changed in the editor? To start afresh, delete the sandbox folder (its n8n data) and start again.',
		);
	}
	state.ownerCreated = true;
	writeJson(statePath, state);
}

/** @param {{ uiPathPort: number, rcPort: number }} ports */
async function startSimulatorsOrExplain(ports) {
	try {
		return await startSimulators(ports);
	} catch (error) {
		const e = /** @type {NodeJS.ErrnoException & { port?: number }} */ (error);
		if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
			const key = e.port === ports.rcPort ? 'rcPort' : 'uiPathPort';
			throw portError(key, ports[key], e.code);
		}
		throw error;
	}
}

/**
 * @param {Awaited<ReturnType<typeof openN8nHome>>['home']} home @param {number} port
 * @returns {Promise<import('../../test/e2e/lib/n8n').N8nServer>}
 */
async function startServerOrExplain(home, port) {
	try {
		return await home.start({ timeoutMs: 180_000 });
	} catch (error) {
		if (/EADDRINUSE/.test(String(/** @type {Error} */ (error).message))) throw portError('n8nPort', port, 'EADDRINUSE');
		throw error;
	}
}

/**
 * @param {keyof typeof PORT_SETTINGS} key @param {number} port @param {string} [code]
 */
function portError(key, port, code = 'EADDRINUSE') {
	const s = PORT_SETTINGS[key];
	const why = code === 'EACCES' ? 'cannot be used (permission denied)' : 'is already in use';
	return new SandboxError(
		`Port ${port} (${s.what}) ${why} on 127.0.0.1. Stop what listens there (another "npm start"?) or choose another port ` +
			`with ${s.env}=<port> or ${s.flag} <port> (e.g. ${s.env}=<port> npm start, or npm start -- ${s.flag} <port>).`,
	);
}

/**
 * @param {number} port @param {keyof typeof PORT_SETTINGS} key
 */
async function assertPortFree(port, key) {
	await new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
			reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? portError(key, port, error.code) : error),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
	});
}

/**
 * One sandbox per data folder: a pid file, refused while its process lives.
 * @param {string} dataDir
 * @returns {Promise<() => void>} releases the lock
 */
async function lock(dataDir) {
	const file = path.join(dataDir, 'sandbox.pid');
	try {
		const pid = Number(fs.readFileSync(file, 'utf8'));
		if (pid && pid !== process.pid && isAlive(pid)) {
			throw new SandboxError(`Another sandbox (process ${pid}) is using ${dataDir}. Stop it first (Ctrl-C in its terminal).`);
		}
	} catch (error) {
		if (error instanceof SandboxError) throw error;
	}
	fs.writeFileSync(file, String(process.pid));
	return () => {
		try {
			if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file);
		} catch {
			// already gone
		}
	};
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return {};
	}
}

/** @param {string} file @param {unknown} value */
function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Demo

/**
 * Runs every sample headless: the workflows with `n8n execute`, then (with n8n's server started for it) the
 * editor's "Fetch test event" of each trigger. Returns one row per sample.
 * @param {Awaited<ReturnType<typeof startSandbox>>} sandbox started with `server: false`
 * @param {{ log?: (line: string) => void }} [options]
 */
async function runDemo(sandbox, options = {}) {
	const log = options.log ?? ((/** @type {string} */ line) => process.stderr.write(`[sandbox] ${line}\n`));
	/** @type {Array<{ workflow: string, kind: string, ok: boolean, ms: number, summary: string }>} */
	const rows = [];
	const executions = sandbox.samples.filter((s) => s.kind === 'execute');
	const triggers = sandbox.samples.filter((s) => s.kind === 'trigger');
	// The triggers' test events need n8n's server: start it while the workflows run (`n8n execute` works beside it).
	const serverReady = triggers.length ? (sandbox.server ? Promise.resolve(sandbox.server) : sandbox.startServer()) : undefined;
	serverReady?.catch(() => undefined); // awaited below
	for (const [index, sample] of executions.entries()) {
		log(`demo ${index + 1}/${executions.length}: ${sample.workflow.name}…`);
		const result = await sandbox.home.execute(sample.workflow.id, { timeoutMs: 180_000 });
		rows.push(judge(sample, result.exitCode === 0 ? undefined : (result.errorMessage ?? `n8n exited ${result.exitCode}`), result, result.ms));
		log(`demo ${index + 1}/${executions.length}: ${rows.at(-1)?.ok ? 'ok' : 'FAILED'} in ${seconds(result.ms)}`);
		if (!rows.at(-1)?.ok) log(n8n.describeResult(result));
	}
	if (serverReady) {
		const server = await serverReady;
		for (const sample of triggers) {
			log(`demo: Fetch test event of "${sample.workflow.name}"…`);
			const t = Date.now();
			/** @type {any} */
			let result;
			try {
				result = await server.fetchTestEvent(sample.workflow.id, sample.node, { timeoutMs: 60_000 });
			} catch (error) {
				result = { errorMessage: /** @type {Error} */ (error).message.split('\n')[0] };
			}
			const failure = result.errorMessage ?? (result.status === 'success' ? undefined : `execution ${result.status}`);
			rows.push(judge(sample, failure, result, Date.now() - t));
		}
	}
	return rows;
}

/**
 * @param {import('./workflows').Sample} sample @param {string | undefined} failure @param {any} result @param {number} ms
 */
function judge(sample, failure, result, ms) {
	const kind = sample.kind === 'trigger' ? 'fetch test event' : 'n8n execute';
	if (failure) return { workflow: sample.workflow.name, kind, ok: false, ms, summary: `error: ${failure}` };
	/** @type {any[]} */
	let items;
	try {
		items = n8n.outputOf(result, sample.node);
	} catch (error) {
		return { workflow: sample.workflow.name, kind, ok: false, ms, summary: /** @type {Error} */ (error).message };
	}
	const problem = sample.problem?.(items);
	const summary = sample.summarize(items);
	return { workflow: sample.workflow.name, kind, ok: !problem, ms, summary: problem ? `${problem}: ${summary}` : summary };
}

/**
 * The demo's table, as text.
 * @param {Array<{ workflow: string, kind: string, ok: boolean, ms: number, summary: string }>} rows
 */
function formatTable(rows) {
	const width = Math.max(...rows.map((r) => r.workflow.length), 'workflow'.length);
	const lines = [`${'workflow'.padEnd(width)}  status  ${'time'.padStart(6)}  what it returned`];
	lines.push(`${'-'.repeat(width)}  ------  ------  ${'-'.repeat(40)}`);
	for (const r of rows) {
		lines.push(`${r.workflow.padEnd(width)}  ${(r.ok ? 'ok' : 'FAILED').padEnd(6)}  ${seconds(r.ms).padStart(6)}  ${r.summary}`);
	}
	return lines.join('\n');
}

module.exports = { startSandbox, stopAll, runDemo, formatTable, SandboxError, DEFAULT_PORTS, PORT_SETTINGS, OWNER, REPO_ROOT };
