#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm start` (node scripts/sandbox.js start): n8n on http://localhost:5678 with this package installed, sample
 * credentials and workflows, against loopback UiPath Orchestrator and Robotic Crowd sandboxes. Ctrl-C stops it all.
 * `npm run demo` (node scripts/sandbox.js demo): the same set-up, headless; runs the samples and prints a table.
 *
 * Ports: N8N_PORT (5678), SANDBOX_UIPATH_PORT (5701), SANDBOX_RC_PORT (5702), or --n8n-port, --uipath-port,
 * --rc-port. Data: SANDBOX_DIR or --dir (default .sandbox/ at the repository root). --reset deletes the sandbox's
 * n8n data first. SANDBOX_ACTIVITY_SECONDS (60; 0 turns it off): how often the sandboxes finish a job and a run by
 * themselves, for the triggers to pick up (start only).
 */
const fs = require('node:fs');
const path = require('node:path');

const proc = require('../test/e2e/lib/proc');
const { startSandbox, stopAll, runDemo, formatTable, SandboxError, DEFAULT_PORTS, PORT_SETTINGS, REPO_ROOT } = require('./sandbox/core');

const USAGE = `usage: node scripts/sandbox.js start|demo [--n8n-port N] [--uipath-port N] [--rc-port N] [--dir PATH] [--reset]
  (npm start -- --n8n-port 5680; or N8N_PORT, SANDBOX_UIPATH_PORT, SANDBOX_RC_PORT, SANDBOX_DIR, SANDBOX_ACTIVITY_SECONDS)`;

/** @param {string[]} argv @param {NodeJS.ProcessEnv} env */
function parseArgs(argv, env) {
	const [command, ...rest] = argv;
	if (command !== 'start' && command !== 'demo') throw new SandboxError(USAGE);
	/** @type {Record<string, string | undefined>} */
	const flags = {};
	let reset = false;
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (arg === '--reset') {
			reset = true;
			continue;
		}
		const m = /^--(n8n-port|uipath-port|rc-port|dir)(?:=(.*))?$/.exec(arg);
		if (!m) throw new SandboxError(`unknown argument ${arg}\n${USAGE}`);
		flags[m[1]] = m[2] ?? rest[++i];
		if (flags[m[1]] === undefined) throw new SandboxError(`${arg} needs a value\n${USAGE}`);
	}
	/** @param {keyof typeof PORT_SETTINGS} key @param {string} flag */
	const port = (key, flag) => {
		const s = PORT_SETTINGS[key];
		const raw = flags[flag] ?? env[s.env];
		if (raw === undefined || raw === '') return DEFAULT_PORTS[key];
		const value = Number(raw);
		if (!Number.isInteger(value) || value < 1 || value > 65535) {
			throw new SandboxError(`${flags[flag] !== undefined ? s.flag : s.env} must be a port number (1-65535), not "${raw}"`);
		}
		return value;
	};
	const ports = { n8nPort: port('n8nPort', 'n8n-port'), uiPathPort: port('uiPathPort', 'uipath-port'), rcPort: port('rcPort', 'rc-port') };
	const values = Object.values(ports);
	if (new Set(values).size !== values.length) throw new SandboxError(`the three ports must differ (n8n ${ports.n8nPort}, UiPath ${ports.uiPathPort}, Robotic Crowd ${ports.rcPort})`);
	const activity = Number(env.SANDBOX_ACTIVITY_SECONDS ?? 60);
	if (!Number.isFinite(activity) || activity < 0) throw new SandboxError(`SANDBOX_ACTIVITY_SECONDS must be a number of seconds (0: off), not "${env.SANDBOX_ACTIVITY_SECONDS}"`);
	const dataDir = path.resolve(flags.dir ?? env.SANDBOX_DIR ?? path.join(REPO_ROOT, '.sandbox'));
	return { command, ...ports, dataDir, reset, activitySeconds: activity };
}

/**
 * Ctrl-C and SIGTERM: stop n8n (SIGTERM, then SIGKILL after 10 s) and the sandboxes, then exit. The e2e library
 * installs handlers that SIGKILL n8n at once; they are replaced by this graceful one (its exit hook stays, as a
 * last resort). A second Ctrl-C kills what is left at once.
 * @param {() => Promise<void>} cleanUp
 */
function handleSignals(cleanUp) {
	proc.installExitHook();
	let signalled = false;
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.removeAllListeners(signal);
		process.on(signal, () => {
			if (signalled) {
				for (const group of proc.liveGroups) proc.killGroup(group, 'SIGKILL');
				process.exit(130);
			}
			signalled = true;
			process.stderr.write(`\n[sandbox] ${signal}: stopping n8n and the sandboxes…\n`);
			cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
}

/** Set once Ctrl-C (or SIGTERM) began the shutdown. */
let aborted = false;

async function main() {
	const options = parseArgs(process.argv.slice(2), process.env);
	/** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
	let sandbox;
	handleSignals(async () => {
		aborted = true;
		// Anything still running (a CLI step while starting; n8n), then the rest.
		await Promise.all([...proc.liveGroups].map((group) => proc.terminateGroup(group, 10_000).catch(() => undefined)));
		await stopAll();
		process.stderr.write('[sandbox] stopped.\n');
	});

	if (options.reset) {
		process.stderr.write(`[sandbox] --reset: deleting the sandbox's n8n data in ${options.dataDir}\n`);
		for (const name of ['n8n', 'state.json', 'n8n.log', 'tmp']) fs.rmSync(path.join(options.dataDir, name), { recursive: true, force: true });
	}

	const demo = options.command === 'demo';
	sandbox = await startSandbox({
		n8nPort: options.n8nPort,
		uiPathPort: options.uiPathPort,
		rcPort: options.rcPort,
		dataDir: options.dataDir,
		server: !demo,
		activitySeconds: demo ? 0 : options.activitySeconds,
	});
	if (aborted) return;
	const kind = sandbox.fresh
		? 'cold start: new n8n data'
		: sandbox.cold
			? 'n8n data reused, samples imported again'
			: 'warm start: n8n data reused';
	process.stderr.write(`[sandbox] set up in ${(sandbox.totalMs / 1000).toFixed(1)} s (${kind})\n`);

	if (demo) {
		const started = Date.now();
		let rows;
		try {
			rows = await runDemo(sandbox);
		} finally {
			await sandbox.stop();
		}
		process.stdout.write(`\n${formatTable(rows)}\n\n`);
		const failed = rows.filter((r) => !r.ok).length;
		process.stdout.write(
			`${failed ? `${failed} of ${rows.length} FAILED` : `all ${rows.length} passed`}: set-up ${(sandbox.totalMs / 1000).toFixed(1)} s (${kind}), ` +
				`samples ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
		);
		process.exit(failed ? 1 : 0);
	}

	printWelcome(sandbox);
	const server = /** @type {NonNullable<typeof sandbox.server>} */ (sandbox.server);
	// n8n ending by itself (a crash) stops the sandbox too, with n8n's last words.
	server.exited.then(async () => {
		if (aborted) return;
		process.stderr.write(`\n[sandbox] n8n stopped unexpectedly (exit ${server.exit?.code ?? server.exit?.signal}). Its last lines:\n${server.tail(30)}\n`);
		await sandbox?.stop();
		process.exit(1);
	});
}

/** @param {Awaited<ReturnType<typeof startSandbox>>} sandbox */
function printWelcome(sandbox) {
	const { url, owner, seeded, urls, samples, dataDir } = sandbox;
	const rel = path.relative(process.cwd(), dataDir) || '.';
	const ui = seeded.uiPath;
	const rc = seeded.roboticCrowd;
	const out = [
		'',
		`  n8n is ready: ${url}`,
		`  Log in as ${owner.email} / ${owner.password}`,
		'',
		`  UiPath Orchestrator sandbox   ${urls.uiPathUrl}`,
		`    folders ${ui.folders.join(', ')}; processes ${ui.processes.map((p) => `${p.folder}/${p.name}${p.outcome === 'Faulted' ? ' (faults)' : p.durationMs > 10_000 ? ' (slow)' : ''}`).join(', ')}`,
		`    queues ${ui.queues.join(', ')}; ${ui.assets} assets; robots ${ui.robots.join(', ')}; ${ui.jobs} finished jobs of the last two days`,
		`  Robotic Crowd sandbox         ${urls.rcUrl}`,
		`    workflows ${rc.workflows.map((w) => `${w.id} ${w.name}${w.outcome === 'error' ? ' (fails)' : w.durationMs > 10_000 ? ' (slow)' : ''}`).join(', ')}; ${rc.runs} past runs`,
		'',
		'  Sample workflows (Overview in the editor):',
		...samples.map((s) => `    ${s.workflow.name.padEnd(55)} ${url}/workflow/${s.workflow.id}`),
		'  Credentials: one for each way to sign in (UiPath External Application, personal access token, legacy API key,',
		'  on-premises user and password; Robotic Crowd tokens signed in n8n, token endpoint), all pointing at the sandboxes.',
		'',
		`  n8n's data: ${rel}/n8n (kept between starts; --reset starts afresh); its log: ${rel}/n8n.log`,
		'  Press Ctrl-C to stop n8n and the sandboxes.',
		'',
	];
	process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
	if (aborted) return; // stopping: the signal handler exits
	if (error instanceof SandboxError) process.stderr.write(`\n[sandbox] ${error.message}\n`);
	else process.stderr.write(`\n[sandbox] failed: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
