// Both ways to authenticate, token reuse, and every failure path: what the user sees, what was sent, what was not.
import { credentialData, log, rcNode, setUp, SECRET, ACCESS_KEY_ID, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness } from '../harness/engine';

const listWorkflows = rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true });

describe('Robotic Crowd authentication and failures', () => {
	let sim: RcSim;
	let harness: EngineHarness;
	let workflowId: number;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
		workflowId = sim.addWorkflow({ name: 'Invoice intake' }).id;
		harness.addCredential('roboticCrowdApi', credentialData(sim), 'rc');
	});
	afterEach(async () => sim.close());

	const createRun = rcNode({
		resource: 'sessionQueue',
		operation: 'create',
		workflowId: { __rl: true, mode: 'id', value: '' },
		paramsInput: 'json',
		paramsJson: '{}',
	});
	const createFor = (id: number) => ({ ...createRun, parameters: { ...createRun.parameters, workflowId: { __rl: true, mode: 'id', value: String(id) } } });

	it('asks /v1/token once and reuses the token across executions until a 401, then once more', async () => {
		harness.addCredential('roboticCrowdApi', credentialData(sim, { authMethod: 'tokenEndpoint', lifetimeSeconds: 600 }), 'rc');
		for (let i = 0; i < 3; i++) {
			const { error } = await harness.run(listWorkflows);
			expect(error).toBeUndefined();
		}
		const tokenCalls = () => log(sim).filter((e) => e.path === '/v1/token');
		expect(tokenCalls()).toHaveLength(1);
		expect(tokenCalls()[0].body).toEqual({ access_key_id: ACCESS_KEY_ID, secret_access_key: SECRET, expires: 600 });
		expect(harness.storedCredential('rc').accessToken).toEqual(expect.any(String));

		sim.clock.advance(601_000); // the stored token expires
		const { error } = await harness.run(listWorkflows);
		expect(error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(2);
		expect(log(sim).filter((e) => e.status === 401)).toHaveLength(1);
		expect(harness.credentials.stats).toMatchObject({ preAuthentications: 2, refreshesAfter401: 1 });
	});

	it('passes the credential test with a good key and fails it with a wrong secret', async () => {
		await expect(harness.testCredential('roboticCrowdApi', credentialData(sim))).resolves.toEqual({ status: 'OK', message: expect.any(String) });
		const bad = await harness.testCredential('roboticCrowdApi', credentialData(sim, { secretAccessKey: 'wrong-secret' }));
		expect(bad.status).toBe('Error');
		const viaEndpoint = await harness.testCredential('roboticCrowdApi', credentialData(sim, { authMethod: 'tokenEndpoint', secretAccessKey: 'wrong' }));
		expect(viaEndpoint.status).toBe('Error');
	});

	it('explains a 401 with what to check, and never shows the secret or a token', async () => {
		harness.addCredential('roboticCrowdApi', credentialData(sim, { secretAccessKey: 'not-the-secret' }), 'rc');
		const { error, run } = await harness.run(listWorkflows);
		expect(error?.message).toMatch(/^Robotic Crowd did not accept the token \(401\): /);
		expect(error?.description).toMatch(/access key ID and secret access key/);
		const everything = JSON.stringify(run) + JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}));
		expect(everything).not.toContain('not-the-secret');
		expect(everything).not.toMatch(/eyJhbGciOi/);
		expect(log(sim)).toHaveLength(2); // n8n retries a 401 once, after asking preAuthentication
	});

	it('explains a 403 by naming the missing scope', async () => {
		sim.addApiKey({ accessKeyId: 'READONLY', secretAccessKey: SECRET, scopes: ['session_queue.read'] });
		harness.addCredential('roboticCrowdApi', credentialData(sim, { accessKeyId: 'READONLY' }), 'rc');
		const { error } = await harness.run(createFor(workflowId));
		expect(error?.message).toMatch(/^The API key is not allowed to do this \(403\): .*session_queue\.write/);
		expect(error?.description).toMatch(/session_queue\.write to start runs/);
	});

	it('explains a 404 for a workflow the key cannot see', async () => {
		const { error } = await harness.run(createFor(999999));
		expect(error?.message).toMatch(/^Robotic Crowd found no such resource \(404\)/);
		expect(error?.description).toMatch(/project may not see/);
	});

	it('re-sends a create after a 429 (Retry-After), but not after a 503, which may come after the run started', async () => {
		sim.faults.add({ status: 429, retryAfter: 1, method: 'POST' });
		const started = Date.now();
		const { items, error } = await harness.run(createFor(workflowId));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('queued');
		expect(log(sim).map((e) => e.status)).toEqual([429, 201]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(sim.runs).toHaveLength(1);

		sim.faults.add({ status: 503, method: 'POST' });
		const unavailable = await harness.run(createFor(workflowId));
		expect(unavailable.error?.message).toMatch(/^Robotic Crowd is unavailable \(503\)/);
		expect(unavailable.error?.description).toMatch(/not re-sent.*check the run list/);
		expect(log(sim).filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([429, 201, 503]);
	});

	it('retries a read after a 500, a malformed body or a hang, within a bound', async () => {
		harness.addCredential('roboticCrowdApi', credentialData(sim, { timeoutSeconds: 1 }), 'rc');
		sim.faults.add({ status: 500, method: 'GET' });
		sim.faults.add({ malformed: true, method: 'GET' });
		sim.faults.add({ hang: true, method: 'GET' });
		const { items, error } = await harness.run(listWorkflows);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(log(sim).map((e) => e.fault ?? e.status)).toEqual([500, 'malformed', 'hang', 200]);

		sim.log.length = 0;
		sim.faults.add({ status: 503, method: 'GET', times: 10 });
		const gaveUp = await harness.run(listWorkflows);
		expect(gaveUp.error?.message).toMatch(/^Robotic Crowd is unavailable \(503\)/);
		expect(log(sim)).toHaveLength(5); // the first try and four retries
	}, 30_000);

	it('never re-sends a create after a 500 or a timeout, as it may have started a run', async () => {
		harness.addCredential('roboticCrowdApi', credentialData(sim, { timeoutSeconds: 1 }), 'rc');
		sim.faults.add({ status: 500, method: 'POST' });
		const failed = await harness.run(createFor(workflowId));
		expect(failed.error?.message).toMatch(/^Robotic Crowd had an internal error \(500\)/);
		expect(failed.error?.description).toMatch(/check the run list/);
		sim.faults.add({ hang: true, method: 'POST' });
		const timedOut = await harness.run(createFor(workflowId));
		expect(timedOut.error?.message).toMatch(/did not answer in time/);
		expect(timedOut.error?.description).toMatch(/not re-sent/);
		expect(log(sim).filter((e) => e.method === 'POST')).toHaveLength(2);
	});

	it('reports the 406 and 400 answers with the API message', async () => {
		sim.faults.add({ status: 406, body: { message: 'Unsupported format' } });
		const { error } = await harness.run(listWorkflows);
		expect(error?.message).toBe('Robotic Crowd refused the request format (406): Unsupported format');
	});

	it('gives up on a quota that stays exhausted with a message about the quota setting', async () => {
		sim.setQuota(2);
		sim.faults.add({ status: 429, retryAfter: 0, times: 5 });
		const { error } = await harness.run(listWorkflows);
		expect(error?.message).toMatch(/quota is used up \(429\)/);
		expect(error?.description).toMatch(/Requests per Minute/);
	});
});
