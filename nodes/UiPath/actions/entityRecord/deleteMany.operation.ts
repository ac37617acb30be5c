import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatch } from './batch';
import { entityIdOf, entityLocator, recordIdOf } from './entityRef';
import { recordIdParameter } from './recordFields';

export const option = {
	name: 'Delete Many',
	action: 'Delete many entity records',
	description: 'Delete the record of every input item in batch calls (1,000 records a call), with one outcome per item',
};

export const description: INodeProperties[] = [entityLocator, recordIdParameter];

/** The router hands this operation every input item at once. */
export function handlesAllItems(this: IExecuteFunctions): boolean {
	return true;
}

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBatch.call(this, 'delete', async (itemIndex) => {
		const entityId = entityIdOf.call(this, itemIndex);
		const id = recordIdOf.call(this, itemIndex);
		return { itemIndex, entityId, body: id, id };
	});
}

// Never called item by item (handlesAllItems): the same as Delete, should a router ever do so.
export { execute } from './delete.operation';
