// Job → Start's durable wait in a loop, through n8n's engine against the Orchestrator simulator: one execution runs
// the node twice (Start job → a gate that sends the items back once → Start job → the gate's "done" output), and
// each run pauses the execution. A resume is played as n8n 2.41's WaitingWebhooks does it: the waiting execution as
// its database holds it (JSON), the stack's node disabled, the waiting run popped, the node's webhook() called with
// that run data (WebhookContext) and, when it returns items, the execution run on from them (WorkflowExecute). The
// same in a real n8n: test/e2e/durableEdges.e2e.js.
import crypto from 'node:crypto';
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { firstRunData, type EngineHarness } from '../harness/engine';
import { GATE_TYPE, gate } from '../harness/loop';
import { addHooksCredential, APP, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const HOOKS_APP = { clientId: 'loop-hooks-app', clientSecret: 'loop-hooks-secret-1', scopes: [...APP.scopes, 'OR.Webhooks'] };
const MODE = 'webhook';
// The gate sends the items back once: the node runs twice.
const loopBackOnce = gate(2);

interface Answer {
	status: number;
	body: unknown;
	result: IWebhookResponseData;
	/** the execution as the request left it: what n8n runs on when the node returned items */
	data: IRunExecutionData;
}

let executions = 0;

/** One execution of Start job ⇄ Loop Back, paused and resumed as n8n does. */
class LoopExecution {
	readonly executionId = `harness-durable-loop-${++executions}`;
	private readonly nodes: INode[];
	private readonly connections: IConnections;
	private readonly nodeTypes: INodeTypes;

	constructor(
		private readonly harness: EngineHarness,
		private readonly node: INode,
	) {
		const gateNode: INode = { id: 'gate-1', name: 'Loop Back', type: GATE_TYPE, typeVersion: 1, position: [200, 0], parameters: {} };
		this.nodes = [node, gateNode];
		this.connections = {
			[node.name]: { main: [[{ node: gateNode.name, type: 'main', index: 0 }]] },
			[gateNode.name]: { main: [[{ node: node.name, type: 'main', index: 0 }], []] },
		};
		this.nodeTypes = {
			getByName: (type) => (type === GATE_TYPE ? loopBackOnce : harness.nodeTypes.getByName(type)),
			getByNameAndVersion: (type, version) => (type === GATE_TYPE ? loopBackOnce : harness.nodeTypes.getByNameAndVersion(type, version)),
			getKnownTypes: () => ({}),
		};
	}

	/** The workflow as n8n builds it for each process step: from the stored JSON, so no object is shared. */
	private workflow(): Workflow {
		const nodes = JSON.parse(JSON.stringify(this.nodes)) as INode[];
		return new Workflow({ id: 'harness-durable-loop', name: 'Harness durable loop', nodes, connections: this.connections, nodeTypes: this.nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	}

	private async execute(data: IRunExecutionData): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(MODE, this.executionId, { id: 'harness-durable-loop', name: 'Harness durable loop', nodes: this.nodes, connections: this.connections } as never);
		const done = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
		await new WorkflowExecute(this.harness.additionalData(hooks, this.executionId), MODE, data).processRunExecutionData(this.workflow());
		const run = await done;
		// what n8n's database keeps of it, and what the next request reads
		return JSON.parse(JSON.stringify(run)) as IRun;
	}

	async start(): Promise<IRun> {
		return await this.execute(firstRunData(this.node, [{ json: {} }]));
	}

	/** One POST to the execution's resume URL while it waits (WaitingWebhooks.getWebhookExecutionData). */
	async request(waiting: IRun, rawBody: string, headers: Record<string, string>): Promise<Answer> {
		const data = JSON.parse(JSON.stringify(waiting.data)) as IRunExecutionData;
		data.executionData!.nodeExecutionStack[0].node.disabled = true;
		data.waitTill = undefined;
		const lastNode = data.resultData.lastNodeExecuted!;
		// n8n's preserveInputOverride: the waiting run goes (its input override, if any, stays)
		const popped = data.resultData.runData[lastNode].pop()!;
		if (popped.inputOverride) data.resultData.runData[lastNode].push({ startTime: 0, executionTime: 0, executionIndex: 0, source: popped.source, inputOverride: popped.inputOverride });
		const workflow = this.workflow();
		const node = workflow.getNode(lastNode)!;
		const response = { statusCode: 200, body: undefined as unknown };
		const httpResponse = { status: (code: number) => ((response.statusCode = code), httpResponse), json: (body: unknown) => ((response.body = body), httpResponse) };
		const httpRequest = { body: JSON.parse(rawBody) as IDataObject, rawBody: Buffer.from(rawBody), headers, query: {}, params: {}, method: 'POST' };
		const additionalData = { ...this.harness.additionalData(undefined, this.executionId), httpRequest, httpResponse } as unknown as IWorkflowExecuteAdditionalData;
		const nodeType = this.harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookData: IWebhookData = { httpMethod: 'POST', node: node.name, path: '', webhookDescription: nodeType.description.webhooks![0], workflowId: workflow.id, workflowExecuteAdditionalData: additionalData };
		const context = new WebhookContext(workflow, node, additionalData, MODE, webhookData, [], data);
		const result = await nodeType.webhook!.call(context);
		return { status: response.statusCode, body: response.body, result, data };
	}

	/** The execution run on from the items a request's webhook() returned (WebhookHelpers.prepareExecutionData). */
	async resume(answer: Answer): Promise<IRun> {
		const entry = answer.data.executionData!.nodeExecutionStack[0];
		entry.data.main = answer.result.workflowData ?? [];
		entry.metadata = { ...entry.metadata, forwardAllOutputs: true } as never;
		return await this.execute(answer.data);
	}
}

describe('UiPath Job → Start, a durable wait in a loop', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Key: string; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		addHooksCredential(sim, harness, HOOKS_APP);
		release = sim.addRelease({ folderId: shared.Id, name: 'LoopJob', queueDelayMs: 200, durationMs: 1200, outputArguments: { looped: true } });
	});
	afterEach(async () => {
		await sim.webhooks.settle();
		sim.close();
	});

	type Sub = { Id: number; Name: string; Url: string; Secret: string };
	const ours = () => (sim.webhooks.subscriptions as Sub[]).filter((s) => s.Name.startsWith('n8n durable wait'));
	const jobs = () => sim.jobs as Array<{ Id: number; State: string }>;
	const waitOf = (run: IRun) => (run.data.executionData!.nodeExecutionStack[0].metadata as { durableWait: { waitId: string; service: { subscriptionId: number }; items: Array<{ awaits: { jobs: number[] } }> } }).durableWait;
	const signed = (secret: string, body: string) => ({ 'content-type': 'application/json', 'x-uipath-signature': crypto.createHmac('sha256', secret).update(body).digest('base64') });
	/** The body of the simulator's job.completed delivery of `jobId` to `sub` (the harness has no URL it could reach). */
	const endOf = async (sub: Sub, jobId: number) => {
		const isIt = (d: { webhookId: number; type: string; body: string }) => d.webhookId === sub.Id && d.type === 'job.completed' && (JSON.parse(d.body) as { Job: { Id: number } }).Job.Id === jobId;
		const [delivery] = (await sim.webhooks.waitForDeliveries(1, isIt, 15_000)) as Array<{ body: string }>;
		return delivery.body;
	};
	const outputsOf = (run: IRun, name: string) => (run.data.resultData.runData[name] ?? []).map((task) => (task.data?.main ?? []).map((o) => (o ?? []).map((i) => i.json)));
	const deletions = () => uiLog(sim).filter((e) => e.method === 'DELETE' && /\/odata\/Webhooks\(\d+\)$/.test(e.path)).map((e) => `${/\((\d+)\)$/.exec(e.path)![1]}:${e.status}`);

	it('pauses in each run of the node, each resume handled once, each run with its own job and its own subscription', async () => {
		const spec = uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, waitForCompletion: true, waitTimeout: 3600, waitMode: 'webhook' }, 'hooks', { name: 'Start job' });
		const loop = new LoopExecution(harness, harness.toNode(spec));

		// ---- first run: paused, one job, one subscription --------------------------------------------------------
		const first = await loop.start();
		expect(first.status).toBe('waiting');
		expect(first.data.resultData.runData['Start job']).toHaveLength(1);
		expect(first.data.resultData.runData['Loop Back']).toBeUndefined();
		const firstWait = waitOf(first);
		const [firstSub] = ours();
		expect(ours()).toHaveLength(1);
		expect(firstWait.service).toEqual({ subscriptionId: firstSub.Id });
		expect(jobs()).toHaveLength(1);
		const [job1] = jobs();
		expect(firstWait.items).toEqual([{ awaits: expect.objectContaining({ jobs: [job1.Id] }) }]);

		// The job's end delivered twice at the same moment: one resume, the other answered without one.
		const firstEnd = await endOf(firstSub, job1.Id);
		const both = await Promise.all([loop.request(first, firstEnd, signed(firstSub.Secret, firstEnd)), loop.request(first, firstEnd, signed(firstSub.Secret, firstEnd))]);
		const resuming = both.filter((a) => a.result.workflowData);
		expect(resuming).toHaveLength(1);
		const other = both.find((a) => !a.result.workflowData)!;
		expect(other.status).toBe(200);
		expect(other.body).toEqual({ message: expect.stringMatching(/resuming already|Another n8n process resumed/) });
		expect(resuming[0].result.workflowData![0].map((i) => i.json)).toEqual([expect.objectContaining({ Id: job1.Id, State: 'Successful', OutputArguments: { looped: true } })]);
		expect(ours().map((s) => s.Id)).not.toContain(firstSub.Id);
		expect(deletions()).toEqual([`${firstSub.Id}:204`]);

		// ---- second run: a new plan (wait id, subscription), a new job, paused again ----------------------------
		const second = await loop.resume(resuming[0]);
		expect(second.status).toBe('waiting');
		expect(second.data.resultData.runData['Start job']).toHaveLength(2);
		expect(second.data.resultData.runData['Loop Back']).toHaveLength(1);
		expect(outputsOf(second, 'Start job')[0]).toEqual([[expect.objectContaining({ Id: job1.Id, State: 'Successful' })]]);
		const secondWait = waitOf(second);
		expect(secondWait.waitId).not.toBe(firstWait.waitId);
		expect(ours()).toHaveLength(1);
		const [secondSub] = ours();
		expect(secondSub.Id).not.toBe(firstSub.Id);
		expect(secondSub.Secret).not.toBe(firstSub.Secret);
		expect(secondWait.service).toEqual({ subscriptionId: secondSub.Id });
		expect(jobs()).toHaveLength(2);
		const job2 = jobs().find((j) => j.Id !== job1.Id)!;
		expect(secondWait.items).toEqual([{ awaits: expect.objectContaining({ jobs: [job2.Id] }) }]);

		// The first run's delivery again (a late duplicate, signed for the first wait): the second wait refuses it.
		const late = await loop.request(second, firstEnd, signed(firstSub.Secret, firstEnd));
		expect(late.status).toBe(401);
		expect(late.result.workflowData).toBeUndefined();

		// ---- the second job ends: resumed once more, and the execution ends -------------------------------------
		const secondEnd = await endOf(secondSub, job2.Id);
		const resumed = await loop.request(second, secondEnd, signed(secondSub.Secret, secondEnd));
		expect(resumed.status).toBe(200);
		expect(resumed.result.workflowData).toBeDefined();
		const done = await loop.resume(resumed);
		expect(done.status).toBe('success');
		expect(done.data.waitTill).toBeUndefined();
		const runs = outputsOf(done, 'Start job');
		expect(runs).toHaveLength(2);
		expect(runs).toEqual([[[expect.objectContaining({ Id: job1.Id, State: 'Successful' })]], [[expect.objectContaining({ Id: job2.Id, State: 'Successful' })]]]);
		expect(outputsOf(done, 'Loop Back')).toEqual([[[expect.objectContaining({ Id: job1.Id })], []], [[], [expect.objectContaining({ Id: job2.Id })]]]);
		expect(ours()).toHaveLength(0);
		expect(deletions()).toEqual([`${firstSub.Id}:204`, `${secondSub.Id}:204`]);
		expect(uiLog(sim).filter((e) => e.path.endsWith('StartJobs'))).toHaveLength(2);
	});
});
