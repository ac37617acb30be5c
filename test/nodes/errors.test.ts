// Errors a user can act on (issue 10, defect 10): each names the cause and what to check, for the failures the
// issue lists.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import * as rc from './roboticCrowd.helpers';

describe('UiPath errors a user can act on', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let release: { Key: string };

	beforeEach(async () => {
		let shared: { Id: number };
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
	});
	afterEach(async () => sim.close());

	const start = (credential = 'cloud') =>
		uiNode(
			{ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' },
			credential,
		);
	const startCalls = () => uiLog(sim).filter((e) => e.path.includes('StartJobs'));

	it('a 500 on StartJobs says a job may already exist and how to look for it', async () => {
		sim.faults.add({ path: /StartJobs/, status: 500, body: { message: 'An error has occurred.', errorCode: 0 } });
		const { error } = await harness.run(start());
		expect(error?.message).toBe('UiPath Orchestrator answered 500: An error has occurred.');
		expect(error?.description).toMatch(/A job may already have been started: look for it with Job → Get Many/);
		expect(error?.description).not.toMatch(/Try again later/);
		expect(startCalls()).toHaveLength(1);
	});

	it('a reset after StartJobs was sent is a cut connection, not "could not reach"', async () => {
		sim.faults.add({ path: /StartJobs/, reset: 'after' });
		const { error } = await harness.run(start());
		expect(error?.message).toBe('The connection to UiPath Orchestrator was cut before it answered');
		expect(error?.description).toMatch(/A job may already have been started/);
		expect(startCalls()).toHaveLength(1);
		expect(sim.jobs).toHaveLength(1); // the job the lost answer was about
	});

	it("a personal access token's 401 does not claim a new token was fetched", async () => {
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { authMethod: 'personalAccessToken', personalAccessToken: 'expired-pat' }), 'pat');
		const { error } = await harness.run(start('pat'));
		expect(error?.message).toMatch(/^UiPath did not accept the credential \(401\)/);
		expect(error?.description).not.toMatch(/new token/);
		expect(error?.description).toMatch(/personal access token .*expired/);
	});

	it('a 404 on StartJobs names the organization and tenant too', async () => {
		sim.faults.add({ path: /StartJobs/, status: 404, body: { message: 'Not found', errorCode: 0 } });
		const { error } = await harness.run(start());
		expect(error?.description).toMatch(/Process → Get Many/);
		expect(error?.description).toMatch(/organization or tenant/);
	});

	it('a date filter that is not a date names the field', async () => {
		const node = uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { createdAfter: 'next tuesday' } });
		const { error } = await harness.run(node);
		expect(error?.message).toBe('"Created After" is not a date: "next tuesday". Give a date and time such as 2026-03-01T09:00:00Z.');
	});

	it('a refused token names the credential, without doubled full stops', async () => {
		sim.faults.add({ path: '/api/Account/Authenticate', status: 400, body: { message: 'Invalid credentials, failed to login.', errorCode: 1000 } });
		const { error } = await harness.run(start('onprem'));
		expect(error?.message).toBe('UiPath refused to issue a token (400): Invalid credentials, failed to login. Check the tenancy name, user name and password.');
		expect(error?.description).toMatch(/credential "uiPathOnPremisesApi \(onprem\)"/);
	});
});

describe('Robotic Crowd errors a user can act on', () => {
	let sim: rc.RcSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await rc.setUp());
		harness.addCredential('roboticCrowdApi', rc.credentialData(sim), 'rc');
	});
	afterEach(async () => sim.close());

	it("a 400 shows the API's own message (already finished)", async () => {
		const workflow = sim.addWorkflow({ name: 'Invoice intake' });
		const run = sim.addRun({ workflow_id: workflow.id, status: 'success' });
		const { error } = await harness.run(rc.rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: String(run.id) }));
		expect(error?.message).toBe(`Robotic Crowd rejected the request as invalid (400): Session queue ${run.id} has already finished (success).`);
		expect(error?.description).toMatch(/Only a queued or running run can be cancelled/);
		expect(error?.description).not.toMatch(/workflow ID/);
	});

	it('a date filter that is not a date names the field', async () => {
		const node = rc.rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true, filters: { createdBefore: 'soon' } });
		const { error } = await harness.run(node);
		expect(error?.message).toBe('"Created Before" is not a date: "soon". Give a date and time such as 2026-03-01T09:00:00Z.');
	});
});
