// @ts-check
'use strict';
/**
 * Redis and PostgreSQL for the queue-mode tests, from Debian's packages, started by the test itself: each in a
 * new temp folder, on a free loopback port, with nothing persisted, and stopped when the test ends (also when it
 * fails, is killed with Ctrl-C or SIGTERM: the servers run in process groups proc.js kills on exit, and their
 * folders are deleted then too).
 *
 *   const services = require('./lib/services');
 *   await services.ensureServerPackages();             // apt-get install redis-server / postgresql when missing
 *   const redis = await services.startRedis();          // { host, port, dir, pid, stop() }
 *   const pg = await services.startPostgres();          // { host, port, database, user, password, dir, env, stop() }
 *
 * PostgreSQL refuses to run as root: as root, the data folder is given to the `postgres` user (made by Debian's
 * postgresql package), or else `nobody`, and the server is spawned with that uid. The server is run in the
 * foreground rather than through `pg_ctl start` (which detaches it), so a killed test cannot leave it behind.
 * Plain Node built-ins only (Node 20 and later).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const proc = require('./proc');

/** Folders to delete when the process exits, whatever the way. */
const liveDirs = new Set();
let dirHookInstalled = false;

/** @param {string} prefix */
function makeTempDir(prefix) {
	if (!dirHookInstalled) {
		dirHookInstalled = true;
		// runs after proc.js's exit hook (installed first) has killed the servers
		process.on('exit', () => {
			for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
		});
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	liveDirs.add(dir);
	return dir;
}

/** @param {string} dir */
function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	liveDirs.delete(dir);
}

// ---------------------------------------------------------------------------------------------------------------
// Packages

/** The newest PostgreSQL server's bin folder Debian installed (`/usr/lib/postgresql/<major>/bin`), or undefined. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && fs.existsSync(path.join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/** @param {string} name */
function onPath(name) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
	}
	for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
		if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
	}
	return undefined;
}

/**
 * Installs Debian's redis-server and postgresql packages when their servers are missing, with a non-interactive
 * `apt-get install` (and `apt-get update` first if the package is unknown), saying so on stderr. Needs root (or
 * passwordless sudo); otherwise throws with the command to run.
 * @returns {Promise<{ installed: string[] }>}
 */
async function ensureServerPackages() {
	/** @type {string[]} */
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return { installed: [] };
	const aptGet = onPath('apt-get');
	if (!aptGet) {
		throw new Error(`${missing.join(' and ')} missing and there is no apt-get here: install them with your package manager`);
	}
	const asRoot = process.getuid?.() === 0;
	const prefix = asRoot ? [] : ['sudo', '-n'];
	process.stderr.write(`[services] ${missing.join(' and ')} not installed: installing with apt-get (once)\n`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const apt = (/** @type {string[]} */ args) =>
		proc.run(prefix[0] ?? aptGet, [...prefix.slice(1), ...(prefix.length ? [aptGet] : []), ...args], {
			env,
			timeoutMs: 15 * 60 * 1000,
		});
	const install = ['install', '-y', '--no-install-recommends', ...missing];
	let result = await apt(install);
	if (result.exitCode !== 0) {
		process.stderr.write('[services] apt-get install failed; running apt-get update and trying again\n');
		await apt(['update']);
		result = await apt(install);
	}
	if (result.exitCode !== 0) {
		throw new Error(
			`apt-get install ${missing.join(' ')} failed (exit ${result.exitCode})${asRoot ? '' : ': run it as root'}\n${result.log.tail()}`,
		);
	}
	process.stderr.write(`[services] installed ${missing.join(' and ')}\n`);
	return { installed: missing };
}

// ---------------------------------------------------------------------------------------------------------------
// Running a server

/**
 * A server process in its own process group, its output kept for failure messages.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, uid?: number, gid?: number, env?: NodeJS.ProcessEnv }} [options]
 */
function spawnServer(name, command, args, options = {}) {
	proc.installExitHook();
	const log = new proc.OutputLog({ echo: /^(1|true|yes)$/i.test(process.env.N8N_E2E_VERBOSE ?? '') ? `[${name}] ` : false });
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const pid = /** @type {number} */ (child.pid);
	if (pid) proc.liveGroups.add(pid);
	child.stdout?.on('data', (chunk) => log.push('stdout', chunk));
	child.stderr?.on('data', (chunk) => log.push('stderr', chunk));
	/** @type {{ code: number | null, signal: string | null } | undefined} */
	let exit;
	child.on('close', (code, signal) => {
		log.end();
		exit = { code, signal };
	});
	child.on('error', (error) => {
		log.addLine('stderr', `cannot start ${command}: ${error.message}`);
		exit = { code: null, signal: null };
	});
	return { pid, log, exited: () => exit };
}

/**
 * Waits until `probe()` resolves true, failing early when the server exited.
 * @param {string} what
 * @param {() => Promise<boolean>} probe
 * @param {ReturnType<typeof spawnServer>} server
 * @param {number} timeoutMs
 */
async function waitUntil(what, probe, server, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const exit = server.exited();
		if (exit) throw new Error(`${what} exited (${exit.code ?? exit.signal}) before it was ready\n${server.log.tail()}`);
		if (await probe().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms\n${server.log.tail()}`);
		await proc.sleep(100);
	}
}

/**
 * Stops a server's process group with `signal` (then SIGKILL after the grace time) and deletes its folder.
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 * @param {string} dir
 */
async function stopServer(pid, signal, dir) {
	proc.killGroup(pid, signal);
	await proc.terminateGroup(pid, 10000);
	removeDir(dir);
}

// ---------------------------------------------------------------------------------------------------------------
// Redis

/**
 * Answers true once Redis replies +PONG on the port.
 * @param {number} port
 */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/**
 * Starts `redis-server` on 127.0.0.1 on a free port, in a temp folder, without persistence (no RDB snapshots,
 * no append-only file).
 * @param {{ port?: number }} [options]
 */
async function startRedis(options = {}) {
	const binary = onPath('redis-server');
	if (!binary) throw new Error('redis-server is not installed: call ensureServerPackages() first (or apt-get install redis-server)');
	const port = options.port ?? (await proc.freePort());
	const dir = makeTempDir('n8n-e2e-redis-');
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes', '--logfile', ''];
	const server = spawnServer('redis', binary, args, { cwd: dir });
	try {
		await waitUntil(`redis-server on port ${port}`, () => redisPing(port), server, 20000);
	} catch (error) {
		await stopServer(server.pid, 'SIGTERM', dir);
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		dir,
		pid: server.pid,
		tail: () => server.log.tail(),
		stop: () => stopServer(server.pid, 'SIGTERM', dir),
	};
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * The uid/gid to run PostgreSQL as: ours unless we are root; as root the `postgres` user, else `nobody`.
 * @returns {{ uid?: number, gid?: number, user: string }}
 */
function postgresUser() {
	if (process.getuid?.() !== 0) return { user: os.userInfo().username };
	for (const user of ['postgres', 'nobody']) {
		try {
			const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
			if (uid > 0) return { uid, gid, user };
		} catch {
			// no such user
		}
	}
	throw new Error('running as root and there is neither a postgres nor a nobody user to run PostgreSQL as');
}

/**
 * Runs a PostgreSQL tool to completion (as the server's user), throwing with its output unless it exits 0.
 * @param {string} binary
 * @param {string[]} args
 * @param {{ uid?: number, gid?: number }} as
 */
function runTool(binary, args, as) {
	try {
		return execFileSync(binary, args, { uid: as.uid, gid: as.gid, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
	} catch (error) {
		const e = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (error);
		throw new Error(`${path.basename(binary)} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
	}
}

/**
 * Starts PostgreSQL on 127.0.0.1 on a free port: `initdb` into a temp folder (trust authentication, a superuser
 * `n8n`), the server with its socket in that folder and durability off (fsync, synchronous commit and full page
 * writes: nothing outlives the test), then creates the database.
 * @param {{ port?: number, database?: string }} [options]
 */
async function startPostgres(options = {}) {
	const binDir = postgresBinDir();
	if (!binDir) throw new Error('PostgreSQL is not installed: call ensureServerPackages() first (or apt-get install postgresql)');
	const as = postgresUser();
	const port = options.port ?? (await proc.freePort());
	const database = options.database ?? 'n8n';
	const user = 'n8n';
	const dir = makeTempDir('n8n-e2e-postgres-');
	const dataDir = path.join(dir, 'data');
	if (as.uid !== undefined) fs.chownSync(dir, as.uid, /** @type {number} */ (as.gid));
	runTool(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);
	const args = ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
	const server = spawnServer('postgres', path.join(binDir, 'postgres'), args, { cwd: dir, uid: as.uid, gid: as.gid });
	const ready = async () => {
		try {
			execFileSync(path.join(binDir, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', timeout: 5000 });
			return true;
		} catch {
			return false;
		}
	};
	try {
		await waitUntil(`PostgreSQL on port ${port}`, ready, server, 60000);
		runTool(path.join(binDir, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], as);
	} catch (error) {
		await stopServer(server.pid, 'SIGINT', dir);
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		password: '',
		dir,
		pid: server.pid,
		/** who the server runs as */
		runsAs: as.user,
		/** n8n's settings for this database */
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: '',
		},
		tail: () => server.log.tail(),
		/** SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect */
		stop: () => stopServer(server.pid, 'SIGINT', dir),
	};
}

module.exports = { ensureServerPackages, startRedis, startPostgres, postgresBinDir };
