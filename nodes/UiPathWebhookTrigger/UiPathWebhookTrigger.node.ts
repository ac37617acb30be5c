import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { optionalLocator } from '../shared/locator';
import { triggerNodeDescription } from '../shared/nodeDescription';
import {
	KNOWN_EVENTS,
	createWebhook,
	deleteWebhook,
	folderIdentity,
	getWebhook,
	listEventTypes,
	webhooksWithUrl,
} from '../UiPath/api/webhooks';
import { authenticationProperty, folderLocator, uiPathCredentials } from '../UiPath/descriptions';
import { searchFolders } from '../UiPath/methods/listSearch';
import { sweepExpiredWaits } from '../UiPath/actions/orchestratorWait';
import { folderRefFrom } from '../UiPath/transport';
import { receiveDelivery } from './receive';
import { deriveSecret, newSalt } from './secret';
import { forgetDeliveries } from './seenIds';
import { filtersCollection, optionsCollection } from '../shared/parameters';

/** What the node keeps in the workflow's static data about its subscription: nothing secret (see secret.ts). */
export interface SubscriptionData extends IDataObject {
	webhookId?: number;
	/** the random salt the subscription's secret is derived with, and the credential's check (secret.ts) */
	salt?: string;
	check?: string;
	/** the secret itself, as earlier versions kept it: still verified with until the next publish or restart */
	secret?: string;
	url?: string;
	events?: string[];
	folder?: { id: number; key: string };
}

const sameEvents = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function subscriptionData(ctx: IHookFunctions | IWebhookFunctions): SubscriptionData {
	return ctx.getWorkflowStaticData('node') as SubscriptionData;
}

function chosenEvents(ctx: IHookFunctions): string[] {
	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.length) throw new NodeOperationError(ctx.getNode(), 'Pick at least one event in Events');
	return events;
}

function forget(ctx: IHookFunctions, data: SubscriptionData) {
	for (const key of ['webhookId', 'salt', 'check', 'secret', 'url', 'events', 'folder', 'seenEventIds', 'deliveries']) delete data[key];
	forgetDeliveries(triggerKey(ctx));
}

function triggerKey(ctx: IHookFunctions | IWebhookFunctions): string {
	return `${ctx.getWorkflow().id}:${ctx.getNode().id}:${ctx.getMode()}`;
}

/** The Folder filter as the Id and Key events carry, looked up once when the subscription is made. */
async function folderFilter(ctx: IHookFunctions): Promise<SubscriptionData['folder']> {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	const folder = folderRefFrom(filters.folder as IDataObject | undefined);
	if (!folder) return undefined;
	const found = await folderIdentity(ctx, folder);
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `There is no folder "${folder.value}" (Filters → Folder)`, {
			description: 'Pick the folder from the list, or check its path or ID.',
		});
	}
	return found;
}

export class UiPathWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		...triggerNodeDescription('UiPath Webhook Trigger', 'uiPathWebhookTrigger', {
			description: 'Starts the workflow the moment UiPath Orchestrator reports a job, queue item or robot event',
			credentials: uiPathCredentials,
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [
				{
					// n8n checks the subscription only when the workflow is published or n8n starts.
					displayName:
						'If the subscription is deleted, disabled or edited in Orchestrator, n8n is not told and nothing arrives: unpublish and publish the workflow (or restart n8n) to subscribe again',
					name: 'subscriptionNotice',
					type: 'notice',
					default: '',
				},
				authenticationProperty,
				{
					displayName: 'Event Names or IDs',
					name: 'events',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getEventTypes' },
					default: ['job.completed', 'job.faulted'],
					required: true,
					description:
						'The Orchestrator events that start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				filtersCollection([
					optionalLocator(folderLocator, 'Only events from this folder'),
					{
						displayName: 'Process Name',
						name: 'processName',
						type: 'string',
						default: '',
						description: 'Only job events of this process (its name or package key)',
					},
					{
						displayName: 'Queue Name',
						name: 'queueName',
						type: 'string',
						default: '',
						description: 'Only queue and queue item events of this queue',
					},
				]),
				optionsCollection('options', [
					{
						displayName: 'Max Delivery Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'Deliveries whose Timestamp is further than this from n8n\'s clock are refused (401), so a recorded delivery cannot be replayed later. Only the number 0 accepts any age; text, a negative or an empty value fails the delivery.',
					},
				]),
			],
		}),
		// n8n's lint reads these from the class (and checks the icon files, whose paths are relative to this file).
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		subtitle: '={{$parameter["events"].join(", ")}}',
	};

	methods = {
		listSearch: { searchFolders },
		loadOptions: {
			// The server's list where it has one; the known events where it has none (older Orchestrators lack the call).
			async getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const known = new Map(KNOWN_EVENTS.map((e) => [e.value, e]));
				const names = ((await listEventTypes(this)) ?? []).map((t) => t.Name).filter(Boolean);
				if (!names.length) return KNOWN_EVENTS;
				return names
					.map((value) => known.get(value) ?? { name: value, value })
					.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = subscriptionData(this);
				// An old subscription with a stored secret is replaced (create() removes it by its URL).
				if (data.webhookId === undefined || !data.salt) return false;
				const existing = await getWebhook(this, data.webhookId);
				const wanted = chosenEvents(this);
				const events = (existing?.Events ?? []).map((e) => e.EventType);
				const derived = await deriveSecret(this, data.salt);
				const same = existing && existing.Url === this.getNodeWebhookUrl('default') && sameEvents(events, wanted);
				// A credential whose secrets changed derives another secret: a new subscription rotates it.
				if (same && existing.Enabled !== false && derived?.check === data.check) return true;
				// Gone, disabled, or no longer what the node asks for: create() makes a fresh one.
				if (existing) await deleteWebhook(this, existing.Id);
				forget(this, data);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const data = subscriptionData(this);
				const url = this.getNodeWebhookUrl('default') as string;
				const events = chosenEvents(this);
				const folder = await folderFilter(this);
				const salt = newSalt();
				const derived = await deriveSecret(this, salt);
				if (!derived) {
					throw new NodeOperationError(this.getNode(), 'The credential has no secret to sign deliveries with', {
						description: "Fill in the credential's client secret, personal access token, user key or password.",
					});
				}
				// A subscription to this URL whose secret n8n no longer holds could never be verified: remove it.
				for (const stale of await webhooksWithUrl(this, url)) await deleteWebhook(this, stale.Id);
				// Durable waits that will never resume (cancelled, deleted, past their deadline) leave theirs: remove those too.
				await sweepExpiredWaits(this);
				const workflow = this.getWorkflow();
				const created = await createWebhook(this, {
					name: `n8n: ${workflow.name ?? workflow.id} / ${this.getNode().name}`,
					description: `Created by n8n workflow ${workflow.id}; deleted when the workflow is unpublished.`,
					url,
					secret: derived.secret,
					events,
				});
				forget(this, data);
				Object.assign(data, { webhookId: created.Id, salt, check: derived.check, url, events, ...(folder ? { folder } : {}) });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = subscriptionData(this);
				if (data.webhookId !== undefined) await deleteWebhook(this, data.webhookId);
				forget(this, data);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, subscriptionData(this), triggerKey(this));
	}
}
