// The UiPath Webhook Trigger through n8n-core's HookContext and WebhookContext, with the simulator delivering
// signed events over HTTP to a loopback stand-in for n8n's webhook endpoint.
import { createHmac, randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IConnections, type INodeType } from 'n8n-workflow';

import { PACKAGE_ROOT, type EngineHarness } from '../harness/engine';
import { WebhookTriggerHarness } from '../harness/webhook';
import { APP, cloudCredential, setUp, type UiSim } from './uiPath.helpers';

const WEBHOOK_APP = { clientId: 'n8n-webhooks', clientSecret: 'hook-secret-456', scopes: [...APP.scopes, 'OR.Webhooks'] };

type Delivery = { type: string; status?: number; eventId: string; body: string; changeAt: number };

describe('UiPath Webhook Trigger', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let trigger: WebhookTriggerHarness;

	const spec = (parameters: Record<string, unknown> = {}, credential = 'hooks') => ({
		type: 'uiPathWebhookTrigger',
		name: 'UiPath Webhook Trigger',
		parameters: { authentication: 'uiPathCloudOAuthApi', events: ['job.completed', 'job.faulted'], ...parameters } as never,
		credentials: { uiPathCloudOAuthApi: credential },
	});
	const open = async (parameters: Record<string, unknown> = {}, mode: 'trigger' | 'manual' = 'trigger', credential = 'hooks') => {
		const t = new WebhookTriggerHarness(harness, spec(parameters, credential), mode);
		await t.listen();
		return t;
	};
	const release = (name = 'Invoices', extra: Record<string, unknown> = {}) =>
		sim.addRelease({ folderId: shared.Id, name, queueDelayMs: 20, durationMs: 60, outputArguments: { total: 3 }, ...extra });
	const startJob = (releaseKey: string, folderId = shared.Id) =>
		fetch(`${sim.baseUrl('cloud')}/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json', 'X-UIPATH-OrganizationUnitId': String(folderId) },
			body: JSON.stringify({ startInfo: { ReleaseKey: releaseKey, Strategy: 'ModernJobsCount', JobsCount: 1, InputArguments: '{"invoice":7}' } }),
		});
	const deliveries = (): Delivery[] => sim.webhooks.deliveries.filter((d: Delivery) => d.type !== 'ping');
	const waitFor = (count: number, type?: string) => sim.webhooks.waitForDeliveries(count, (d: Delivery) => (type ? d.type === type : d.type !== 'ping'));
	/** A job.completed event as Orchestrator sends it, signed with `secret` (the subscription's unless given). */
	const signed = (t: WebhookTriggerHarness, event: Record<string, unknown> = {}, secret?: string) => {
		const body = JSON.stringify({ Type: 'job.completed', EventId: randomUUID(), Timestamp: new Date().toISOString(), OrganizationUnitId: shared.Id, Job: { Id: 1, State: 'Successful' }, ...event });
		const key = secret ?? sim.webhooks.subscriptions.find((sub: { Url: string }) => sub.Url === t.webhookUrl).Secret;
		return { body, signature: createHmac('sha256', key).update(body).digest('base64') };
	};
	const post = async (t: WebhookTriggerHarness, d: { body: string; signature: string }) => {
		const res = await fetch(t.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': d.signature }, body: d.body });
		return { status: res.status, body: (await res.json()) as { message: string } };
	};

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		sim.addExternalApp(WEBHOOK_APP);
		sim.addRobot({ folderId: shared.Id, name: 'Robot1' });
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: WEBHOOK_APP.clientId, clientSecret: WEBHOOK_APP.clientSecret, scopes: WEBHOOK_APP.scopes.join(' ') }), 'hooks');
	});
	afterEach(async () => {
		await sim.webhooks.settle();
		await trigger?.close();
		await sim.close();
	});

	it('publishing subscribes once with its URL, a fresh secret and the chosen events; a restart keeps that one', async () => {
		trigger = await open();
		expect(await trigger.activate()).toEqual({ created: true });
		const [sub] = sim.webhooks.subscriptions;
		expect(sim.webhooks.subscriptions).toHaveLength(1);
		expect(sub).toMatchObject({ Url: trigger.webhookUrl, Enabled: true, SubscribeToAllEvents: false, AllowInsecureSsl: false });
		expect(sub.Events.map((e: { EventType: string }) => e.EventType).sort()).toEqual(['job.completed', 'job.faulted']);
		expect(sub.Secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(trigger.staticData).toMatchObject({ 'node:UiPath Webhook Trigger': { webhookId: sub.Id, url: trigger.webhookUrl } });
		expect(JSON.stringify(trigger.staticData)).not.toContain(sub.Secret);

		// n8n restarts: checkExists finds the subscription, so nothing new is created.
		expect(await trigger.activate()).toEqual({ created: false });
		expect(sim.webhooks.subscriptions.map((s: { Id: number }) => s.Id)).toEqual([sub.Id]);
	});

	it('publishing also removes the subscriptions durable waits left past their deadline (cancelled or deleted executions), and only those', async () => {
		const subscribe = async (name: string) => {
			const res = await fetch(`${sim.baseUrl('cloud')}/odata/Webhooks`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sim.issueToken({ scopes: WEBHOOK_APP.scopes })}`, 'content-type': 'application/json' },
				body: JSON.stringify({ Name: name, Url: 'http://127.0.0.1:9/webhook-waiting/1', Enabled: true, Secret: 's', SubscribeToAllEvents: false, AllowInsecureSsl: false, Events: [{ EventType: 'job.completed' }] }),
			});
			expect(res.status).toBe(201);
		};
		const live = `n8n durable wait · until ${new Date(Date.now() + 3_600_000).toISOString()} · execution 2`;
		await subscribe('n8n durable wait · until 2026-01-01T00:00:00.000Z · execution 1');
		await subscribe(live);
		trigger = await open();
		await trigger.activate();
		const names = sim.webhooks.subscriptions.map((sub: { Name: string }) => sub.Name);
		expect(names).toHaveLength(2);
		expect(names).toContain(live);
		expect(names.filter((name: string) => name.startsWith('n8n: '))).toHaveLength(1);
	});

	it('a finished job starts one execution within a second, with its arguments as objects and the event around it', async () => {
		trigger = await open();
		await trigger.activate();
		const r = release();
		expect((await startJob(r.Key)).status).toBe(201);
		const [delivery] = await waitFor(1);
		expect(delivery).toMatchObject({ type: 'job.completed', status: 200 });
		expect(trigger.executions).toHaveLength(1);
		const [item] = trigger.executions[0].items!;
		expect(item.json).toMatchObject({
			State: 'Successful',
			OutputArguments: { total: 3 },
			Release: { Name: 'Invoices' },
			Event: { Type: 'job.completed', EventId: delivery.eventId, FolderId: shared.Id, FolderKey: shared.Key },
		});
		expect(trigger.executions[0].receivedAt - delivery.changeAt).toBeLessThan(1000);
		// Only the chosen events are delivered: no job.created or job.started reached n8n.
		expect(deliveries().map((d) => d.type)).toEqual(['job.completed']);
	});

	it('forged, unsigned and stale deliveries get 401 and start nothing; a duplicate starts nothing twice', async () => {
		trigger = await open();
		await trigger.activate();
		const r = release();
		for (const kind of ['wrongSignature', 'unsigned', 'late', 'duplicate']) sim.webhooks.addFault({ kind, type: 'job.completed', ...(kind === 'duplicate' ? { gapMs: 50 } : {}) });
		for (let i = 0; i < 4; i++) await startJob(r.Key);
		const answered = await waitFor(5);
		const byFault = (fault: string) => answered.filter((d: Delivery & { fault?: string }) => d.fault === fault).map((d) => d.status);
		expect(byFault('wrongSignature')).toEqual([401]);
		expect(byFault('unsigned')).toEqual([401]);
		expect(byFault('late')).toEqual([401]);
		expect(byFault('duplicate')).toEqual([200, 200]);
		const duplicates = answered.filter((d: Delivery & { fault?: string }) => d.fault === 'duplicate');
		expect(duplicates[0].eventId).toBe(duplicates[1].eventId);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items![0].json.Event).toMatchObject({ EventId: duplicates[0].eventId });
		const refusals = trigger.calls.filter((c) => c.status === 401).map((c) => (c.body as { message: string }).message);
		expect(refusals.sort()).toEqual(['Invalid X-UiPath-Signature', 'Missing X-UiPath-Signature header', expect.stringMatching(/^Stale delivery/)]);
	});

	it('accepts the sha256= form of the signature, and refuses a body changed after signing', async () => {
		trigger = await open();
		await trigger.activate();
		const { Secret } = sim.webhooks.subscriptions[0];
		const body = JSON.stringify({ Type: 'job.faulted', EventId: 'evt-1', Timestamp: new Date().toISOString(), OrganizationUnitId: shared.Id, Job: { Id: 9, State: 'Faulted' } });
		const signature = createHmac('sha256', Secret).update(body).digest('base64');
		const post = (text: string, sig: string) => fetch(trigger.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': sig }, body: text });
		expect((await post(body.replace('"Id":9', '"Id":10'), signature)).status).toBe(401);
		expect((await post(body, `sha256=${signature}`)).status).toBe(200);
		expect(trigger.executions.map((e) => e.items![0].json.Id)).toEqual([9]);
	});

	it('a delivery seen before a restart starts nothing after it: the recent ids are in the static data', async () => {
		trigger = await open();
		await trigger.activate();
		await startJob(release().Key);
		const [delivery] = await waitFor(1);
		expect(trigger.executions).toHaveLength(1);
		const node = trigger.staticData['node:UiPath Webhook Trigger'] as { deliveries: { ids: Record<string, number> } };
		expect(Object.keys(node.deliveries.ids)).toEqual([delivery.eventId]);
		// A new process: nothing in memory (the node's module is loaded afresh), only the saved static data.
		const restarted = await trigger.restart();
		const signature = createHmac('sha256', sim.webhooks.subscriptions[0].Secret).update(delivery.body).digest('base64');
		const replay = await fetch(restarted.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uipath-signature': signature }, body: delivery.body });
		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual({ message: 'Delivery already received' });
		expect(restarted.executions).toHaveLength(0);
		await restarted.close();
	});

	it('keeps no secret where readers of the workflow see it: signing with what the static data holds fails; each publish rotates it', async () => {
		trigger = await open();
		await trigger.activate();
		const { Secret } = sim.webhooks.subscriptions[0];
		expect(JSON.stringify(trigger.staticData)).not.toContain(Secret);
		// Everything a reader of the workflow has (its static data, the workflow, node and webhook ids), as the key
		// itself and as HMAC-SHA256 key and message in every pairing: none signs a delivery n8n accepts.
		const strings = (v: unknown): string[] =>
			typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
		const known = [...new Set([...strings(trigger.staticData), 'harness-workflow', trigger.node.id, trigger.node.webhookId!])];
		const keys = [...known, ...known.flatMap((k) => known.map((m) => createHmac('sha256', k).update(m).digest('base64')))];
		const forged = await Promise.all(keys.map((key) => post(trigger, signed(trigger, {}, key))));
		expect(forged.map((r) => r.status)).toEqual(keys.map(() => 401));
		expect(trigger.executions).toHaveLength(0);
		expect((await post(trigger, signed(trigger))).status).toBe(200);
		// Unpublish and publish: a new subscription with a new secret, without the user choosing one.
		await trigger.deactivate();
		await trigger.activate();
		expect(sim.webhooks.subscriptions).toHaveLength(1);
		expect(sim.webhooks.subscriptions[0].Secret).not.toBe(Secret);
		expect((await post(trigger, signed(trigger, {}, Secret))).status).toBe(401);
		expect((await post(trigger, signed(trigger))).status).toBe(200);
	});

	it('after the credential\'s secret is edited, deliveries are refused with the fix, and the next activation subscribes again', async () => {
		trigger = await open();
		await trigger.activate();
		const before = sim.webhooks.subscriptions[0];
		sim.addExternalApp({ ...WEBHOOK_APP, clientSecret: 'rotated-789' });
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: WEBHOOK_APP.clientId, clientSecret: 'rotated-789', scopes: WEBHOOK_APP.scopes.join(' ') }), 'hooks');
		const refused = await post(trigger, signed(trigger));
		expect(refused).toEqual({ status: 401, body: { message: expect.stringContaining('unpublish and publish the workflow') } });
		expect(trigger.executions).toHaveLength(0);
		// A restart or a publish runs checkExists: it sees the changed credential and makes a new subscription.
		expect(await trigger.activate()).toEqual({ created: true });
		expect(sim.webhooks.subscriptions.map((sub: { Id: number }) => sub.Id)).not.toContain(before.Id);
		expect((await post(trigger, signed(trigger))).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('a Max Delivery Age given as text, a negative or an empty value fails the delivery naming it; only the number 0 accepts any age', async () => {
		const old = { Timestamp: '2021-03-01T10:00:00.000Z' };
		for (const maxAgeSeconds of ['={{ "five minutes" }}', '={{ -5 }}', -5, '', '={{ "0" }}', '={{ NaN }}']) {
			const t = await open({ options: { maxAgeSeconds } });
			await t.activate();
			for (const delivery of [signed(t, old), signed(t)]) {
				const answer = await post(t, delivery);
				expect({ maxAgeSeconds, answer }).toEqual({ maxAgeSeconds, answer: { status: 500, body: { message: expect.stringContaining('Max Delivery Age (Options) must be a number of seconds') } } });
			}
			expect(t.executions).toHaveLength(0);
			await t.deactivate();
			await t.close();
		}
		trigger = await open({ options: { maxAgeSeconds: 0 } });
		await trigger.activate();
		expect((await post(trigger, signed(trigger, old))).status).toBe(200);
		await trigger.deactivate();
		await trigger.close();
		trigger = await open({ options: { maxAgeSeconds: '={{ "600" }}' } });
		await trigger.activate();
		expect((await post(trigger, signed(trigger, old))).status).toBe(401);
		expect((await post(trigger, signed(trigger, { Timestamp: new Date(Date.now() - 500_000).toISOString() }))).status).toBe(200);
	});

	it('remembers every id inside the age window, past 1,000: replaying 1,100 deliveries of the last minutes starts nothing', async () => {
		trigger = await open();
		await trigger.activate();
		const sent = Array.from({ length: 1100 }, () => signed(trigger));
		for (let i = 0; i < sent.length; i += 50) await Promise.all(sent.slice(i, i + 50).map((d) => post(trigger, d)));
		expect(trigger.executions).toHaveLength(1100);
		const replays = [];
		for (let i = 0; i < sent.length; i += 50) replays.push(...(await Promise.all(sent.slice(i, i + 50).map((d) => post(trigger, d)))));
		expect(replays.filter((r) => r.body.message !== 'Delivery already received')).toEqual([]);
		expect(trigger.executions).toHaveLength(1100);
	});

	it('a burst of 200 concurrent deliveries loses no id: after a restart, replaying all 200 starts nothing', async () => {
		trigger = await open();
		await trigger.activate();
		const burst = Array.from({ length: 200 }, () => signed(trigger));
		const answers = await Promise.all(burst.map((d) => post(trigger, d)));
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		expect(trigger.executions).toHaveLength(200);
		const restarted = await trigger.restart();
		const replays = await Promise.all(burst.map((d) => post(restarted, d)));
		expect(replays.filter((r) => r.body.message !== 'Delivery already received')).toEqual([]);
		expect(restarted.executions).toHaveLength(0);
		await restarted.close();
	});

	it('past 10,000 ids inside the window it refuses what it can no longer vouch for, instead of forgetting it', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { recordDelivery, MAX_REMEMBERED } = require(`${PACKAGE_ROOT}/dist/nodes/UiPathWebhookTrigger/seenIds.js`) as typeof import('../../nodes/UiPathWebhookTrigger/seenIds');
		const data = {};
		const t0 = Date.parse('2021-01-01T00:00:00Z');
		const at = (i: number) => ({ now: t0 + i, maxAgeMs: 0 });
		for (let i = 0; i <= MAX_REMEMBERED; i++) expect(recordDelivery('cap', data, { eventId: `e${i}`, sentAt: t0 + i }, at(i))).toBe('first');
		expect(recordDelivery('cap', data, { eventId: 'e0', sentAt: t0 }, at(MAX_REMEMBERED))).toBe('tooOld');
		expect(recordDelivery('cap', data, { eventId: 'late', sentAt: t0 + 5 }, at(MAX_REMEMBERED))).toBe('tooOld');
		expect(recordDelivery('cap', data, { eventId: `e${MAX_REMEMBERED}`, sentAt: t0 + MAX_REMEMBERED }, at(MAX_REMEMBERED))).toBe('again');
		expect(recordDelivery('cap', data, { eventId: 'next', sentAt: t0 + MAX_REMEMBERED + 1 }, at(MAX_REMEMBERED + 1))).toBe('first');
		expect(Object.keys((data as { deliveries: { ids: object } }).deliveries.ids).length).toBeLessThanOrEqual(MAX_REMEMBERED);
	});

	it('unpublishing deletes exactly its subscription, also after a restart', async () => {
		trigger = await open({}, 'manual');
		const other = trigger;
		await other.activate();
		trigger = await open();
		await trigger.activate();
		expect(sim.webhooks.subscriptions).toHaveLength(2);
		// A restart: a new process with only the saved static data.
		const restarted = new WebhookTriggerHarness(harness, spec(), 'trigger');
		restarted.staticData = trigger.staticData;
		await restarted.deactivate();
		expect(sim.webhooks.subscriptions.map((s: { Url: string }) => s.Url)).toEqual([other.webhookUrl]);
		expect(restarted.staticData).toEqual({ 'node:UiPath Webhook Trigger': {} });
		await other.deactivate();
		await other.close();
		await trigger.close();
		expect(sim.webhooks.subscriptions).toHaveLength(0);
	});

	it('replaces a subscription Orchestrator lost or n8n no longer knows the secret of', async () => {
		trigger = await open();
		await trigger.activate();
		const first = sim.webhooks.subscriptions[0].Id;
		await fetch(`${sim.baseUrl('cloud')}/odata/Webhooks(${first})`, { method: 'DELETE', headers: { authorization: `Bearer ${sim.issueToken()}` } });
		expect(await trigger.activate()).toEqual({ created: true });
		const second = sim.webhooks.subscriptions[0].Id;
		expect(second).not.toBe(first);
		// The static data is gone (an imported workflow): the old subscription to the same URL is removed, not doubled.
		trigger.staticData = {};
		await trigger.activate();
		expect(sim.webhooks.subscriptions).toHaveLength(1);
		expect(sim.webhooks.subscriptions[0].Id).not.toBe(second);
	});

	it('filters by folder and process, and gives queue items with their content and queue', async () => {
		const finance = sim.addFolder({ displayName: 'Finance' });
		sim.addRobot({ folderId: finance.Id, name: 'Robot2' });
		trigger = await open({
			events: ['job.completed', 'queueItem.transactionCompleted'],
			filters: { folder: { __rl: true, mode: 'path', value: 'Finance' }, processName: 'Payroll', queueName: 'Invoices' },
		});
		await trigger.activate();
		const payroll = sim.addRelease({ folderId: finance.Id, name: 'Payroll', queueDelayMs: 20, durationMs: 40 });
		const elsewhere = release('Payroll');
		const other = sim.addRelease({ folderId: finance.Id, name: 'Other', queueDelayMs: 20, durationMs: 40 });
		sim.addQueue({ folderId: finance.Id, name: 'Invoices', autoProcess: { startAfterMs: 20, durationMs: 40, output: { paid: true } } });
		sim.addQueue({ folderId: finance.Id, name: 'Refunds', autoProcess: { startAfterMs: 20, durationMs: 40 } });
		await startJob(payroll.Key, finance.Id);
		await startJob(elsewhere.Key);
		await startJob(other.Key, finance.Id);
		for (const queue of ['Invoices', 'Refunds']) {
			await fetch(`${sim.baseUrl('cloud')}/odata/Queues/UiPathODataSvc.AddQueueItem`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json', 'X-UIPATH-OrganizationUnitId': String(finance.Id) },
				body: JSON.stringify({ itemData: { Name: queue, SpecificContent: { invoice: 'A-1' } } }),
			});
		}
		await waitFor(5);
		const items = trigger.executions.map((e) => e.items![0].json);
		expect(items.map((i) => i.Event && (i.Event as { Type: string }).Type).sort()).toEqual(['job.completed', 'queueItem.transactionCompleted']);
		const job = items.find((i) => (i.Event as { Type: string }).Type === 'job.completed')!;
		expect(job).toMatchObject({ Release: { Name: 'Payroll' }, Event: { FolderId: finance.Id } });
		const queueItem = items.find((i) => (i.Event as { Type: string }).Type !== 'job.completed')!;
		expect(queueItem).toMatchObject({ Status: 'Successful', SpecificContent: { invoice: 'A-1' }, Output: { paid: true }, Queue: { Name: 'Invoices' } });
	});

	it('a robot status event gives one item per session, with the event around it', async () => {
		trigger = await open({ events: ['robot.status'] });
		await trigger.activate();
		const { Id } = sim.webhooks.subscriptions[0];
		const sent = sim.webhooks.deliver(Id, {
			Type: 'robot.status',
			OrganizationUnitId: shared.Id,
			Sessions: [
				{ RobotId: 1, HostMachineName: 'HOST-1', State: 'Disconnected' },
				{ RobotId: 2, HostMachineName: 'HOST-2', State: 'Available' },
			],
		});
		await waitFor(1, 'robot.status');
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0].items!.map((i) => i.json)).toEqual([
			expect.objectContaining({ RobotId: 1, State: 'Disconnected', Event: expect.objectContaining({ Type: 'robot.status', EventId: sent.EventId, FolderId: shared.Id }) }),
			expect.objectContaining({ RobotId: 2, State: 'Available' }),
		]);
	});

	it('listening in the editor uses the test URL and works the same way', async () => {
		trigger = await open({}, 'manual');
		await trigger.activate();
		expect(sim.webhooks.subscriptions[0].Url).toBe(trigger.webhookUrl);
		expect(trigger.webhookUrl).toContain('/webhook-test/');
		const r = release('Faulty', { outcome: 'Faulted' });
		await startJob(r.Key);
		await waitFor(1);
		expect(trigger.executions.map((e) => e.items![0].json.State)).toEqual(['Faulted']);
	});

	it('names the missing scope when the credential may not manage webhooks', async () => {
		trigger = await open({}, 'trigger', 'cloud');
		await expect(trigger.activate()).rejects.toMatchObject({ message: expect.stringContaining('403'), description: expect.stringContaining('OR.Webhooks') });
		expect(sim.webhooks.subscriptions).toHaveLength(0);
	});

	it('offers the server\'s event types, with readable names for the known ones', async () => {
		const node = harness.toNode(spec());
		const workflow = new Workflow({ id: 'w', nodes: [node], connections: {} as IConnections, nodeTypes: harness.nodeTypes, active: false });
		const context = new LoadOptionsContext(workflow, node, harness.additionalData(), 'parameters');
		const type = harness.nodeTypes.getByNameAndVersion(node.type) as INodeType;
		const options = await type.methods!.loadOptions!.getEventTypes.call(context);
		expect(options).toHaveLength(sim.webhooks.eventTypes.length);
		expect(options).toContainEqual(expect.objectContaining({ name: 'Job Completed', value: 'job.completed' }));
		expect(options).toContainEqual({ name: 'schedule.failed', value: 'schedule.failed' });
	});
});
