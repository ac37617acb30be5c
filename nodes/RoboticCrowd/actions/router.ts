import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { sessionQueueActions } from './sessionQueue';
import { tokenActions } from './token';
import { workflowActions } from './workflow';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, {
		sessionQueue: sessionQueueActions,
		workflow: workflowActions,
		token: tokenActions,
	});
}
