// @ts-check
'use strict';
/**
 * Child process helpers for the end-to-end tests: run a command with its output captured and timed, kill a
 * whole process group, find a free TCP port, and render the tail of a process's output for a failure message.
 * Plain Node built-ins only (Node 20 and later).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

/** How many lines of a process's output a failure message quotes. */
const TAIL_LINES = 40;

/**
 * @typedef {object} OutputLine
 * @property {'stdout' | 'stderr'} stream
 * @property {string} text
 */

/**
 * Collects a child's stdout and stderr: the full text of each, and the lines of both in the order they arrived
 * (for a readable tail in failure messages).
 */
class OutputLog {
	/** @param {{ echo?: string | false, maxLines?: number }} [options] echo: prefix to echo lines to stderr with */
	constructor(options = {}) {
		this.stdout = '';
		this.stderr = '';
		/** @type {OutputLine[]} */
		this.lines = [];
		this.echo = options.echo || false;
		this.maxLines = options.maxLines ?? 50000;
		/** @type {Record<'stdout' | 'stderr', string>} */
		this.partial = { stdout: '', stderr: '' };
		/** @type {Array<(line: OutputLine) => void>} */
		this.listeners = [];
	}

	/**
	 * @param {'stdout' | 'stderr'} stream
	 * @param {Buffer | string} chunk
	 */
	push(stream, chunk) {
		const text = chunk.toString();
		this[stream] += text;
		const parts = (this.partial[stream] + text).split('\n');
		this.partial[stream] = parts.pop() ?? '';
		for (const part of parts) this.addLine(stream, part);
	}

	/** Flushes unterminated last lines. */
	end() {
		for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
			if (this.partial[stream]) this.addLine(stream, this.partial[stream]);
			this.partial[stream] = '';
		}
	}

	/**
	 * @param {'stdout' | 'stderr'} stream
	 * @param {string} text
	 */
	addLine(stream, text) {
		const line = { stream, text };
		this.lines.push(line);
		if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
		if (this.echo) process.stderr.write(`${this.echo}${renderLine(text)}\n`);
		for (const listener of this.listeners) listener(line);
	}

	/** @param {number} [count] */
	tail(count = TAIL_LINES) {
		return tailOf(this.lines, count);
	}
}

/**
 * Renders one output line for humans: a JSON log line of n8n (`N8N_LOG_FORMAT=json`) becomes `[level] message`,
 * and very long lines (n8n prints whole run data as one log message) are cut.
 * @param {string} text
 */
function renderLine(text, maxLength = 600) {
	let out = text;
	if (text.startsWith('{"level"')) {
		try {
			const parsed = JSON.parse(text);
			const message = typeof parsed.message === 'string' ? parsed.message : JSON.stringify(parsed.message);
			out = `[${parsed.level}] ${message}`;
		} catch {
			// not a JSON log line after all
		}
	}
	out = out.replace(/\s*\n\s*/g, ' ⏎ ');
	return out.length > maxLength ? `${out.slice(0, maxLength)}… (${out.length} chars)` : out;
}

/** Lines a failure message leaves out: n8n's database migration progress (over 400 lines on a new folder). */
const NOISE = /^\{"level":"info","message":"(Starting|Finished) migration /;

/**
 * The last `count` lines, rendered, one per line, stderr lines marked.
 * @param {OutputLine[]} lines
 * @param {number} [count]
 */
function tailOf(lines, count = TAIL_LINES) {
	const last = lines.filter((line) => !NOISE.test(line.text)).slice(-count);
	if (last.length === 0) return '    (no output)';
	return last.map((line) => `    ${line.stream === 'stderr' ? '!' : '|'} ${renderLine(line.text)}`).join('\n');
}

/** Process groups started by this module that may still be alive; killed when the test process exits. */
/** @type {Set<number>} */
const liveGroups = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
	});
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.on(signal, () => {
			for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
			// Only this handler listens: behave as the default would (exit), after the cleanup.
			if (process.listenerCount(signal) === 1) process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
		});
	}
}

/**
 * Sends a signal to a whole process group; ignores a group that is already gone.
 * @param {number} pgid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether any live (not zombie) process of the group exists. Reads /proc on Linux, because a container's init may
 * not reap orphans, and `kill(-pgid, 0)` succeeds for zombies; elsewhere falls back to `kill(-pgid, 0)`.
 * @param {number} pgid
 */
function groupAlive(pgid) {
	/** @type {string[]} */
	let entries;
	try {
		entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		try {
			process.kill(-pgid, 0);
			return true;
		} catch {
			return false;
		}
	}
	for (const pid of entries) {
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue;
		}
		// pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses: parse after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
	}
	return false;
}

/**
 * Waits until no live process of the group is left.
 * @param {number} pgid
 * @param {number} timeoutMs
 * @returns {Promise<boolean>} whether the group is gone
 */
async function waitGroupGone(pgid, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (groupAlive(pgid)) {
		if (Date.now() > deadline) return false;
		await sleep(100);
	}
	return true;
}

/**
 * Ends a process group: SIGTERM, then SIGKILL when it is still alive after `graceMs`.
 * @param {number} pgid
 * @param {number} [graceMs]
 * @returns {Promise<{ forced: boolean }>}
 */
async function terminateGroup(pgid, graceMs = 20000) {
	let forced = false;
	if (groupAlive(pgid)) {
		killGroup(pgid, 'SIGTERM');
		if (!(await waitGroupGone(pgid, graceMs))) {
			forced = true;
			killGroup(pgid, 'SIGKILL');
			if (!(await waitGroupGone(pgid, 10000))) {
				throw new Error(`process group ${pgid} survived SIGKILL`);
			}
		}
	}
	liveGroups.delete(pgid);
	return { forced };
}

/**
 * @typedef {object} RunResult
 * @property {number | null} exitCode
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {OutputLog} log
 * @property {number} ms wall time
 * @property {boolean} timedOut
 */

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs] the process group is killed after this long (default 10 minutes)
 * @property {string | false} [echo] prefix to echo the output to stderr with, as it arrives
 * @property {(stream: 'stdout' | 'stderr', chunk: Buffer) => void} [onData]
 * @property {string} [stdoutFile] send stdout to this file instead of a pipe: a process that writes a large
 *   last line and exits at once (n8n execute printing a big run) loses the end of it on a pipe, never on a file
 */

/**
 * Runs a command in its own process group, output captured, timed. Never rejects on a non-zero exit (look at
 * `exitCode`); rejects when the command cannot be started.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
function run(command, args, options = {}) {
	installExitHook();
	const started = Date.now();
	const log = new OutputLog({ echo: options.echo });
	return new Promise((resolve, reject) => {
		const stdoutFd = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : undefined;
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
			detached: true,
		});
		if (stdoutFd !== undefined) fs.closeSync(stdoutFd);
		const pgid = child.pid;
		if (pgid) liveGroups.add(pgid);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			if (pgid) killGroup(pgid, 'SIGKILL');
		}, options.timeoutMs ?? 600000);
		child.stdout?.on('data', (chunk) => {
			log.push('stdout', chunk);
			options.onData?.('stdout', chunk);
		});
		child.stderr?.on('data', (chunk) => {
			log.push('stderr', chunk);
			options.onData?.('stderr', chunk);
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			if (pgid) liveGroups.delete(pgid);
			reject(new Error(`cannot run ${command}: ${error.message}`));
		});
		child.on('close', (exitCode, signal) => {
			clearTimeout(timer);
			if (options.stdoutFile) log.push('stdout', fs.readFileSync(options.stdoutFile));
			log.end();
			// The command is done; anything it left behind in its group goes too.
			if (pgid) {
				if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
				liveGroups.delete(pgid);
			}
			resolve({
				exitCode,
				signal,
				stdout: log.stdout,
				stderr: log.stderr,
				log,
				ms: Date.now() - started,
				timedOut,
			});
		});
	});
}

/** @type {Set<number>} */
const portsHandedOut = new Set();

/**
 * A TCP port free on 127.0.0.1 right now, never the same twice in this process.
 * @returns {Promise<number>}
 */
async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				const found = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(found));
			});
		});
		if (port && !portsHandedOut.has(port)) {
			portsHandedOut.add(port);
			return port;
		}
	}
	throw new Error('no free port found');
}

/** @param {number} ms */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = {
	TAIL_LINES,
	OutputLog,
	renderLine,
	tailOf,
	run,
	freePort,
	sleep,
	killGroup,
	groupAlive,
	waitGroupGone,
	terminateGroup,
	liveGroups,
	installExitHook,
};
