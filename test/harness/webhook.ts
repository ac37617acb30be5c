// Webhook triggers through n8n-core, the way n8n runs them: activation calls the node's `checkExists` and, when that
// says no, `create` (through HookContext, as n8n's WebhookService does); deactivation calls `delete`; and a loopback
// HTTP server stands in for n8n's /webhook and /webhook-test endpoints: it keeps the raw body, hands the request to
// the node's `webhook()` through WebhookContext, and answers as n8n does (the node's own answer, its
// webhookResponse, or "Workflow was started" when it returns items, which count as an execution).
// Static data persists like n8n 2.41's database: after activation and deactivation, and after a webhook call when
// n8n answered before starting an execution (no execution, or the node answered itself): n8n saves it in its
// response callback, and an execution that starts first builds a new Workflow over the same object, which clears
// its "changed" flag. Each call builds a new Workflow from the saved data, as after a restart.
// Like n8n, a call reads the saved static data when it arrives and writes the whole object back once the node
// answered, with n8n's own awaits in between: concurrent calls each read the same data, and the last write wins.
// restart() is a new n8n process: the node's module is loaded afresh (nothing in memory), the saved data stays.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { PACKAGE_ROOT, type EngineHarness, type NodeSpec } from './engine';

export interface WebhookCall {
	status: number;
	body: unknown;
	/** the items of the execution this call started, or undefined when it started none */
	items?: INodeExecutionData[];
	receivedAt: number;
}

interface FakeResponse {
	statusCode: number;
	body?: unknown;
	headersSent: boolean;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
	send(body: unknown): FakeResponse;
	end(body?: unknown): FakeResponse;
	setHeader(): FakeResponse;
}

function fakeResponse(): FakeResponse {
	const res: FakeResponse = {
		statusCode: 200,
		headersSent: false,
		status: (code) => ((res.statusCode = code), res),
		json: (body) => ((res.body = body), (res.headersSent = true), res),
		send: (body) => ((res.body = body), (res.headersSent = true), res),
		end: (body) => ((res.body ??= body), (res.headersSent = true), res),
		setHeader: () => res,
	};
	return res;
}

export class WebhookTriggerHarness {
	/** the workflow's static data as n8n's database holds it */
	staticData: IDataObject = {};
	/** every call the endpoint answered, in order */
	readonly calls: WebhookCall[] = [];
	readonly node: INode;
	private server?: http.Server;
	private baseUrl = '';
	/** the node's class as a restarted process loads it (undefined: the engine's) */
	private freshType?: INodeType;

	constructor(
		private readonly engine: EngineHarness,
		private readonly spec: NodeSpec,
		/** 'trigger' for a published workflow (the production URL), 'manual' for the editor's test listening */
		private readonly mode: Extract<WorkflowExecuteMode, 'trigger' | 'manual'> = 'trigger',
	) {
		this.node = { ...engine.toNode(spec), webhookId: 'b3f3c1de-4a5e-4c36-9e0f-2d61d0e9b001' };
	}

	/** The same trigger in a new n8n process, listening: the node's module loaded afresh, the saved static data. */
	async restart(): Promise<WebhookTriggerHarness> {
		const next = new WebhookTriggerHarness(this.engine, this.spec, this.mode);
		next.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const { className, sourcePath } = this.engine.loader.known.nodes[this.nodeType().description.name];
		jest.isolateModules(() => {
			const exported = require(path.resolve(PACKAGE_ROOT, sourcePath)) as Record<string, new () => INodeType>;
			next.freshType = new exported[className]();
		});
		await next.listen();
		return next;
	}

	get executions(): WebhookCall[] {
		return this.calls.filter((c) => c.items !== undefined);
	}

	/** Starts the loopback endpoint; the node's webhook URL points at it. */
	async listen(): Promise<void> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		// Deliveries keep their connections alive; close them, or close() waits for them.
		this.server?.closeAllConnections();
		await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
	}

	get webhookUrl(): string {
		const prefix = this.mode === 'manual' ? 'webhook-test' : 'webhook';
		return `${this.baseUrl}/${prefix}/${this.node.webhookId}/webhook`;
	}

	/** Publishing (or "Listen for test event"): checkExists, then create when it answered false. */
	async activate(): Promise<{ created: boolean }> {
		const workflow = this.workflow();
		const exists = await this.hook(workflow, 'checkExists');
		if (!exists) await this.hook(workflow, 'create');
		this.persist(workflow);
		return { created: !exists };
	}

	/** Unpublishing: delete. */
	async deactivate(): Promise<void> {
		const workflow = this.workflow();
		await this.hook(workflow, 'delete');
		this.persist(workflow);
	}

	private nodeType(): INodeType {
		return this.freshType ?? this.engine.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	private workflow(staticData = this.staticData): Workflow {
		return new Workflow({
			id: 'harness-workflow',
			name: 'Harness workflow',
			nodes: [this.node],
			connections: {} as IConnections,
			nodeTypes: this.engine.nodeTypes,
			active: this.mode === 'trigger',
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
			settings: {},
		});
	}

	private persist(workflow: Workflow) {
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...this.engine.additionalData(),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const description = this.nodeType().description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: 'harness-workflow',
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: this.mode === 'manual',
		};
	}

	private async hook(workflow: Workflow, method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const additionalData = this.additionalData();
		const context = new HookContext(workflow, this.node, additionalData, this.mode, this.mode === 'manual' ? 'manual' : 'activate', this.webhookData(additionalData));
		const fn = this.nodeType().webhookMethods?.default?.[method];
		if (!fn) throw new Error(`The node has no webhookMethods.default.${method}`);
		return await fn.call(context);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const call: WebhookCall = { status: 0, body: undefined, receivedAt: Date.now() };
		try {
			if (req.url !== new URL(this.webhookUrl).pathname || req.method !== 'POST') {
				call.status = 404;
				call.body = { message: 'The requested webhook is not registered.' };
			} else {
				await this.run(rawBody, req, call);
			}
		} catch (error) {
			call.status = 500;
			call.body = { message: (error as Error).message };
		}
		this.calls.push(call);
		res.writeHead(call.status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(call.body ?? ''));
	}

	private async run(rawBody: Buffer, req: http.IncomingMessage, call: WebhookCall) {
		let body: unknown = {};
		try {
			body = JSON.parse(rawBody.toString('utf8') || '{}');
		} catch {
			body = {};
		}
		const response = fakeResponse();
		const httpRequest = { body, rawBody, headers: req.headers, query: {}, params: {}, method: 'POST' };
		const additionalData = this.additionalData({ httpRequest, httpResponse: response } as unknown as Partial<IWorkflowExecuteAdditionalData>);
		// n8n reads the workflow's row, then awaits its project and additional data (database reads) before the node
		// runs: calls that arrive within that millisecond read the same static data.
		const loaded = this.staticData;
		await new Promise((resolve) => setTimeout(resolve, 1));
		const workflow = this.workflow(loaded);
		const context = new WebhookContext(workflow, this.node, additionalData, this.mode, this.webhookData(additionalData), [], null);
		const result = await this.nodeType().webhook!.call(context);
		if (result.noWebhookResponse) {
			call.status = response.statusCode;
			call.body = response.body;
		} else if (result.workflowData) {
			call.status = 200;
			call.body = { message: 'Workflow was started' };
		} else {
			call.status = 200;
			call.body = result.webhookResponse ?? { message: 'Webhook call received' };
		}
		call.items = result.workflowData?.[0];
		const answeredFirst = result.noWebhookResponse === true || !result.workflowData;
		if (answeredFirst && this.mode === 'trigger') this.persist(workflow);
	}
}
