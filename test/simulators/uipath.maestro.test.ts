// UiPath Maestro (the pims_ service): processes summary, instances (filters, token paging), variables and BPMN,
// pause/resume/cancel/retry with their state rules, incidents, folder header, scopes, over HTTP.
import { request, seeded, T0 } from './uipathBreadth.helpers';

type Row = Record<string, any>;
type Maestro = {
	addProcess(o: Row): { processKey: string; packageId: string; folderKey: string; packageVersions: string[] };
	startInstance(o: Row): Row;
	setInstanceState(id: string, state: string, opts?: Row): Row;
	addIncident(id: string, o?: Row): Row;
	instance(id: string): Row | undefined;
	actions(id: string): Row[];
};
type CallOptions = { folder?: string; body?: unknown; token?: string; headers?: Record<string, string> };

async function world() {
	const s = await seeded();
	const maestro = (s.sim as unknown as { maestro: Maestro }).maestro;
	const pims = `${s.sim.url}/${s.sim.organization}/${s.sim.tenant}/pims_/api/v1`;
	const call = (method: string, path: string, opts: CallOptions = {}) =>
		request(pims + path, {
			method,
			headers: {
				authorization: `Bearer ${opts.token ?? s.token}`,
				...(opts.folder ? { 'X-UIPATH-FolderKey': opts.folder } : {}),
				...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
				...opts.headers,
			},
			body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
		});
	const invoices = maestro.addProcess({
		releaseId: s.release.Id,
		elements: [
			{ id: 'Event_start', name: 'Start', type: 'startEvent' },
			{ id: 'Activity_1', name: 'Book invoice', type: 'serviceTask' },
			{ id: 'Sub_1', name: 'Approval', type: 'subProcess' },
		],
		variables: [{ name: 'invoiceId' }, { name: 'amount', type: 'integer', elementId: 'Activity_1' }, { name: 'approver', elementId: 'Sub_1', parentElementId: 'Sub_1' }],
	});
	const onboarding = maestro.addProcess({ folderId: s.shared.Id, packageId: 'Onboarding', packageVersions: ['1.0.0', '1.1.0'] });
	const fin = s.finance.Key;
	const shared = s.shared.Key;
	return { ...s, maestro, call, invoices, onboarding, fin, shared };
}
type World = Awaited<ReturnType<typeof world>>;

async function withWorld(fn: (w: World) => Promise<void>) {
	const w = await world();
	try {
		await fn(w);
	} finally {
		await w.sim.close();
	}
}
const at = (seconds: number) => T0 + seconds * 1000;
const ZERO = { pendingCount: 0, runningCount: 0, completedCount: 0, pausedCount: 0, cancelledCount: 0, faultedCount: 0, retryingCount: 0, resumingCount: 0, pausingCount: 0, cancelingCount: 0 };

describe('UiPath Maestro (pims_)', () => {
	test('processes summary: counts by state, filters by package, start time and folder', () =>
		withWorld(async (w) => {
			const a = w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(0) });
			w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(10) });
			const c = w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(20) });
			const d = w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(30), state: 'Pending' });
			w.maestro.setInstanceState(a.instanceId, 'Faulted');
			w.maestro.setInstanceState(c.instanceId, 'Completed');
			const o = w.maestro.startInstance({ processKey: w.onboarding.processKey, startedAt: at(40), packageVersion: '1.0.0' });
			w.maestro.setInstanceState(o.instanceId, 'Paused');
			expect(d.latestRunStatus).toBe('Pending');

			const all = await w.call('GET', '/processes/summary');
			expect(all.status).toBe(200);
			expect(all.body).toEqual({
				processes: [
					{ processKey: w.release.Key, packageId: 'Invoices', folderKey: w.fin, folderName: 'Shared/Finance', packageVersions: ['1.0.0'], versionCount: 1, ...ZERO, pendingCount: 1, runningCount: 1, completedCount: 1, faultedCount: 1 },
					{ processKey: w.onboarding.processKey, packageId: 'Onboarding', folderKey: w.shared, folderName: 'Shared', packageVersions: ['1.0.0', '1.1.0'], versionCount: 2, ...ZERO, pausedCount: 1 },
				],
			});
			const byPackage = await w.call('GET', '/processes/summary?packageId=Onboarding');
			expect(byPackage.body.processes.map((p: Row) => p.packageId)).toEqual(['Onboarding']);
			// Only instances started in the range count, and a process with none in it is left out.
			const ranged = await w.call('GET', `/processes/summary?startedTimeUtcStart=${new Date(at(15)).toISOString()}&startedTimeUtcEnd=${new Date(at(35)).toISOString()}`);
			expect(ranged.body.processes).toEqual([expect.objectContaining({ packageId: 'Invoices', completedCount: 1, pendingCount: 1, runningCount: 0, faultedCount: 0 })]);
			const inFolder = await w.call('GET', '/processes/summary', { folder: w.shared });
			expect(inFolder.body.processes.map((p: Row) => p.packageId)).toEqual(['Onboarding']);
			const badTime = await w.call('GET', '/processes/summary?startedTimeUtcStart=yesterday');
			expect([badTime.status, badTime.body.title, Object.keys(badTime.body.errors)]).toEqual([400, 'One or more validation errors occurred.', ['startedTimeUtcStart']]);
			const unknownParam = await w.call('GET', '/processes/summary?status=Running');
			expect([unknownParam.status, Object.keys(unknownParam.body.errors)]).toEqual([400, ['status']]);
			const settings = await w.call('GET', `/processes/${w.onboarding.processKey}/settings`);
			expect(settings.body).toEqual({ variableTags: { elements: null, sourcePackageVersion: '1.1.0', lastUpdateTimeUtc: '2026-01-01T12:00:00Z' } });
			expect((await w.call('GET', '/processes/nope/settings')).status).toBe(404);
		}));

	test('instances: filters, and paging through every page with the nextPage token', () =>
		withWorld(async (w) => {
			const ids: string[] = [];
			for (let i = 0; i < 7; i++) ids.push(w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(i) }).instanceId);
			const o1 = w.maestro.startInstance({ processKey: w.onboarding.processKey, startedAt: at(100), packageVersion: '1.0.0' });
			w.maestro.startInstance({ processKey: w.onboarding.processKey, startedAt: at(101) });
			w.maestro.setInstanceState(ids[2], 'Faulted', { incident: { errorCode: 'E42' } });

			const pages: Row[] = [];
			let next: string | null = null;
			do {
				const query: string = `?processKey=${w.invoices.processKey}&pageSize=3${next ? `&nextPage=${encodeURIComponent(next)}` : ''}`;
				const page = await w.call('GET', '/instances' + query);
				expect(page.status).toBe(200);
				pages.push(page.body);
				next = page.body.nextPage;
				// A newer instance arriving between pages moves nothing (the token is a position, not an offset).
				if (pages.length === 1) w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(50) });
			} while (next && pages.length < 10);
			expect(pages.map((p) => p.instances.length)).toEqual([3, 3, 1]);
			expect(pages.map((p) => p.hasMoreResults)).toEqual([true, true, false]);
			expect(pages[2].nextPage).toBeNull();
			expect(pages.flatMap((p) => p.instances.map((i: Row) => i.instanceId))).toEqual([...ids].reverse());

			const everything = await w.call('GET', '/instances');
			expect([everything.body.instances.length, everything.body.nextPage]).toEqual([10, null]);
			expect(everything.body.instances.map((i: Row) => i.startedTimeUtc).slice(0, 3)).toEqual(['2026-01-01T12:01:41Z', '2026-01-01T12:01:40Z', '2026-01-01T12:00:50Z']);
			const byVersion = await w.call('GET', '/instances?packageVersion=1.0.0&packageId=Onboarding');
			expect(byVersion.body.instances.map((i: Row) => i.instanceId)).toEqual([o1.instanceId]);
			const byError = await w.call('GET', '/instances?errorCode=E42');
			expect(byError.body.instances.map((i: Row) => [i.instanceId, i.latestRunStatus])).toEqual([[ids[2], 'Faulted']]);
			const inShared = await w.call('GET', '/instances', { folder: w.shared });
			expect(inShared.body.instances.every((i: Row) => i.folderKey === w.shared)).toBe(true);
			expect(inShared.body.instances).toHaveLength(2);

			const first = await w.call('GET', `/instances?processKey=${w.invoices.processKey}&pageSize=2`);
			const otherFilters = await w.call('GET', `/instances?pageSize=2&nextPage=${encodeURIComponent(first.body.nextPage)}`);
			expect([otherFilters.status, Object.keys(otherFilters.body.errors)]).toEqual([400, ['nextPage']]);
			expect((await w.call('GET', '/instances?nextPage=garbage')).status).toBe(400);
			for (const size of ['0', '1001', 'ten']) expect((await w.call('GET', `/instances?pageSize=${size}`)).status).toBe(400);
			const misspelt = await w.call('GET', '/instances?ProcessKey=x');
			expect([misspelt.status, Object.keys(misspelt.body.errors)]).toEqual([400, ['ProcessKey']]);
			expect((await w.call('GET', '/instances?processType=Robot')).status).toBe(400);
		}));

	test('one instance: the folder header is required and must be the instance folder; unknown ids are 404', () =>
		withWorld(async (w) => {
			const inst = w.maestro.startInstance({ processKey: w.invoices.processKey, displayName: 'INV-7', startedByUser: 'ann@acme.test' });
			const ok = await w.call('GET', `/instances/${inst.instanceId}`, { folder: w.fin.toUpperCase() });
			expect(ok.status).toBe(200);
			expect(ok.body).toEqual({
				instanceId: inst.instanceId, packageKey: expect.any(String), packageId: 'Invoices', packageVersion: '1.0.0', latestRunId: ok.body.instanceRuns[0].runId,
				latestRunStatus: 'Running', processKey: w.release.Key, folderKey: w.fin, userId: 1, instanceDisplayName: 'INV-7', startedByUser: 'ann@acme.test',
				source: 'Manual', creatorUserKey: expect.any(String), startedTimeUtc: '2026-01-01T12:00:00Z', completedTimeUtc: null,
				instanceRuns: [{ runId: expect.any(String), status: 'Running', startedTime: '2026-01-01T12:00:00Z', completedTime: null }],
			});
			const noHeader = await w.call('GET', `/instances/${inst.instanceId}`);
			expect(noHeader.status).toBe(400);
			expect(noHeader.body).toEqual({ type: 'PIMS-150001', title: "Required header 'x-uipath-folderkey' is missing or empty", status: 400, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
			expect(noHeader.headers.get('content-type')).toContain('application/problem+json');
			expect((await w.call('GET', `/instances/${inst.instanceId}`, { folder: w.shared })).status).toBe(404);
			const unknown = await w.call('GET', `/instances/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`, { folder: w.fin });
			expect([unknown.status, unknown.body.status, unknown.body.type]).toEqual([404, 404, 'https://tools.ietf.org/html/rfc9110#section-15.5.5']);
			const badId = await w.call('GET', '/instances/not-a-guid', { folder: w.fin });
			expect([badId.status, badId.body.errors]).toEqual([400, { instanceId: ["The value 'not-a-guid' is not valid."] }]);
			expect((await w.call('GET', `/instances/${inst.instanceId}`, { folder: 'finance' })).status).toBe(400);
			w.sim.clock.advance(65_000);
			const done = w.maestro.setInstanceState(inst.instanceId, 'Completed');
			expect([done.latestRunStatus, done.completedTimeUtc, done.instanceRuns[0].completedTime]).toEqual(['Completed', '2026-01-01T12:01:05Z', '2026-01-01T12:01:05Z']);
		}));

	test('variables (scoped by parentElementId) and the BPMN that names them', () =>
		withWorld(async (w) => {
			const inst = w.maestro.startInstance({ processKey: w.invoices.processKey, variables: { invoiceId: 'INV-7', amount: 1200, approver: 'ann' } });
			const id = inst.instanceId;
			const root = await w.call('GET', `/instances/${id}/variables`, { folder: w.fin });
			expect(root.status).toBe(200);
			expect(root.body).toEqual({ elements: [], globals: { v_invoiceId: 'INV-7', v_amount: 1200 }, instanceId: id, workflowId: expect.any(String), parentElementId: null });
			const inner = await w.call('GET', `/instances/${id}/variables?parentElementId=Sub_1`, { folder: w.fin });
			expect([inner.body.globals, inner.body.parentElementId]).toEqual([{ v_approver: 'ann' }, 'Sub_1']);
			expect((await w.call('GET', `/instances/${id}/variables?parentElementId=Nope`, { folder: w.fin })).status).toBe(404);
			expect((await w.call('GET', `/instances/${id}/variables`)).body.type).toBe('PIMS-150001');
			w.maestro.setInstanceState(id, 'Completed', { variables: { amount: 1300 } });
			expect((await w.call('GET', `/instances/${id}/variables`, { folder: w.fin })).body.globals.v_amount).toBe(1300);

			const bpmn = await w.call('GET', `/instances/${id}/bpmn`, { folder: w.fin, headers: { accept: 'application/xml' } });
			expect(bpmn.status).toBe(200);
			expect(bpmn.headers.get('content-type')).toContain('application/xml');
			expect(bpmn.text).toContain('<uipath:inputOutput id="v_amount" name="amount" type="integer" elementId="Activity_1"/>');
			expect(bpmn.text).toMatch(/<bpmn:serviceTask id="Activity_1" name="Book invoice">/);
			// getBpmn needs OR.Execution.Read, the variables call PIMS (docs/oauth-scopes.md).
			const pimsOnly = w.sim.issueToken({ scopes: ['PIMS'] });
			const executionOnly = w.sim.issueToken({ scopes: ['OR.Execution.Read'] });
			expect((await w.call('GET', `/instances/${id}/bpmn`, { folder: w.fin, token: pimsOnly })).status).toBe(403);
			expect((await w.call('GET', `/instances/${id}/bpmn`, { folder: w.fin, token: executionOnly })).status).toBe(200);
			expect((await w.call('GET', `/instances/${id}/variables`, { folder: w.fin, token: executionOnly })).status).toBe(403);
			expect((await w.call('GET', `/instances/${id}/variables`, { folder: w.fin, token: pimsOnly })).status).toBe(200);
		}));

	test('pause, resume and cancel: each from its states only, through the transitional state', () =>
		withWorld(async (w) => {
			const id = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			const op = (name: string, body: unknown = {}, folder = w.fin) => w.call('POST', `/instances/${id}/${name}`, { folder, body });
			const state = async () => (await w.call('GET', `/instances/${id}`, { folder: w.fin })).body.latestRunStatus;

			const paused = await op('pause', { comment: 'hold for review' });
			expect([paused.status, paused.body]).toEqual([200, { instanceId: id, status: 'Pausing' }]);
			expect(await state()).toBe('Pausing');
			expect((await op('resume')).status).toBe(400); // still Pausing
			w.sim.clock.advance(1000);
			expect(await state()).toBe('Paused');
			const again = await op('pause');
			expect([again.status, again.body.title]).toEqual([400, `Instance '${id}' is Paused: it can be paused only when it is Running.`]);
			expect((await op('resume', { comment: null })).body.status).toBe('Resuming');
			w.sim.clock.advance(1000);
			expect(await state()).toBe('Running');
			expect((await op('retry')).status).toBe(400); // not Faulted
			expect((await op('cancel', { comment: 'wrong input' })).body.status).toBe('Canceling');
			w.sim.clock.advance(1000);
			const cancelled = (await w.call('GET', `/instances/${id}`, { folder: w.fin })).body;
			expect([cancelled.latestRunStatus, cancelled.completedTimeUtc]).toEqual(['Cancelled', '2026-01-01T12:00:03Z']);
			for (const name of ['cancel', 'pause', 'resume', 'retry']) expect((await op(name)).status).toBe(400);
			expect(w.maestro.actions(id).map((a) => [a.action, a.comment])).toEqual([['pause', 'hold for review'], ['resume', null], ['cancel', 'wrong input']]);

			const done = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			w.maestro.setInstanceState(done, 'Completed');
			const cancelDone = await w.call('POST', `/instances/${done}/cancel`, { folder: w.fin, body: {} });
			expect([cancelDone.status, cancelDone.body.title]).toEqual([400, `Instance '${done}' is Completed: it can be cancelled only when it is Running or Paused or Faulted.`]);
			expect(w.maestro.instance(done)!.latestRunStatus).toBe('Completed');
			const pending = w.maestro.startInstance({ processKey: w.invoices.processKey, state: 'Pending' }).instanceId;
			expect((await w.call('POST', `/instances/${pending}/cancel`, { folder: w.fin, body: {} })).status).toBe(400);
			const paused2 = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			w.maestro.setInstanceState(paused2, 'Paused');
			expect((await w.call('POST', `/instances/${paused2}/cancel`, { folder: w.fin, body: {} })).body.status).toBe('Canceling');
		}));

	test('operations: the request body, folder and method', () =>
		withWorld(async (w) => {
			const id = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			const url = `/instances/${id}/pause`;
			const noJson = await w.call('POST', url, { folder: w.fin, headers: { 'content-type': 'text/plain' }, body: undefined });
			expect(noJson.status).toBe(415);
			expect((await w.call('POST', url, { folder: w.fin, headers: { 'content-type': 'application/json' } })).status).toBe(400);
			expect((await w.call('POST', url, { folder: w.fin, body: [] })).status).toBe(400);
			const extra = await w.call('POST', url, { folder: w.fin, body: { comment: 'x', reason: 'y' } });
			expect([extra.status, Object.keys(extra.body.errors)]).toEqual([400, ['reason']]);
			expect((await w.call('POST', url, { folder: w.fin, body: { comment: 5 } })).status).toBe(400);
			expect((await w.call('POST', url, { body: {} })).body.type).toBe('PIMS-150001');
			expect((await w.call('POST', url, { folder: w.shared, body: {} })).status).toBe(404);
			expect((await w.call('GET', url, { folder: w.fin })).status).toBe(405);
			expect(w.maestro.instance(id)!.latestRunStatus).toBe('Running');
			expect((await w.call('POST', url, { folder: w.fin, body: {} })).status).toBe(200);
		}));

	test('retry: a faulted instance runs again in a new run, and its incidents close', () =>
		withWorld(async (w) => {
			const id = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			w.sim.clock.advance(5000);
			w.maestro.setInstanceState(id, 'Faulted', { incident: { errorCode: 'E1', errorMessage: 'Selector not found' } });
			const before = w.maestro.instance(id)!;
			expect([before.completedTimeUtc, before.instanceRuns[0].status]).toEqual(['2026-01-01T12:00:05Z', 'Faulted']);
			const retried = await w.call('POST', `/instances/${id}/retry`, { folder: w.fin, body: { comment: 'flaky' } });
			expect(retried.body).toEqual({ instanceId: id, status: 'Retrying' });
			w.sim.clock.advance(1000);
			const after = (await w.call('GET', `/instances/${id}`, { folder: w.fin })).body;
			expect(after.latestRunStatus).toBe('Running');
			expect(after.completedTimeUtc).toBeNull();
			expect(after.instanceRuns.map((r: Row) => r.status)).toEqual(['Faulted', 'Running']);
			expect(after.latestRunId).toBe(after.instanceRuns[1].runId);
			expect(after.latestRunId).not.toBe(before.latestRunId);
			const incidents = (await w.call('GET', `/instances/${id}/incidents`, { folder: w.fin })).body;
			expect(incidents.map((i: Row) => i.incidentStatus)).toEqual(['Closed']);
		}));

	test('incidents: of an instance, of a process (folder-scoped), and the open-incident summary', () =>
		withWorld(async (w) => {
			const start = (seconds: number) => w.maestro.startInstance({ processKey: w.invoices.processKey, startedAt: at(seconds) }).instanceId;
			const [a, b, c] = [start(0), start(1), start(2)];
			const same = { errorCode: 'E1', errorMessage: 'Selector not found' };
			w.maestro.setInstanceState(a, 'Faulted', { at: at(10), incident: { ...same, errorDetails: 'at Book invoice' } });
			w.maestro.setInstanceState(b, 'Faulted', { at: at(20), incident: same });
			w.maestro.setInstanceState(c, 'Faulted', { at: at(30), incident: { errorCode: 'E2', errorMessage: 'Timeout', incidentSeverity: 'Warning', incidentType: 'User' } });
			const o = w.maestro.startInstance({ processKey: w.onboarding.processKey }).instanceId;
			w.maestro.addIncident(o, { errorCode: 'E9', errorMessage: 'No mailbox', at: at(40) });

			const ofA = await w.call('GET', `/instances/${a}/incidents`, { folder: w.fin });
			expect(ofA.status).toBe(200);
			expect(ofA.body).toEqual([{
				instanceId: a, elementId: 'Activity_1', folderKey: w.fin, processKey: w.release.Key, incidentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				incidentStatus: 'Open', incidentType: 'System', errorCode: 'E1', errorMessage: 'Selector not found', errorTimeUtc: '2026-01-01T12:00:10Z',
				errorDetails: 'at Book invoice', debugMode: 'None', incidentSeverity: 'Error',
			}]);
			const ofProcess = await w.call('GET', `/incidents/process/${w.release.Key}`, { folder: w.fin });
			expect(ofProcess.body.map((i: Row) => [i.instanceId, i.errorCode])).toEqual([[a, 'E1'], [b, 'E1'], [c, 'E2']]);
			expect(ofProcess.body[2]).toMatchObject({ incidentSeverity: 'Warning', incidentType: 'User' });
			expect((await w.call('GET', `/incidents/process/${w.release.Key}`)).body.type).toBe('PIMS-150001');
			expect((await w.call('GET', `/incidents/process/${w.release.Key}`, { folder: w.shared })).status).toBe(404);
			expect((await w.call('GET', '/incidents/process/NoSuchProcess', { folder: w.fin })).status).toBe(404);

			const summary = await w.call('GET', '/incidents/summary');
			expect(summary.status).toBe(200);
			expect(summary.body).toEqual([
				{ count: 2, errorMessage: 'Selector not found', errorCode: 'E1', firstTimeUtc: '2026-01-01T12:00:10Z', processKey: w.release.Key },
				{ count: 1, errorMessage: 'Timeout', errorCode: 'E2', firstTimeUtc: '2026-01-01T12:00:30Z', processKey: w.release.Key },
				{ count: 1, errorMessage: 'No mailbox', errorCode: 'E9', firstTimeUtc: '2026-01-01T12:00:40Z', processKey: w.onboarding.processKey },
			]);
			expect((await w.call('GET', '/incidents/summary', { folder: w.shared })).body.map((g: Row) => g.errorCode)).toEqual(['E9']);
			await w.call('POST', `/instances/${a}/cancel`, { folder: w.fin, body: {} });
			const later = await w.call('GET', '/incidents/summary');
			expect(later.body[0]).toMatchObject({ errorCode: 'E1', count: 1, firstTimeUtc: '2026-01-01T12:00:20Z' });
			expect((await w.call('GET', '/incidents/summary?processKey=x')).status).toBe(400);
		}));

	test('authorization: no token 401, a token without PIMS 403, the default token holds PIMS', () =>
		withWorld(async (w) => {
			const noToken = await request(`${w.sim.url}/${w.sim.organization}/${w.sim.tenant}/pims_/api/v1/instances`);
			expect(noToken.status).toBe(401);
			const jobsOnly = w.sim.issueToken({ scopes: ['OR.Jobs'] });
			const forbidden = await w.call('GET', '/instances', { token: jobsOnly });
			expect([forbidden.status, forbidden.body.status, forbidden.body.title]).toEqual([403, 403, 'Forbidden: this request needs the scope PIMS.']);
			expect((await w.call('GET', '/processes/summary', { token: jobsOnly })).status).toBe(403);
			expect((await w.call('GET', '/instances', { token: w.sim.issueToken({ scopes: ['PIMS'] }) })).status).toBe(200);
			expect((await w.call('GET', '/instances')).status).toBe(200);
			const noRoute = await w.call('GET', '/instances/x/y/z');
			expect([noRoute.status, noRoute.body.status]).toEqual([404, 404]);
		}));

	test('a job Orchestrator starts for a Maestro release is an instance (id = job Key); other releases start none', () =>
		withWorld(async (w) => {
			// addProcess({ releaseId }) made the seeded release a Maestro process: its ProcessType says so
			const releases = await w.api('GET', `/odata/Releases?$filter=Key eq '${w.release.Key}'&$select=Key,ProcessType`);
			expect(releases.body.value).toEqual([{ Key: w.release.Key, ProcessType: 'ProcessOrchestration' }]);
			const agentic = w.sim.addRelease({ folderId: w.finance.Id, name: 'Claims_Case', processType: 'CaseManagement' });
			const start = (key: string) => w.api('POST', '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', { body: { startInfo: { ReleaseKey: key, Strategy: 'ModernJobsCount', JobsCount: 2 } } });
			const started = await start(w.release.Key);
			expect(started.status).toBe(201);
			expect(started.body.value.map((j: Row) => j.ProcessType)).toEqual(['ProcessOrchestration', 'ProcessOrchestration']);
			for (const job of started.body.value) {
				const inst = await w.call('GET', `/instances/${job.Key}`, { folder: w.fin });
				expect([inst.status, inst.body.processKey, inst.body.latestRunStatus, inst.body.folderKey]).toEqual([200, w.release.Key, 'Running', w.fin]);
			}
			const cases = await start(agentic.Key);
			expect((await w.call('GET', `/instances?processType=CaseManagement`)).body.instances.map((i: Row) => i.instanceId)).toEqual([cases.body.value[1].Key, cases.body.value[0].Key].sort((a, b) => (a < b ? 1 : -1)));
			const rpa = await start(w.faulty.Key);
			expect(rpa.body.value.map((j: Row) => j.ProcessType)).toEqual(['Process', 'Process']);
			expect(w.maestro.instance(rpa.body.value[0].Key)).toBeUndefined();
			expect(() => w.sim.addRelease({ folderId: w.finance.Id, name: 'X', processType: 'Robot' })).toThrow(/processType must be one of/);
			expect(() => w.maestro.addProcess({ releaseId: agentic.Id })).toThrow(/exists|already/);
		}));

	test('an instance of a process seeded with autoEnd ends by itself on the simulator clock', () =>
		withWorld(async (w) => {
			const auto = w.sim.addRelease({ folderId: w.finance.Id, name: 'Auto', processType: 'ProcessOrchestration', maestroAutoEnd: { afterMs: 5_000 } });
			const started = await w.api('POST', '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', { body: { startInfo: { ReleaseKey: auto.Key, Strategy: 'ModernJobsCount', JobsCount: 1 } } });
			const key = started.body.value[0].Key;
			const read = async () => (await w.call('GET', `/instances/${key}`, { folder: w.fin })).body;
			expect((await read()).latestRunStatus).toBe('Running');
			w.sim.clock.advance(4_999);
			expect((await read()).latestRunStatus).toBe('Running');
			w.sim.clock.advance(1);
			expect(await read()).toMatchObject({ latestRunStatus: 'Completed', completedTimeUtc: expect.stringMatching(/Z$/) });
			expect(() => w.maestro.addProcess({ folderId: w.finance.Id, packageId: 'Bad', autoEnd: { afterMs: 1, state: 'Faulted' } })).toThrow(/autoEnd/);
		}));

	test('seed helpers refuse inconsistent seeds', () =>
		withWorld(async (w) => {
			expect(() => w.maestro.startInstance({ processKey: 'missing' })).toThrow(/no process/);
			expect(() => w.maestro.startInstance({ processKey: w.invoices.processKey, variables: { nope: 1 } })).toThrow(/not declared/);
			expect(() => w.maestro.startInstance({ processKey: w.invoices.processKey, folderKey: w.shared })).toThrow(/is in folder/);
			expect(() => w.maestro.startInstance({ processKey: w.onboarding.processKey, packageVersion: '9.9.9' })).toThrow(/not deployed/);
			const id = w.maestro.startInstance({ processKey: w.invoices.processKey }).instanceId;
			expect(() => w.maestro.setInstanceState(id, 'Done')).toThrow(/unknown state/);
			expect(() => w.maestro.addIncident(id, { incidentSeverity: 'Fatal' })).toThrow(/enum/);
			expect(() => w.maestro.addProcess({ releaseId: w.release.Id })).toThrow(/exists/);
			const job = w.maestro.startInstance({ processKey: w.invoices.processKey, instanceId: 'AAAAAAAA-0000-4000-8000-000000000001' });
			expect(job.instanceId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
		}));
});
