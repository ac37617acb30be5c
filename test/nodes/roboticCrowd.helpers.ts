// Shared set-up for the Robotic Crowd engine tests: a simulator, a key, a harness with the credential stored.
import { EngineHarness } from '../harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startRoboticCrowdSimulator } = require('../simulators/roboticCrowd.js');

export const ACCESS_KEY_ID = 'AKIDTEST0001';
export const SECRET = 'rc-secret-0123456789abcdef0123456789abcdef';

export type RcSim = Awaited<ReturnType<typeof startRoboticCrowdSimulator>>;
export type LogEntry = {
	method: string;
	path: string;
	query: Record<string, string>;
	body: any;
	status: number;
	claims?: any;
	headers: Record<string, string>;
	fault?: unknown;
};

export async function setUp(options: Record<string, unknown> = {}) {
	const sim = (await startRoboticCrowdSimulator(options)) as RcSim;
	sim.addApiKey({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
	const harness = await EngineHarness.create();
	return { sim, harness };
}

/** setUp with one workflow in the simulator and the credential stored as "rc", as the start-once tests use. */
export async function setUpWithWorkflow(name: string) {
	const { sim, harness } = await setUp();
	const workflowId = sim.addWorkflow({ name }).id;
	harness.addCredential('roboticCrowdApi', credentialData(sim), 'rc');
	return { sim, harness, workflowId };
}

export function credentialData(sim: RcSim, overrides: Record<string, unknown> = {}) {
	return { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, baseUrl: sim.url, ...overrides };
}

export const log = (sim: RcSim) => sim.log as LogEntry[];

export const rcNode = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	type: 'roboticCrowd',
	parameters: parameters as never,
	credentials: { roboticCrowdApi: 'rc' },
	...extra,
});
