// The Secrets scan of issue 10: known secret values for every credential kind (client secrets, passwords, user
// keys, personal access tokens, secret access keys, and every token the simulators issued), looked for in every
// error (message, description, all its fields), output item, run data, credential Test answer and log line, over
// good runs and failure paths. Token → Create's own output is the one place a token may appear.
import { LoggerProxy } from 'n8n-workflow';

import type { EngineHarness, RunResult } from '../harness/engine';
import { APP, cloudCredential, inFolder, LEGACY, legacyCredential, ON_PREM, onPremCredential, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import * as rc from './roboticCrowd.helpers';
import { recordTally } from '../suiteTally';

const PAT = 'pat-secret-value-5f1c9a';
const ON_PREM_APP = { clientId: 'onprem-app', clientSecret: 'onprem-app-secret-77e2', scopes: APP.scopes };
const RC_SERVER_KEY = { accessKeyId: 'AKIDSERVER0002', secretAccessKey: 'rc-server-secret-9b8a7c6d5e4f3a2b1c0d9e8f' };

const logLines: string[] = [];
const capture = (level: string) => (message: string, meta?: object) => logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);

/** Everything a user, a log reader or a later node could see of one run. */
function visible(result: RunResult): string[] {
	const error = result.error;
	return [
		JSON.stringify(result.run),
		error ? JSON.stringify(error, Object.getOwnPropertyNames(error)) : '',
		error ? `${error.message} ${error.description ?? ''}` : '',
	];
}

/** The tokens the simulators saw as bearer tokens: n8n must never show them either. */
function bearerTokens(log: Array<{ headers: Record<string, string> }>): string[] {
	return log.map((e) => /^Bearer (.+)$/.exec(e.headers.authorization ?? '')?.[1]).filter((t): t is string => !!t);
}

describe('Secrets never appear in errors, output, run data or logs', () => {
	let ui: { sim: UiSim; harness: EngineHarness };
	let crowd: { sim: rc.RcSim; harness: EngineHarness };
	const texts: string[] = [];

	beforeAll(() => {
		LoggerProxy.init({ error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') } as never);
	});

	beforeEach(async () => {
		const { sim, harness, shared } = await setUp();
		ui = { sim, harness };
		sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		sim.addPat(PAT);
		sim.addExternalApp(ON_PREM_APP);
		harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim), 'legacy');
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { authMethod: 'personalAccessToken', personalAccessToken: PAT }), 'pat');
		harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim, { authMethod: 'externalApp', ...ON_PREM_APP, scopes: APP.scopes.join(' ') }), 'onprem-app');
		const rcSetUp = await rc.setUp();
		crowd = rcSetUp;
		rcSetUp.sim.addApiKey(RC_SERVER_KEY);
		rcSetUp.sim.addWorkflow({ name: 'Invoice intake' });
		rcSetUp.harness.addCredential('roboticCrowdApi', rc.credentialData(rcSetUp.sim), 'rc');
		rcSetUp.harness.addCredential('roboticCrowdApi', rc.credentialData(rcSetUp.sim, { ...RC_SERVER_KEY, authMethod: 'tokenEndpoint', timeoutSeconds: 1 }), 'rc-server');
	});
	afterEach(async () => {
		await ui.sim.close();
		await crowd.sim.close();
	});

	const uiRuns = (credential: string) => [
		uiNode({ resource: 'folder', operation: 'getMany', returnAll: true }, credential),
		uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' }, credential),
		uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'name', value: 'NoSuchProcess' }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' }, credential),
	];

	it('UiPath: every credential kind, good runs and every failure path', async () => {
		const { sim, harness } = ui;
		for (const credential of ['cloud', 'legacy', 'pat', 'onprem', 'onprem-app']) {
			for (const node of uiRuns(credential)) texts.push(...visible(await harness.run(node)));
			sim.faults.add({ status: 500 });
			texts.push(...visible(await harness.run(uiRuns(credential)[1])));
			sim.faults.add({ reset: 'after', path: /StartJobs/ });
			texts.push(...visible(await harness.run(uiRuns(credential)[1])));
			sim.expireAllTokens();
			texts.push(...visible(await harness.run(uiRuns(credential)[0])));
		}
		// Refused and unreachable token endpoints, and the Test button with wrong values.
		sim.faults.add({ path: /connect\/token/, status: 503, times: 10 });
		texts.push(...visible(await harness.run(uiNode({ resource: 'folder', operation: 'getMany', returnAll: true }, 'cloud'))));
		sim.faults.clear();
		const wrong = [
			['cloud', 'uiPathCloudOAuthApi', { clientSecret: `${APP.clientSecret}-x` }],
			['legacy', 'uiPathCloudOAuthApi', { refreshToken: `${LEGACY.userKey}-x` }],
			['pat', 'uiPathCloudOAuthApi', { personalAccessToken: `${PAT}-x` }],
			['onprem', 'uiPathOnPremisesApi', { password: `${ON_PREM.password}-x` }],
			['onprem-app', 'uiPathOnPremisesApi', { clientSecret: `${ON_PREM_APP.clientSecret}-x` }],
		] as const;
		for (const [id, type, change] of wrong) {
			texts.push(JSON.stringify(await harness.testCredential(type, change, id)));
			harness.addCredential(type, { ...harness.storedCredential(id), ...change }, id);
			texts.push(...visible(await harness.run(uiRuns(id)[0])));
		}
		const secrets = [APP.clientSecret, LEGACY.userKey, PAT, ON_PREM.password, ON_PREM_APP.clientSecret, ...wrong.map(([, , c]) => Object.values(c)[0])];
		const tokens = [...new Set(bearerTokens(uiLog(sim)))];
		expect(tokens.length).toBeGreaterThan(5);
		expectNoneOf([...secrets, ...tokens], [...texts, ...logLines], 'UiPath');
	}, 60_000);

	it('Robotic Crowd: both authentication methods, good runs, failures, and Token → Create', async () => {
		const { sim, harness } = crowd;
		const runs = (credential: string) => [
			rc.rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }, { credentials: { roboticCrowdApi: credential } }),
			rc.rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true }, { credentials: { roboticCrowdApi: credential } }),
			rc.rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: '999999' }, { credentials: { roboticCrowdApi: credential } }),
		];
		for (const credential of ['rc', 'rc-server']) {
			for (const node of runs(credential)) texts.push(...visible(await harness.run(node)));
			sim.faults.add({ status: 500, method: 'GET' });
			sim.faults.add({ reset: 'before', method: 'GET' });
			texts.push(...visible(await harness.run(runs(credential)[0])));
			sim.clock.advance(3_600_000); // every token expires
			texts.push(...visible(await harness.run(runs(credential)[0])));
		}
		sim.faults.add({ path: '/v1/token', status: 503, times: 10 });
		harness.addCredential('roboticCrowdApi', { ...harness.storedCredential('rc-server'), lifetimeSeconds: 301 }, 'rc-server');
		texts.push(...visible(await harness.run(runs('rc-server')[0])));
		sim.faults.clear();
		// Token → Create: its output is the token (excepted from the scan); its errors are scanned.
		// Token → Create retries its own POST /v1/token: an outage that outlasts the retries
		sim.faults.add({ path: '/v1/token', status: 503, times: 10 });
		const failedMint = await harness.run(
			rc.rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: 60 }, { credentials: { roboticCrowdApi: 'rc-server' } }),
		);
		expect(failedMint.error?.message).toMatch(/503/);
		texts.push(...visible(failedMint));
		for (const id of ['rc', 'rc-server']) {
			const change = { secretAccessKey: `${id}-wrong-secret-value` };
			texts.push(JSON.stringify(await harness.testCredential('roboticCrowdApi', change, id)));
			harness.addCredential('roboticCrowdApi', { ...harness.storedCredential(id), ...change }, id);
			texts.push(...visible(await harness.run(runs(id)[0])));
		}
		const secrets = [rc.SECRET, RC_SERVER_KEY.secretAccessKey, 'rc-wrong-secret-value', 'rc-server-wrong-secret-value'];
		const tokens = [...new Set(bearerTokens(rc.log(sim)))];
		expect(tokens.length).toBeGreaterThan(3);
		expectNoneOf([...secrets, ...tokens], [...texts, ...logLines], 'Robotic Crowd');
	}, 60_000);

	function expectNoneOf(secrets: string[], scanned: string[], service: string) {
		const found = secrets.flatMap((secret) => scanned.filter((text) => text.includes(secret)).map(() => secret.slice(0, 6)));
		// part of the suite's one summary line (test/suiteTally.js), printed at the end of the run
		recordTally(`secrets ${service}`, { secretsScanned: secrets.length, textsScanned: scanned.length, secretsFound: found.length });
		expect(found).toEqual([]);
	}
});
