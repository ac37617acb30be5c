// Every way to authenticate against UiPath, token reuse, and the failure paths users hit.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, inFolder, legacyCredential, LEGACY, ON_PREM, onPremCredential, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath authentication', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
	});
	afterEach(async () => sim.close());

	const start = (credential = 'cloud') =>
		uiNode(
			{ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' },
			credential,
		);
	const tokenCalls = () => uiLog(sim).filter((e) => /connect\/token|oauth\/token|Account\/Authenticate/.test(e.path));

	it('External Application: one token for many items and executions, renewed once after a 401', async () => {
		for (let run = 0; run < 3; run++) {
			const { error, items } = await harness.run(start(), [{}, {}, {}, {}, {}]);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(5);
		}
		expect(tokenCalls()).toHaveLength(1);
		expect(tokenCalls()[0]).toMatchObject({ path: '/identity_/connect/token', body: { grant_type: 'client_credentials', client_id: APP.clientId, client_secret: APP.clientSecret, scope: APP.scopes.join(' ') } });
		expect(tokenCalls()[0].headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);

		sim.expireAllTokens();
		const { error } = await harness.run(start());
		expect(error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(2);
		expect(harness.credentials.stats.refreshesAfter401).toBe(1);
		expect(uiLog(sim).filter((e) => e.status === 401)).toHaveLength(1);
	});

	it('legacy API key: the seed flow, with the tenant header on every Orchestrator call', async () => {
		const legacyFolder = sim.addFolder({ displayName: 'Shared' });
		void legacyFolder;
		harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim), 'legacy');
		const { error } = await harness.run(start('legacy'));
		expect(error).toBeUndefined();
		expect(tokenCalls()[0]).toMatchObject({ path: '/oauth/token', body: { grant_type: 'refresh_token', client_id: LEGACY.clientId, refresh_token: LEGACY.userKey } });
		const call = uiLog(sim).find((e) => e.path.includes('StartJobs'))!;
		expect(call.path).toBe(`/${LEGACY.account}/${LEGACY.tenant}/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`);
		expect(call.headers['x-uipath-tenantname']).toBe(LEGACY.tenant);
		expect(call.status).toBe(201);
	});

	it('personal access token: no token call, the token is the bearer', async () => {
		sim.addPat('pat-abc-123');
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { authMethod: 'personalAccessToken', personalAccessToken: 'pat-abc-123' }), 'pat');
		const { error } = await harness.run(start('pat'));
		expect(error).toBeUndefined();
		expect(tokenCalls()).toHaveLength(0);
		expect(uiLog(sim)[0].headers.authorization).toBe('Bearer pat-abc-123');
		expect(uiLog(sim)[0].tokenKind).toBe('pat');
	});

	it("on-premises: user name and password at /api/Account/Authenticate, API at the server's root", async () => {
		const { error } = await harness.run(start('onprem'));
		expect(error).toBeUndefined();
		expect(tokenCalls()[0]).toMatchObject({ path: '/api/Account/Authenticate', body: { tenancyName: ON_PREM.tenancyName, usernameOrEmailAddress: ON_PREM.username, password: ON_PREM.password } });
		expect(uiLog(sim).find((e) => e.path.includes('StartJobs'))!.path).toBe('/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs');
	});

	it("on-premises: an External Application against the server's identity service", async () => {
		harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim, { authMethod: 'externalApp', clientId: APP.clientId, clientSecret: APP.clientSecret }), 'onprem-app');
		const { error } = await harness.run(start('onprem-app'));
		expect(error).toBeUndefined();
		expect(tokenCalls()[0].path).toBe('/identity/connect/token');
	});

	it('the Test button proves a good credential and names the field that is wrong', async () => {
		expect(await harness.testCredential('uiPathCloudOAuthApi', cloudCredential(sim))).toMatchObject({ status: 'OK' });
		expect(await harness.testCredential('uiPathOnPremisesApi', onPremCredential(sim))).toMatchObject({ status: 'OK' });
		expect(await harness.testCredential('uiPathCloudOAuthApi', legacyCredential(sim))).toMatchObject({ status: 'OK' });
		const badSecret = await harness.testCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientSecret: 'nope' }));
		expect(badSecret.message).toMatch(/Check the client ID and client secret/);
		const badScope = await harness.testCredential('uiPathCloudOAuthApi', cloudCredential(sim, { scopes: 'OR.Jobs OR.Administration' }));
		expect(badScope.message).toMatch(/not granted one of the scopes asked for \("OR.Jobs OR.Administration"\)/);
		const badPassword = await harness.testCredential('uiPathOnPremisesApi', onPremCredential(sim, { password: 'wrong' }));
		expect(badPassword.message).toMatch(/Check the tenancy name, user name and password/);
		for (const result of [badSecret, badScope, badPassword]) {
			expect(result.status).toBe('Error');
			expect(result.message).not.toMatch(/nope|wrong|app-secret/);
		}
	});

	it('a token refused at run time fails the node once, without retrying, with the advice', async () => {
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientSecret: 'nope' }), 'bad');
		const { error } = await harness.run(start('bad'));
		expect(error?.message).toMatch(/^UiPath refused to issue a token \(400\): .*Check the client ID and client secret/);
		expect(tokenCalls().length).toBeLessThanOrEqual(2);
		expect(uiLog(sim).filter((e) => e.path.includes('/odata/'))).toHaveLength(0);
	});

	it('a 403 names the scope the operation needs', async () => {
		sim.addExternalApp({ clientId: 'readonly', clientSecret: 's', scopes: ['OR.Jobs.Read', 'OR.Folders.Read'] });
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: 'readonly', clientSecret: 's', scopes: 'OR.Jobs.Read OR.Folders.Read' }), 'ro');
		const { error } = await harness.run(start('ro'));
		expect(error?.message).toMatch(/^The credential is not allowed to do this \(403\): You are not authorized!/);
		expect(error?.description).toMatch(/needs the application scope OR\.Jobs \(or OR\.Jobs\.Write\)/);
	});

	it('waits out a 429 on a list call (Retry-After) and retries', async () => {
		sim.faults.add({ status: 429, retryAfter: 1, method: 'GET', path: /\/odata\/Jobs$/ });
		const started = Date.now();
		const { items, error } = await harness.run(uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true }));
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Jobs')).map((e) => e.fault ?? e.status)).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('never re-sends a job start that timed out or hit a 500', async () => {
		sim.faults.add({ status: 500, path: /StartJobs/ });
		const { error } = await harness.run(start());
		expect(error?.message).toMatch(/^UiPath Orchestrator answered 500/);
		expect(uiLog(sim).filter((e) => e.path.includes('StartJobs'))).toHaveLength(1);
	});

	it('never shows a secret or token in output or errors', async () => {
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientSecret: 'super-secret-value' }), 'bad');
		const failed = await harness.run(start('bad'));
		const ok = await harness.run(start());
		const text = JSON.stringify(failed.run) + JSON.stringify(ok.run) + JSON.stringify(failed.error, Object.getOwnPropertyNames(failed.error ?? {}));
		expect(text).not.toContain('super-secret-value');
		expect(text).not.toContain(APP.clientSecret);
		expect(text).not.toMatch(/Bearer /);
	});
});
