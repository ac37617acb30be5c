// AI agents (issue 10, defect 9): the tool variant n8n derives from the Robotic Crowd node may not mint tokens
// unless the user turns it on explicitly.
import { credentialData, log, rcNode, setUp, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness } from '../harness/engine';

describe('Robotic Crowd as an AI agent tool', () => {
	let sim: RcSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
		sim.addWorkflow({ name: 'Invoice intake' });
		harness.addCredential('roboticCrowdApi', credentialData(sim), 'rc');
	});
	afterEach(async () => sim.close());

	const mint = (extra: Record<string, unknown> = {}) =>
		rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.write', 'access_token.create'], expiresIn: 600, ...extra });
	const asTool = (spec: ReturnType<typeof rcNode>) => ({ ...spec, type: 'roboticCrowdTool' });

	it('refuses Token → Create called by an agent, and mints no token', async () => {
		const { error, run } = await harness.run(asTool(mint()));
		expect(error?.message).toBe('AI agents may not mint Robotic Crowd tokens with this tool');
		expect(error?.description).toMatch(/turn on "Allow AI Agents to Mint Tokens"/);
		expect(JSON.stringify(run)).not.toMatch(/eyJhbGciOi/);
	});

	it('mints for an agent only when the user turned it on, and always for the plain node', async () => {
		const allowed = await harness.run(asTool(mint({ allowAiAgents: true })));
		expect(allowed.error).toBeUndefined();
		expect(allowed.items[0].json.token).toMatch(/^eyJ/);
		const plain = await harness.run(mint());
		expect(plain.error).toBeUndefined();
		expect(plain.items[0].json.token).toMatch(/^eyJ/);
	});

	it('keeps the other operations callable by an agent', async () => {
		const { error, items } = await harness.run(asTool(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true })));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(log(sim).at(-1)?.path).toBe('/v1/workflows');
	});

	it('shows the switch only on the tool variant', () => {
		const plainProps = harness.nodeTypes.getByNameAndVersion('n8n-nodes-rpa.roboticCrowd').description.properties;
		const field = plainProps.find((p) => p.name === 'allowAiAgents');
		expect(field?.displayOptions?.show?.['@tool']).toEqual([true]);
		expect(field?.default).toBe(false);
	});
});
