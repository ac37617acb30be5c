// Orchestrator's webhook subscriptions (/odata/Webhooks): tenant-wide (no folder header), each signed with the
// subscription's own secret, and the event types a subscription can name.
import type { IHookFunctions, ILoadOptionsFunctions, NodeApiError } from 'n8n-workflow';

import { odataString, uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { findFolder } from './folders';

export interface WebhookSubscription {
	Id: number;
	Key?: string;
	Name: string;
	Description?: string;
	Url: string;
	Enabled: boolean;
	Secret?: string;
	SubscribeToAllEvents: boolean;
	AllowInsecureSsl: boolean;
	Events?: Array<{ EventType: string }>;
}

export interface WebhookEventType {
	Name: string;
	Group?: string;
}

/** The events the trigger offers by name, with the words UiPath's documentation uses for them. */
export const KNOWN_EVENTS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Job Created', value: 'job.created', description: 'Jobs were created and wait to run' },
	{ name: 'Job Started', value: 'job.started', description: 'A job started running' },
	{ name: 'Job Completed', value: 'job.completed', description: 'A job finished successfully' },
	{ name: 'Job Faulted', value: 'job.faulted', description: 'A job failed' },
	{ name: 'Job Stopped', value: 'job.stopped', description: 'Jobs were stopped' },
	{ name: 'Queue Item Added', value: 'queueItem.added', description: 'Items were added to a queue' },
	{ name: 'Queue Item Transaction Started', value: 'queueItem.transactionStarted', description: 'A robot started an item' },
	{ name: 'Queue Item Transaction Completed', value: 'queueItem.transactionCompleted', description: 'An item was processed successfully' },
	{ name: 'Queue Item Transaction Failed', value: 'queueItem.transactionFailed', description: 'An item failed' },
	{ name: 'Queue Item Transaction Abandoned', value: 'queueItem.transactionAbandoned', description: 'Items stayed in progress too long and were abandoned' },
	{ name: 'Robot Status Changed', value: 'robot.status', description: 'A robot connected, disconnected or changed state' },
	{ name: 'Process Created', value: 'process.created', description: 'A process was added to a folder' },
	{ name: 'Process Updated', value: 'process.updated', description: 'A process changed' },
	{ name: 'Process Deleted', value: 'process.deleted', description: 'A process was removed' },
	{ name: 'Queue Created', value: 'queue.created', description: 'A queue was created' },
	{ name: 'Queue Updated', value: 'queue.updated', description: 'A queue changed' },
	{ name: 'Queue Deleted', value: 'queue.deleted', description: 'A queue was removed' },
];

type WebhookContext = IHookFunctions | ILoadOptionsFunctions;
const READ_SCOPES = 'OR.Webhooks (or OR.Webhooks.Read)';
const WRITE_SCOPES = 'OR.Webhooks (or OR.Webhooks.Write)';

// The transport uses only what hook and load-options contexts share with the others (parameters, credentials,
// authenticated HTTP, the node), so a hook context is handed over as one.
const asContext = (ctx: WebhookContext) => ctx as unknown as UiPathContext;

/** undefined when UiPath answers 404; any other failure stays the NodeApiError the transport built. */
async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
	return await call.catch((error: unknown) => {
		if ((error as NodeApiError).httpCode === '404') return undefined;
		throw error;
	});
}

export async function createWebhook(
	ctx: IHookFunctions,
	fields: { name: string; description: string; url: string; secret: string; events: string[] },
): Promise<WebhookSubscription> {
	return await uiPathRequest<WebhookSubscription>(asContext(ctx), {
		method: 'POST',
		path: '/odata/Webhooks',
		body: {
			Name: fields.name.slice(0, 128),
			Description: fields.description.slice(0, 256),
			Url: fields.url,
			Enabled: true,
			Secret: fields.secret,
			SubscribeToAllEvents: false,
			AllowInsecureSsl: false,
			Events: fields.events.map((EventType) => ({ EventType })),
		},
		// A second POST after a lost answer would leave a second subscription behind.
		idempotent: false,
		scopes: WRITE_SCOPES,
	});
}

/** The subscription with this Id, or undefined when Orchestrator no longer has it. */
export async function getWebhook(ctx: IHookFunctions, id: number): Promise<WebhookSubscription | undefined> {
	return await unlessNotFound(
		uiPathRequest<WebhookSubscription>(asContext(ctx), { method: 'GET', path: `/odata/Webhooks(${id})`, scopes: READ_SCOPES }),
	);
}

/** Every subscription that delivers to this URL. */
export async function webhooksWithUrl(ctx: IHookFunctions, url: string): Promise<WebhookSubscription[]> {
	const answer = await uiPathRequest<{ value: WebhookSubscription[] }>(asContext(ctx), {
		method: 'GET',
		path: '/odata/Webhooks',
		qs: { $filter: `Url eq ${odataString(url)}`, $top: 100 },
		scopes: READ_SCOPES,
	});
	return answer.value ?? [];
}

/** Deletes a subscription; false when it was already gone. */
export async function deleteWebhook(ctx: IHookFunctions, id: number): Promise<boolean> {
	const deleted = await unlessNotFound(
		uiPathRequest(asContext(ctx), {
			method: 'DELETE',
			path: `/odata/Webhooks(${id})`,
			idempotent: true,
			expectEmpty: true,
			scopes: WRITE_SCOPES,
		}).then(() => true),
	);
	return deleted === true;
}

/** The event types this Orchestrator can deliver; undefined when it has no such call (older versions). */
export async function listEventTypes(ctx: WebhookContext): Promise<WebhookEventType[] | undefined> {
	const answer = await unlessNotFound(
		uiPathRequest<{ value: WebhookEventType[] }>(asContext(ctx), {
			method: 'GET',
			path: '/odata/Webhooks/UiPath.Server.Configuration.OData.GetEventTypes',
			scopes: READ_SCOPES,
		}),
	);
	return answer?.value;
}

/** A folder's Id and Key, which events carry as OrganizationUnitId and OrganizationUnitKey. */
export async function folderIdentity(ctx: IHookFunctions, folder: FolderRef): Promise<{ id: number; key: string } | undefined> {
	const found = await findFolder(asContext(ctx), folder);
	return found ? { id: Number(found.Id), key: String(found.Key) } : undefined;
}

/** Every subscription of the tenant, 100 at a time (a tenant keeps a handful; durable waits add one each). */
export async function listWebhooks(ctx: IHookFunctions): Promise<WebhookSubscription[]> {
	const all: WebhookSubscription[] = [];
	for (let skip = 0; ; skip += 100) {
		const answer = await uiPathRequest<{ value: WebhookSubscription[] }>(asContext(ctx), {
			method: 'GET',
			path: '/odata/Webhooks',
			qs: { $top: 100, $skip: skip, $orderby: 'Id asc' },
			scopes: READ_SCOPES,
		});
		const page = answer.value ?? [];
		all.push(...page);
		if (page.length < 100) return all;
	}
}
