#!/usr/bin/env node
// The per-operation report of docs/operations.md, measured: every UiPath operation runs through n8n's engine
// against the Orchestrator simulator, once as it should work (the requests it made are counted from the
// simulator's log) and once for each of its three likeliest errors (the message and description the user sees).
// Prints markdown. Not part of npm test: `npm run build && node scripts/operation-report.js > /tmp/report.md`.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-report-'));
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_ENCRYPTION_KEY ??= 'report-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'nodes'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}
require('./bench/load-ts');
const { cloudCredential, inFolder, legacyCredential, onPremCredential, setUp, uiNode } = require('../test/nodes/uiPath.helpers.ts');
const { fileItem, runWithBinary } = require('../test/nodes/uiPath.binary.ts');
const { cases } = require('./operation-report/cases');
const { platformCases, seedPlatform } = require('./operation-report/platformCases');

const ALL = ['OR.Jobs', 'OR.Execution', 'OR.Folders', 'OR.Queues', 'OR.Assets', 'OR.Robots', 'OR.Monitoring', 'OR.Administration', 'OR.Machines', 'OR.Tasks', 'DataFabric.Schema.Read', 'DataFabric.Data.Read', 'DataFabric.Data.Write', 'PIMS'];
const FULL_APP = { clientId: 'report-app', clientSecret: 'report-secret-1', scopes: ALL };

/** What one run sent: Orchestrator calls, token calls and storage (blob) calls, from the simulator's log. */
function counted(log) {
	const token = log.filter((e) => /connect\/token|oauth\/token|Account\/Authenticate/.test(e.path)).length;
	const blob = log.filter((e) => e.service === 'blob').length;
	const calls = log.filter((e) => !/connect\/token|oauth\/token|Account\/Authenticate/.test(e.path)).map((e) => (e.service === 'blob' ? { method: e.method, path: '<storage URI>' } : e));
	return { orchestrator: log.length - token - blob, token, blob, calls };
}

/** A world: the simulator seeded with one of everything, a harness with a full and a narrow credential. */
async function world() {
	const { sim, harness, shared } = await setUp();
	sim.addExternalApp(FULL_APP);
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: FULL_APP.clientId, clientSecret: FULL_APP.clientSecret, scopes: ALL.join(' ') }), 'full');
	harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim), 'legacy');
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: 'narrow-app', clientSecret: 'narrow-secret-1', scopes: 'OR.Folders.Read' }), 'narrow');
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { scopes: 'OR.Jobs' }), 'cloudNoFolders');
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { tenant: 'NoSuchTenant' }), 'cloudWrongTenant');
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientSecret: 'not-the-secret' }), 'cloudBadSecret');
	harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim, { password: 'wrong-password' }), 'onpremBad');
	harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim, { refreshToken: 'wrong-user-key' }), 'legacyBad');
	harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim, { accountUrl: 'http://127.0.0.1:9' }), 'legacyWrongUrl');
	const seed = { ...require('./operation-report/seed').seedWorld(sim, shared), platform: seedPlatform(sim, shared) };
	return { sim, harness, shared, seed };
}

/** Runs one case: `node` parameters on the `credential`, with binary input when `file` is set. */
async function runCase(w, c) {
	const spec = uiNode({ folder: inFolder(), ...c.parameters }, c.credential ?? 'full', { continueOnFail: false });
	if (c.file) return await runWithBinary(w.harness, spec, [fileItem(Buffer.from(c.file), 'text/plain', 'note.txt')]);
	return await w.harness.run(spec, c.inputs ?? [{}]);
}

const oneLine = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();
const cell = (text) => oneLine(text).replace(/\|/g, '\\|');

async function report() {
	const lines = ['| operation | requests (Orchestrator + storage) | what was sent |', '|---|---|---|'];
	const errorLines = [];
	for (const c of [...cases, ...platformCases]) {
		const w = await world();
		try {
			// Warm up: the credential's token, so the count is what each execution with a stored token sends.
			await w.harness.run(uiNode({ resource: 'folder', operation: 'getMany', limit: 1 }, c.ok.credential ?? 'full'));
			const prepared = c.prepare ? await c.prepare(w) : {};
			const ok = typeof c.ok === 'function' ? c.ok(w, prepared) : c.ok;
			w.sim.log.length = 0;
			const result = await runCase(w, ok);
			const n = counted(w.sim.log);
			const sent = n.calls.map((e) => `${e.method} ${String(e.path).replace(/^.*orchestrator_/, '').replace(/^.*\/(datafabric_|pims_)/, '$1').replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '{id}').replace(/\(\d+\)/g, '({id})').replace(/\/\d+\//g, '/{id}/')}`);
			const status = result.error ? `error: ${oneLine(result.error.message)}` : `${n.orchestrator}${n.blob ? ` + ${n.blob}` : ''}`;
			lines.push(`| ${c.name} | ${status} | ${cell([...new Set(sent)].map((s) => `${s}${sent.filter((x) => x === s).length > 1 ? ` ×${sent.filter((x) => x === s).length}` : ''}`).join('; '))} |`);
			errorLines.push(`\n### ${c.name}\n`);
			for (const e of c.errors) {
				const ew = await world();
				try {
					const p = e.prepare ? await e.prepare(ew) : {};
					const spec = typeof e.run === 'function' ? e.run(ew, p) : e.run;
					const r = await runCase(ew, spec);
					const shown = r.error ? `${oneLine(r.error.message)}${r.error.description ? ` — ${oneLine(r.error.description)}` : ''}` : `(no error: ${r.items.length} item(s))`;
					errorLines.push(`- **${e.when}**: ${shown}`);
				} finally {
					await ew.sim.close();
				}
			}
		} finally {
			await w.sim.close();
		}
		process.stderr.write(`${c.name}\n`);
	}
	lines.push('', 'The editor\'s lists (pickers and the fields of Using Fields Below), one call each:', '', '| list | requests | what was sent |', '|---|---|---|');
	const pw = await world();
	try {
		const rl = (mode, value) => ({ __rl: true, mode, value });
		const lists = [
			['Folder picker', () => pw.harness.listSearch(uiNode({ resource: 'job', operation: 'start' }, 'full'), 'searchFolders')],
			['Process picker', () => pw.harness.listSearch(uiNode({ resource: 'job', operation: 'start', folder: inFolder() }, 'full'), 'searchProcesses')],
			['Job → Start: the process\'s input arguments as fields', () => pw.harness.resourceMapping(uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: rl('list', pw.seed.release.Key), argumentsMode: 'fields' }, 'full'), 'getMappingColumns')],
			['Task → Assign: user picker (folder by path)', () => pw.harness.listSearch(uiNode({ resource: 'task', operation: 'assign', folder: inFolder() }, 'full'), 'searchTaskUsers')],
			['Task → Assign: user picker (folder by ID)', () => pw.harness.listSearch(uiNode({ resource: 'task', operation: 'assign', folder: rl('id', String(pw.shared.Id)) }, 'full'), 'searchTaskUsers')],
			['Bucket picker', () => pw.harness.listSearch(uiNode({ resource: 'bucket', operation: 'getMany', folder: inFolder() }, 'full'), 'searchBuckets')],
		];
		await lists[0][1]();
		for (const [name, call] of lists) {
			pw.sim.log.length = 0;
			await call();
			const n = counted(pw.sim.log);
			lines.push(`| ${name} | ${n.orchestrator} | ${cell(n.calls.map((e) => `${e.method} ${String(e.path).replace(/^.*orchestrator_/, '').replace(/=\d+\)/, '={id})')}`).join('; '))} |`);
		}
	} finally {
		await pw.sim.close();
	}
	const header = [
		'# UiPath operations: requests made and the likeliest errors',
		'',
		'Measured, not written by hand: `npm run build && node scripts/operation-report.js > docs/operations.md` runs every',
		"UiPath operation through n8n's engine against the Orchestrator simulator (which checks each request against",
		"UiPath's OpenAPI document), counts the requests it made from the simulator's log, and provokes its three likeliest",
		'errors to record what the user sees (message — description).',
		'',
		'- Counts are per input item, with the credential\'s token already stored (a credential\'s first call of all adds one',
		'  token request; n8n keeps the token until it expires or a call answers 401). "+ 1" is the call to the storage URI',
		'  Orchestrator hands out (Azure blob storage here), which is not Orchestrator.',
		'- Job → Start by name reads the release key once per execution (the same process for many items: 1 read), and',
		'  Wait for Completion polls the one job with a growing interval (here a 1 s first interval, the shortest it takes, and a 0.4 s job).',
		'- List operations read up to 1,000 records a call (queue items 100); Return All pages on.',
		'',
		'## Requests per operation',
		'',
	];
	const text = [...header, ...lines, '', '## The three likeliest errors, as the user sees them', ...errorLines].join('\n');
	// The simulator's port changes from run to run.
	return text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
}

report()
	.then((text) => {
		process.stdout.write(`${text}\n`);
		process.exit(0);
	})
	.catch((error) => {
		console.error(error);
		process.exit(1);
	});
