// The UiPath simulator's webhooks: subscriptions as the OpenAPI document describes them, and signed deliveries.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startUiPathSimulator } = require('./uipath.js');

type Received = { headers: http.IncomingHttpHeaders; body: string; json: Record<string, any> };

describe('UiPath simulator webhooks', () => {
	let sim: any;
	let receiver: http.Server;
	let received: Received[];
	let answer: number;
	let hookUrl: string;
	let folder: { Id: number; Key: string };

	const api = (path: string, init: { method?: string; body?: unknown; scopes?: string[]; folderId?: number } = {}) =>
		fetch(`${sim.baseUrl('cloud')}${path}`, {
			method: init.method ?? 'GET',
			headers: {
				authorization: `Bearer ${sim.issueToken(init.scopes ? { scopes: init.scopes } : {})}`,
				'content-type': 'application/json',
				...(init.folderId ? { 'X-UIPATH-OrganizationUnitId': String(init.folderId) } : {}),
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
	const subscribe = async (events: string[], extra: Record<string, unknown> = {}) => {
		const res = await api('/odata/Webhooks', {
			method: 'POST',
			body: { Name: 'n8n', Url: hookUrl, Enabled: true, Secret: 'top-secret', SubscribeToAllEvents: false, AllowInsecureSsl: false, Events: events.map((EventType) => ({ EventType })), ...extra },
		});
		return { status: res.status, body: (await res.json()) as Record<string, any> };
	};
	const startJob = async (releaseKey: string) =>
		api('/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', { method: 'POST', folderId: folder.Id, body: { startInfo: { ReleaseKey: releaseKey, Strategy: 'ModernJobsCount', JobsCount: 1 } } });
	const signed = (r: Received) => r.headers['x-uipath-signature'] === createHmac('sha256', 'top-secret').update(r.body).digest('base64');
	const events = () => received.filter((r) => r.json.Type !== 'ping');

	beforeEach(async () => {
		sim = await startUiPathSimulator();
		folder = sim.addFolder({ displayName: 'Shared' });
		sim.addRobot({ folderId: folder.Id, name: 'Robot1' });
		received = [];
		answer = 200;
		receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ headers: req.headers, body, json: JSON.parse(body) });
				res.writeHead(answer).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
	});
	afterEach(async () => {
		await sim.webhooks.settle();
		receiver.closeAllConnections();
		await new Promise((resolve) => receiver.close(resolve));
		await sim.close();
	});

	it('creates, lists, reads and deletes subscriptions, never reading the secret back', async () => {
		const created = await subscribe(['job.completed']);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ Id: expect.any(Number), Url: hookUrl, Events: [{ EventType: 'job.completed' }] });
		expect(created.body).not.toHaveProperty('Secret');
		const listed = (await (await api(`/odata/Webhooks?$filter=Url eq '${hookUrl}'`)).json()) as { value: unknown[] };
		expect(listed.value).toHaveLength(1);
		expect(((await (await api(`/odata/Webhooks?$filter=Url eq 'http://elsewhere/'`)).json()) as { value: unknown[] }).value).toHaveLength(0);
		expect((await api(`/odata/Webhooks(${created.body.Id})`)).status).toBe(200);
		expect((await api(`/odata/Webhooks(${created.body.Id})`, { method: 'DELETE' })).status).toBe(204);
		const gone = await api(`/odata/Webhooks(${created.body.Id})`);
		expect(gone.status).toBe(404);
		expect(await gone.json()).toMatchObject({ errorCode: 1002 });
		expect((await api(`/odata/Webhooks(${created.body.Id})`, { method: 'DELETE' })).status).toBe(404);
	});

	it('rejects bodies the OpenAPI document does not allow, unknown events, and tokens without OR.Webhooks', async () => {
		expect((await subscribe(['job.completed'], { Colour: 'red' })).status).toBe(400);
		expect((await subscribe(['job.completed'], { Name: 'x'.repeat(129) })).status).toBe(400);
		const unknown = await subscribe(['job.exploded']);
		expect(unknown).toMatchObject({ status: 400, body: { errorCode: 1000, message: expect.stringContaining('job.exploded') } });
		expect((await subscribe([], { Url: 'not a url' })).status).toBe(400);
		const noScope = await api('/odata/Webhooks', { scopes: ['OR.Jobs'] });
		expect(noScope.status).toBe(403);
		expect(await noScope.json()).toMatchObject({ message: expect.stringContaining('OR.Webhooks') });
		const types = (await (await api('/odata/Webhooks/UiPath.Server.Configuration.OData.GetEventTypes')).json()) as { value: Array<{ Name: string; Group: string }> };
		expect(types.value).toContainEqual({ Name: 'queueItem.transactionCompleted', Group: 'Queue Items' });
	});

	it('pings a new subscription, then delivers each subscribed state change once, signed, as its event DTO', async () => {
		const { body: sub } = await subscribe(['job.created', 'job.started', 'job.completed', 'queueItem.added', 'queueItem.transactionFailed']);
		const release = sim.addRelease({ folderId: folder.Id, name: 'Invoices', queueDelayMs: 20, durationMs: 40, outputArguments: { total: 3 } });
		sim.addQueue({ folderId: folder.Id, name: 'Q', autoProcess: { startAfterMs: 20, durationMs: 20, outcome: 'Failed' } });
		await startJob(release.Key);
		await api('/odata/Queues/UiPathODataSvc.AddQueueItem', { method: 'POST', folderId: folder.Id, body: { itemData: { Name: 'Q', SpecificContent: { a: 1 } } } });
		await sim.webhooks.waitForDeliveries(6);
		expect(received[0].json).toMatchObject({ Type: 'ping' });
		expect(received.every(signed)).toBe(true);
		expect(events().map((r) => r.json.Type).sort()).toEqual(['job.completed', 'job.created', 'job.started', 'queueItem.added', 'queueItem.transactionFailed']);
		const completed = events().find((r) => r.json.Type === 'job.completed')!.json;
		expect(completed).toMatchObject({ OrganizationUnitId: folder.Id, OrganizationUnitKey: folder.Key, Job: { State: 'Successful', OutputArguments: { total: 3 }, Release: { Name: 'Invoices' } } });
		expect(Date.parse(completed.Timestamp)).toBeGreaterThan(0);
		const failed = events().find((r) => r.json.Type === 'queueItem.transactionFailed')!.json;
		expect(failed).toMatchObject({ Queue: { Name: 'Q' }, QueueItem: { Status: 'Failed', SpecificContent: { a: 1 } } });
		expect(new Set(events().map((r) => r.json.EventId)).size).toBe(5);
		expect(sim.webhooks.deliveries.every((d: { webhookId: number; status: number }) => d.webhookId === sub.Id && d.status === 200)).toBe(true);
	});

	it('sends nothing for changes before the subscription or after its deletion, and never retries a failed delivery', async () => {
		const release = sim.addRelease({ folderId: folder.Id, name: 'Invoices', queueDelayMs: 10, durationMs: 10 });
		await startJob(release.Key);
		await new Promise((r) => setTimeout(r, 100));
		const { body: sub } = await subscribe(['job.completed']);
		answer = 500;
		await startJob(release.Key);
		await sim.webhooks.waitForDeliveries(1, (d: { type: string }) => d.type === 'job.completed');
		await new Promise((r) => setTimeout(r, 100));
		expect(events()).toHaveLength(1);
		expect(sim.webhooks.deliveries.filter((d: { type: string }) => d.type === 'job.completed').map((d: { status: number }) => d.status)).toEqual([500]);
		await api(`/odata/Webhooks(${sub.Id})`, { method: 'DELETE' });
		await startJob(release.Key);
		await new Promise((r) => setTimeout(r, 150));
		expect(events()).toHaveLength(1);
	});

	it('faults: a wrong signature, no signature, a duplicate and a late Timestamp', async () => {
		await subscribe(['job.completed']);
		const release = sim.addRelease({ folderId: folder.Id, name: 'Invoices', queueDelayMs: 10, durationMs: 10 });
		for (const kind of ['wrongSignature', 'unsigned', 'duplicate', 'late']) sim.webhooks.addFault({ kind, type: 'job.completed', ageMs: 3_600_000 });
		for (let i = 0; i < 4; i++) await startJob(release.Key);
		await sim.webhooks.waitForDeliveries(5, (d: { type: string }) => d.type === 'job.completed');
		const byFault: Record<string, Array<{ body: string; eventId: string }>> = {};
		for (const d of sim.webhooks.deliveries.filter((x: { type: string }) => x.type === 'job.completed')) (byFault[d.fault ?? 'none'] ??= []).push(d);
		const receivedBody = (body: string) => received.find((r) => r.body === body)!;
		expect(signed(receivedBody(byFault.wrongSignature[0].body))).toBe(false);
		expect(receivedBody(byFault.wrongSignature[0].body).headers['x-uipath-signature']).toBeDefined();
		expect(receivedBody(byFault.unsigned[0].body).headers['x-uipath-signature']).toBeUndefined();
		expect(byFault.duplicate.map((d) => d.eventId)).toEqual([byFault.duplicate[0].eventId, byFault.duplicate[0].eventId]);
		const late = receivedBody(byFault.late[0].body);
		expect(signed(late)).toBe(true);
		expect(Date.now() - Date.parse(late.json.Timestamp)).toBeGreaterThan(3_500_000);
	});

	it('delivers an event of any type on request (robots, processes), signed', async () => {
		const { body: sub } = await subscribe(['robot.status']);
		sim.webhooks.deliver(sub.Id, { Type: 'robot.status', Sessions: [{ RobotId: 1, State: 'Disconnected' }] });
		await sim.webhooks.waitForDeliveries(1, (d: { type: string }) => d.type === 'robot.status');
		expect(events()).toHaveLength(1);
		expect(signed(events()[0])).toBe(true);
		expect(events()[0].json).toMatchObject({ Type: 'robot.status', EventId: expect.any(String), Sessions: [{ State: 'Disconnected' }] });
	});
});
