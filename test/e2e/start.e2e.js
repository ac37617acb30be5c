#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The README's first command as a new user meets it: `npm start` in this checkout, three times.
 *   1. as it comes (cold when the runtime cache is empty: Node 24 and n8n are installed),
 *   2. again (warm: nothing is installed),
 *   3. after the runtime cache was broken on purpose (sqlite3's compiled binding deleted): it must be repaired.
 * Each time: wait for "n8n is ready", load the editor page and n8n's readiness check, press Ctrl-C (SIGINT to the
 * foreground process group, as a terminal does) and check that no process is left. Prints a line of figures per
 * run; exits non-zero on the first failed check. `.ci/run` runs it in a fresh clone with an empty home directory.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const proc = require('./lib/proc');
const { CACHE, N8N_VERSION } = require('../../scripts/ensure-n8n');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const READY_TIMEOUT_MS = 30 * 60 * 1000;

/** Pids of live processes (other than this one) whose command line mentions one of `marks`. */
function processesMentioning(/** @type {string[]} */ marks) {
	/** @type {string[]} */
	const found = [];
	for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		if (Number(pid) === process.pid) continue;
		let cmdline = '';
		let state = '';
		try {
			cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
			state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
		} catch {
			continue;
		}
		if (state !== 'Z' && marks.some((mark) => cmdline.includes(mark))) found.push(`${pid}: ${cmdline.slice(0, 160)}`);
	}
	return found;
}

async function fetchStatus(/** @type {string} */ url) {
	const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
	return { status: res.status, body: await res.text() };
}

/** One `npm start`: ready, editor served, Ctrl-C, nothing left. */
async function startOnce(/** @type {string} */ label) {
	const ports = { n8n: await proc.freePort(), ui: await proc.freePort(), rc: await proc.freePort() };
	const args = ['start', '--', '--n8n-port', String(ports.n8n), '--uipath-port', String(ports.ui), '--rc-port', String(ports.rc)];
	const started = Date.now();
	const child = spawn('npm', args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SANDBOX_ACTIVITY_SECONDS: '0' } });
	let output = '';
	const keep = (/** @type {Buffer} */ chunk) => {
		output += chunk.toString();
		// The phase lines a user sees while they wait: shown here too, so the CI log shows the cold install.
		for (const line of chunk.toString().split('\n')) if (/^\[(runtime|sandbox)\]/.test(line)) process.stderr.write(`  ${label} | ${line}\n`);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	try {
		const url = await waitForReady(() => output, exited);
		const readyMs = Date.now() - started;
		const editor = await fetchStatus(url);
		if (editor.status !== 200 || !/<title>[^<]*n8n/i.test(editor.body)) throw new Error(`the editor at ${url} answered ${editor.status}: ${editor.body.slice(0, 200)}`);
		const readiness = await fetchStatus(`${url}/healthz/readiness`);
		if (readiness.status !== 200) throw new Error(`${url}/healthz/readiness answered ${readiness.status}`);
		const stopAt = Date.now();
		process.kill(-(/** @type {number} */ (child.pid)), 'SIGINT');
		const exit = await Promise.race([exited, proc.sleep(60_000).then(() => undefined)]);
		if (!exit) throw new Error('npm start did not exit within 60 s of Ctrl-C');
		const stopMs = Date.now() - stopAt;
		await proc.sleep(500);
		const left = processesMentioning([CACHE, REPO_ROOT]);
		if (left.length) throw new Error(`processes left after Ctrl-C:\n${left.join('\n')}`);
		const ranInstall = /\[runtime\] .*(downloading|compiling|repairing)/.test(output);
		return { readyMs, stopMs, ranInstall, output };
	} catch (error) {
		process.stderr.write(`\n--- npm start output (${label}) ---\n${output.slice(-6000)}\n`);
		try {
			process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
		} catch {}
		throw error;
	}
}

async function waitForReady(/** @type {() => string} */ output, /** @type {Promise<any>} */ exited) {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	let exit;
	exited.then((e) => (exit = e));
	for (;;) {
		const m = /n8n is ready: (\S+)/.exec(output());
		if (m) return m[1];
		if (exit) throw new Error(`npm start exited (${JSON.stringify(exit)}) before n8n was ready`);
		if (Date.now() > deadline) throw new Error(`n8n was not ready within ${READY_TIMEOUT_MS / 60000} minutes`);
		await proc.sleep(250);
	}
}

/** Deletes sqlite3's compiled binding in the cached runtime: what a half-finished or foreign build leaves behind. */
function breakRuntime() {
	const release = path.join(CACHE, `n8n-${N8N_VERSION}`, 'node_modules', 'sqlite3', 'build');
	if (!fs.existsSync(release)) throw new Error(`cannot break the runtime: ${release} does not exist`);
	fs.rmSync(release, { recursive: true, force: true });
}

async function main() {
	const seconds = (/** @type {number} */ ms) => (ms / 1000).toFixed(1);
	const cold = !fs.existsSync(CACHE);
	console.log(`npm start in ${REPO_ROOT}; runtime cache ${CACHE} (${cold ? 'empty: a cold install' : 'present'})`);
	const runs = [];
	for (const label of ['first', 'warm', 'repaired']) {
		if (label === 'repaired') breakRuntime();
		const run = await startOnce(label);
		if (label === 'warm' && run.ranInstall) throw new Error('the second npm start installed again: the cache was not trusted');
		if (label === 'repaired' && !/\[runtime\] .*sqlite3 does not load under Node 24.*repairing/.test(run.output)) {
			throw new Error('the broken runtime was not detected and repaired');
		}
		runs.push({ label, ...run });
		console.log(`${label.padEnd(9)} ready in ${seconds(run.readyMs)} s (installed: ${run.ranInstall ? 'yes' : 'no'}), stopped by Ctrl-C in ${seconds(run.stopMs)} s, 0 processes left`);
	}
	console.log('npm start: first, warm and repaired runs all reached "n8n is ready", served the editor and left nothing behind');
}

main().catch((error) => {
	console.error(`\nFAILED: ${error && error.message ? error.message : error}`);
	process.exit(1);
});
