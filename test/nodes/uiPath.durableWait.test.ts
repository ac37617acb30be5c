// Job → Start's durable waits through n8n's engine against the Orchestrator simulator: what the node leaves for
// n8n when it pauses (the stack entry's metadata, the deadline error, the subscription), and what it does when
// the wait cannot start or need not. The resume itself runs in a real n8n: test/e2e/durableWait.e2e.js.
import type { EngineHarness } from '../harness/engine';
import { addHooksCredential, HOOKS_APP, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';


describe('UiPath Job → Start, durable waits', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Key: string; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		addHooksCredential(sim, harness);
		release = sim.addRelease({ folderId: shared.Id, name: 'LongJob', queueDelayMs: 200, durationMs: 60_000, outputArguments: { total: 1 } });
	});
	afterEach(async () => sim.close());

	const start = (parameters: Record<string, unknown> = {}) => ({
		resource: 'job',
		operation: 'start',
		folder: inFolder(),
		process: { __rl: true, mode: 'key', value: release.Key },
		strategy: 'ModernJobsCount',
		jobsCount: 1,
		inputArguments: '{"order": 1}',
		waitForCompletion: true,
		waitTimeout: 3600,
		waitMode: 'webhook',
		...parameters,
	});
	const ours = () => (sim.webhooks.subscriptions as Array<{ Id: number; Name: string; Url: string; Events: Array<{ EventType: string }> }>).filter((s) => s.Name.startsWith('n8n durable wait'));
	const stackMetadata = (run: { data: { executionData?: { nodeExecutionStack: Array<{ metadata?: Record<string, any> }> } } }) => run.data.executionData!.nodeExecutionStack[0].metadata!;

	it('pauses with a subscription to the job end events at the resume URL, the wait in the execution and a deadline error', async () => {
		const before = Date.now();
		const { run, items, error } = await harness.run(uiNode(start(), 'hooks'), [{}, {}]);
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		expect(run.waitTill!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
		const [sub] = ours();
		expect(ours()).toHaveLength(1);
		expect(sub.Url).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/harness-execution-\d+\?signature=[0-9a-f]{64}$/);
		expect(sub.Events.map((e) => e.EventType).sort()).toEqual(['job.completed', 'job.faulted', 'job.stopped']);
		expect(sub.Name).toBe(`n8n durable wait · until ${run.waitTill!.toISOString()} · execution ${sub.Url.split('/').pop()!.split('?')[0]}`);
		const jobs = sim.jobs as Array<{ Id: number }>;
		const metadata = stackMetadata(run as never);
		expect(metadata.durableWait.items.map((i: { awaits: { jobs: number[] } }) => i.awaits.jobs)).toEqual(jobs.map((j) => [j.Id]));
		expect(metadata.durableWait.service).toEqual({ subscriptionId: sub.Id });
		expect(metadata.resumeError.message).toMatch(new RegExp(`^Jobs ${jobs[0].Id}, ${jobs[1].Id} had not ended at the wait's deadline`));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ durableWait: { via: 'webhook', waitingFor: { jobs: [jobs[0].Id] } } });
	});

	it('subscribes before starting: without the OR.Webhooks scope the item fails and no job starts', async () => {
		const { error, run } = await harness.run(uiNode(start()));
		expect(error?.message).toMatch(/403|scope|OR\.Webhooks/);
		expect(JSON.stringify(error)).toMatch(/OR\.Webhooks/);
		expect(run.status).not.toBe('waiting');
		expect(sim.jobs).toHaveLength(0);
		expect(uiLog(sim).some((e) => e.path.endsWith('StartJobs'))).toBe(false);
	});

	it('goes on without pausing when the job ended meanwhile, and removes its subscription', async () => {
		const quick = sim.addRelease({ folderId: shared.Id, name: 'Quick', queueDelayMs: 0, durationMs: 0, outputArguments: { total: 2 } });
		sim.webhooks.addFault({ kind: 'unsigned', type: 'ping' });
		const { run, items, error } = await harness.run(uiNode(start({ process: { __rl: true, mode: 'key', value: quick.Key } }), 'hooks'));
		expect(error).toBeUndefined();
		expect(run.status).not.toBe('waiting');
		expect(items[0].json).toMatchObject({ State: 'Successful', OutputArguments: { total: 2 } });
		expect(ours()).toHaveLength(0);
		expect(uiLog(sim).filter((e) => e.method === 'DELETE' && e.path.includes('/odata/Webhooks('))).toHaveLength(1);
	});

	it('removes the subscriptions of waits whose deadline passed, and only those', async () => {
		const create = async (name: string) => {
			const token = sim.issueToken({ scopes: HOOKS_APP.scopes });
			const res = await fetch(`${sim.baseUrl('cloud')}/odata/Webhooks`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ Name: name, Url: 'http://127.0.0.1:9/x', Enabled: true, Secret: 's', SubscribeToAllEvents: false, AllowInsecureSsl: false, Events: [{ EventType: 'job.completed' }] }),
			});
			expect(res.status).toBe(201);
		};
		await create('n8n durable wait · until 2020-01-01T00:00:00.000Z · execution 1');
		await create(`n8n durable wait · until ${new Date(Date.now() + 86_400_000).toISOString()} · execution 2`);
		await create('Someone else · until 2020-01-01T00:00:00.000Z');
		await harness.run(uiNode(start(), 'hooks'));
		const names = (sim.webhooks.subscriptions as Array<{ Name: string }>).map((s) => s.Name);
		expect(names.some((n) => n.includes('2020-01-01') && n.startsWith('n8n durable wait'))).toBe(false);
		expect(names.filter((n) => n.endsWith('execution 2'))).toHaveLength(1);
		expect(names).toContain('Someone else · until 2020-01-01T00:00:00.000Z');
		expect(ours()).toHaveLength(2);
	});

	it('puts the resume URL into the input arguments under the chosen name in callback mode, with no subscription', async () => {
		const { run, error } = await harness.run(uiNode(start({ waitMode: 'callback', resumeUrlName: 'callMe' })));
		expect(error).toBeUndefined();
		expect(run.status).toBe('waiting');
		const [job] = sim.jobs as Array<{ InputArguments: string }>;
		const args = JSON.parse(job.InputArguments) as Record<string, string>;
		expect(args.order).toBe(1);
		expect(args.callMe).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/harness-execution-\d+/);
		expect(sim.webhooks.subscriptions).toHaveLength(0);
	});

	it('refuses both pausing modes on an n8n whose resume URLs carry no token (before 2.27), before anything starts', async () => {
		for (const waitMode of ['webhook', 'callback']) {
			const { error, run } = await harness.run(uiNode(start({ waitMode }), 'hooks'), [{}], 'manual', { withoutResumeToken: true });
			expect(error?.message).toBe('This Wait Mode needs n8n 2.27 or newer');
			expect(JSON.stringify(error)).toMatch(/Poll \(Keep Running\)/);
			expect(run.status).not.toBe('waiting');
		}
		expect(sim.jobs).toHaveLength(0);
		expect(sim.webhooks.subscriptions).toHaveLength(0);
	});

	it('fails the item before starting when the Resume URL Name is empty', async () => {
		const { error } = await harness.run(uiNode(start({ waitMode: 'callback', resumeUrlName: ' ' })));
		expect(error?.message).toBe('Resume URL Name is empty');
		expect(sim.jobs).toHaveLength(0);
	});
});
