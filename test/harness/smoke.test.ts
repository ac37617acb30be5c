import { EngineHarness } from './engine';

describe('engine harness', () => {
	it('loads the package by its package.json n8n block, as n8n does', async () => {
		const harness = await EngineHarness.create();
		const nodes = Object.keys(harness.loader.nodeTypes).sort();
		const credentials = Object.keys(harness.loader.credentialTypes).sort();
		expect(nodes).toEqual(expect.arrayContaining(['roboticCrowd', 'roboticCrowdTrigger']));
		expect(credentials).toEqual(expect.arrayContaining(['roboticCrowdApi']));
		const rc = harness.nodeTypes.getByNameAndVersion('n8n-nodes-rpa.roboticCrowd', 1);
		expect(rc.description.usableAsTool).toBe(true);
	});
});
