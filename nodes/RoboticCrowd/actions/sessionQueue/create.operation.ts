import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { Awaiting } from '../../../shared/router';
import { createRun } from '../../api/sessionQueues';
import { createFields } from './createFields';
import { readParams, workflowIdOf } from './params';
import { waitForRun } from './waitForRun';

export const option = { name: 'Create', action: 'Start a workflow run', description: 'Queue a run of a workflow, optionally waiting for it to finish' };

export const description: INodeProperties[] = createFields;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | Awaiting> {
	const workflowId = workflowIdOf.call(this, itemIndex);
	const run = await createRun(this, workflowId, readParams.call(this, itemIndex), itemIndex);
	if (!this.getNodeParameter('waitForCompletion', itemIndex, false)) return run;
	// The router creates every item's run first, then waits for all of them together.
	return new Awaiting(async () => await waitForRun.call(this, run, itemIndex));
}
