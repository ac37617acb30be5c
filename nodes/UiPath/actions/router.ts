import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/router';
import { assetActions } from './asset';
import { accountActions, tenantActions } from './discovery';
import { folderActions } from './folder';
import { jobActions } from './job';
import { processActions } from './process';
import { addAllInOneCall, isBulkAdd, queueItemActions } from './queueItem';
import { robotActions } from './robot';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Queue Item → Add with "All Input Items in One Call" sends every item in one request: not item by item.
	if (isBulkAdd.call(this)) return [await addAllInOneCall.call(this)];
	return await routeItems.call(this, {
		account: accountActions,
		asset: assetActions,
		folder: folderActions,
		job: jobActions,
		process: processActions,
		queueItem: queueItemActions,
		robot: robotActions,
		tenant: tenantActions,
	});
}
