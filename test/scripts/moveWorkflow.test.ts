// scripts/move-workflow.js rewrites the node types of a workflow from one package of this repository to another
// (n8n-nodes-rpa → n8n-nodes-rpa-uipath / -robotic-crowd, and back), and refuses a node the target package lacks.
// The package contents come from the built node classes (dist/, built by jest's globalSetup).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { moveWorkflow, packageNodeTypes } from '../../scripts/move-workflow';

const SCRIPT = path.resolve(__dirname, '../../scripts/move-workflow.js');
const UIPATH = 'n8n-nodes-rpa-uipath';
const RC = 'n8n-nodes-rpa-robotic-crowd';

const credentials = { uiPathCloudOAuthApi: { id: 'cred1', name: 'UiPath Cloud' } };
function workflow(name: string, types: string[]) {
	const nodes = [
		{ id: 'n0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...types.map((type, i) => ({ id: `n${i + 1}`, name: `Node ${i + 1}`, type, typeVersion: 1, position: [220 * (i + 1), 0], parameters: { resource: 'job' }, credentials })),
	];
	return { id: `wf-${name}`, name, nodes, connections: { Start: { main: [[{ node: 'Node 1', type: 'main', index: 0 }]] } }, settings: {} };
}
const typesOf = (wf: any) => wf.nodes.map((n: any) => n.type);

describe('move-workflow', () => {
	it('knows each package by the node types its built classes register, tool variants included', () => {
		const packages = packageNodeTypes();
		expect([...packages.keys()].sort()).toEqual(['n8n-nodes-rpa', RC, UIPATH]);
		expect([...packages.get(UIPATH)!].sort()).toEqual(['uiPath', 'uiPathTool', 'uiPathTrigger', 'uiPathWebhookTrigger']);
		expect([...packages.get(RC)!].sort()).toEqual(['roboticCrowd', 'roboticCrowdTool', 'roboticCrowdTrigger']);
		expect([...packages.get('n8n-nodes-rpa')!].sort()).toEqual([...packages.get(RC)!, ...packages.get(UIPATH)!].sort());
	});

	it('rewrites the package prefix of the UiPath nodes, leaves n8n nodes, credentials and the input alone', () => {
		const input = workflow('UiPath jobs', ['n8n-nodes-rpa.uiPath', 'n8n-nodes-rpa.uiPathTrigger', 'n8n-nodes-rpa.uiPathTool', 'n8n-nodes-base.set']);
		const before = JSON.stringify(input);
		const { data, moved } = moveWorkflow(input, UIPATH);
		expect(typesOf(data)).toEqual(['n8n-nodes-base.manualTrigger', `${UIPATH}.uiPath`, `${UIPATH}.uiPathTrigger`, `${UIPATH}.uiPathTool`, 'n8n-nodes-base.set']);
		expect(moved).toBe(3);
		expect(JSON.stringify(input)).toBe(before);
		// nothing but the three types differs
		const back = JSON.parse(JSON.stringify(data).split(`"${UIPATH}.`).join('"n8n-nodes-rpa.'));
		expect(back).toEqual(input);
		expect((data as any).nodes[1].credentials).toEqual(credentials);
	});

	it('moves every workflow of an exported array, and nodes nested deeper (a copy of a version\'s nodes)', () => {
		const first = { ...workflow('one', ['n8n-nodes-rpa.roboticCrowd']), activeVersion: { nodes: workflow('one', ['n8n-nodes-rpa.roboticCrowdTrigger']).nodes } };
		const second = workflow('two', ['n8n-nodes-rpa.roboticCrowd', 'n8n-nodes-rpa.roboticCrowdTool']);
		const { data, moved } = moveWorkflow([first, second], RC);
		const [a, b] = data as any[];
		expect(typesOf(a)).toEqual(['n8n-nodes-base.manualTrigger', `${RC}.roboticCrowd`]);
		expect(typesOf(a.activeVersion)).toEqual(['n8n-nodes-base.manualTrigger', `${RC}.roboticCrowdTrigger`]);
		expect(typesOf(b)).toEqual(['n8n-nodes-base.manualTrigger', `${RC}.roboticCrowd`, `${RC}.roboticCrowdTool`]);
		expect(moved).toBe(4);
	});

	it('moves a single-service workflow back to the combined package', () => {
		const { data, moved } = moveWorkflow(workflow('back', [`${UIPATH}.uiPathWebhookTrigger`]), 'n8n-nodes-rpa');
		expect(typesOf(data)[1]).toBe('n8n-nodes-rpa.uiPathWebhookTrigger');
		expect(moved).toBe(1);
	});

	it('refuses a node the target package does not contain, naming the node, its type and its workflow', () => {
		const mixed = workflow('Mixed', ['n8n-nodes-rpa.uiPath', 'n8n-nodes-rpa.roboticCrowd']);
		expect(() => moveWorkflow(mixed, UIPATH)).toThrow(
			/^n8n-nodes-rpa-uipath: no node type for this node, so nothing was moved:\n {2}node "Node 2" \(n8n-nodes-rpa\.roboticCrowd\) in workflow "Mixed"\n/,
		);
		expect(() => moveWorkflow(mixed, UIPATH)).not.toThrow(/Node 1/);
		// from one single-service package to the other
		expect(() => moveWorkflow(workflow('Jobs', [`${UIPATH}.uiPath`]), RC)).toThrow(/node "Node 1" \(n8n-nodes-rpa-uipath\.uiPath\)/);
		expect(() => moveWorkflow(mixed, 'n8n-nodes-rpa-blueprism')).toThrow(/"n8n-nodes-rpa-blueprism" is none of the packages built here/);
	});

	it('moves each node to the one of several packages that has it (both single-service packages installed)', () => {
		const mixed = workflow('Mixed', ['n8n-nodes-rpa.uiPath', 'n8n-nodes-rpa.roboticCrowd', 'n8n-nodes-rpa.uiPathTrigger']);
		const { data, moved } = moveWorkflow(mixed, [UIPATH, RC]);
		expect(typesOf(data).slice(1)).toEqual([`${UIPATH}.uiPath`, `${RC}.roboticCrowd`, `${UIPATH}.uiPathTrigger`]);
		expect(moved).toBe(3);
		expect(() => moveWorkflow(mixed, [UIPATH, 'n8n-nodes-rpa-blueprism'])).toThrow(/"n8n-nodes-rpa-blueprism" is none/);
	});

	it('runs as a command: the moved JSON on stdout; a refusal exits 1 with the node named and nothing on stdout', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'move-workflow-'));
		try {
			const file = path.join(dir, 'workflow.json');
			fs.writeFileSync(file, JSON.stringify(workflow('CLI', ['n8n-nodes-rpa.roboticCrowd'])));
			const moved = JSON.parse(execFileSync(process.execPath, [SCRIPT, '--to', RC, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
			expect(typesOf(moved)[1]).toBe(`${RC}.roboticCrowd`);
			const refused = spawnSync(process.execPath, [SCRIPT, '--to', UIPATH, file], { encoding: 'utf8' });
			expect(refused.status).toBe(1);
			expect(refused.stdout).toBe('');
			expect(refused.stderr).toMatch(/node "Node 1" \(n8n-nodes-rpa\.roboticCrowd\) in workflow "CLI"/);
			const both = JSON.parse(execFileSync(process.execPath, [SCRIPT, '--to', `${UIPATH},${RC}`, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
			expect(typesOf(both)[1]).toBe(`${RC}.roboticCrowd`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
