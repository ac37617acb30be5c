// @ts-check
'use strict';
/**
 * A loopback simulator of the Robotic Crowd (AUTORO) REST API, strict about what the reference documents
 * (docs/api/ROBOTIC_CROWD.md and the Japanese reference it cites). Plain CommonJS: jest, the benchmark and the
 * shell scripts load it without a build step.
 *
 * Calls (all JSON; every error answers `{"message": "..."}`):
 * - `POST /v1/token` `{access_key_id, secret_access_key, expires?}` (expires: positive integer seconds, default 600).
 *   No JWT; the pair authenticates. 406 when content-type is not application/json, 400 for a body that is not a JSON
 *   object, a missing/empty field or a bad `expires`, 401 for a wrong pair, 403 when the KEY lacks
 *   `access_token.create`. Answer **200 `{"token": "<jwt>", "expires_at": <unix seconds>}`**. The token is an HS256 JWT
 *   signed with the key's secret: `iss` `console.roboticcrowd.com` (or the access_key_id when that iss is not accepted),
 *   `sub` the access_key_id, `aud` the audience, `nbf` now (whole seconds), `exp` nbf + expires, `scopes` the key's
 *   granted scopes as a space-separated string (the newer revision's form).
 * - `POST /v1/session_queues` `{workflow_id: integer, params?: object}` (scope `session_queue.write`). 406 when
 *   content-type is not application/json; 400 when the body is not a JSON object, workflow_id is missing/not a positive
 *   integer, params is not an object, or any string (value or key) anywhere in params holds a `${…}` literal; 404 when
 *   the workflow is not in the key's project. Answer **201 with the Session Queue** (normally `queued`).
 * - `GET /v1/session_queues?page=1&per_page=10&query=` (scope `session_queue.read`). page and per_page are positive
 *   integers (anything else 400), per_page ≤ 50. Answer 200 `{"session_queues": [...], "total_count": N}` newest first
 *   (created_at, then id, descending). `query`: space separated terms, double quotes group; free words (quoted or not)
 *   are joined by one space and matched case-insensitively as a prefix of the workflow name; `is:queued|running|
 *   success|error` (several is: terms are ORed); `after:` / `before:` take `YYYY-MM-DD`, `"YYYY-MM-DD hh:mm"` or
 *   `"YYYY-MM-DD hh:mm:ss"` in UTC and compare with created_at (as shown, whole seconds): **after is inclusive
 *   (created_at >= bound), before is exclusive (created_at < bound)**; several are ANDed. Any other `word:` operator, a bad
 *   value or an unterminated quote is 400.
 * - `DELETE /v1/session_queues/{id}/cancel` (scope `session_queue.delete`). A queued run is removed from the list; a
 *   running run stops and ends with status `error` and ended_at now; a finished run answers 400; an unknown id (or one
 *   of another project, or an already removed one) 404. Answer **200 with the Session Queue** as it is after the cancel
 *   (a removed queued run is shown still `queued`).
 * - `GET /v1/workflows?page=1&per_page=300` (scope `session_queue.read`): per_page default 300, ≤ 1000; answer 200
 *   `{"workflows": [{id, name, description, robot_type, created_at, updated_at}], "total_count": N}` in id order.
 * - Any other path or method: 404 `{"message": "Not Found"}`.
 *
 * Authentication (every call but /v1/token): `Authorization: Bearer <JWT>` exactly. The JWT must be three base64url
 * parts without padding, header `{"alg":"HS256","typ":"JWT"}` (any other alg, `none` included, is refused), `sub` a known
 * access_key_id whose secret verifies the signature, `aud` equal to `options.audience` (default
 * `https://api.roboticcrowd.com/`; an array containing it is also accepted), `iss` accepted (see `acceptIss`), `nbf` and
 * `exp` numbers with `nbf <= now + clockSkewSeconds` (default skew 5 s, applied to nbf only) and `exp > now` (no skew),
 * `scopes` an array of strings or a space-separated string (`token` is an alias of `access_token.create`). The request
 * gets the scopes both the key and the token grant. Failures: 401 (missing header, malformed, bad alg/typ, unknown key,
 * bad signature, aud, iss, nbf, exp), 403 naming the missing scope.
 *
 * Quota: every request (including /v1/token and unknown paths) counts in a sliding minute on the simulator clock, per
 * project of the key it names (JWT `sub`, even before verification, or the token body's access_key_id); requests that
 * name no known key share an `anonymous` bucket. Past the quota (default 60): 429 `{"message":"Too many requests"}` with
 * `Retry-After` seconds unless `options.retryAfterOn429 === false`. The quota is checked before routing and auth.
 * Faults (common.js) apply before everything, and a body that claims JSON but does not parse is answered 400 by
 * common.js before auth and quota.
 *
 * Run lifecycle, derived from the clock every time a run is shown: `queued` at creation, `running` after the workflow's
 * `queueDelayMs` (default 1000), then `success` (or the workflow's `outcome`) after its `durationMs` (default 3000).
 * Times are shown as ISO strings in whole seconds (`2019-07-09T10:02:57.000Z`), so several runs can share a second.
 * `robot` is null while queued, then `options.robot` (default `{id: 1, name: 'standard-1'}`).
 *
 * Log entries (from common.js: method, path, query, headers, body, status, time) gain: `claims` (the JWT payload when
 * decodable, even if verification failed), `accessKeyId`, `scopeUsed` (the scope the endpoint requires), `scopes` (the
 * effective scopes when the token verified) and `error` (the message of an error answer).
 */
const crypto = require('node:crypto');
const { Clock, Faults, RateWindow, HttpError, startServer } = require('./common.js');

const CONSOLE_ISS = 'console.roboticcrowd.com';
const DEFAULT_AUDIENCE = 'https://api.roboticcrowd.com/';
const ALL_SCOPES = ['session_queue.write', 'session_queue.read', 'session_queue.delete', 'access_token.create'];
const STATUSES = ['queued', 'running', 'success', 'error'];
const SCOPE_ALIASES = /** @type {Record<string, string>} */ ({ token: 'access_token.create' });

/**
 * @typedef {{ accessKeyId: string, secretAccessKey: string, scopes: string[], projectId: number }} ApiKey
 * @typedef {{ id: number, name: string, description: string, robot_type: string, projectId: number,
 *   queueDelayMs: number, durationMs: number, outcome: 'success' | 'error', createdMs: number, updatedMs: number }} Workflow
 * @typedef {{ id: number, projectId: number, workflowId: number, params: Record<string, unknown>, createdMs: number,
 *   startMs: number | null, endMs: number | null, finalStatus: 'success' | 'error', robot: { id: number, name: string },
 *   removed: boolean, cancelled: boolean }} Run
 * @typedef {{ id: number, project_id: number, started_at: string | null, ended_at: string | null, status: string,
 *   created_at: string, workflow: { id: number, name: string }, params: Record<string, unknown>,
 *   robot: { id: number, name: string } | null }} SessionQueue
 */

/** @param {unknown} value */
const b64urlJson = (value) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * Signs an HS256 JWT (helper for tests and scripts; the simulator's own minting uses it too).
 * @param {Record<string, unknown>} payload @param {string} secret
 * @param {Record<string, unknown>} [header]
 */
function signJwt(payload, secret, header = { alg: 'HS256', typ: 'JWT' }) {
	const input = `${b64urlJson(header)}.${b64urlJson(payload)}`;
	return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** @param {Iterable<string>} scopes */
function normalizeScopes(scopes) {
	return [...new Set([...scopes].map((s) => SCOPE_ALIASES[s] ?? s))];
}

/** @param {number | null} ms */
const isoSeconds = (ms) => (ms === null ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString());

/** @param {number} status @param {string} message @param {Record<string,string>} [headers] */
const fail = (status, message, headers) => new HttpError(status, { message }, headers);

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Decodes one base64url part strictly (canonical, no padding). @param {string} part */
function decodePart(part) {
	if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
	const buf = Buffer.from(part, 'base64url');
	if (buf.toString('base64url') !== part) return undefined;
	return buf;
}

/**
 * Splits and decodes a JWT without verifying it.
 * @param {string} token
 * @returns {{ header: Record<string, unknown>, payload: Record<string, unknown>, input: string, signature: string } | undefined}
 */
function decodeJwt(token) {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const [h, p, signature] = parts;
	const hb = decodePart(h);
	const pb = decodePart(p);
	if (!hb || !pb || !decodePart(signature)) return undefined;
	try {
		const header = JSON.parse(hb.toString('utf8'));
		const payload = JSON.parse(pb.toString('utf8'));
		if (!isPlainObject(header) || !isPlainObject(payload)) return undefined;
		return { header, payload, input: `${h}.${p}`, signature };
	} catch {
		return undefined;
	}
}

/** @param {string} a @param {string} b */
function safeEqual(a, b) {
	const x = Buffer.from(a, 'utf8');
	const y = Buffer.from(b, 'utf8');
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

let lastUnitMs = 60_000;

/**
 * Parses `after:`/`before:` values (UTC): `YYYY-MM-DD`, `YYYY-MM-DD hh:mm`, `YYYY-MM-DD hh:mm:ss`.
 * @param {string} value @param {string} op
 */
function parseQueryDate(value, op) {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
	if (!m) throw fail(400, `Invalid date for ${op}: "${value}" (use YYYY-MM-DD or "YYYY-MM-DD hh:mm").`);
	const [y, mo, d, hh = '0', mi = '0', ss = '0'] = m.slice(1);
	const ms = Date.UTC(+y, +mo - 1, +d, +hh, +mi, +ss);
	// the span the value names: a day, a minute or a second (an exclusive `after:` starts after all of it)
	lastUnitMs = m[6] !== undefined ? 1000 : m[4] !== undefined ? 60_000 : 86_400_000;
	const back = new Date(ms);
	if (
		back.getUTCFullYear() !== +y ||
		back.getUTCMonth() !== +mo - 1 ||
		back.getUTCDate() !== +d ||
		back.getUTCHours() !== +hh ||
		back.getUTCMinutes() !== +mi ||
		back.getUTCSeconds() !== +ss
	) {
		throw fail(400, `Invalid date for ${op}: "${value}".`);
	}
	return ms;
}

/**
 * Parses the `query` search string.
 * @param {string} query
 * @param {{ isTerms?: 'or' | 'and', utcOffsetMinutes?: number, afterExclusive?: boolean }} [semantics]
 *   How the server reads the query where its documentation is silent (see the options of the simulator).
 * @returns {{ prefix: string | null, statuses: Set<string> | null, after: number | null, before: number | null,
 *   allStatuses?: boolean }}
 */
function parseQuery(query, semantics = {}) {
	const zoneMs = (semantics.utcOffsetMinutes ?? 0) * 60_000;
	/** @type {{ text: string, quoteAt: number }[]} */
	const terms = [];
	let i = 0;
	while (i < query.length) {
		if (/\s/.test(query[i])) {
			i++;
			continue;
		}
		let text = '';
		let quoteAt = -1;
		let inQuote = false;
		while (i < query.length && (inQuote || !/\s/.test(query[i]))) {
			const ch = query[i++];
			if (ch === '"') {
				if (quoteAt === -1) quoteAt = text.length;
				inQuote = !inQuote;
			} else {
				text += ch;
			}
		}
		if (inQuote) throw fail(400, 'Invalid query: unterminated quote.');
		terms.push({ text, quoteAt });
	}
	/** @type {string[]} */
	const words = [];
	/** @type {Set<string> | null} */
	let statuses = null;
	/** @type {number | null} */
	let after = null;
	/** @type {number | null} */
	let before = null;
	for (const { text, quoteAt } of terms) {
		const op = /^([A-Za-z_]+):/.exec(text);
		if (!op || (quoteAt !== -1 && quoteAt < op[0].length)) {
			if (text) words.push(text);
			continue;
		}
		const name = op[1];
		const value = text.slice(op[0].length);
		if (name === 'is') {
			if (!STATUSES.includes(value)) {
				throw fail(400, `Invalid query: is:${value} (use is:queued, is:running, is:success or is:error).`);
			}
			(statuses ??= new Set()).add(value);
		} else if (name === 'after') {
			let ms = parseQueryDate(value, 'after') - zoneMs;
			if (semantics.afterExclusive) ms += lastUnitMs;
			after = after === null ? ms : Math.max(after, ms);
		} else if (name === 'before') {
			const ms = parseQueryDate(value, 'before') - zoneMs;
			before = before === null ? ms : Math.min(before, ms);
		} else {
			throw fail(400, `Invalid query: unknown operator "${name}:".`);
		}
	}
	const allStatuses = semantics.isTerms === 'and' && statuses !== null && statuses.size > 1;
	return { prefix: words.length ? words.join(' ').toLowerCase() : null, statuses, after, before, allStatuses };
}

/**
 * @param {Record<string, string>} query @param {string} name @param {number} def @param {number} max
 */
function positiveInt(query, name, def, max) {
	const raw = query[name];
	if (raw === undefined) return def;
	if (!/^\d+$/.test(raw)) throw fail(400, `${name} must be a positive integer.`);
	const n = Number(raw);
	if (n < 1) throw fail(400, `${name} must be at least 1.`);
	if (n > max) throw fail(400, `${name} must be at most ${max}.`);
	return n;
}

/**
 * Finds the first string (value or key) holding a `${…}` literal.
 * @param {unknown} v @param {string} path @returns {string | undefined}
 */
function findVariableLiteral(v, path) {
	const re = /\$\{[^}]*\}/;
	if (typeof v === 'string') return re.test(v) ? path : undefined;
	if (Array.isArray(v)) {
		for (let i = 0; i < v.length; i++) {
			const hit = findVariableLiteral(v[i], `${path}[${i}]`);
			if (hit) return hit;
		}
	} else if (isPlainObject(v)) {
		for (const [k, x] of Object.entries(v)) {
			if (re.test(k)) return `${path} key "${k}"`;
			const hit = findVariableLiteral(x, `${path}.${k}`);
			if (hit) return hit;
		}
	}
	return undefined;
}

/** @param {Record<string, string | string[] | undefined>} headers */
function isJsonContentType(headers) {
	const type = String(headers['content-type'] ?? '');
	return type.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** @param {string | number | undefined | null} v @param {string} what */
function toMs(v, what) {
	if (v === undefined || v === null) return undefined;
	const ms = typeof v === 'number' ? v : Date.parse(v);
	if (!Number.isFinite(ms)) throw new Error(`addRun: invalid ${what}: ${v}`);
	return ms;
}

/**
 * Starts the simulator.
 * @param {{ port?: number, quotaPerMinute?: number, retryAfterOn429?: boolean, audience?: string,
 *   acceptIss?: string[], clockSkewSeconds?: number, projectId?: number, queueDelayMs?: number, durationMs?: number,
 *   robot?: { id: number, name: string },
 *   querySemantics?: { isTerms?: 'or' | 'and', utcOffsetMinutes?: number, afterExclusive?: boolean } }} [options]
 *   `querySemantics`: how `query` is read where the API documentation is silent. By default several `is:` terms are
 *   ORed, `after:`/`before:` are UTC and `after:` is inclusive; `isTerms: 'and'` ANDs them, `utcOffsetMinutes` reads
 *   dates in that local time, `afterExclusive` starts `after:` after the whole day, minute or second it names.
 *   `acceptIss`: accepted `iss` values; the entry `'access_key_id'` stands for the token's own access_key_id
 *   (default `['console.roboticcrowd.com', 'access_key_id']`). `projectId` (default 226) is the project of keys and
 *   workflows added without one. `queueDelayMs`/`durationMs` are the defaults for workflows (1000 / 3000).
 */
async function startRoboticCrowdSimulator(options = {}) {
	const audience = options.audience ?? DEFAULT_AUDIENCE;
	const acceptIss = options.acceptIss ?? [CONSOLE_ISS, 'access_key_id'];
	const skewMs = (options.clockSkewSeconds ?? 5) * 1000;
	const defaultProjectId = options.projectId ?? 226;
	const defaultQueueDelayMs = options.queueDelayMs ?? 1000;
	const defaultDurationMs = options.durationMs ?? 3000;
	const robot = options.robot ?? { id: 1, name: 'standard-1' };
	const retryAfterOn429 = options.retryAfterOn429 !== false;
	const querySemantics = options.querySemantics ?? {};
	let quota = options.quotaPerMinute ?? 60;

	const clock = new Clock();
	const faults = new Faults();
	const rate = new RateWindow(clock);
	/** @type {Record<string, unknown>[]} */
	const log = [];
	/** @type {Map<string, ApiKey>} */
	const keys = new Map();
	/** @type {Map<number, Workflow>} */
	const workflows = new Map();
	/** @type {Map<number, Run>} */
	const runs = new Map();
	let nextWorkflowId = 6391;
	let nextRunId = 341560;

	/** @param {Run} run @param {number} now */
	function statusOf(run, now) {
		if (run.startMs === null || now < run.startMs) return 'queued';
		if (run.endMs === null || now < run.endMs) return 'running';
		return run.finalStatus;
	}

	/** @param {Run} run @param {number} [now] @returns {SessionQueue} */
	function render(run, now = clock.now()) {
		const status = statusOf(run, now);
		const wf = workflows.get(run.workflowId);
		return {
			id: run.id,
			project_id: run.projectId,
			started_at: status === 'queued' ? null : isoSeconds(run.startMs),
			ended_at: status === 'success' || status === 'error' ? isoSeconds(run.endMs) : null,
			status,
			created_at: /** @type {string} */ (isoSeconds(run.createdMs)),
			workflow: { id: run.workflowId, name: wf ? wf.name : '' },
			params: structuredClone(run.params),
			robot: status === 'queued' ? null : { ...run.robot },
		};
	}

	/** @param {Workflow} wf */
	const renderWorkflow = (wf) => ({
		id: wf.id,
		name: wf.name,
		description: wf.description,
		robot_type: wf.robot_type,
		created_at: isoSeconds(wf.createdMs),
		updated_at: isoSeconds(wf.updatedMs),
	});

	/** @param {string} iss @param {string} accessKeyId */
	const issAccepted = (iss, accessKeyId) =>
		acceptIss.some((a) => (a === 'access_key_id' ? iss === accessKeyId : iss === a));

	/**
	 * Verifies the bearer JWT of a request; records what it can in the log entry.
	 * @param {import('./common.js').SimRequest} req @param {Record<string, unknown>} entry
	 * @returns {{ key: ApiKey, scopes: string[] }}
	 */
	function authenticate(req, entry) {
		const h = req.headers.authorization;
		if (typeof h !== 'string' || !h.startsWith('Bearer ')) {
			throw fail(401, 'Missing Authorization: Bearer <JWT> header.', { 'www-authenticate': 'Bearer' });
		}
		const decoded = decodeJwt(h.slice('Bearer '.length));
		if (!decoded) throw fail(401, 'Malformed JWT.');
		const { header, payload } = decoded;
		if (header.alg !== 'HS256') throw fail(401, `Unsupported JWT alg ${JSON.stringify(header.alg)}: only HS256.`);
		if (header.typ !== 'JWT') throw fail(401, `JWT typ must be "JWT", got ${JSON.stringify(header.typ)}.`);
		const sub = payload.sub;
		const key = typeof sub === 'string' ? keys.get(sub) : undefined;
		if (!key) throw fail(401, 'Unknown access key (sub).');
		const expected = crypto.createHmac('sha256', key.secretAccessKey).update(decoded.input).digest('base64url');
		if (!safeEqual(expected, decoded.signature)) throw fail(401, 'Invalid JWT signature.');
		const aud = payload.aud;
		if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) {
			throw fail(401, `Invalid JWT aud: expected ${audience}.`);
		}
		if (typeof payload.iss !== 'string' || !issAccepted(payload.iss, key.accessKeyId)) {
			throw fail(401, `JWT iss not accepted: ${JSON.stringify(payload.iss)}.`);
		}
		const { nbf, exp } = payload;
		if (typeof nbf !== 'number' || !Number.isFinite(nbf)) throw fail(401, 'JWT nbf missing or not a number.');
		if (typeof exp !== 'number' || !Number.isFinite(exp)) throw fail(401, 'JWT exp missing or not a number.');
		const now = req.time;
		if (nbf * 1000 > now + skewMs) throw fail(401, 'JWT not yet valid (nbf).');
		if (exp * 1000 <= now) throw fail(401, 'JWT expired (exp).');
		/** @type {string[]} */
		let tokenScopes;
		const raw = payload.scopes;
		if (raw === undefined) tokenScopes = [];
		else if (typeof raw === 'string') tokenScopes = raw.split(/\s+/).filter(Boolean);
		else if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) tokenScopes = raw;
		else throw fail(401, 'JWT scopes must be an array of strings or a space-separated string.');
		const granted = new Set(key.scopes);
		const scopes = normalizeScopes(tokenScopes).filter((s) => granted.has(s));
		entry.scopes = scopes;
		return { key, scopes };
	}

	/** @param {{ scopes: string[], key: ApiKey }} auth @param {string} scope */
	function requireScope(auth, scope) {
		if (auth.scopes.includes(scope)) return;
		const where = auth.key.scopes.includes(scope) ? 'the token' : 'the API key';
		throw fail(403, `Missing scope ${scope}: ${where} does not grant it.`);
	}

	/** @param {import('./common.js').SimRequest} req */
	function requireJsonObject(req) {
		if (!isJsonContentType(req.headers)) throw fail(406, 'Content-Type must be application/json.');
		if (!isPlainObject(req.body)) throw fail(400, 'The request body must be a JSON object.');
		return req.body;
	}

	/** @param {import('./common.js').SimRequest} req */
	function handleToken(req) {
		const body = requireJsonObject(req);
		for (const field of ['access_key_id', 'secret_access_key']) {
			if (typeof body[field] !== 'string' || !body[field]) throw fail(400, `${field} is required.`);
		}
		let expires = 600;
		if (body.expires !== undefined) {
			if (typeof body.expires !== 'number' || !Number.isInteger(body.expires) || body.expires < 1) {
				throw fail(400, 'expires must be a positive integer (seconds).');
			}
			expires = body.expires;
		}
		const key = keys.get(/** @type {string} */ (body.access_key_id));
		if (!key || !safeEqual(key.secretAccessKey, /** @type {string} */ (body.secret_access_key))) {
			throw fail(401, 'Invalid access_key_id or secret_access_key.');
		}
		if (!key.scopes.includes('access_token.create')) {
			throw fail(403, 'Missing scope access_token.create: the API key does not grant it.');
		}
		const nbf = Math.floor(req.time / 1000);
		const exp = nbf + expires;
		const token = signJwt(
			{
				iss: issAccepted(CONSOLE_ISS, key.accessKeyId) ? CONSOLE_ISS : key.accessKeyId,
				sub: key.accessKeyId,
				aud: audience,
				nbf,
				exp,
				scopes: key.scopes.join(' '),
			},
			key.secretAccessKey,
		);
		return { status: 200, body: { token, expires_at: exp } };
	}

	/** @param {import('./common.js').SimRequest} req @param {ApiKey} key */
	function handleCreate(req, key) {
		const body = requireJsonObject(req);
		const workflowId = body.workflow_id;
		if (typeof workflowId !== 'number' || !Number.isInteger(workflowId) || workflowId < 1) {
			throw fail(400, 'workflow_id is required and must be an integer.');
		}
		/** @type {Record<string, unknown>} */
		let params = {};
		if (body.params !== undefined) {
			if (!isPlainObject(body.params)) throw fail(400, 'params must be a JSON object.');
			const hit = findVariableLiteral(body.params, 'params');
			if (hit) throw fail(400, `${hit} holds a variable literal \${…}, which the API cannot take.`);
			params = body.params;
		}
		const wf = workflows.get(workflowId);
		if (!wf || wf.projectId !== key.projectId) throw fail(404, `Workflow ${workflowId} not found.`);
		const now = req.time;
		/** @type {Run} */
		const run = {
			id: nextRunId++,
			projectId: key.projectId,
			workflowId,
			params: structuredClone(params),
			createdMs: now,
			startMs: now + wf.queueDelayMs,
			endMs: now + wf.queueDelayMs + wf.durationMs,
			finalStatus: wf.outcome,
			robot: { ...robot },
			removed: false,
			cancelled: false,
		};
		runs.set(run.id, run);
		return { status: 201, body: render(run, now) };
	}

	/** @param {import('./common.js').SimRequest} req @param {ApiKey} key */
	function handleList(req, key) {
		const page = positiveInt(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = positiveInt(req.query, 'per_page', 10, 50);
		const q = parseQuery(req.query.query ?? '', querySemantics);
		const now = req.time;
		const matching = [...runs.values()]
			.filter((r) => r.projectId === key.projectId && !r.removed)
			.map((r) => render(r, now))
			.filter((sq) => {
				if (q.prefix !== null && !sq.workflow.name.toLowerCase().startsWith(q.prefix)) return false;
				// ANDed is: terms: a run has one status, so two of them select nothing
				if (q.statuses && (q.allStatuses || !q.statuses.has(sq.status))) return false;
				const created = Date.parse(sq.created_at);
				if (q.after !== null && created < q.after) return false;
				if (q.before !== null && created >= q.before) return false;
				return true;
			})
			.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
		return {
			status: 200,
			body: {
				session_queues: matching.slice((page - 1) * perPage, page * perPage),
				total_count: matching.length,
			},
		};
	}

	/** @param {import('./common.js').SimRequest} req @param {ApiKey} key @param {number} id */
	function handleCancel(req, key, id) {
		const run = runs.get(id);
		if (!run || run.projectId !== key.projectId || run.removed) throw fail(404, `Session queue ${id} not found.`);
		const now = req.time;
		const status = statusOf(run, now);
		if (status === 'queued') {
			run.removed = true;
			run.cancelled = true;
		} else if (status === 'running') {
			run.endMs = now;
			run.finalStatus = 'error';
			run.cancelled = true;
		} else {
			throw fail(400, `Session queue ${id} has already finished (${status}).`);
		}
		return { status: 200, body: render(run, now) };
	}

	/** @param {import('./common.js').SimRequest} req @param {ApiKey} key */
	function handleWorkflows(req, key) {
		const page = positiveInt(req.query, 'page', 1, Number.MAX_SAFE_INTEGER);
		const perPage = positiveInt(req.query, 'per_page', 300, 1000);
		const all = [...workflows.values()].filter((w) => w.projectId === key.projectId).sort((a, b) => a.id - b.id);
		return {
			status: 200,
			body: {
				workflows: all.slice((page - 1) * perPage, page * perPage).map(renderWorkflow),
				total_count: all.length,
			},
		};
	}

	/** @param {string} method @param {string} path */
	function route(method, path) {
		if (path === '/v1/token' && method === 'POST') return { name: 'token', scope: 'access_token.create' };
		if (path === '/v1/session_queues' && method === 'POST') return { name: 'create', scope: 'session_queue.write' };
		if (path === '/v1/session_queues' && method === 'GET') return { name: 'list', scope: 'session_queue.read' };
		if (path === '/v1/workflows' && method === 'GET') return { name: 'workflows', scope: 'session_queue.read' };
		const m = /^\/v1\/session_queues\/([1-9]\d*)\/cancel$/.exec(path);
		if (m && method === 'DELETE') return { name: 'cancel', scope: 'session_queue.delete', id: Number(m[1]) };
		return undefined;
	}

	/** @param {import('./common.js').SimRequest} req @param {Record<string, unknown>} entry */
	function handle(req, entry) {
		// Whose quota: the key the request names, before anything is verified.
		/** @type {string | undefined} */
		let keyId;
		if (req.path === '/v1/token' && isPlainObject(req.body) && typeof req.body.access_key_id === 'string') {
			keyId = req.body.access_key_id;
		} else {
			const h = req.headers.authorization;
			const decoded = typeof h === 'string' && h.startsWith('Bearer ') ? decodeJwt(h.slice(7)) : undefined;
			if (decoded) {
				entry.claims = decoded.payload;
				if (typeof decoded.payload.sub === 'string') keyId = decoded.payload.sub;
			}
		}
		const named = keyId !== undefined ? keys.get(keyId) : undefined;
		if (keyId !== undefined) entry.accessKeyId = keyId;
		const wait = rate.hit(named ? `project:${named.projectId}` : 'anonymous', quota);
		if (wait) throw fail(429, 'Too many requests', retryAfterOn429 ? { 'retry-after': String(wait) } : {});

		const r = route(req.method, req.path);
		if (!r) throw fail(404, 'Not Found');
		entry.scopeUsed = r.scope;
		if (r.name === 'token') return handleToken(req);
		const auth = authenticate(req, entry);
		requireScope(auth, r.scope);
		switch (r.name) {
			case 'create':
				return handleCreate(req, auth.key);
			case 'list':
				return handleList(req, auth.key);
			case 'workflows':
				return handleWorkflows(req, auth.key);
			default:
				return handleCancel(req, auth.key, /** @type {number} */ (r.id));
		}
	}

	const server = await startServer({
		port: options.port ?? 0,
		clock,
		faults,
		log,
		handle: async (req, entry) => {
			try {
				return handle(req, entry);
			} catch (error) {
				if (error instanceof HttpError) entry.error = error.message;
				throw error;
			}
		},
	});

	/** @param {number} id */
	function getRunRecord(id) {
		const run = runs.get(id);
		if (!run) throw new Error(`No session queue ${id}`);
		return run;
	}

	const sim = {
		url: server.url,
		port: server.port,
		close: () => server.close(),
		clock,
		faults,
		log,
		/** Signs an HS256 JWT (helper). */
		signJwt,
		/**
		 * Adds an API key (scopes default to all four; `token` is accepted as `access_token.create`).
		 * @param {{ accessKeyId: string, secretAccessKey: string, scopes?: string[], projectId?: number }} key
		 */
		addApiKey({ accessKeyId, secretAccessKey, scopes = ALL_SCOPES, projectId = defaultProjectId }) {
			/** @type {ApiKey} */
			const key = { accessKeyId, secretAccessKey, scopes: normalizeScopes(scopes), projectId };
			keys.set(accessKeyId, key);
			return { ...key };
		},
		/** Deletes an API key: its tokens stop working (401). @param {string} accessKeyId */
		removeApiKey(accessKeyId) {
			return keys.delete(accessKeyId);
		},
		/**
		 * Adds a workflow; returns it as GET /v1/workflows shows it.
		 * @param {{ id?: number, name: string, description?: string, robot_type?: string, projectId?: number,
		 *   queueDelayMs?: number, durationMs?: number, outcome?: 'success' | 'error' }} w
		 */
		addWorkflow(w) {
			const id = w.id ?? nextWorkflowId++;
			if (w.id !== undefined && w.id >= nextWorkflowId) nextWorkflowId = w.id + 1;
			const now = clock.now();
			/** @type {Workflow} */
			const wf = {
				id,
				name: w.name,
				description: w.description ?? '',
				robot_type: w.robot_type ?? 'standard',
				projectId: w.projectId ?? defaultProjectId,
				queueDelayMs: w.queueDelayMs ?? defaultQueueDelayMs,
				durationMs: w.durationMs ?? defaultDurationMs,
				outcome: w.outcome ?? 'success',
				createdMs: now,
				updatedMs: now,
			};
			workflows.set(id, wf);
			return renderWorkflow(wf);
		},
		/**
		 * Seeds a session queue directly (no request, no quota). Times are ISO strings or epoch ms.
		 * Without `status` the run follows its workflow's lifecycle from `created_at` (default now). With a status:
		 * `queued` stays queued (until finishRun/startRun), `running` starts at started_at (default created_at) and never
		 * ends by itself, `success`/`error` end at ended_at (default: started_at + the workflow's durationMs, capped at
		 * now).
		 * @param {{ workflow_id: number, status?: 'queued' | 'running' | 'success' | 'error', created_at?: string | number,
		 *   started_at?: string | number, ended_at?: string | number, params?: Record<string, unknown>, project_id?: number,
		 *   robot?: { id: number, name: string }, id?: number }} r
		 * @returns {SessionQueue}
		 */
		addRun(r) {
			const wf = workflows.get(r.workflow_id);
			if (!wf) throw new Error(`addRun: unknown workflow ${r.workflow_id}`);
			const now = clock.now();
			const createdMs = toMs(r.created_at, 'created_at') ?? now;
			let startMs = toMs(r.started_at, 'started_at');
			let endMs = toMs(r.ended_at, 'ended_at');
			/** @type {'success' | 'error'} */
			let finalStatus = wf.outcome;
			if (r.status === undefined) {
				startMs = createdMs + wf.queueDelayMs;
				endMs = startMs + wf.durationMs;
			} else if (r.status === 'queued') {
				startMs = undefined;
				endMs = undefined;
			} else if (r.status === 'running') {
				startMs ??= createdMs;
				endMs = undefined;
			} else if (r.status === 'success' || r.status === 'error') {
				startMs ??= createdMs;
				endMs ??= Math.max(startMs, Math.min(startMs + wf.durationMs, now));
				finalStatus = r.status;
			} else {
				throw new Error(`addRun: invalid status ${r.status}`);
			}
			const id = r.id ?? nextRunId++;
			if (r.id !== undefined && r.id >= nextRunId) nextRunId = r.id + 1;
			/** @type {Run} */
			const run = {
				id,
				projectId: r.project_id ?? wf.projectId,
				workflowId: wf.id,
				params: structuredClone(r.params ?? {}),
				createdMs,
				startMs: startMs ?? null,
				endMs: endMs ?? null,
				finalStatus,
				robot: r.robot ?? { ...robot },
				removed: false,
				cancelled: false,
			};
			runs.set(id, run);
			return render(run);
		},
		/** Every session queue not removed by a cancel, as the API shows it now, in id order. @returns {SessionQueue[]} */
		get runs() {
			const now = clock.now();
			return [...runs.values()].filter((r) => !r.removed).sort((a, b) => a.id - b.id).map((r) => render(r, now));
		},
		/** One session queue as the API shows it now (also a removed one), or undefined. @param {number} id */
		getRun(id) {
			const run = runs.get(id);
			return run ? { ...render(run), removed: run.removed, cancelled: run.cancelled } : undefined;
		},
		/** Ids of queued runs removed by a cancel. @returns {number[]} */
		get removedRuns() {
			return [...runs.values()].filter((r) => r.removed).map((r) => r.id);
		},
		/** Starts a queued run now (it then runs until finishRun or forever if seeded `running`). @param {number} id */
		startRun(id) {
			const run = getRunRecord(id);
			const now = clock.now();
			if (run.startMs === null || run.startMs > now) run.startMs = now;
			if (run.endMs !== null && run.endMs <= now) run.endMs = null;
			return render(run);
		},
		/** Ends a run now with `status` (starting it first if queued). @param {number} id @param {'success'|'error'} [status] */
		finishRun(id, status = 'success') {
			const run = getRunRecord(id);
			const now = clock.now();
			if (run.startMs === null || run.startMs > now) run.startMs = now;
			run.endMs = now;
			run.finalStatus = status;
			return render(run);
		},
		/** Cancels a run as `DELETE …/cancel` does (a queued run is removed), without a request. @param {number} id */
		cancelRun(id) {
			const run = getRunRecord(id);
			const req = /** @type {import('./common.js').SimRequest} */ (/** @type {unknown} */ ({ time: clock.now() }));
			return handleCancel(req, /** @type {ApiKey} */ (/** @type {unknown} */ ({ projectId: run.projectId })), id).body;
		},
		/** Requests per minute per project (default 60). @param {number} perMinute */
		setQuota(perMinute) {
			quota = perMinute;
		},
		/** Clears the log, the faults and the rate window (keys, workflows and runs stay). */
		reset() {
			log.length = 0;
			faults.clear();
			rate.reset();
		},
	};
	return sim;
}

module.exports = { startRoboticCrowdSimulator, signJwt, decodeJwt, parseQuery, ALL_SCOPES, DEFAULT_AUDIENCE, CONSOLE_ISS };
