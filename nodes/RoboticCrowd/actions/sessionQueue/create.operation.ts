import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resumeUrlNameOf, waitSettingsOf, waitViaOf } from '../../../shared/parameters';
import { Pausing, pausePlanOf } from '../../../shared/durableWait';
import { Awaiting } from '../../../shared/router';
import { echoSlim, startOnce } from '../../../shared/startOnce';
import { createRun, type SessionQueue } from '../../api/sessionQueues';
import { createFields } from './createFields';
import { readParams, workflowIdOf } from './params';
import { roboticCrowdRunWait } from './durableRunWait';
import { waitForRun } from './waitForRun';

export const option = { name: 'Create', action: 'Start a workflow run', description: 'Queue a run of a workflow, optionally waiting for it to finish' };

export const description: INodeProperties[] = createFields;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | Awaiting | Pausing> {
	const workflowId = workflowIdOf.call(this, itemIndex);
	const params = readParams.call(this, itemIndex);
	// Read before the run is created: a Timeout or Check Interval that is not a number fails the item, not the wait.
	const settings = waitSettingsOf.call(this, itemIndex, 'waitForCompletion', 'createOptions');
	const plan = settings && waitViaOf.call(this, itemIndex) === 'callback' ? pausePlanOf(this, roboticCrowdRunWait, 'callback', settings.timeoutSeconds) : undefined;
	// The run's workflow gets the URL it calls at its end as one of its variables.
	if (plan) params[resumeUrlNameOf.call(this, itemIndex, "workflow's variable")] = plan.resumeUrl;
	// Once per item and run of the node: a re-run (Retry On Fail) returns the run an earlier try created. Runs have
	// no reference to look one up by, so after a try without an answer the run is not created again.
	const run = await startOnce<SessionQueue>(this, {
		itemIndex,
		request: { workflowId, params },
		send: async () => await createRun(this, workflowId, params, itemIndex),
		markRepeat: (created) => ({ ...created, alreadyStarted: true }),
		// the run echoes its params (up to 1 MB): kept once, in the request
		slim: echoSlim<SessionQueue>({ params }),
		cannotCheck: {
			message: 'Not started again: an earlier try of this node may already have started the run',
			description: 'That try got no answer or a 5xx. Look for the run with Session Queue → Get Many before starting it again.',
		},
	});
	if (!settings) return run;
	if (plan) return new Pausing(plan, { run: Number(run.id), returnFailed: settings.returnFailed });
	// The router creates every item's run first, then waits for all of them together.
	return new Awaiting(async () => await waitForRun.call(this, run, itemIndex, settings));
}
