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

	it("pages queue items with Return All at the route's own maximum: 250 in 3 requests of $top=100", async () => {
		const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
		for (let i = 0; i < 250; i++) sim.addQueueItem({ queueId: queue.Id, reference: `r${i}` });
		const { items, error } = await send({ method: 'GET', path: '/odata/QueueItems', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.json.Id)).size).toBe(250);
		expect(calls('/odata/QueueItems').map((c) => [c.status, c.query.$top, c.query.$skip])).toEqual([
			[200, '100', '0'],
			[200, '100', '100'],
			[200, '100', '200'],
		]);
	});

	it('falls back once to the smaller $top limit a server names in its 400', async () => {
		await sim.close();
		({ sim, harness, shared } = await setUp({ topLimits: { Robots: 50 } }));
		for (let i = 0; i < 120; i++) sim.addRobot({ folderId: shared.Id, name: `bot${i}` });
		const { items, error } = await send({ method: 'GET', path: '/odata/Robots', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(120);
		expect(calls('/odata/Robots').map((c) => [c.status, c.query.$top, c.query.$skip])).toEqual([
			[400, '1000', '0'],
			[200, '50', '0'],
			[200, '50', '50'],
			[200, '50', '100'],
		]);
	});

	it('refuses a path that climbs out of the Orchestrator API, plain or encoded, and sends nothing', async () => {
		const paths = [
			'/odata/../identity_/connect/token',
			'/../../identity_/api/User',
			'/./odata/Jobs',
			'/odata/%2e%2e/identity_',
			'/odata/%2E./identity_',
			'/odata/.%2E/identity_',
			'/odata/%252e%252e/identity_',
			'/odata/%2e%2e/%zz',
			'/odata\\..\\identity_',
			'/odata/%5c..%5cidentity_',
			'/%2f%2fevil.example/steal',
			'//evil.example/steal',
			'/\\evil.example/steal',
			'https://evil.example/steal',
		];
		for (const path of paths) {
			const { items } = await send({ method: 'GET', path });
			expect([path, items[0].json.error]).toEqual([path, `Path "${path}" is not a route of Orchestrator`]);
			expect(items[0].json.description).toMatch(/Orchestrator/);
		}
		const climbing = await send({ method: 'POST', path: '/odata/%2e%2e/identity_/connect/token', body: '{}' });
		expect(climbing.items[0].json.description).toContain('The Path parameter may not hold . or .. segments');
		expect(uiLog(sim)).toHaveLength(0);
		// Dots inside a segment, and in the query, are a route's own business.
		sim.addRelease({ folderId: shared.Id, name: 'v1..2' });
		const fine = await send({ method: 'GET', path: "/odata/Releases?$filter=Name eq 'v1..2'" });
		expect(fine.error).toBeUndefined();
		expect(fine.items[0].json.error).toBeUndefined();
	});
});
