// @ts-check
'use strict';
/**
 * Orchestrator webhooks for the UiPath simulator.
 *
 *   GET    /odata/Webhooks                 subscriptions (OData query options; the Secret is never read back)
 *   POST   /odata/Webhooks                 WebhookDto → 201; a signed `ping` follows at once, as Orchestrator sends
 *   GET    /odata/Webhooks({key})          404 errorCode 1002 when there is none
 *   DELETE /odata/Webhooks({key})          204
 *   GET    /odata/Webhooks/UiPath.Server.Configuration.OData.GetEventTypes
 *
 * Deliveries: every few milliseconds the module looks at the jobs and queue items; each state change that has
 * become visible since a subscription was made is POSTed to that subscription's Url (when it names the event), as
 * the event DTO of the OpenAPI document (validated against it), with `X-UiPath-Signature` =
 * base64(HMAC-SHA256(Secret, body)). Like Orchestrator, a failed delivery is not retried.
 *   jobs:        created (Pending) → job.created, Running → job.started, Successful → job.completed,
 *                Faulted → job.faulted, Stopping → job.stopping, Stopped → job.stopped
 *   queue items: created → queueItem.added, InProgress → queueItem.transactionStarted,
 *                Successful → queueItem.transactionCompleted, Failed → queueItem.transactionFailed,
 *                Abandoned → queueItem.transactionAbandoned
 * Faults for the next delivery (optionally of one event type): `wrongSignature`, `unsigned`, `duplicate` (the same
 * body and signature sent twice, `gapMs` apart), `late` (a correct signature over a Timestamp `ageMs` old).
 */
const crypto = require('node:crypto');
const { validateBody, BodyError, GUID } = require('./validate');
const { formatTime, msOf } = require('./time');

/** What GetEventTypes lists: the `x-webhook-event` names of the OpenAPI document, by group. */
const EVENT_TYPES = [
	...['created', 'started', 'completed', 'faulted', 'stopping', 'stopped', 'terminating', 'suspended', 'resumed'].map((e) => ({ Name: `job.${e}`, Group: 'Jobs' })),
	...['added', 'transactionStarted', 'transactionCompleted', 'transactionFailed', 'transactionAbandoned', 'deferred', 'retried', 'updated', 'deleted', 'reviewStatusChanged'].map((e) => ({ Name: `queueItem.${e}`, Group: 'Queue Items' })),
	...['created', 'updated', 'deleted'].map((e) => ({ Name: `queue.${e}`, Group: 'Queues' })),
	...['created', 'updated', 'deleted'].map((e) => ({ Name: `process.${e}`, Group: 'Processes' })),
	...['created', 'updated', 'deleted', 'status'].map((e) => ({ Name: `robot.${e}`, Group: 'Robots' })),
	{ Name: 'schedule.failed', Group: 'Schedules' },
];
const JOB_EVENTS = /** @type {Record<string, [string, string, 'Job' | 'Jobs']>} */ ({
	Pending: ['job.created', 'JobsCreatedEventDto', 'Jobs'],
	Running: ['job.started', 'JobStartedEventDto', 'Job'],
	Successful: ['job.completed', 'JobCompletedEventDto', 'Job'],
	Faulted: ['job.faulted', 'JobFaultedEventDto', 'Job'],
	Stopping: ['job.stopping', 'JobStoppingEventDto', 'Job'],
	Stopped: ['job.stopped', 'JobsStoppedEventDto', 'Jobs'],
});
const QUEUE_ITEM_EVENTS = /** @type {Record<string, [string, string, 'QueueItem' | 'QueueItems']>} */ ({
	New: ['queueItem.added', 'QueueItemAddedEventDto', 'QueueItems'],
	InProgress: ['queueItem.transactionStarted', 'QueueItemStartedEventDto', 'QueueItem'],
	Successful: ['queueItem.transactionCompleted', 'QueueItemCompletedEventDto', 'QueueItem'],
	Failed: ['queueItem.transactionFailed', 'QueueItemFailedEventDto', 'QueueItem'],
	Abandoned: ['queueItem.transactionAbandoned', 'QueueItemsAbandonedEventDto', 'QueueItems'],
});
const SCAN_MS = 5;
const TENANT_ID = 1;

/**
 * @typedef {{ kind: 'wrongSignature' | 'unsigned' | 'duplicate' | 'late', type?: string, gapMs?: number, ageMs?: number }} DeliveryFault
 * @typedef {{ webhookId: number, url: string, type: string, eventId: string, changeAt: number, sentAt: number,
 *   status?: number, answeredAt?: number, error?: string, fault?: string, body: string }} Delivery
 */

/**
 * @param {{ now: () => number, schemas: import('./odata').Schemas, apiError: (s: number, m: string, c: number) => Error,
 *   validated: (body: unknown, schema: string) => Record<string, any>, jsonBody: (req: any) => unknown,
 *   collection: Function, single: Function, keyOf: (raw: string) => number,
 *   jobs: Map<number, any>, queueItems: Map<number, any>, folders: Map<number, any>, queues: Map<number, any>,
 *   jobRow: (job: any, at: number) => any, queueItemRow: (item: any, at: number) => any, queueRow: (queue: any) => any }} deps
 */
function createWebhooks(deps) {
	const { now, schemas } = deps;
	/** @type {Map<number, any>} */ const subscriptions = new Map();
	let nextId = 1;
	/** @type {Delivery[]} */ const deliveries = [];
	/** @type {DeliveryFault[]} */ const faults = [];
	/** Changes (and created records) already turned into events. */
	const processed = new WeakSet();
	/** @type {Error | undefined} */ let scanError;
	/** @type {Set<Promise<void>>} */ const inFlight = new Set();

	// ---- payloads ----------------------------------------------------------------------------------------------
	/** The part of a simulator row that an event DTO carries, typed as the DTO says. @returns {Record<string, any>} */
	function project(/** @type {Record<string, any>} */ row, /** @type {string} */ schemaName) {
		/** @type {Record<string, any>} */
		const out = {};
		for (const [key, prop] of Object.entries(schemas[schemaName].properties)) {
			const v = row[key];
			if (v === null || v === undefined) continue;
			if (prop.t.startsWith('ref:')) {
				if (schemas[prop.t.slice(4)]) out[key] = project(v, prop.t.slice(4));
			} else if (prop.t.startsWith('array:')) {
				const item = prop.t.slice(6);
				if (item.startsWith('ref:') && schemas[item.slice(4)]) out[key] = v.map((/** @type {any} */ x) => project(x, item.slice(4)));
				else if (!item.startsWith('ref:')) out[key] = v;
			} else if (prop.t === 'Object') {
				const parsed = typeof v === 'string' ? safeJson(v) : v;
				if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out[key] = parsed;
			} else if (prop.t === 'Enum') {
				if ((prop.enum ?? []).includes(v)) out[key] = v;
			} else if (prop.t === 'Guid') {
				if (GUID.test(String(v))) out[key] = v;
			} else if (prop.t === 'DateTimeOffset') {
				out[key] = typeof v === 'string' && v.length === 28 ? formatTime(v) : v;
			} else {
				out[key] = v;
			}
		}
		return out;
	}
	function safeJson(/** @type {string} */ text) {
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	/** @param {string} type @param {string} schema @param {Record<string, any>} fields @param {any} folder @param {number} at */
	function eventBody(type, schema, fields, folder, at) {
		const body = {
			Type: type,
			EventId: crypto.randomUUID().replace(/-/g, ''),
			Timestamp: new Date(at).toISOString(),
			EventTime: new Date(at).toISOString(),
			TenantId: TENANT_ID,
			OrganizationUnitId: folder.Id,
			OrganizationUnitKey: folder.Key,
			...fields,
		};
		try {
			validateBody(body, schema, schemas, schema);
		} catch (error) {
			if (error instanceof BodyError) throw new Error(`webhooks.js built a ${schema} the OpenAPI document rejects: ${error.message}`);
			throw error;
		}
		return body;
	}
	function jobEvent(/** @type {any} */ job, /** @type {string} */ state, /** @type {number} */ at) {
		const spec = JOB_EVENTS[state];
		if (!spec) return undefined;
		const [type, schema, field] = spec;
		const row = deps.jobRow(job, at);
		const record = field === 'Job' ? project(row, 'SimpleJobEventDto') : [project(row, 'WrappedJobDto')];
		return { type, body: eventBody(type, schema, { EntityKey: job.Key, [field]: record }, deps.folders.get(job.folderId), at) };
	}
	function queueItemEvent(/** @type {any} */ item, /** @type {string} */ status, /** @type {number} */ at) {
		const spec = QUEUE_ITEM_EVENTS[status];
		if (!spec) return undefined;
		const [type, schema, field] = spec;
		const queue = deps.queues.get(item.queueId);
		const simple = project(deps.queueItemRow(item, at), 'QueueItemSimpleEventDto');
		const fields = { EntityKey: item.Key, Queue: project(deps.queueRow(queue), 'QueueDefinitionEventDto'), [field]: field === 'QueueItem' ? simple : [simple] };
		return { type, body: eventBody(type, schema, fields, deps.folders.get(queue.folderId), at) };
	}

	// ---- watching state changes --------------------------------------------------------------------------------
	/** Events for what became visible since the last scan, oldest first. */
	function newEvents() {
		const t = now();
		/** @type {{ at: number, event: () => ({ type: string, body: any } | undefined) }[]} */
		const found = [];
		const look = (/** @type {any} */ record, /** @type {string} */ field, /** @type {(r: any, s: string, at: number) => any} */ build) => {
			if (!processed.has(record)) {
				processed.add(record);
				const at = msOf(record.base.CreationTime);
				found.push({ at, event: () => build(record, record.base[field], at) });
			}
			for (const change of record.changes) {
				if (change.at > t) break;
				if (processed.has(change)) continue;
				processed.add(change);
				if (change.set[field] !== undefined) found.push({ at: change.at, event: () => build(record, change.set[field], change.at) });
			}
		};
		for (const job of deps.jobs.values()) look(job, 'State', jobEvent);
		for (const item of deps.queueItems.values()) look(item, 'Status', queueItemEvent);
		return found.sort((a, b) => a.at - b.at);
	}
	function scan() {
		if (!subscriptions.size) return;
		try {
			for (const { at, event } of newEvents()) {
				const targets = [...subscriptions.values()].filter((s) => s.Enabled && s.createdAt <= at);
				if (!targets.length) continue;
				const built = event();
				if (!built) continue;
				for (const sub of targets) {
					if (sub.SubscribeToAllEvents || sub.Events.some((/** @type {any} */ e) => e.EventType === built.type)) send(sub, built.type, built.body, at);
				}
			}
		} catch (error) {
			scanError = /** @type {Error} */ (error);
		}
	}
	const timer = setInterval(scan, SCAN_MS);
	timer.unref();

	// ---- deliveries --------------------------------------------------------------------------------------------
	const sign = (/** @type {string} */ secret, /** @type {string} */ body) => crypto.createHmac('sha256', secret).update(body).digest('base64');
	/** @param {any} sub @param {string} type @param {Record<string, any>} body @param {number} changeAt */
	function send(sub, type, body, changeAt) {
		const index = faults.findIndex((f) => !f.type || f.type === type);
		const fault = index === -1 ? undefined : faults.splice(index, 1)[0];
		if (fault?.kind === 'late') {
			const old = new Date(now() - (fault.ageMs ?? 15 * 60_000)).toISOString();
			body = { ...body, Timestamp: old, EventTime: old };
		}
		const text = JSON.stringify(body);
		const signature = fault?.kind === 'wrongSignature' ? sign(`not-${sub.Secret ?? ''}`, text) : sign(sub.Secret ?? '', text);
		const headers = { 'content-type': 'application/json', 'user-agent': 'UiPath-Orchestrator-Simulator', ...(fault?.kind === 'unsigned' ? {} : { 'x-uipath-signature': signature }) };
		post(sub, type, body.EventId, text, headers, changeAt, fault?.kind);
		if (fault?.kind === 'duplicate') setTimeout(() => post(sub, type, body.EventId, text, headers, changeAt, 'duplicate'), fault.gapMs ?? 0);
	}
	/** @param {any} sub @param {string} type @param {string} eventId @param {string} text @param {Record<string, string>} headers @param {number} changeAt @param {string} [fault] */
	function post(sub, type, eventId, text, headers, changeAt, fault) {
		/** @type {Delivery} */
		const delivery = { webhookId: sub.Id, url: sub.Url, type, eventId, changeAt, sentAt: Date.now(), fault, body: text };
		deliveries.push(delivery);
		// No retry on failure: Orchestrator does not retry either.
		const done = fetch(sub.Url, { method: 'POST', headers, body: text, signal: AbortSignal.timeout(10_000) })
			.then(async (res) => {
				delivery.status = res.status;
				await res.arrayBuffer();
			})
			.catch((/** @type {Error} */ error) => {
				delivery.error = error.message;
			})
			.finally(() => {
				delivery.answeredAt = Date.now();
				inFlight.delete(done);
			});
		inFlight.add(done);
	}

	// ---- routes ------------------------------------------------------------------------------------------------
	const row = (/** @type {any} */ s) => ({ Key: s.Key, Name: s.Name, Description: s.Description ?? null, Url: s.Url, Enabled: s.Enabled, SubscribeToAllEvents: s.SubscribeToAllEvents, AllowInsecureSsl: s.AllowInsecureSsl, Events: s.Events, Id: s.Id });
	const known = new Set(EVENT_TYPES.map((e) => e.Name));
	function subscriptionOf(/** @type {string} */ raw) {
		const sub = subscriptions.get(deps.keyOf(raw));
		if (!sub) throw deps.apiError(404, 'Webhook does not exist.', 1002);
		return sub;
	}
	function create(/** @type {any} */ ctx) {
		const body = deps.validated(deps.jsonBody(ctx.req), 'WebhookDto');
		if (!/^https?:\/\/[^\s/]+/.test(body.Url)) throw deps.apiError(400, `The Url '${body.Url}' is not an absolute http(s) URL.`, 1000);
		const events = body.Events ?? [];
		const unknown = events.find((/** @type {any} */ e) => !known.has(e.EventType));
		if (unknown) throw deps.apiError(400, `Unknown webhook event type '${unknown.EventType}'.`, 1000);
		if (!body.SubscribeToAllEvents && !events.length) throw deps.apiError(400, 'A webhook must subscribe to all events or name at least one.', 1000);
		const sub = { ...body, Id: nextId++, Key: crypto.randomUUID(), Events: events.map((/** @type {any} */ e) => ({ EventType: e.EventType })), createdAt: now() };
		subscriptions.set(sub.Id, sub);
		const pinged = now();
		setImmediate(() => send(sub, 'ping', { Type: 'ping', EventId: crypto.randomUUID().replace(/-/g, ''), Timestamp: new Date(pinged).toISOString(), TenantId: TENANT_ID }, pinged));
		return { status: 201, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Webhooks/$entity`, ...row(sub) } };
	}
	const routes = [
		{
			method: 'GET', pattern: /^\/odata\/Webhooks$/, spec: 'GET /odata/Webhooks', folder: false,
			handle: (/** @type {any} */ ctx) => deps.collection(ctx, 'Webhooks', 'WebhookDto', [...subscriptions.values()].map(row)),
		},
		{ method: 'POST', pattern: /^\/odata\/Webhooks$/, spec: 'POST /odata/Webhooks', folder: false, handle: create },
		{
			method: 'GET', pattern: /^\/odata\/Webhooks\/UiPath\.Server\.Configuration\.OData\.GetEventTypes$/,
			spec: 'GET /odata/Webhooks/UiPath.Server.Configuration.OData.GetEventTypes', folder: false,
			handle: (/** @type {any} */ ctx) => ({ status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Collection(UiPath.Server.Configuration.OData.WebhookEventTypeDto)`, value: EVENT_TYPES } }),
		},
		{
			method: 'GET', pattern: /^\/odata\/Webhooks\(([^)]*)\)$/, spec: 'GET /odata/Webhooks({key})', folder: false,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => deps.single(ctx, 'Webhooks', 'WebhookDto', row(subscriptionOf(m[1]))),
		},
		{
			method: 'DELETE', pattern: /^\/odata\/Webhooks\(([^)]*)\)$/, spec: 'DELETE /odata/Webhooks({key})', folder: false,
			handle: (/** @type {any} */ _ctx, /** @type {RegExpExecArray} */ m) => {
				subscriptions.delete(subscriptionOf(m[1]).Id);
				return { status: 204 };
			},
		},
	];

	// ---- the test API ------------------------------------------------------------------------------------------
	const api = {
		eventTypes: EVENT_TYPES,
		/** The subscriptions, with their secrets (a test may sign its own deliveries). */
		get subscriptions() {
			return [...subscriptions.values()].map((s) => ({ ...row(s), Secret: s.Secret }));
		},
		/** Every delivery sent, in order: status once answered. */
		deliveries,
		/** @param {DeliveryFault} fault applies to the next delivery (of `fault.type`, when given) */
		addFault(fault) {
			faults.push(fault);
		},
		/**
		 * Sends an event of any type to a subscription now (signed unless a fault says otherwise), e.g. robot.status.
		 * @param {number} webhookId @param {Record<string, any>} body the event without EventId/Timestamp (added when missing)
		 */
		deliver(webhookId, body) {
			const sub = subscriptions.get(webhookId);
			if (!sub) throw new Error(`deliver: no webhook ${webhookId}`);
			const full = /** @type {Record<string, any>} */ ({ EventId: crypto.randomUUID().replace(/-/g, ''), Timestamp: new Date(now()).toISOString(), TenantId: TENANT_ID, ...body });
			send(sub, String(full.Type), full, now());
			return full;
		},
		/** Resolves once `count` deliveries (matching `filter`) are answered; throws what broke a scan. */
		async waitForDeliveries(count = 1, filter = (/** @type {Delivery} */ _d) => true, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				if (scanError) throw scanError;
				const done = deliveries.filter((d) => filter(d) && d.answeredAt !== undefined);
				if (done.length >= count) return done;
				if (Date.now() > until) throw new Error(`waitForDeliveries: ${done.length} of ${count} answered after ${timeoutMs} ms`);
				await new Promise((r) => setTimeout(r, 10));
			}
		},
		/** Waits for the deliveries under way (so a test can end cleanly). */
		async settle() {
			await Promise.all([...inFlight]);
		},
	};
	return {
		routes,
		api,
		close() {
			clearInterval(timer);
		},
	};
}

module.exports = { createWebhooks, EVENT_TYPES };
