// The fault suite (issue 10): each fault on the waits, the paging and both triggers, through n8n's engine. Each
// case either recovers or ends with an error that names the cause; the simulators count what was lost (a record
// that existed but never came out, with no error saying so) and what came twice (records, jobs or runs).
import type { EngineHarness, PollState } from '../harness/engine';
import { credentialData, log, rcNode, setUp as rcSetUp, type RcSim } from './roboticCrowd.helpers';
import { cloudCredential, inFolder, setUp as uiSetUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { recordTally } from '../suiteTally';

type Fault = Record<string, unknown>;
type Sim = { faults: { take: (method: string, path: string) => unknown }; clock: { advance: (ms: number) => void } };
interface Outcome {
	lost: number;
	duplicated: number;
	error?: string;
}

const FAULTS: Array<[string, Fault]> = [
	['429 with Retry-After', { status: 429, retryAfter: 1 }],
	['429 without Retry-After', { status: 429 }],
	['429 storm past the retry bound', { status: 429, retryAfter: 0, times: 12 }],
	['500', { status: 500 }],
	['502', { status: 502 }],
	['503', { status: 503 }],
	['504', { status: 504 }],
	['reset before the server acted', { reset: 'before' }],
	['reset after the server acted', { reset: 'after' }],
	['malformed JSON', { malformedBody: '{"value": oops}' }],
	['truncated JSON', { malformed: true }],
	// UiPath's request timeout is fixed at 60 s: a hang is tried on Robotic Crowd, whose credential sets 2 s here
	['a hang past the timeout', { hang: true, robotic: true }],
	['HTML error page from a proxy', { status: 502, html: true }],
	['clock skew, server 3 minutes ahead', { skewMs: 180_000 }],
	// Robotic Crowd tokens are valid from a minute before n8n signs them: a server further behind refuses them (401)
	['clock skew, server 45 seconds behind', { skewMs: -45_000 }],
];
// A cause the user can act on: the status, the quota, the body, or that no answer came.
const CLEAR = /\b[45]\d\d\b|quota|rate limit|not valid JSON|did not answer|Could not reach|was cut before it answered|may have/;

/** Applies `fault` to the `nth` request that `matches` (a clock skew is set up with the simulator instead). */
function inject(sim: Sim, fault: Fault, matches: (method: string, path: string) => boolean, nth = 1) {
	if (fault.skewMs) return;
	const take = sim.faults.take.bind(sim.faults);
	let seen = 0;
	let left = (fault.times as number | undefined) ?? 1;
	sim.faults.take = (method: string, path: string) => {
		if (matches(method, path) && ++seen >= nth && left > 0) {
			left--;
			return { ...fault, times: 1 };
		}
		return take(method, path);
	};
}

const count = (expected: number[], got: number[], error?: string): Outcome => ({
	lost: error ? 0 : expected.filter((id) => !got.includes(id)).length,
	duplicated: got.length - new Set(got).size,
	error,
});
const idsOf = (items: Array<{ json: Record<string, unknown> }> | null, key: string) => (items ?? []).map((i) => i.json[key] as number);

async function uiPathSim(fault: Fault) {
	const { sim, harness, shared } = await uiSetUp({ listLimitPerMinute: 100_000 });
	sim.clock.advance((fault.skewMs as number | undefined) ?? 0);
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { listCallsPerMinute: 0 }), 'cloud');
	return { sim, harness, shared };
}
async function rcSim(fault: Fault) {
	const { sim, harness } = await rcSetUp({ quotaPerMinute: 100_000 });
	sim.clock.advance((fault.skewMs as number | undefined) ?? 0);
	harness.addCredential('roboticCrowdApi', credentialData(sim, { quotaPerMinute: 100_000, timeoutSeconds: 2 }), 'rc');
	const workflowId = sim.addWorkflow({ name: 'Intake', queueDelayMs: 100, durationMs: 300 }).id;
	return { sim, harness, workflowId };
}

const SCENARIOS: Record<string, (fault: Fault) => Promise<Outcome>> = {
	async 'UiPath Job → Get Many, Return All (paging)'(fault) {
		const { sim, harness, shared } = await uiPathSim(fault);
		try {
			const jobs = Array.from({ length: 1100 }, () => sim.addJob({ folderId: shared.Id, state: 'Successful' }).Id);
			inject(sim, fault, (m, p) => p.endsWith('/odata/Jobs'), 2);
			const { items, error } = await harness.run(uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true }));
			return count(jobs, idsOf(items, 'Id'), error?.message);
		} finally {
			await sim.close();
		}
	},
	async 'UiPath Job → Start and wait (waits)'(fault) {
		const { sim, harness, shared } = await uiPathSim(fault);
		try {
			const release = sim.addRelease({ folderId: shared.Id, name: 'Quick', queueDelayMs: 100, durationMs: 300 });
			inject(sim, fault, (m, p) => m === 'GET' && /\/odata\/Jobs\(\d+\)$/.test(p));
			const { items, error } = await harness.run(
				uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1, waitForCompletion: true, waitTimeout: 30, startOptions: { pollInterval: 1 } }),
			);
			const starts = uiLog(sim).filter((e) => e.method === 'POST' && e.path.endsWith('StartJobs')).length;
			return { lost: error || items[0]?.json.State === 'Successful' ? 0 : 1, duplicated: starts - 1, error: error?.message };
		} finally {
			await sim.close();
		}
	},
	async 'UiPath Trigger (jobs)'(fault) {
		const { sim, harness, shared } = await uiPathSim(fault);
		try {
			const state: PollState = { staticData: {} };
			const trigger = { type: 'uiPathTrigger', parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [{ folder: inFolder() }] }, states: ['Successful', 'Faulted', 'Stopped'] } as never, credentials: { uiPathCloudOAuthApi: 'cloud' } };
			sim.addJob({ folderId: shared.Id, state: 'Successful' });
			await harness.poll(trigger, state);
			const jobs = Array.from({ length: 30 }, () => sim.addJob({ folderId: shared.Id, state: 'Successful' }).Id);
			inject(sim, fault, (m, p) => p.endsWith('/odata/Jobs'));
			let error: string | undefined;
			const got: number[] = [];
			for (let p = 0; p < 3; p++) {
				try {
					got.push(...idsOf(await harness.poll(trigger, state), 'Id'));
				} catch (e) {
					error ??= (e as Error).message;
				}
			}
			// a failed poll is retried by the next one: nothing may be lost either way
			return { ...count(jobs, got), error };
		} finally {
			await sim.close();
		}
	},
	async 'Robotic Crowd Run → Get Many, Return All (paging)'(fault) {
		const { sim, harness, workflowId } = await rcSim(fault);
		try {
			const runs = Array.from({ length: 120 }, () => sim.addRun({ workflow_id: workflowId, status: 'success' }).id);
			inject(sim, fault, (m, p) => p === '/v1/session_queues', 2);
			const { items, error } = await harness.run(rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true }));
			return count(runs, idsOf(items, 'id'), error?.message);
		} finally {
			await sim.close();
		}
	},
	async 'Robotic Crowd Run → Create and wait (waits)'(fault) {
		const { sim, harness, workflowId } = await rcSim(fault);
		try {
			inject(sim, fault, (m, p) => m === 'GET' && p === '/v1/session_queues');
			const { items, error } = await harness.run(
				rcNode({ resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '{}', waitForCompletion: true, waitTimeout: 30, createOptions: { pollInterval: 1 } }),
			);
			const creates = log(sim).filter((e) => e.method === 'POST').length;
			return { lost: error || items[0]?.json.status === 'success' ? 0 : 1, duplicated: creates - 1, error: error?.message };
		} finally {
			await sim.close();
		}
	},
	async 'Robotic Crowd Run → Create (starts work, never sent twice)'(fault) {
		const { sim, harness, workflowId } = await rcSim(fault);
		try {
			inject(sim, fault, (m) => m === 'POST');
			const { error } = await harness.run(
				rcNode({ resource: 'sessionQueue', operation: 'create', workflowId: { __rl: true, mode: 'id', value: String(workflowId) }, paramsInput: 'json', paramsJson: '{}' }),
			);
			const created = sim.runs.length;
			// an error may leave one run started (the user is told it may have); never two
			return { lost: error || created === 1 ? 0 : 1, duplicated: Math.max(0, created - 1), error: error?.message };
		} finally {
			await sim.close();
		}
	},
	async 'Robotic Crowd Token → Create, token from Robotic Crowd (retried: it starts no work)'(fault) {
		const { sim, harness } = await rcSim(fault);
		try {
			harness.addCredential('roboticCrowdApi', credentialData(sim, { authMethod: 'tokenEndpoint', quotaPerMinute: 100_000, timeoutSeconds: 2 }), 'rc-server');
			inject(sim, fault, (m, p) => m === 'POST' && p === '/v1/token');
			const { items, error } = await harness.run(
				rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: 60 }, { credentials: { roboticCrowdApi: 'rc-server' } }),
			);
			const minted = log(sim).filter((e) => e.method === 'POST' && e.path === '/v1/token' && e.status === 200).length;
			// one token out, and the simulator minted at most one per attempt that got through (a reset after it minted
			// is retried: a spare token is harmless, nothing started)
			return { lost: error || (items.length === 1 && typeof items[0].json.token === 'string' && minted >= 1) ? 0 : 1, duplicated: Math.max(0, items.length - 1), error: error?.message };
		} finally {
			await sim.close();
		}
	},
	async 'Robotic Crowd Trigger'(fault) {
		const { sim, harness, workflowId } = await rcSim(fault);
		try {
			const state: PollState = { staticData: {} };
			const trigger = { type: 'roboticCrowdTrigger', parameters: { statuses: ['success', 'error'] } as never, credentials: { roboticCrowdApi: 'rc' } };
			sim.addRun({ workflow_id: workflowId, status: 'success' });
			await harness.poll(trigger, state);
			const runs = Array.from({ length: 30 }, (_, i) => sim.addRun({ workflow_id: workflowId, status: i % 3 ? 'success' : 'error' }).id);
			inject(sim, fault, (m, p) => p === '/v1/session_queues', 2);
			let error: string | undefined;
			const got: number[] = [];
			for (let p = 0; p < 3; p++) {
				try {
					got.push(...idsOf(await harness.poll(trigger, state), 'id'));
				} catch (e) {
					error ??= (e as Error).message;
				}
			}
			return { ...count(runs, got), error };
		} finally {
			await sim.close();
		}
	},
};

describe('fault suite', () => {
	const results: Array<{ scenario: string; fault: string } & Outcome> = [];

	afterAll(() => {
		const lost = results.reduce((n, r) => n + r.lost, 0);
		const duplicated = results.reduce((n, r) => n + r.duplicated, 0);
		const errors = results.filter((r) => r.error).length;
		// eslint-disable-next-line no-console
		for (const r of results.filter((x) => x.lost || x.duplicated)) console.log(`${r.scenario}, ${r.fault}: lost ${r.lost}, duplicated ${r.duplicated}`);
		// part of the suite's one summary line (test/suiteTally.js), printed at the end of the run
		recordTally('faults', { faultsTried: results.length, lost, duplicated, recovered: results.length - errors, clearErrors: errors });
	});

	for (const [scenario, run] of Object.entries(SCENARIOS)) {
		const faults = FAULTS.filter(([, spec]) => !spec.robotic || scenario.startsWith('Robotic Crowd'));
		it.each(faults)(`${scenario}: %s`, async (fault, spec) => {
			const outcome = await run(spec);
			results.push({ scenario, fault, ...outcome });
			expect(outcome.lost).toBe(0);
			expect(outcome.duplicated).toBe(0);
			if (outcome.error) expect(outcome.error).toMatch(CLEAR);
			// only a storm past the bound may end a read in an error; every other fault is recovered from
			// reads recover from every fault but a storm past the bound (a trigger's next poll recovers from that too);
			// a call that starts work is not re-sent after a fault that may have come after it started
			if (!String(fault).includes('storm') && !scenario.includes('Trigger') && !scenario.includes('starts work')) {
				expect(outcome.error).toBeUndefined();
			}
		}, 60_000);
	}
});
