import { createHmac } from 'node:crypto';
import { startRoboticCrowdSimulator } from './roboticCrowd';

// JWTs are crafted here independently of the simulator's own helper.
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function jwt(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
	const input = `${b64(header)}.${b64(payload)}`;
	return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const decodePayload = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

const SEED_SECRET = '523463041EF9FFA2950D8450FEB34C88BC8692C40C9CF3C99DCDF75E270229E2';
const SEED_KEY = 'IjoiIiwiZ3JhbnRzIjp7Im';
const SEED_TOKEN =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjb25zb2xlLnJvYm90aWNjcm93ZC5jb20iLCJzdWIiOiJJam9pSWl3aVozSmhiblJ6SWpwN0ltIiwiYXVkIjoiaHR0cHM6Ly9hcGkucm9ib3RpY2Nyb3dkLmNvbS8iLCJuYmYiOjE0NTA0NzExNDcsImV4cCI6MTQ1MDQ3Mzc0Nywic2NvcGVzIjpbInNlc3Npb25fcXVldWUud3JpdGUiLCJzZXNzaW9uX3F1ZXVlLnJlYWQiLCJ0b2tlbiJdfQ.LbICm0Ylbt0UFUGBRP7tqL1tT_RwH1D-XWSt_dfenUg';
// The seed's earlier example: same claims in another order, also signed with the example secret.
const SEED_TOKEN_2 =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5yb2JvdGljY3Jvd2QuY29tLyIsImlzcyI6ImNvbnNvbGUucm9ib3RpY2Nyb3dkLmNvbSIsInN1YiI6Iklqb2lJaXdpWjNKaGJuUnpJanA3SW0iLCJuYmYiOjE0NTA0NzExNDcsImV4cCI6MTQ1MDQ3Mzc0Nywic2NvcGVzIjpbInNlc3Npb25fcXVldWUud3JpdGUiLCJzZXNzaW9uX3F1ZXVlLnJlYWQiLCJ0b2tlbiJdfQ.fpJ-Ho1IvdRdDdBD-ncp7Xkbijj6UmcboUODi_XtMJk';
const SEED_NBF = 1450471147;
const SEED_EXP = 1450473747;

const KEY = 'AKTESTKEY0001';
const SECRET = 'test-secret-0001';
const ALL = ['session_queue.write', 'session_queue.read', 'session_queue.delete', 'access_token.create'];
const T0 = Date.UTC(2024, 0, 15, 9, 0, 0);

type Sim = Awaited<ReturnType<typeof startRoboticCrowdSimulator>>;
let sim: Sim;

function token(overrides: Record<string, unknown> = {}, secret = SECRET, header?: Record<string, unknown>) {
	const now = Math.floor(sim.clock.now() / 1000);
	return jwt(
		{ iss: 'console.roboticcrowd.com', sub: KEY, aud: 'https://api.roboticcrowd.com/', nbf: now, exp: now + 300, scopes: ALL, ...overrides },
		secret,
		header,
	);
}

async function call(
	method: string,
	path: string,
	opts: { token?: string | null; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
	const headers: Record<string, string> = { ...(opts.headers ?? {}) };
	const auth = opts.token === undefined ? token() : opts.token;
	if (auth !== null) headers.authorization = `Bearer ${auth}`;
	let body: string | undefined;
	if (opts.body !== undefined) {
		body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(`${sim.url}${path}`, { method, headers, body, signal: opts.signal });
	const text = await res.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text, headers: res.headers };
}

const create = (workflow_id: number, params?: unknown, t?: string) =>
	call('POST', '/v1/session_queues', { body: params === undefined ? { workflow_id } : { workflow_id, params }, token: t });
const list = (qs = '', t?: string) => call('GET', `/v1/session_queues${qs}`, { token: t });

let wfId: number;
beforeEach(async () => {
	sim = await startRoboticCrowdSimulator();
	sim.clock.freeze(T0);
	sim.addApiKey({ accessKeyId: KEY, secretAccessKey: SECRET });
	wfId = sim.addWorkflow({ name: 'Invoice Import', description: 'imports invoices' }).id;
});
afterEach(async () => {
	await sim.close();
});

describe('seed worked example', () => {
	beforeEach(() => {
		sim.addApiKey({ accessKeyId: SEED_KEY, secretAccessKey: SEED_SECRET });
	});

	it('verifies both seed tokens inside [nbf, exp)', async () => {
		for (const at of [SEED_NBF * 1000, SEED_EXP * 1000 - 1]) {
			sim.clock.freeze(at);
			for (const t of [SEED_TOKEN, SEED_TOKEN_2]) {
				const r = await list('', t);
				expect(r.status).toBe(200);
				expect(r.json).toEqual({ session_queues: [], total_count: 0 });
			}
		}
		const entry = sim.log[sim.log.length - 1] as any;
		expect(entry.claims).toMatchObject({ sub: SEED_KEY, nbf: SEED_NBF, exp: SEED_EXP, iss: 'console.roboticcrowd.com' });
		expect(entry.scopeUsed).toBe('session_queue.read');
		// `token` is the older name of access_token.create
		expect([...entry.scopes].sort()).toEqual(['access_token.create', 'session_queue.read', 'session_queue.write']);
	});

	it('lets the seed token create a run but not cancel one (no session_queue.delete in it)', async () => {
		sim.clock.freeze(SEED_NBF * 1000 + 1000);
		const wf = sim.addWorkflow({ name: 'Seeded', id: 6391 });
		const created = await create(wf.id, { var1: 'this is string', var2: ['this', 'is', 'array'] }, SEED_TOKEN);
		expect(created.status).toBe(201);
		expect(created.json.created_at).toBe('2015-12-18T20:39:08.000Z');
		const cancel = await call('DELETE', `/v1/session_queues/${created.json.id}/cancel`, { token: SEED_TOKEN });
		expect(cancel.status).toBe(403);
		expect(cancel.json.message).toContain('session_queue.delete');
	});

	it('rejects the seed token as expired at real time, and before nbf beyond the skew', async () => {
		sim.clock.frozenAt = undefined;
		let r = await list('', SEED_TOKEN);
		expect(r.status).toBe(401);
		expect(r.json.message).toMatch(/expired/);
		sim.clock.freeze(SEED_EXP * 1000);
		expect((await list('', SEED_TOKEN)).status).toBe(401);
		sim.clock.freeze((SEED_NBF - 6) * 1000);
		r = await list('', SEED_TOKEN);
		expect(r.status).toBe(401);
		expect(r.json.message).toMatch(/nbf/);
		sim.clock.freeze((SEED_NBF - 4) * 1000); // within the 5 s skew
		expect((await list('', SEED_TOKEN)).status).toBe(200);
	});

	it('rejects the seed token under a different secret for its key', async () => {
		sim.addApiKey({ accessKeyId: SEED_KEY, secretAccessKey: SEED_SECRET.toLowerCase() });
		sim.clock.freeze(SEED_NBF * 1000);
		const r = await list('', SEED_TOKEN);
		expect(r.status).toBe(401);
		expect(r.json.message).toMatch(/signature/);
	});
});

describe('JWT verification', () => {
	it('accepts a good token, with scopes as an array or a space-separated string and iss = access_key_id', async () => {
		expect((await list('', token())).status).toBe(200);
		expect((await list('', token({ scopes: 'session_queue.read' }))).status).toBe(200);
		expect((await list('', token({ iss: KEY }))).status).toBe(200);
	});

	it.each([
		['wrong signature', () => token({}, 'other-secret')],
		['tampered payload', () => {
			const [h, , s] = token().split('.');
			return `${h}.${b64({ iss: 'console.roboticcrowd.com', sub: KEY, aud: 'https://api.roboticcrowd.com/', nbf: 1, exp: 9e9, scopes: ALL })}.${s}`;
		}],
		['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(decodePayload(token()))}.`],
		['alg none with a signature', () => token({}, SECRET, { alg: 'none', typ: 'JWT' })],
		['alg HS512', () => token({}, SECRET, { alg: 'HS512', typ: 'JWT' })],
		['typ missing', () => token({}, SECRET, { alg: 'HS256' })],
		['wrong aud', () => token({ aud: 'https://api.roboticcrowd.com' })],
		['wrong iss', () => token({ iss: 'someone-else' })],
		['unknown sub', () => token({ sub: 'NOPE' })],
		['expired', () => token({ exp: Math.floor(T0 / 1000) })],
		['not yet valid', () => token({ nbf: Math.floor(T0 / 1000) + 60 })],
		['nbf missing', () => token({ nbf: undefined })],
		['scopes not strings', () => token({ scopes: [1, 2] })],
		['padded base64', () => token().replace(/\./, '=.')],
		['garbage', () => 'not-a-jwt'],
	])('401 for %s', async (_name, make) => {
		const r = await list('', make());
		expect(r.status).toBe(401);
		expect(typeof r.json.message).toBe('string');
	});

	it('401 without the header, or with another scheme', async () => {
		expect((await list('', null as any)).status).toBe(401);
		const r = await call('GET', '/v1/session_queues', { token: null, headers: { authorization: `Basic ${token()}` } });
		expect(r.status).toBe(401);
	});

	it('keeps the decoded claims in the log even when verification fails', async () => {
		await list('', token({ exp: 5 }));
		const entry = sim.log[sim.log.length - 1] as any;
		expect(entry.status).toBe(401);
		expect(entry.claims.exp).toBe(5);
		expect(entry.claims.sub).toBe(KEY);
	});

	it('403 naming the scope when the token or the key lacks it (intersection)', async () => {
		let r = await create(wfId, undefined, token({ scopes: ['session_queue.read'] }));
		expect(r.status).toBe(403);
		expect(r.json.message).toContain('session_queue.write');
		sim.addApiKey({ accessKeyId: 'READONLY', secretAccessKey: 's2', scopes: ['session_queue.read'] });
		r = await create(wfId, undefined, token({ sub: 'READONLY' }, 's2'));
		expect(r.status).toBe(403);
		expect(r.json.message).toContain('session_queue.write');
		expect((await list('', token({ sub: 'READONLY' }, 's2'))).status).toBe(200);
		r = await call('GET', '/v1/workflows', { token: token({ scopes: ['session_queue.write'] }) });
		expect(r.status).toBe(403);
		expect(r.json.message).toContain('session_queue.read');
	});
});

describe('session queues', () => {
	it('moves a run queued → running → success as the clock advances', async () => {
		const r = await create(wfId, { var1: 'x' });
		expect(r.status).toBe(201);
		expect(r.json).toEqual({
			id: expect.any(Number),
			project_id: 226,
			started_at: null,
			ended_at: null,
			status: 'queued',
			created_at: '2024-01-15T09:00:00.000Z',
			workflow: { id: wfId, name: 'Invoice Import' },
			params: { var1: 'x' },
			robot: null,
		});
		sim.clock.advance(999);
		expect((await list()).json.session_queues[0].status).toBe('queued');
		sim.clock.advance(1);
		let sq = (await list()).json.session_queues[0];
		expect(sq.status).toBe('running');
		expect(sq.started_at).toBe('2024-01-15T09:00:01.000Z');
		expect(sq.ended_at).toBeNull();
		expect(sq.robot).toEqual({ id: 1, name: 'standard-1' });
		sim.clock.advance(3000);
		sq = (await list()).json.session_queues[0];
		expect(sq.status).toBe('success');
		expect(sq.ended_at).toBe('2024-01-15T09:00:04.000Z');
	});

	it('ends with error for an error-outcome workflow, and finishRun forces a status', async () => {
		const bad = sim.addWorkflow({ name: 'Flaky', outcome: 'error', durationMs: 500, queueDelayMs: 0 });
		const a = await create(bad.id);
		expect(a.json.status).toBe('running');
		sim.clock.advance(500);
		const b = await create(wfId);
		sim.finishRun(b.json.id, 'error');
		const byId = Object.fromEntries((await list()).json.session_queues.map((s: any) => [s.id, s.status]));
		expect(byId).toEqual({ [a.json.id]: 'error', [b.json.id]: 'error' });
	});

	it('cancels: a queued run is removed, a running one ends in error, a finished one is 400, unknown 404', async () => {
		const queued = (await create(wfId)).json;
		const running = (await create(sim.addWorkflow({ name: 'Now', queueDelayMs: 0 }).id)).json;
		const done = sim.addRun({ workflow_id: wfId, status: 'success', created_at: T0 - 60_000 });
		expect((await list()).json.total_count).toBe(3);

		let r = await call('DELETE', `/v1/session_queues/${queued.id}/cancel`);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ id: queued.id, status: 'queued' });
		sim.clock.advance(2000);
		r = await call('DELETE', `/v1/session_queues/${running.id}/cancel`);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ id: running.id, status: 'error', ended_at: '2024-01-15T09:00:02.000Z' });

		const after = (await list()).json;
		expect(after.total_count).toBe(2);
		expect(after.session_queues.map((s: any) => s.id)).toEqual([running.id, done.id]);
		expect(sim.removedRuns).toEqual([queued.id]);

		expect((await call('DELETE', `/v1/session_queues/${done.id}/cancel`)).status).toBe(400);
		expect((await call('DELETE', `/v1/session_queues/${queued.id}/cancel`)).status).toBe(404);
		expect((await call('DELETE', '/v1/session_queues/999/cancel')).status).toBe(404);
		r = await call('DELETE', `/v1/session_queues/${running.id}/cancel`, { token: token({ scopes: 'session_queue.read session_queue.write' }) });
		expect(r.status).toBe(403);
	});

	it('pages newest first with total_count, and enforces page/per_page bounds', async () => {
		const ids: number[] = [];
		for (let i = 0; i < 25; i++) {
			ids.push(sim.addRun({ workflow_id: wfId, status: 'success', created_at: T0 - (25 - i) * 1000 }).id);
		}
		const newest = [...ids].reverse();
		let r = await list();
		expect(r.json.total_count).toBe(25);
		expect(r.json.session_queues.map((s: any) => s.id)).toEqual(newest.slice(0, 10));
		r = await list('?page=3&per_page=10');
		expect(r.json.session_queues.map((s: any) => s.id)).toEqual(newest.slice(20));
		r = await list('?page=2&per_page=7');
		expect(r.json.session_queues.map((s: any) => s.id)).toEqual(newest.slice(7, 14));
		expect((await list('?page=9')).json).toEqual({ session_queues: [], total_count: 25 });
		expect((await list('?per_page=50')).json.session_queues).toHaveLength(25);
		for (const bad of ['?per_page=51', '?page=0', '?per_page=0', '?per_page=abc', '?page=-1', '?page=1.5']) {
			expect([bad, (await list(bad)).status]).toEqual([bad, 400]);
		}
	});

	it('orders runs that share a second by id, newest first', async () => {
		const a = (await create(wfId)).json;
		sim.clock.advance(400);
		const b = (await create(wfId)).json;
		expect(a.created_at).toBe(b.created_at);
		expect((await list()).json.session_queues.map((s: any) => s.id)).toEqual([b.id, a.id]);
	});

	it('validates the create body', async () => {
		expect((await create('6391' as any)).status).toBe(400);
		expect((await create(1.5)).status).toBe(400);
		expect((await call('POST', '/v1/session_queues', { body: { params: {} } })).status).toBe(400);
		expect((await create(wfId, ['a'])).status).toBe(400);
		expect((await create(wfId, null)).status).toBe(400);
		expect((await call('POST', '/v1/session_queues', { body: '{"workflow_id": ', headers: {} })).status).toBe(400);
		expect((await call('POST', '/v1/session_queues', { body: '[1]' })).status).toBe(400);
		const r = await call('POST', '/v1/session_queues', { body: `workflow_id=${wfId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(r.status).toBe(406);
		expect((await call('POST', '/v1/session_queues', { body: JSON.stringify({ workflow_id: wfId }), headers: { 'content-type': 'text/plain' } })).status).toBe(406);
		expect((await create(wfId + 1000)).status).toBe(404);
		const other = sim.addWorkflow({ name: 'Elsewhere', projectId: 999 });
		expect((await create(other.id)).status).toBe(404);
		expect(sim.runs).toHaveLength(0);
		expect((await call('POST', '/v1/session_queues', { body: { workflow_id: wfId }, headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(201);
	});

	it('refuses ${…} literals anywhere in params', async () => {
		for (const params of [
			{ var1: 'this is ${var1}' },
			{ list: ['ok', { deep: 'x${}y' }] },
			{ '${k}': 'value' },
		]) {
			const r = await create(wfId, params);
			expect(r.status).toBe(400);
			expect(r.json.message).toContain('${');
		}
		expect(sim.runs).toHaveLength(0);
		const ok = await create(wfId, { price: '$5 {not a literal}', open: '${unclosed', n: 1, b: true, z: null });
		expect(ok.status).toBe(201);
		expect(ok.json.params).toEqual({ price: '$5 {not a literal}', open: '${unclosed', n: 1, b: true, z: null });
	});
});

describe('query', () => {
	beforeEach(() => {
		const inv = wfId;
		const rep = sim.addWorkflow({ name: 'Report Daily' }).id;
		const rep2 = sim.addWorkflow({ name: 'report weekly' }).id;
		sim.addRun({ workflow_id: inv, status: 'success', created_at: '2019-07-01T00:00:00Z' });
		sim.addRun({ workflow_id: rep, status: 'error', created_at: '2019-07-09T10:02:57Z' });
		sim.addRun({ workflow_id: rep2, status: 'running', created_at: '2019-10-10T23:59:59Z' });
		sim.addRun({ workflow_id: inv, status: 'queued', created_at: '2019-10-11T00:00:00Z' });
	});
	const names = async (q: string) => {
		const r = await list(`?per_page=50&query=${encodeURIComponent(q)}`);
		expect(r.status).toBe(200);
		expect(r.json.total_count).toBe(r.json.session_queues.length);
		return r.json.session_queues.map((s: any) => `${s.workflow.name}/${s.status}`);
	};

	it('matches free words as a case-insensitive prefix of the workflow name', async () => {
		expect(await names('report')).toEqual(['report weekly/running', 'Report Daily/error']);
		expect(await names('REPORT D')).toEqual(['Report Daily/error']);
		expect(await names('"report w"')).toEqual(['report weekly/running']);
		expect(await names('daily')).toEqual([]);
		expect(await names('  ')).toHaveLength(4);
	});

	it('filters by is: (ORed)', async () => {
		expect(await names('is:queued')).toEqual(['Invoice Import/queued']);
		expect(await names('is:success is:error')).toEqual(['Report Daily/error', 'Invoice Import/success']);
		expect(await names('report is:error')).toEqual(['Report Daily/error']);
	});

	it('filters by after: (inclusive) and before: (exclusive) on created_at, UTC', async () => {
		expect(await names('before:2019-10-11 after:2019-07-01')).toEqual([
			'report weekly/running',
			'Report Daily/error',
			'Invoice Import/success',
		]);
		expect(await names('after:"2019-07-09 10:02"')).toHaveLength(3);
		expect(await names('after:"2019-07-09 10:02:58"')).toEqual(['Invoice Import/queued', 'report weekly/running']);
		expect(await names('after:"2019-07-09 10:02:57"')).toHaveLength(3);
		expect(await names('before:"2019-07-09 10:02:57"')).toEqual(['Invoice Import/success']);
		expect(await names('after:2019-10-11')).toEqual(['Invoice Import/queued']);
	});

	it('400 for unknown operators, bad values and unterminated quotes', async () => {
		for (const q of ['xyz:1', 'is:done', 'after:2019/07/01', 'after:2019-13-01', 'after:"2019-07-01 25:00"', 'after:"2019-07-01', 'before:']) {
			const r = await list(`?query=${encodeURIComponent(q)}`);
			expect([q, r.status]).toEqual([q, 400]);
		}
	});
});

describe('workflows', () => {
	it('lists the project workflows with total_count and bounds per_page at 1000', async () => {
		sim.addWorkflow({ name: 'Other project', projectId: 7 });
		const second = sim.addWorkflow({ name: 'Second', robot_type: 'large' });
		let r = await call('GET', '/v1/workflows');
		expect(r.status).toBe(200);
		expect(r.json.total_count).toBe(2);
		expect(r.json.workflows).toEqual([
			{ id: wfId, name: 'Invoice Import', description: 'imports invoices', robot_type: 'standard', created_at: '2024-01-15T09:00:00.000Z', updated_at: '2024-01-15T09:00:00.000Z' },
			{ id: second.id, name: 'Second', description: '', robot_type: 'large', created_at: '2024-01-15T09:00:00.000Z', updated_at: '2024-01-15T09:00:00.000Z' },
		]);
		r = await call('GET', '/v1/workflows?page=2&per_page=1');
		expect(r.json.workflows.map((w: any) => w.id)).toEqual([second.id]);
		expect((await call('GET', '/v1/workflows?per_page=1000')).status).toBe(200);
		expect((await call('GET', '/v1/workflows?per_page=1001')).status).toBe(400);
	});
});

describe('token endpoint', () => {
	const post = (body: unknown, headers?: Record<string, string>) => call('POST', '/v1/token', { token: null, body, headers });

	it('mints a JWT signed with the key secret carrying the key scopes', async () => {
		sim.addApiKey({ accessKeyId: 'RO', secretAccessKey: 'ro-secret', scopes: ['session_queue.read', 'token'] });
		const r = await post({ access_key_id: 'RO', secret_access_key: 'ro-secret', expires: 3600 });
		expect(r.status).toBe(200);
		const claims = decodePayload(r.json.token);
		expect(claims).toMatchObject({ sub: 'RO', aud: 'https://api.roboticcrowd.com/', nbf: T0 / 1000, exp: T0 / 1000 + 3600 });
		expect(r.json.expires_at).toBe(T0 / 1000 + 3600);
		const [h, p, s] = r.json.token.split('.');
		expect(createHmac('sha256', 'ro-secret').update(`${h}.${p}`).digest('base64url')).toBe(s);
		expect((await list('', r.json.token)).status).toBe(200);
		expect((await create(wfId, undefined, r.json.token)).status).toBe(403);
		sim.clock.advance(3600_000);
		expect((await list('', r.json.token)).status).toBe(401);
	});

	it('defaults expires to 600 s', async () => {
		const r = await post({ access_key_id: KEY, secret_access_key: SECRET });
		const claims = decodePayload(r.json.token);
		expect(claims.exp - claims.nbf).toBe(600);
	});

	it('401 for a wrong pair, 400 for missing fields or bad JSON, 406 for another content type, 403 without the scope', async () => {
		expect((await post({ access_key_id: KEY, secret_access_key: 'nope' })).status).toBe(401);
		expect((await post({ access_key_id: 'NOPE', secret_access_key: SECRET })).status).toBe(401);
		expect((await post({ access_key_id: KEY })).status).toBe(400);
		expect((await post({ secret_access_key: SECRET })).status).toBe(400);
		expect((await post({ access_key_id: KEY, secret_access_key: SECRET, expires: '60' })).status).toBe(400);
		expect((await post({ access_key_id: KEY, secret_access_key: SECRET, expires: 0 })).status).toBe(400);
		expect((await post('{"access_key_id":')).status).toBe(400);
		expect((await post(`access_key_id=${KEY}&secret_access_key=${SECRET}`, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(406);
		sim.addApiKey({ accessKeyId: 'NOTOK', secretAccessKey: 'x', scopes: ['session_queue.read'] });
		const r = await post({ access_key_id: 'NOTOK', secret_access_key: 'x' });
		expect(r.status).toBe(403);
		expect(r.json.message).toContain('access_token.create');
	});
});

describe('routing, quota and faults', () => {
	it('404 JSON for unknown paths and wrong methods', async () => {
		for (const [m, p] of [['GET', '/v1/nothing'], ['PUT', '/v1/session_queues'], ['GET', '/v1/token'], ['DELETE', '/v1/session_queues/1'], ['GET', '/v1/session_queues/'], ['GET', '/session_queues']]) {
			const r = await call(m, p);
			expect([m, p, r.status, typeof r.json?.message]).toEqual([m, p, 404, 'string']);
		}
	});

	it('answers 429 with Retry-After past the per-project quota, counting /v1/token too', async () => {
		sim.setQuota(3);
		sim.addApiKey({ accessKeyId: 'OTHER', secretAccessKey: 'o', projectId: 5 });
		expect((await list()).status).toBe(200);
		sim.clock.advance(10_000);
		expect((await call('POST', '/v1/token', { token: null, body: { access_key_id: KEY, secret_access_key: SECRET } })).status).toBe(200);
		expect((await list()).status).toBe(200);
		const r = await list();
		expect(r.status).toBe(429);
		expect(r.json).toEqual({ message: 'Too many requests' });
		expect(r.headers.get('retry-after')).toBe('50');
		expect((await list('', token({ sub: 'OTHER' }, 'o'))).status).toBe(200);
		sim.clock.advance(50_000);
		expect((await list()).status).toBe(200);
	});

	it('omits Retry-After on 429 when retryAfterOn429 is false', async () => {
		const quiet = await startRoboticCrowdSimulator({ quotaPerMinute: 1, retryAfterOn429: false });
		try {
			quiet.addApiKey({ accessKeyId: KEY, secretAccessKey: SECRET });
			const now = Math.floor(quiet.clock.now() / 1000);
			const t = jwt({ iss: KEY, sub: KEY, aud: 'https://api.roboticcrowd.com/', nbf: now, exp: now + 60, scopes: 'session_queue.read' }, SECRET);
			const get = () => fetch(`${quiet.url}/v1/session_queues`, { headers: { authorization: `Bearer ${t}` } });
			expect((await get()).status).toBe(200);
			const r = await get();
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBeNull();
		} finally {
			await quiet.close();
		}
	});

	it('serves status faults with and without Retry-After, only on the matching request', async () => {
		sim.faults.add({ status: 503, retryAfter: 2, path: '/v1/session_queues', method: 'GET', times: 1 });
		sim.faults.add({ status: 500, path: '/v1/workflows' });
		expect((await create(wfId)).status).toBe(201); // POST does not match the GET fault
		let r = await list();
		expect(r.status).toBe(503);
		expect(r.headers.get('retry-after')).toBe('2');
		expect((await list()).status).toBe(200);
		r = await call('GET', '/v1/workflows');
		expect(r.status).toBe(500);
		expect(r.headers.get('retry-after')).toBeNull();
		expect((await call('GET', '/v1/workflows')).status).toBe(200);
	});

	it('hangs on a hang fault until the client gives up', async () => {
		sim.faults.add({ hang: true, path: '/v1/session_queues' });
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), 200);
		const started = Date.now();
		await expect(call('GET', '/v1/session_queues', { signal: controller.signal })).rejects.toThrow(/abort/i);
		clearTimeout(timer);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect((sim.log[0] as any).fault).toBe('hang');
		expect((await list()).status).toBe(200);
	});

	it('sends malformed JSON on a malformed fault', async () => {
		sim.faults.add({ malformed: true });
		const res = await fetch(`${sim.url}/v1/session_queues`, { headers: { authorization: `Bearer ${token()}` } });
		expect(res.status).toBe(200);
		await expect(res.json()).rejects.toThrow();
		expect((await list()).status).toBe(200);
	});

	it('reset() clears log, faults and the rate window', async () => {
		sim.setQuota(1);
		sim.faults.add({ status: 503 });
		expect((await list()).status).toBe(503);
		expect((await list()).status).toBe(200);
		expect((await list()).status).toBe(429);
		sim.faults.add({ status: 503 });
		sim.reset();
		expect(sim.log).toHaveLength(0);
		expect((await list()).status).toBe(200);
	});
});
