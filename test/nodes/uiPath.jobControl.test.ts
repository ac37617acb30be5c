// Job → Restart, Resume and Get Logs through n8n's engine against the Orchestrator simulator.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath Job: restart, resume, logs', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Id: number; Key: string; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing', outputArguments: { total: 42 } });
	});
	afterEach(async () => sim.close());

	const calls = (action: string) => uiLog(sim).filter((e) => e.path.endsWith(action));
	const job = (operation: string, jobId: string | number, extra: Record<string, unknown> = {}) =>
		uiNode({ resource: 'job', operation, folder: inFolder(), jobId: String(jobId), ...extra });

	it('restarts a finished job by its ID: one RestartJob call, the new job as output', async () => {
		const faulted = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Faulted', inputArguments: '{"n":1}' });
		const { items, error } = await harness.run(job('restart', faulted.Id));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ State: 'Pending', ReleaseName: 'InvoiceProcessing', InputArguments: { n: 1 } });
		expect(items[0].json.Id).not.toBe(faulted.Id);
		const [post] = calls('.RestartJob');
		expect([post.method, post.body, post.headers['x-uipath-folderpath']]).toEqual(['POST', { jobId: faulted.Id }, 'Shared']);
		expect(uiLog(sim).filter((e) => e.path.includes('/odata/Jobs('))).toHaveLength(0);
	});

	it('restarts a job given by its Key, and explains why a running job cannot be restarted', async () => {
		const running = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Running' });
		const { error } = await harness.run(job('restart', running.Key));
		expect(error?.message).toMatch(/^UiPath rejected the request \(400\): .*it is Running.*\(UiPath error 1673\)$/);
		expect(error?.description).toMatch(/Only a finished job .* can be restarted/);
		expect(calls('/odata/Jobs')[0].query.$filter).toBe(`Key eq ${running.Key}`);
		expect(calls('.RestartJob')).toHaveLength(1);
	});

	it('says which job is missing in the folder', async () => {
		const { error } = await harness.run(job('restart', 999));
		expect(error?.message).toMatch(/^UiPath found no such item \(404\)/);
		expect(error?.description).toMatch(/There is no job 999 in this folder/);
	});

	it('resumes a suspended job given by its ID with its Key; a job that is not suspended fails with advice', async () => {
		const running = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Running' });
		sim.suspendJob(running.Id);
		const { items, error } = await harness.run(job('resume', running.Id));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Id: running.Id, State: 'Resumed' });
		expect(calls('.ResumeJob').map((c) => c.body)).toEqual([{ jobKey: running.Key }]);

		const again = await harness.run(job('resume', running.Key));
		expect(again.error?.message).toMatch(/not Suspended.*\(UiPath error 1674\)$/);
		expect(again.error?.description).toBe('Only a Suspended job can be resumed: Job → Get shows its state.');
		expect(calls('.ResumeJob')).toHaveLength(2);
	});

	it("gets a job's logs newest first, with a minimum level and a limit", async () => {
		const faulted = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Running' });
		sim.addRobotLog({ jobId: faulted.Id, level: 'Info', message: 'Opened the invoice' });
		sim.clock.advance(1000);
		sim.addRobotLog({ jobId: faulted.Id, level: 'Warn', message: 'Retrying the login screen' });
		sim.clock.advance(1000);
		sim.addRobotLog({ jobId: faulted.Id, level: 'Error', message: 'Selector not found' });
		const all = await harness.run(job('getLogs', faulted.Id, { minLevel: 'Trace', returnAll: true }));
		expect(all.error).toBeUndefined();
		const messages = all.items.map((i) => i.json.Message);
		expect(messages.slice(0, 3)).toEqual(['Selector not found', 'Retrying the login screen', 'Opened the invoice']);
		const [list] = calls('/odata/RobotLogs');
		expect(list.query).toMatchObject({ $filter: `JobKey eq ${faulted.Key}`, $orderby: 'TimeStamp desc,Id desc' });

		sim.reset();
		const warnings = await harness.run(job('getLogs', faulted.Key, { minLevel: 'Warn', returnAll: false, limit: 1 }));
		expect(warnings.items.map((i) => i.json.Message)).toEqual(['Selector not found']);
		expect(calls('/odata/RobotLogs')[0].query).toMatchObject({ $filter: `JobKey eq ${faulted.Key} and Level ge 'Warn'`, $top: '1' });
		expect(calls('/odata/Jobs(' + faulted.Id + ')')).toHaveLength(0);
	});

	it('returns no items and a hint when a job has no logs yet', async () => {
		const pending = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Pending' });
		const { items, error, run } = await harness.run(job('getLogs', pending.Key, { minLevel: 'Error', returnAll: true }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		const task = Object.values(run.data.resultData.runData)[0][0];
		expect(task.hints?.[0]?.message).toMatch(/^No logs yet for job .*: robots send their logs a few seconds after the job ends/);
	});

	it('names the OR.Monitoring scope when the credential lacks it', async () => {
		const pending = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Pending' });
		sim.addExternalApp({ clientId: 'jobs-only', clientSecret: 's', scopes: ['OR.Jobs', 'OR.Folders.Read'] });
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: 'jobs-only', clientSecret: 's', scopes: 'OR.Jobs OR.Folders.Read' }), 'jobsOnly');
		const { error } = await harness.run(job('getLogs', pending.Key, { returnAll: true }), [{}]);
		expect(error).toBeUndefined(); // the default credential has OR.Monitoring.Read
		const narrowed = await harness.run(uiNode({ resource: 'job', operation: 'getLogs', folder: inFolder(), jobId: pending.Key, returnAll: true }, 'jobsOnly'));
		expect(narrowed.error?.message).toMatch(/\(403\)/);
		expect(narrowed.error?.description).toMatch(/needs the application scope OR\.Monitoring \(or OR\.Monitoring\.Read\)/);
	});
});
