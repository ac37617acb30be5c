// Custom API Call → Send through n8n's engine against the Orchestrator simulator: the route, folder header, query
// and body sent; OData paging with Return All; a POST never re-sent after a 5xx; the likeliest errors.
import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

describe('UiPath Custom API Call', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
	});
	afterEach(async () => sim.close());

	const send = (parameters: Record<string, unknown>) =>
		harness.run(uiNode({ resource: 'customApiCall', operation: 'send', folder: inFolder(), ...parameters }, 'cloud', { continueOnFail: true }));
	const calls = (suffix: string) => uiLog(sim).filter((e) => e.path.endsWith(suffix));

	it('sends a GET with the folder header and query, and returns the answer as it is', async () => {
		sim.addRelease({ folderId: shared.Id, name: 'Invoices_Prod' });
		sim.addRelease({ folderId: shared.Id, name: 'Payroll_Prod' });
		const { items, error } = await send({ method: 'GET', path: '/odata/Releases', query: { parameter: [{ name: '$filter', value: "Name eq 'Payroll_Prod'" }] } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect((items[0].json.value as Array<{ Name: string }>).map((r) => r.Name)).toEqual(['Payroll_Prod']);
		const [call] = calls('/odata/Releases');
		expect(call.headers['x-uipath-folderpath']).toBe('Shared');
		expect(call.headers.authorization).toMatch(/^Bearer /);
		expect(call.query).toEqual({ $filter: "Name eq 'Payroll_Prod'" });
	});

	it('pages through an OData list with Return All, one item per record', async () => {
		for (let i = 0; i < 1200; i++) sim.addRelease({ folderId: shared.Id, name: `P${String(i).padStart(4, '0')}` });
		const { items, error } = await send({ method: 'GET', path: '/odata/Releases', returnAll: true, query: { parameter: [{ name: '$orderby', value: 'Name' }] } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1200);
		expect(items[1199].json.Name).toBe('P1199');
		expect(calls('/odata/Releases').map((c) => [c.query.$top, c.query.$skip])).toEqual([['1000', '0'], ['1000', '1000']]);
	});

	it('sends a POST body once: a 500 after sending is not retried', async () => {
		const release = sim.addRelease({ folderId: shared.Id, name: 'Invoices_Prod' });
		sim.faults.add({ status: 500, path: /StartJobs/ });
		const body = JSON.stringify({ startInfo: { ReleaseKey: release.Key, Strategy: 'ModernJobsCount', JobsCount: 1 } });
		const { items } = await send({ method: 'POST', path: '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', body });
		expect(items[0].json.error).toContain('500');
		expect(calls('StartJobs')).toHaveLength(1);
		const ok = await send({ method: 'POST', path: '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', body });
		expect((ok.items[0].json.value as Array<{ State: string }>)[0].State).toBe('Pending');
		expect(calls('StartJobs')[1].body).toEqual(JSON.parse(body));
	});

	it('says a route does not exist, that a folder-scoped route needs the folder, and refuses a full URL', async () => {
		const missing = await send({ method: 'GET', path: '/odata/NoSuchThing' });
		expect(missing.items[0].json.error).toContain('404');
		expect(missing.items[0].json.description).toContain('Orchestrator has no route /odata/NoSuchThing');
		const noFolder = await send({ method: 'GET', path: '/odata/Releases', sendFolderHeader: false });
		expect(noFolder.items[0].json.error).toContain('1101');
		expect(noFolder.items[0].json.description).toContain('Pick a folder');
		const elsewhere = await send({ method: 'GET', path: 'https://evil.example/steal' });
		expect(elsewhere.items[0].json.error).toBe('Path "https://evil.example/steal" is not a route of Orchestrator');
		expect(uiLog(sim).filter((e) => e.path.includes('steal'))).toHaveLength(0);
	});
});
