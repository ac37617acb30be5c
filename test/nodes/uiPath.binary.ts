// Runs a UiPath node on input items that carry binary data: the harness's run() takes JSON items only.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { INodeExecutionData, IRun } from 'n8n-workflow';

import { firstRunData, type EngineHarness } from '../harness/engine';
import type { uiNode } from './uiPath.helpers';

/** Runs a node on items that carry binary data (the harness's run() takes JSON only). */
export async function runWithBinary(harness: EngineHarness, spec: ReturnType<typeof uiNode>, items: INodeExecutionData[]) {
	const h = harness as unknown as { workflow: (node: unknown) => any; additionalData: (hooks: unknown) => any };
	const node = harness.toNode(spec);
	const workflow = h.workflow(node);
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', { id: workflow.id, name: workflow.name, nodes: [node], connections: {} } as never);
	const done = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const data = firstRunData(node, items);
	await new WorkflowExecute(h.additionalData(hooks), 'manual', data).processRunExecutionData(workflow);
	const task = (await done).data.resultData.runData[node.name]?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: task?.error as (Error & { description?: string }) | undefined };
}

export const fileItem = (content: Buffer, mimeType: string, fileName = 'file.bin'): INodeExecutionData => ({
	json: {},
	binary: { data: { data: content.toString('base64'), mimeType, fileName } },
});

