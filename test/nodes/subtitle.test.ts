// The subtitle under a node on the canvas, evaluated as n8n's editor does (an expression over the node's raw
// parameters), reads as words.
import { Workflow, type INode, type INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';

async function subtitleOf(nodeName: string, parameters: Record<string, string>): Promise<unknown> {
	const loader = await loadPackage();
	const type = loader.nodeTypes[nodeName].type as INodeType;
	const node: INode = { id: '1', name: 'Node', type: `n8n-nodes-rpa.${nodeName}`, typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, type.description.subtitle as string, 'internal', {});
}

describe('node subtitles', () => {
	test.each([
		['uiPath', 'job', 'start', 'Start Job'],
		['uiPath', 'asset', 'getMany', 'Get Many Assets'],
		['uiPath', 'queueItem', 'add', 'Add Queue Item'],
		['uiPath', 'process', 'get', 'Get Process'],
		['roboticCrowd', 'sessionQueue', 'create', 'Start Workflow Run'],
		['roboticCrowd', 'workflow', 'getMany', 'Get Many Workflows'],
	])('%s %s %s reads "%s"', async (nodeName, resource, operation, words) => {
		expect(await subtitleOf(nodeName, { resource, operation })).toBe(words);
	});

	test('every operation of both nodes has words, none of them a raw value', async () => {
		const loader = await loadPackage();
		for (const nodeName of ['uiPath', 'roboticCrowd']) {
			const { properties } = (loader.nodeTypes[nodeName].type as INodeType).description;
			for (const op of properties.filter((p) => p.name === 'operation')) {
				for (const resource of op.displayOptions?.show?.resource as string[]) {
					for (const option of op.options as Array<{ value: string }>) {
						const words = await subtitleOf(nodeName, { resource, operation: option.value });
						expect(typeof words === 'string' && /^[A-Z][a-z]*( [A-Z][A-Za-z]*)+$/.test(words) ? 'words' : `${resource}/${option.value}: ${String(words)}`).toBe('words');
					}
				}
			}
		}
	});
});
