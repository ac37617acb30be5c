// Resource + operation -> its execute, item by item (per-item errors, Continue On Fail, pairedItem).
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationTable } from '../../shared/resources';
import { routeItems } from '../../shared/router';
import { resources } from './resources';

const table = operationTable(resources);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, table);
}
