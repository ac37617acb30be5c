import { createHmac } from 'node:crypto';

import { buildClaims, signJwt } from '../../nodes/RoboticCrowd/auth';
import { credentialData, log, rcNode, setUp, SECRET, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness } from '../harness/engine';

const SEED_TOKEN =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjb25zb2xlLnJvYm90aWNjcm93ZC5jb20iLCJzdWIiOiJJam9pSWl3aVozSmhiblJ6SWpwN0ltIiwiYXVkIjoiaHR0cHM6Ly9hcGkucm9ib3RpY2Nyb3dkLmNvbS8iLCJuYmYiOjE0NTA0NzExNDcsImV4cCI6MTQ1MDQ3Mzc0Nywic2NvcGVzIjpbInNlc3Npb25fcXVldWUud3JpdGUiLCJzZXNzaW9uX3F1ZXVlLnJlYWQiLCJ0b2tlbiJdfQ.LbICm0Ylbt0UFUGBRP7tqL1tT_RwH1D-XWSt_dfenUg';

describe('Robotic Crowd JWT signing', () => {
	it("reproduces the reference's worked example byte for byte", async () => {
		const token = await signJwt(
			{
				iss: 'console.roboticcrowd.com',
				sub: 'IjoiIiwiZ3JhbnRzIjp7Im',
				aud: 'https://api.roboticcrowd.com/',
				nbf: 1450471147,
				exp: 1450473747,
				scopes: ['session_queue.write', 'session_queue.read', 'token'],
			},
			'523463041EF9FFA2950D8450FEB34C88BC8692C40C9CF3C99DCDF75E270229E2',
		);
		expect(token).toBe(SEED_TOKEN);
	});

	it('builds current-style claims by default and 2019-style on request', () => {
		const current = buildClaims({ accessKeyId: 'K', issuer: 'console', scopesFormat: 'string', audience: '' }, ['session_queue.read', 'access_token.create'], 120, 1000);
		expect(current).toEqual({ iss: 'console.roboticcrowd.com', sub: 'K', aud: 'https://api.roboticcrowd.com/', nbf: 940, exp: 1120, scopes: 'session_queue.read access_token.create' });
		const legacy = buildClaims({ accessKeyId: 'K', issuer: 'accessKeyId', scopesFormat: 'array', audience: '' }, ['access_token.create'], 60, 1000);
		expect(legacy.iss).toBe('K');
		expect(legacy.scopes).toEqual(['token']);
	});
});

describe('Robotic Crowd node through the engine', () => {
	let sim: RcSim;
	let harness: EngineHarness;
	let workflowId: number;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
		workflowId = sim.addWorkflow({ name: 'Invoice intake', queueDelayMs: 200, durationMs: 600 }).id;
		harness.addCredential('roboticCrowdApi', credentialData(sim), 'rc');
	});
	afterEach(async () => sim.close());

	const create = (parameters: Record<string, unknown> = {}) => ({
		resource: 'sessionQueue',
		operation: 'create',
		workflowId: { __rl: true, mode: 'id', value: String(workflowId) },
		paramsInput: 'fields',
		params: { parameter: [{ name: 'customer', value: '={{ $json.customer }}' }] },
		...parameters,
	});

	it('creates a run with a locally signed, short-lived, single-scope token', async () => {
		const { items, error } = await harness.run(rcNode(create()), [{ customer: 'ACME' }, { customer: 'Globex' }]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(['queued', 'queued']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const posts = log(sim).filter((e) => e.method === 'POST');
		expect(posts.map((p) => p.body)).toEqual([
			{ workflow_id: workflowId, params: { customer: 'ACME' } },
			{ workflow_id: workflowId, params: { customer: 'Globex' } },
		]);
		const claims = posts[0].claims;
		expect(claims).toMatchObject({ iss: 'console.roboticcrowd.com', sub: 'AKIDTEST0001', aud: 'https://api.roboticcrowd.com/', scopes: 'session_queue.write' });
		expect(claims.exp - claims.nbf).toBe(300 + 60); // valid from a minute before signing, for clock skew
		expect(Math.abs(claims.exp - 300 - Date.now() / 1000)).toBeLessThan(5);
		expect(log(sim).every((e) => e.status < 400)).toBe(true);
	});

	it('sends the 2019-style claims when the credential asks for them', async () => {
		harness.addCredential('roboticCrowdApi', credentialData(sim, { issuer: 'accessKeyId', scopesFormat: 'array', lifetimeSeconds: 60 }), 'rc');
		await harness.run(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }));
		const { claims } = log(sim)[0];
		expect(claims.iss).toBe('AKIDTEST0001');
		expect(claims.scopes).toEqual(['session_queue.read']);
		expect(claims.exp - claims.nbf).toBe(60 + 60);
	});

	it('takes parameters as JSON and waits for the run to finish', async () => {
		const { items, error } = await harness.run(
			rcNode(create({ paramsInput: 'json', paramsJson: '{"rows":[1,2],"name":"x"}', waitForCompletion: true, waitTimeout: 30, createOptions: { pollInterval: 1 } })),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'success', params: { rows: [1, 2], name: 'x' } });
		expect(items[0].json.ended_at).toEqual(expect.any(String));
		const reads = log(sim).filter((e) => e.method === 'GET');
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.every((r) => r.claims.scopes === 'session_queue.read')).toBe(true);
	});

	it('waits for a batch of runs together, sharing each read of the run list', async () => {
		const { items, error } = await harness.run(
			rcNode(create({ waitForCompletion: true, waitTimeout: 30, createOptions: { pollInterval: 1 } })),
			[{ customer: 'A' }, { customer: 'B' }, { customer: 'C' }, { customer: 'D' }, { customer: 'E' }],
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
		const posts = log(sim).filter((e) => e.method === 'POST').length;
		const reads = log(sim).filter((e) => e.method === 'GET').length;
		expect(posts).toBe(5);
		expect(reads).toBeLessThan(5); // one shared read per check round, not one per run
	});

	it('fails with the run when it ends in error, or returns it when asked', async () => {
		const failing = sim.addWorkflow({ name: 'Broken', queueDelayMs: 100, durationMs: 300, outcome: 'error' }).id;
		const params = create({ workflowId: { __rl: true, mode: 'id', value: String(failing) }, waitForCompletion: true, createOptions: { pollInterval: 1 } });
		const failed = await harness.run(rcNode(params));
		expect(failed.error?.message).toMatch(/ended with an error/);
		const returned = await harness.run(rcNode({ ...params, createOptions: { pollInterval: 1, returnFailed: true } }));
		expect(returned.items[0].json.status).toBe('error');
	});

	it('gives up waiting at the timeout, saying the run goes on', async () => {
		const slow = sim.addWorkflow({ name: 'Slow', queueDelayMs: 100, durationMs: 600_000 }).id;
		const { error } = await harness.run(
			rcNode(create({ workflowId: { __rl: true, mode: 'id', value: String(slow) }, waitForCompletion: true, waitTimeout: 2, createOptions: { pollInterval: 1 } })),
		);
		expect(error?.message).toMatch(/did not finish within 2 seconds/);
		expect(error?.description).toMatch(/last status was "running"/);
	});

	it('refuses a ${…} literal before sending anything', async () => {
		const { error } = await harness.run(rcNode(create({ params: { parameter: [{ name: 'note', value: 'total is ${amount}' }] } })));
		expect(error?.message).toMatch(/Parameter "note" holds a \$\{…\} literal/);
		expect(log(sim)).toHaveLength(0);
	});

	it('names the parameter on invalid JSON, and with Continue On Fail keeps going item by item', async () => {
		const node = rcNode(create({ paramsInput: 'json', paramsJson: '={{ $json.p }}' }), { continueOnFail: true });
		const { items } = await harness.run(node, [{ p: '{"a": 1' }, { p: '{"a": 2}' }, { p: '[1]' }]);
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toMatch(/Parameters \(JSON\) is not valid JSON/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ status: 'queued', params: { a: 2 } });
		expect(items[2].json.error).toMatch(/must be an object/);
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(log(sim).filter((e) => e.method === 'POST')).toHaveLength(1);
	});

	it('gets one run by ID, paging as far as needed, and says when it does not exist', async () => {
		const runs = Array.from({ length: 120 }, (_, i) =>
			sim.addRun({ workflow_id: workflowId, status: 'success', created_at: Date.now() - (200 - i) * 1000 }),
		);
		const target = runs[5];
		const { items } = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'get', sessionQueueId: String(target.id) }));
		expect(items[0].json.id).toBe(target.id);
		expect(log(sim).map((e) => e.query.page)).toEqual(['1', '2', '3']);
		sim.log.length = 0;
		const missing = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'get', sessionQueueId: String(runs[0].id - 1) }));
		expect(missing.error?.message).toBe(`Run ${runs[0].id - 1} was not found`);
		const notANumber = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'get', sessionQueueId: 'abc' }));
		expect(notANumber.error?.message).toMatch(/is not a number/);
	});

	it('gets many runs: Return All across pages, Limit in one page, filters as the query syntax', async () => {
		for (let i = 0; i < 120; i++) sim.addRun({ workflow_id: workflowId, status: i % 3 ? 'success' : 'error', created_at: Date.UTC(2026, 10, 20, 10, i) });
		const all = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true }));
		expect(all.items).toHaveLength(120);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(120);
		expect(log(sim).map((e) => [e.query.page, e.query.per_page])).toEqual([['1', '50'], ['2', '50'], ['3', '50']]);

		sim.log.length = 0;
		const limited = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'getMany', limit: 7 }));
		expect(limited.items).toHaveLength(7);
		expect(log(sim)).toHaveLength(1);
		expect(log(sim)[0].query.per_page).toBe('7');

		sim.log.length = 0;
		const filtered = await harness.run(
			rcNode({
				resource: 'sessionQueue',
				operation: 'getMany',
				returnAll: true,
				filters: { workflowName: 'Invoice', status: ['error'], createdAfter: '2026-11-20T11:00:00Z', createdBefore: '2026-11-20T11:30:00Z' },
			}),
		);
		expect(log(sim)[0].query.query).toBe('Invoice is:error after:"2026-11-20 11:00" before:"2026-11-20 11:30"');
		expect(filtered.items.length).toBe(10);
		expect(filtered.items.every((i) => i.json.status === 'error')).toBe(true);
	});

	it("reads Date & Time filters without an offset in the workflow's time zone", async () => {
		await harness.run({
			...rcNode({ resource: 'sessionQueue', operation: 'getMany', limit: 1, filters: { createdAfter: '2026-11-20T11:00:00' } }),
			timezone: 'Asia/Tokyo',
		});
		expect(log(sim)[0].query.query).toBe('after:"2026-11-20 02:00"');
	});

	it('cancels a run with a token scoped to session_queue.delete', async () => {
		const run = sim.addRun({ workflow_id: workflowId, status: 'running' });
		const { items } = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: String(run.id) }));
		expect(items[0].json).toMatchObject({ id: run.id, cancelled: true });
		expect(log(sim)[0]).toMatchObject({ method: 'DELETE', path: `/v1/session_queues/${run.id}/cancel`, status: 200 });
		expect(log(sim)[0].claims.scopes).toBe('session_queue.delete');
		const again = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: String(run.id) }));
		expect(again.error?.message).toMatch(/^Robotic Crowd rejected the request as invalid \(400\): /);
	});

	it('lists workflows, and searches them for the Workflow picker', async () => {
		sim.addWorkflow({ name: 'Payroll export' });
		const { items } = await harness.run(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }));
		expect(items.map((i) => i.json.name)).toEqual(['Invoice intake', 'Payroll export']);
		const search = await harness.listSearch(rcNode({ resource: 'sessionQueue', operation: 'create' }), 'searchWorkflows', 'pay');
		expect(search.results).toEqual([{ name: 'Payroll export', value: expect.any(String) }]);
	});

	it('creates a token for another system, signed locally with the chosen scopes', async () => {
		const { items } = await harness.run(rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read', 'session_queue.write'], expiresIn: 120 }));
		const token = items[0].json.token as string;
		const [header, payload, signature] = token.split('.');
		expect(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
		expect(claims.scopes).toBe('session_queue.read session_queue.write');
		expect(claims.exp - claims.nbf).toBe(120 + 60);
		expect(log(sim)).toHaveLength(0);
	});
});
