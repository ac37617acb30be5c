// Run → Create's durable wait: Robotic Crowd's API has no completion webhook, so the run's workflow calls the
// resume URL it got as a parameter, at its end; the node then reads the run from the run list.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { awaitsOf, deadlineMessageOf, type DurableService } from '../../../shared/durableWait';
import { FINISHED_STATUSES } from '../../api/sessionQueues';
import { finishedRunOutput, readRunOnce } from './waitForRun';

export interface AwaitedRun extends IDataObject {
	run: number;
	returnFailed: boolean;
}

export const roboticCrowdRunWait: DurableService = {
	kind: 'roboticCrowdRun',
	prepare: async () => ({}),
	async readAgain(ctx, awaits, itemIndex) {
		const { run, returnFailed } = awaits as AwaitedRun;
		// The webhook context reads with the same helpers (credentials, authenticated HTTP, the node).
		const seen = await readRunOnce(ctx as unknown as IExecuteFunctions, run, itemIndex);
		if (!FINISHED_STATUSES.includes(seen.status)) return undefined;
		return [finishedRunOutput(ctx, seen, run, itemIndex, returnFailed)];
	},
	admit: async () => ({ read: 'callback' }),
	release: async () => true,
	deadlineMessage: (wait) =>
		deadlineMessageOf('run', awaitsOf<AwaitedRun>(wait).map((a) => a.run), wait.deadline, 'The run may still go on in Robotic Crowd: read it with Run → Get, or raise Timeout.'),
};
