// The Job resource through n8n's engine against the Orchestrator simulator: what is sent, what comes back.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath Job', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Key: string; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing', queueDelayMs: 100, durationMs: 400, outputArguments: { total: 42, status: 'ok' } });
	});
	afterEach(async () => sim.close());

	const start = (parameters: Record<string, unknown> = {}) => ({
		resource: 'job',
		operation: 'start',
		folder: inFolder(),
		process: { __rl: true, mode: 'key', value: release.Key },
		strategy: 'ModernJobsCount',
		jobsCount: 1,
		inputArguments: '={{ JSON.stringify({ customerId: $json.customerId }) }}',
		...parameters,
	});
	const orchestratorCalls = () => uiLog(sim).filter((e) => e.path.includes('/odata/'));

	it('starts a job with the input arguments as a JSON string, in the chosen folder', async () => {
		const { items, error } = await harness.run(uiNode(start()), [{ customerId: 7 }]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ State: 'Pending', InputArguments: { customerId: 7 } });
		const [post] = orchestratorCalls();
		expect(post.path).toBe(`/${sim.organization}/${sim.tenant}/orchestrator_/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`);
		expect(post.headers['x-uipath-folderpath']).toBe('Shared');
		expect(post.body).toEqual({ startInfo: { ReleaseKey: release.Key, Strategy: 'ModernJobsCount', JobsCount: 1, InputArguments: '{"customerId":7}' } });
	});

	it('looks a process up by name once for a batch of items', async () => {
		const { items } = await harness.run(uiNode(start({ process: { __rl: true, mode: 'name', value: 'InvoiceProcessing' } })), [{ customerId: 1 }, { customerId: 2 }, { customerId: 3 }]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const calls = orchestratorCalls();
		expect(calls.filter((c) => c.path.endsWith('/odata/Releases'))).toHaveLength(1);
		expect(calls.find((c) => c.path.endsWith('/odata/Releases'))!.query.$filter).toBe("Name eq 'InvoiceProcessing'");
		expect(calls.filter((c) => c.method === 'POST')).toHaveLength(3);
	});

	it('says which processes exist when a name or key is unknown', async () => {
		const byName = await harness.run(uiNode(start({ process: { __rl: true, mode: 'name', value: "O'Brien Flow" } })));
		expect(byName.error?.message).toBe('There is no process named "O\'Brien Flow" in this folder');
		expect(uiLog(sim).find((e) => e.path.endsWith('/odata/Releases'))!.query.$filter).toBe("Name eq 'O''Brien Flow'");
		const byKey = await harness.run(uiNode(start({ process: { __rl: true, mode: 'key', value: '00000000-0000-0000-0000-000000000001' } })));
		expect(byKey.error?.message).toMatch(/^UiPath found no such item \(404\): .*\(UiPath error 1002\)$/);
		expect(byKey.error?.description).toMatch(/Process → Get Many/);
		expect(byKey.error?.description).toMatch(/another organization or tenant/);
	});

	it('looks up a name left in the "From List" or "By Release Key" mode instead of sending it as a key', async () => {
		const switched = await harness.run(uiNode(start({ process: { __rl: true, mode: 'list', value: 'InvoiceProcessing' } })), [{ customerId: 1 }]);
		expect(switched.error).toBeUndefined();
		expect(orchestratorCalls().find((c) => c.method === 'POST')!.body.startInfo.ReleaseKey).toBe(release.Key);
		const unknown = await harness.run(uiNode(start({ process: { __rl: true, mode: 'key', value: '={{ "No" + "pe" }}' } })));
		expect(unknown.error?.message).toBe('"Nope" is not a release key (a GUID), and there is no process named "Nope" in this folder');
		expect(unknown.error?.description).toMatch(/Pick the process from the list again, or switch the Process field to By Name/);
		expect(orchestratorCalls().filter((c) => c.method === 'POST')).toHaveLength(1);
	});

	it('waits for completion by reading the one job, and returns its output arguments as an object', async () => {
		const { items, error } = await harness.run(uiNode(start({ waitForCompletion: true, startOptions: { pollInterval: 1 } })), [{ customerId: 7 }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ State: 'Successful', OutputArguments: { total: 42, status: 'ok' } });
		const reads = orchestratorCalls().filter((c) => c.method === 'GET');
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.every((r) => /\/odata\/Jobs\(\d+\)$/.test(r.path))).toBe(true);
	});

	it('starts every item before waiting, then waits for all of them together, failing only the faulted one', async () => {
		const faulty = sim.addRelease({ folderId: shared.Id, name: 'Flaky', queueDelayMs: 100, durationMs: 300, outcome: 'Faulted' });
		const node = uiNode(
			start({ process: { __rl: true, mode: 'key', value: '={{ $json.key }}' }, waitForCompletion: true, startOptions: { pollInterval: 1 } }),
			'cloud',
			{ continueOnFail: true },
		);
		const { items } = await harness.run(node, [{ key: release.Key, customerId: 1 }, { key: faulty.Key, customerId: 2 }, { key: release.Key, customerId: 3 }]);
		expect(items.map((i) => i.json.State ?? 'error')).toEqual(['Successful', 'error', 'Successful']);
		expect(items[1].json.error).toMatch(/ended Faulted/);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const calls = orchestratorCalls();
		const lastStart = calls.map((c) => c.method).lastIndexOf('POST');
		const firstRead = calls.findIndex((c) => c.method === 'GET');
		expect(lastStart).toBeLessThan(firstRead);
	});

	it('turns a faulted job into an error with its reason, or returns it when asked', async () => {
		const faulty = sim.addRelease({ folderId: shared.Id, name: 'Flaky', queueDelayMs: 100, durationMs: 300, outcome: 'Faulted', jobError: { title: 'Selector not found', detail: 'Could not find the Submit button' } });
		const params = start({ process: { __rl: true, mode: 'key', value: faulty.Key }, waitForCompletion: true, startOptions: { pollInterval: 1 } });
		const failed = await harness.run(uiNode(params));
		expect(failed.error?.message).toMatch(/^Job \d+ \(Flaky\) ended Faulted: .+/);
		const returned = await harness.run(uiNode({ ...params, startOptions: { pollInterval: 1, returnFailed: true } }));
		expect(returned.items[0].json.State).toBe('Faulted');
	});

	it('gives up waiting at the timeout and says the job goes on', async () => {
		const slow = sim.addRelease({ folderId: shared.Id, name: 'Slow', queueDelayMs: 100, durationMs: 600_000 });
		const { error } = await harness.run(uiNode(start({ process: { __rl: true, mode: 'key', value: slow.Key }, waitForCompletion: true, waitTimeout: 2, startOptions: { pollInterval: 1 } })));
		expect(error?.message).toMatch(/did not finish within 2 seconds/);
		expect(error?.description).toMatch(/last state was Running/);
	});

	it('refuses invalid or oversized input arguments before sending', async () => {
		const invalid = await harness.run(uiNode(start({ inputArguments: '{"a": ' })));
		expect(invalid.error?.message).toBe('Input Arguments is not valid JSON');
		const big = await harness.run(uiNode(start({ inputArguments: JSON.stringify({ blob: 'x'.repeat(10_000) }) })));
		expect(big.error?.message).toMatch(/^Input Arguments are 10011 characters long; UiPath takes at most 10,000$/);
		expect(orchestratorCalls()).toHaveLength(0);
	});

	it("sends the seed's strategies: All robots, and Specific robot IDs", async () => {
		const robot = sim.addRobot({ folderId: shared.Id, name: 'Robo1' });
		await harness.run(uiNode(start({ strategy: 'All', inputArguments: '{}' })));
		await harness.run(uiNode(start({ strategy: 'Specific', robotIds: `${robot.Id}`, inputArguments: '{}', startOptions: { jobPriority: 'High', reference: 'INV-1' } })));
		const bodies = orchestratorCalls().filter((c) => c.method === 'POST').map((c) => c.body.startInfo);
		expect(bodies[0]).toEqual({ ReleaseKey: release.Key, Strategy: 'All', RobotIds: [], NoOfRobots: 0 });
		expect(bodies[1]).toEqual({ ReleaseKey: release.Key, Strategy: 'Specific', RobotIds: [robot.Id], JobPriority: 'High', Reference: 'INV-1' });
		expect(orchestratorCalls().every((c) => c.status < 300)).toBe(true);
	});

	it('sends the folder as the header that matches how it was picked', async () => {
		const finance = sim.addFolder({ displayName: 'Finanzen-Ä', parentId: shared.Id });
		const financeRelease = sim.addRelease({ folderId: finance.Id, name: 'Booking' });
		const byKey = { __rl: true, mode: 'list', value: finance.Key };
		const byId = { __rl: true, mode: 'id', value: String(finance.Id) };
		const byPath = { __rl: true, mode: 'path', value: 'Shared/Finanzen-Ä' };
		for (const folder of [byKey, byId, byPath]) {
			const { error } = await harness.run(uiNode(start({ folder, process: { __rl: true, mode: 'key', value: financeRelease.Key }, inputArguments: '{}' })));
			expect(error).toBeUndefined();
		}
		const headers = orchestratorCalls().map((c) => c.headers);
		expect(headers[0]['x-uipath-folderkey']).toBe(finance.Key);
		expect(headers[1]['x-uipath-organizationunitid']).toBe(String(finance.Id));
		expect(headers[2]['x-uipath-folderpath-encoded']).toBe(Buffer.from('Shared/Finanzen-Ä', 'utf16le').toString('base64'));
		expect(orchestratorCalls().every((c) => c.folderId === finance.Id)).toBe(true);
	});

	it('explains error 1101 by asking for a folder', async () => {
		sim.faults.add({ status: 400, path: /\/odata\//, body: { message: 'An organization unit is required for this action.', errorCode: 1101, traceId: 't' } });
		const { error } = await harness.run(uiNode(start()));
		expect(error?.message).toBe('This operation needs a folder (UiPath error 1101): An organization unit is required for this action.');
		expect(error?.description).toMatch(/Pick a folder/);
	});

	it('gets a job by Id and by Key, with arguments parsed', async () => {
		const { items } = await harness.run(uiNode(start({ inputArguments: '{"n":1}' })));
		const job = items[0].json as { Id: number; Key: string };
		const byId = await harness.run(uiNode({ resource: 'job', operation: 'get', folder: inFolder(), jobId: String(job.Id) }));
		expect(byId.items[0].json).toMatchObject({ Id: job.Id, InputArguments: { n: 1 } });
		const byKey = await harness.run(uiNode({ resource: 'job', operation: 'get', folder: inFolder(), jobId: job.Key }));
		expect(byKey.items[0].json.Id).toBe(job.Id);
		expect(uiLog(sim).at(-1)!.query.$filter).toBe(`Key eq ${job.Key}`);
		const bad = await harness.run(uiNode({ resource: 'job', operation: 'get', folder: inFolder(), jobId: 'abc' }));
		expect(bad.error?.message).toMatch(/neither a job ID nor a job Key/);
	});

	it('gets many jobs past one page by keyset (Id lt the last Id), and turns filters into $filter', async () => {
		const end = Date.parse('2026-11-20T10:00:00Z');
		for (let i = 0; i < 1203; i++) sim.addJob({ folderId: shared.Id, releaseId: (release as unknown as { Id: number }).Id, state: i % 4 ? 'Successful' : 'Faulted', endTime: end + i * 1000 });
		const all = await harness.run(uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true }));
		expect(all.items).toHaveLength(1203);
		expect(new Set(all.items.map((i) => i.json.Id)).size).toBe(1203);
		const lastOfFirstPage = all.items[999].json.Id;
		const pages = orchestratorCalls().map((c) => [c.query.$top, c.query.$orderby, c.query.$filter]);
		expect(pages).toEqual([['1000', 'Id desc', undefined], ['1000', 'Id desc', `Id lt ${lastOfFirstPage}`]]);

		sim.reset();
		const filtered = await harness.run(
			uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), limit: 5, filters: { states: ['Faulted'], processName: 'InvoiceProcessing', endedAfter: '2026-11-20T10:10:00Z' } }),
		);
		expect(filtered.items).toHaveLength(5);
		expect(filtered.items.every((i) => i.json.State === 'Faulted')).toBe(true);
		expect(orchestratorCalls()[0].query).toMatchObject({
			$filter: "(State eq 'Faulted') and ReleaseName eq 'InvoiceProcessing' and EndTime ge 2026-11-20T10:10:00.000Z",
			$top: '5',
		});
	});

	it("reads Date & Time filters without an offset in the workflow's time zone", async () => {
		await harness.run({ ...uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), limit: 1, filters: { createdAfter: '2026-07-01T12:00:00' } }), timezone: 'Europe/Berlin' });
		expect(orchestratorCalls()[0].query.$filter).toBe('CreationTime ge 2026-07-01T10:00:00.000Z');
	});

	it('stops a job softly or by killing it', async () => {
		const slow = sim.addRelease({ folderId: shared.Id, name: 'Slow', queueDelayMs: 0, durationMs: 600_000 });
		const { items } = await harness.run(uiNode(start({ process: { __rl: true, mode: 'key', value: slow.Key }, inputArguments: '{}' })));
		const id = String(items[0].json.Id);
		sim.clock.advance(500);
		const stopped = await harness.run(uiNode({ resource: 'job', operation: 'stop', folder: inFolder(), jobId: id, stopStrategy: 'Kill' }));
		expect(stopped.items[0].json).toMatchObject({ Id: Number(id), stopRequested: true, strategy: 'Kill' });
		const stopCall = orchestratorCalls().find((c) => c.path.endsWith('StopJob'))!;
		expect(stopCall.body).toEqual({ strategy: 'Kill' });
		expect(sim.getJob(Number(id)).State).toBe('Stopped');
		const again = await harness.run(uiNode({ resource: 'job', operation: 'stop', folder: inFolder(), jobId: id, stopStrategy: 'SoftStop' }));
		expect(again.error?.message).toMatch(/^UiPath rejected the request \(400\)/);
	});

	it('lists folders and the processes of the chosen folder for the pickers', async () => {
		sim.addFolder({ displayName: 'HR', parentId: shared.Id });
		const folders = await harness.listSearch(uiNode({ resource: 'job', operation: 'start' }), 'searchFolders');
		expect(folders.results.map((r) => r.name)).toEqual(['Shared', 'Shared/HR']);
		const processes = await harness.listSearch(uiNode({ resource: 'job', operation: 'start', folder: { __rl: true, mode: 'list', value: shared.Key } }), 'searchProcesses', 'Invoice');
		expect(processes.results).toEqual([{ name: 'InvoiceProcessing (1.0.0)', value: release.Key }]);
	});
});
