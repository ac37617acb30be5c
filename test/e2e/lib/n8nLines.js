// @ts-check
'use strict';
/**
 * How the n8n lines the end-to-end tests drive differ, in one place. lib/n8n.js picks the line from
 * `runtime.n8nVersion` (`lineOf`); everything not listed here is the same on both (read in each line's install:
 * `n8n --help`, the controllers under node_modules/n8n/dist, @n8n/config and @n8n/backend-common).
 *
 * The same on 2.41.1 and 1.123.81: `import:credentials`, `import:workflow`, `execute --id --rawOutput` (the run
 * printed through the logger as one JSON line), `export:nodes`; `POST /rest/owner/setup`; `POST /rest/login`
 * `{ emailOrLdapLoginId, password }`; `GET /rest/api-keys/scopes` and `POST /rest/api-keys` `{ label, scopes,
 * expiresAt }` (answer `rawApiKey`); `POST /rest/credentials/test` `{ credentials }`; `GET /rest/executions/:id`
 * (flatted `data`); the public API's `GET /executions?workflowId&includeData&limit`, `GET /workflows[/:id]`;
 * `/healthz/readiness`; community packages loaded from `.n8n/nodes/node_modules/n8n-nodes-*`.
 */

/**
 * @typedef {object} N8nLine
 * @property {string} name '2.x' or '1.x'
 * @property {string} tested the version of the line the tests were run on
 * @property {(workflowId: string) => string[]} publishArgs the CLI command that activates a workflow (n8n stopped)
 * @property {(workflowId: string) => string[]} unpublishArgs the CLI command that deactivates it
 * @property {(workflowId: string, active: boolean) => string} activationPath the public API's route (POST) that activates/deactivates at once
 * @property {(baseUrl: string) => Record<string, string>} env the n8n settings whose name or existence differs (baseUrl ends without '/')
 * @property {RegExp | undefined} startedLine `n8n start` is fully up (REST API mounted, active workflows activated) once its output has this line; undefined: once `/healthz/readiness` answers 200
 * @property {boolean} manualRunSendsWorkflow `POST /rest/workflows/:id/run` (the editor's "Execute workflow" / "Fetch test event") needs the workflow in the body (`workflowData`)
 * @property {boolean} resumeUrlHasToken `$execution.resumeUrl` carries the `signature` token n8n checks (2.27 and later): the package's durable Wait Modes need it
 * @property {string[]} notes what else differs, for the reader (README, reports)
 */

/** @type {N8nLine} */
const LINE_2 = {
	name: '2.x',
	tested: '2.41.1',
	// `update:workflow` is deprecated on 2.x; `import:workflow` deactivates what it imports
	publishArgs: (id) => ['publish:workflow', `--id=${id}`],
	unpublishArgs: (id) => ['unpublish:workflow', `--id=${id}`],
	// 2.x has publish/unpublish (and still activate/deactivate)
	activationPath: (id, active) => `/workflows/${encodeURIComponent(id)}/${active ? 'publish' : 'unpublish'}`,
	env: (baseUrl) => ({
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		// 2.41 warns that this default turns false in a later version: the package is unverified
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// off by default in 2.41; if it were on, nodes could not reach the simulators on 127.0.0.1
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// fetches https://api.n8n.io/api/mcp-servers at start: an error in the log when offline
		N8N_DISABLED_MODULES: 'mcp-registry',
	}),
	// readiness turns 200 once the server is fully up ("fullyReady")
	startedLine: undefined,
	manualRunSendsWorkflow: false,
	resumeUrlHasToken: true,
	notes: [
		'task runners always on (no N8N_RUNNERS_ENABLED setting): the Code node runs in a runner process (N8N_RUNNERS_BROKER_PORT)',
		'public API: /workflows/{id}/publish and /unpublish beside /activate and /deactivate; /credentials/{id}/test',
	],
};

/** @type {N8nLine} */
const LINE_1 = {
	name: '1.x',
	tested: '1.123.81',
	// 1.x has no publish:/unpublish:workflow. update:workflow exits 0 even when it refuses its flags (it logs an error)
	publishArgs: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
	unpublishArgs: (id) => ['update:workflow', `--id=${id}`, '--active=false'],
	activationPath: (id, active) => `/workflows/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`,
	env: (baseUrl) => ({
		// 1.x reads the webhook base from WEBHOOK_URL only (N8N_WEBHOOK_URL is a 2.x name)
		WEBHOOK_URL: `${baseUrl}/`,
		// the default (true) on 1.x; said anyway, as on 2.x
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// No N8N_SSRF_PROTECTION_ENABLED (1.x has no SSRF protection) and no N8N_DISABLED_MODULES=mcp-registry: 1.x
		// knows no such module and every command fails at once with `Unknown module "mcp-registry"`.
	}),
	// readiness turns 200 as soon as the database is migrated, before the REST API is mounted (404 on
	// /rest/owner/setup then) and before active workflows are activated; the start ends with this line
	startedLine: /Editor is now accessible via/,
	manualRunSendsWorkflow: true,
	// `${webhookWaitingBaseUrl}/${executionId}`, no token: the package's node refuses the pausing Wait Modes
	resumeUrlHasToken: false,
	notes: [
		'task runners off by default (N8N_RUNNERS_ENABLED=false): the Code node runs in n8n\'s process',
		'public API: only /workflows/{id}/activate and /deactivate; no /credentials/{id}/test',
		'`n8n start` warns of deprecated defaults (DB_SQLITE_POOL_SIZE, N8N_RUNNERS_ENABLED, N8N_BLOCK_ENV_ACCESS_IN_NODE, N8N_GIT_NODE_DISABLE_BARE_REPOS): left as a 1.x user has them',
		'install: n8n-nodes-base 1.x takes xlsx from https://cdn.sheetjs.com (outside the registry): npm overrides it (scripts/ensure-n8n.js)',
	],
};

/**
 * The line of an n8n version ('2.41.1' → 2.x, '1.123.81' → 1.x).
 * @param {string} version
 * @returns {N8nLine}
 */
function lineOf(version) {
	const major = Number(String(version).split('.')[0]);
	if (major >= 2) return LINE_2;
	if (major === 1) return LINE_1;
	throw new Error(`n8n ${version}: the e2e library knows the 1.x and 2.x lines only`);
}

module.exports = { LINE_1, LINE_2, lineOf };
