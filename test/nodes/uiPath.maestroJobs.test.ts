// Starting a Maestro process: it is an Orchestrator process (release) of type ProcessOrchestration, started by
// Job → Start; the job's Key is the Maestro instance ID. The process picker and the Process / Job type filters know
// Maestro's types, and the job output says it is an instance.
import type { EngineHarness } from '../harness/engine';
import { cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { maestroSetUp, type Maestro } from './uiPath.maestro.helpers';

const ref = (mode: string, value: string) => ({ __rl: true, mode, value });
const node = (parameters: Record<string, unknown>) => uiNode(parameters, 'pims');

describe('UiPath Job → Start of a Maestro process', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let maestro: Maestro;
	let rpaKey: string;
	let maestroKey: string;

	beforeEach(async () => {
		let shared: { Id: number };
		({ sim, harness, shared, maestro } = await maestroSetUp());
		rpaKey = sim.addRelease({ folderId: shared.Id, name: 'Invoices_RPA' }).Key;
		maestroKey = sim.addRelease({ folderId: shared.Id, name: 'Invoices_Agentic', processKey: 'InvoicesAgentic', processType: 'ProcessOrchestration' }).Key;
		sim.addRelease({ folderId: shared.Id, name: 'Claims_Case', processType: 'CaseManagement' });
	});
	afterEach(async () => sim.close());

	const startMaestro = () => node({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', maestroKey), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' });

	it('starts an instance whose ID is the job Key, and says so in the output; an RPA job says nothing of Maestro', async () => {
		const run = await harness.run(startMaestro());
		expect(run.error).toBeUndefined();
		const job = run.items[0].json;
		expect([job.ProcessType, job.maestroInstanceId]).toEqual(['ProcessOrchestration', job.Key]);
		const started = uiLog(sim).filter((e) => e.path.endsWith('StartJobs'));
		expect(started.map((e) => (e.body as { startInfo: { ReleaseKey: string } }).startInfo.ReleaseKey)).toEqual([maestroKey]);
		expect(maestro.instance(String(job.Key))).toMatchObject({ instanceId: job.Key, processKey: maestroKey, packageId: 'InvoicesAgentic', latestRunStatus: 'Running' });

		// the instance, read with the job's Key and its folder (by ID, from the job's OrganizationUnitId)
		const got = await harness.run(node({ resource: 'maestroInstance', operation: 'get', folder: ref('id', String(job.OrganizationUnitId)), instanceId: ref('id', String(job.maestroInstanceId)) }));
		expect(got.error).toBeUndefined();
		expect([got.items[0].json.instanceId, got.items[0].json.processKey]).toEqual([job.Key, maestroKey]);

		const rpa = await harness.run(node({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', rpaKey), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}' }));
		expect(rpa.error).toBeUndefined();
		expect([rpa.items[0].json.ProcessType, 'maestroInstanceId' in rpa.items[0].json]).toEqual(['Process', false]);
		expect(maestro.instance(String(rpa.items[0].json.Key))).toBeUndefined();

		// Job → Get tells the same
		const again = await harness.run(node({ resource: 'job', operation: 'get', folder: inFolder(), jobId: String(job.Id) }));
		expect(again.items[0].json.maestroInstanceId).toBe(job.Key);
	});

	it('marks Maestro processes in the process picker', async () => {
		const picked = await harness.listSearch(node({ resource: 'job', operation: 'start', folder: inFolder() }), 'searchProcesses');
		expect(picked.results).toEqual([
			{ name: 'Claims_Case (1.0.0, Maestro case)', value: expect.any(String) },
			{ name: 'Invoices_Agentic (1.0.0, Maestro)', value: maestroKey },
			{ name: 'Invoices_RPA (1.0.0)', value: rpaKey },
		]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Releases')).map((e) => e.query.$select)).toEqual(['Key,Name,ProcessVersion,ProcessType']);
	});

	it('filters Process → Get Many and Job → Get Many by process type', async () => {
		const processes = await harness.run(node({ resource: 'process', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { processTypes: ['ProcessOrchestration', 'CaseManagement'], name: 'i' } }));
		expect(processes.error).toBeUndefined();
		expect(processes.items.map((i) => [i.json.Name, i.json.ProcessType])).toEqual([['Claims_Case', 'CaseManagement'], ['Invoices_Agentic', 'ProcessOrchestration']]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Releases')).at(-1)?.query.$filter).toBe(
			"contains(Name,'i') and (ProcessType eq 'ProcessOrchestration' or ProcessType eq 'CaseManagement')",
		);

		await harness.run(startMaestro());
		await harness.run(node({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', rpaKey), strategy: 'ModernJobsCount', jobsCount: 2, inputArguments: '{}' }));
		const jobs = await harness.run(node({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { processTypes: ['ProcessOrchestration'] } }));
		expect(jobs.error).toBeUndefined();
		expect(jobs.items.map((i) => [i.json.ReleaseName, i.json.maestroInstanceId === i.json.Key])).toEqual([['Invoices_Agentic', true]]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Jobs')).at(-1)?.query.$filter).toBe("(ProcessType eq 'ProcessOrchestration')");
		const rpaJobs = await harness.run(node({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { processTypes: ['Process'] } }));
		expect(rpaJobs.items.map((i) => i.json.ReleaseName)).toEqual(['Invoices_RPA', 'Invoices_RPA']);
	});
});
