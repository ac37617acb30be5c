import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cancelRun } from '../../api/sessionQueues';
import { runIdField, runIdOf } from './runId';

export const option = { name: 'Cancel', action: 'Cancel a run', description: 'Cancel a running run or remove a queued one' };

export const description: INodeProperties[] = [runIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = runIdOf.call(this, itemIndex);
	const answer = await cancelRun(this, id, itemIndex);
	return answer && typeof answer === 'object' ? { cancelled: true, ...answer } : { id, cancelled: true };
}
