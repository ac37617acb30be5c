// A workflow that comes back to the node, run through n8n's WorkflowExecute: the node's output goes to a gate
// that, like an IF looping back, sends the items into the node again until it ran `times` times. Each pass is a
// new run of the node (runIndex 0, 1, …), as in a loop of a real workflow.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IDataObject,
} from 'n8n-workflow';

import { firstRunData, type EngineHarness, type NodeSpec, type RunResult } from './engine';

export const GATE_TYPE = 'harness.loopBack';

/** Output 0 ("again") while its own run is before the last pass, else output 1 ("done"). */
export const gate = (times: number): INodeType => ({
	description: {
		displayName: 'Loop Back',
		name: 'loopBack',
		group: ['transform'],
		version: 1,
		description: 'Sends its items back until the loop ran its passes',
		defaults: { name: 'Loop Back' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [],
	} as never,
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const pass = Number(this.getWorkflowDataProxy(0).$runIndex);
		const items = this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
		return pass < times - 1 ? [items, []] : [[], items];
	},
});

let loops = 0;

export interface LoopResult {
	/** the node's output per run, [] for a run that failed */
	runs: INodeExecutionData[][];
	/** the node's last error, when the workflow failed */
	error?: RunResult['error'];
	run: IRun;
}

/** Runs `spec` `times` times in one execution, looping back through the gate. */
export async function runLoop(harness: EngineHarness, spec: NodeSpec, input: IDataObject[], times: number): Promise<LoopResult> {
	const node = harness.toNode(spec);
	const gateNode = { id: 'gate-1', name: 'Loop Back', type: GATE_TYPE, typeVersion: 1, position: [200, 0] as [number, number], parameters: {} };
	const gateType = gate(times);
	const nodeTypes: INodeTypes = {
		getByName: (type) => (type === GATE_TYPE ? gateType : harness.nodeTypes.getByName(type)),
		getByNameAndVersion: (type, version) => (type === GATE_TYPE ? gateType : harness.nodeTypes.getByNameAndVersion(type, version)),
		getKnownTypes: () => ({}),
	};
	const connections: IConnections = {
		[node.name]: { main: [[{ node: gateNode.name, type: 'main', index: 0 }]] },
		[gateNode.name]: { main: [[{ node: node.name, type: 'main', index: 0 }], []] },
	};
	const workflow = new Workflow({ id: 'harness-loop', name: 'Harness loop', nodes: [node, gateNode], connections, nodeTypes, active: false, settings: { executionOrder: 'v1' } });
	const executionId = `harness-loop-${++loops}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { id: workflow.id, name: workflow.name, nodes: [node, gateNode], connections } as never);
	const done = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const runExecutionData = firstRunData(node, input.map((json) => ({ json })));
	await new WorkflowExecute(harness.additionalData(hooks, executionId), 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await done;
	const tasks = run.data.resultData.runData[node.name] ?? [];
	const failed = tasks.find((t) => t.error);
	return { run, runs: tasks.map((t) => t.data?.main?.[0] ?? []), error: (failed?.error ?? run.data.resultData.error) as RunResult['error'] };
}
