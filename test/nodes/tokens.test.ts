// Token fetching (issue 10, defects 1 to 3): every error body shape read into a message, a passing outage of a
// token endpoint retried like a read and never blamed on the credential.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import * as rc from './roboticCrowd.helpers';

const CLASSIC_ABP = { result: null, success: false, error: { code: 0, message: 'Invalid user name or password' }, __abp: true };

describe('UiPath token endpoints', () => {
	let sim: UiSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
	});
	afterEach(async () => sim.close());

	const listFolders = (credential = 'cloud') => uiNode({ resource: 'folder', operation: 'getMany', returnAll: true }, credential);
	const tokenCalls = () => uiLog(sim).filter((e) => /connect\/token|Account\/Authenticate/.test(e.path));

	it('reads the classic on-premises ABP error body into the message (defect 2)', async () => {
		sim.faults.add({ path: '/api/Account/Authenticate', status: 400, body: CLASSIC_ABP });
		const { error } = await harness.run(listFolders('onprem'));
		expect(error?.message).toBe(
			'UiPath refused to issue a token (400): Invalid user name or password. Check the tenancy name, user name and password.',
		);
	});

	it.each([
		['OAuth error', { error: 'invalid_client' }, /: invalid_client\. Check the client ID/],
		['OAuth error with description', { error: 'invalid_scope', error_description: 'Scope OR.X is not allowed' }, /: Scope OR\.X is not allowed\. The application/],
		['list of errors', { errors: [{ message: 'client_id is required' }, 'grant_type is required'] }, /: client_id is required; grant_type is required\./],
		['field map of errors', { errors: { client_id: ['is required'] } }, /: client_id: is required\./],
		['problem details', { title: 'Bad Request', detail: 'The client is disabled' }, /: The client is disabled\./],
		['HTML page', '<html><head><title>400 Bad Request</title></head><body>nginx</body></html>', /: 400 Bad Request\./],
	])('reads a token error body given as %s', async (_shape, body, expected) => {
		sim.faults.add({ path: '/identity_/connect/token', status: 400, body });
		const { error } = await harness.run(listFolders());
		expect(error?.message).toMatch(expected);
		expect(error?.message).not.toMatch(/\[object Object\]|\.\./);
	});

	it('reads every error body shape of an Orchestrator call', async () => {
		sim.faults.add({ path: /\/odata\/Folders/, status: 400, body: { errors: { $top: ['must be at most 1000'] } } });
		const { error } = await harness.run(listFolders());
		expect(error?.message).toBe('UiPath rejected the request (400): $top: must be at most 1000');
		sim.faults.add({ path: /\/odata\/Folders/, status: 409, body: CLASSIC_ABP });
		const abp = await harness.run(listFolders());
		expect(abp.error?.message).toBe('UiPath reports a conflict (409): Invalid user name or password');
	});

	it('retries a 503 and a reset of /connect/token like a read (defect 3)', async () => {
		sim.faults.add({ path: '/identity_/connect/token', status: 503 });
		sim.faults.add({ path: '/identity_/connect/token', reset: 'before' });
		const { error, items } = await harness.run(listFolders());
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(tokenCalls().map((e) => e.fault ?? e.status)).toEqual([503, 'reset before', 200]);
	});

	it('retries a 503 of /api/Account/Authenticate like a read (defect 3)', async () => {
		sim.faults.add({ path: '/api/Account/Authenticate', status: 503, times: 2 });
		const { error } = await harness.run(listFolders('onprem'));
		expect(error).toBeUndefined();
		expect(tokenCalls().map((e) => e.fault ?? e.status)).toEqual([503, 503, 200]);
	});

	it('reports a token endpoint that stays down as an outage, not a bad credential (defect 3)', async () => {
		sim.faults.add({ path: '/identity_/connect/token', status: 503, times: 10 });
		const { error } = await harness.run(listFolders());
		expect(error?.message).toMatch(/^UiPath's token endpoint answered 503, also after retries/);
		expect(error?.message).not.toMatch(/client ID|client secret|refused/);
		expect(error?.description).toMatch(/not a wrong credential/);
		expect(tokenCalls()).toHaveLength(5);
	}, 30_000);

	it('still blames the credential at once for a 401 from the token endpoint', async () => {
		sim.faults.add({ path: '/identity_/connect/token', status: 401, body: { error: 'invalid_client' } });
		const { error } = await harness.run(uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true }));
		expect(error?.message).toMatch(/^UiPath refused to issue a token \(401\): invalid_client\. Check the client ID and client secret/);
		expect(tokenCalls()).toHaveLength(1);
	});

	it('the Test button checks the values in the form, not the stored token (defect 1)', async () => {
		expect((await harness.run(listFolders())).error).toBeUndefined();
		expect(harness.storedCredential('cloud').accessToken).toEqual(expect.any(String));
		const wrong = await harness.testCredential('uiPathCloudOAuthApi', { clientSecret: 'wrong-secret' }, 'cloud');
		expect(wrong).toEqual({ status: 'Error', message: expect.stringMatching(/refused to issue a token .*Check the client ID and client secret/) });
		const onPrem = await harness.run(listFolders('onprem'));
		expect(onPrem.error).toBeUndefined();
		const wrongPassword = await harness.testCredential('uiPathOnPremisesApi', { password: 'wrong-password' }, 'onprem');
		expect(wrongPassword.status).toBe('Error');
		expect(await harness.testCredential('uiPathCloudOAuthApi', {}, 'cloud')).toMatchObject({ status: 'OK' });
	});

	it('a saved change of secret, URL, client ID or scopes drops the stored token (defect 1)', async () => {
		expect((await harness.run(listFolders())).error).toBeUndefined();
		const edit = (changes: Record<string, unknown>) =>
			harness.addCredential('uiPathCloudOAuthApi', { ...harness.storedCredential('cloud'), ...changes }, 'cloud');
		edit({ clientSecret: 'wrong-secret' });
		const refused = await harness.run(listFolders());
		expect(refused.error?.message).toMatch(/^UiPath refused to issue a token \(400\): invalid_client/);

		edit({ clientSecret: cloudCredential(sim).clientSecret, scopes: 'OR.Folders.Read' });
		expect((await harness.run(listFolders())).error).toBeUndefined();
		expect(tokenCalls().at(-1)?.body.scope).toBe('OR.Folders.Read');
		edit({ organization: 'no-such-org' });
		const moved = await harness.run(listFolders());
		expect(moved.error).toBeDefined();
		// A request to another URL never carries the token issued for the old one.
		const toOtherOrg = uiLog(sim).filter((e) => e.path.startsWith('/no-such-org/'));
		expect(toOtherOrg.length).toBeGreaterThan(0);
		expect(toOtherOrg[0].headers.authorization).toBeUndefined();
		expect(String(harness.storedCredential('cloud').tokenIssuedFor)).not.toContain(cloudCredential(sim).clientSecret);
	});

	it('simultaneous 401s of many executions make one token request in the process, not one each (token storm)', async () => {
		expect((await harness.run(listFolders())).error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(1);
		sim.expireAllTokens(); // the stored token expires while six executions are busy
		const refreshesBefore = harness.credentials.stats.refreshesAfter401;
		const runs = await Promise.all(Array.from({ length: 6 }, async () => await harness.run(listFolders())));
		for (const { error } of runs) expect(error).toBeUndefined();
		// each execution met the 401 and asked for a new token; the identity server was asked once
		expect(harness.credentials.stats.refreshesAfter401 - refreshesBefore).toBeGreaterThanOrEqual(2);
		expect(tokenCalls()).toHaveLength(2);
		expect(uiLog(sim).filter((e) => e.status === 401).length).toBeGreaterThanOrEqual(2);
	});

	it('executions that start together with no token yet make one token request (on-premises too)', async () => {
		const runs = await Promise.all(Array.from({ length: 5 }, async () => await harness.run(listFolders('onprem'))));
		for (const { error } of runs) expect(error).toBeUndefined();
		expect(harness.credentials.stats.preAuthentications).toBeGreaterThanOrEqual(2);
		expect(tokenCalls()).toHaveLength(1);
	});

	void cloudCredential;
});

describe('Robotic Crowd POST /v1/token', () => {
	let sim: rc.RcSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await rc.setUp());
		sim.addWorkflow({ name: 'Invoice intake' });
		harness.addCredential('roboticCrowdApi', rc.credentialData(sim, { authMethod: 'tokenEndpoint', timeoutSeconds: 1 }), 'rc');
	});
	afterEach(async () => sim.close());

	const listWorkflows = rc.rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true });
	const tokenCalls = () => rc.log(sim).filter((e) => e.path === '/v1/token');

	it('retries a 503, a reset and a timeout of POST /v1/token like a read (defect 3)', async () => {
		sim.faults.add({ path: '/v1/token', status: 503 });
		sim.faults.add({ path: '/v1/token', reset: 'before' });
		sim.faults.add({ path: '/v1/token', hang: true });
		const { error, items } = await harness.run(listWorkflows);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(tokenCalls().map((e) => e.fault ?? e.status)).toEqual([503, 'reset before', 'hang', 200]);
	}, 30_000);

	it('a saved change of the secret drops the stored server token; the Test uses the form (defect 1)', async () => {
		expect((await harness.run(listWorkflows)).error).toBeUndefined();
		const wrong = await harness.testCredential('roboticCrowdApi', { secretAccessKey: 'wrong-one' }, 'rc');
		expect(wrong.status).toBe('Error');
		harness.addCredential('roboticCrowdApi', { ...harness.storedCredential('rc'), secretAccessKey: 'wrong-one' }, 'rc');
		const { error } = await harness.run(listWorkflows);
		expect(error?.message).toMatch(/^Robotic Crowd refused to issue a token/);
		expect(tokenCalls().at(-1)?.body.secret_access_key).toBe('wrong-one');
	});

	it('executions that start together with no token yet make one POST /v1/token in the process', async () => {
		const runs = await Promise.all(Array.from({ length: 5 }, async () => await harness.run(listWorkflows)));
		for (const { error } of runs) expect(error).toBeUndefined();
		expect(harness.credentials.stats.preAuthentications).toBeGreaterThanOrEqual(2);
		expect(tokenCalls()).toHaveLength(1);
	});

	it('blames the key only when /v1/token refuses it, with the API message', async () => {
		harness.addCredential('roboticCrowdApi', rc.credentialData(sim, { authMethod: 'tokenEndpoint', secretAccessKey: 'wrong-one' }), 'rc');
		const { error } = await harness.run(listWorkflows);
		expect(error?.message).toMatch(/^Robotic Crowd refused to issue a token \(40[013]\)/);
		expect(error?.message).toMatch(/Check the Robotic Crowd API credential/);
		expect(tokenCalls()).toHaveLength(1);
	});
});
