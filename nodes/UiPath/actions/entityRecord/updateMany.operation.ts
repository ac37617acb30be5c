import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatch } from './batch';
import { entityLocator } from './entityRef';
import { recordFieldParameters } from './recordFields';
import { itemRecordOf } from './recordValues';

export const option = {
	name: 'Update Many',
	action: 'Update many entity records',
	description: 'Change the records of every input item in batch calls (1,000 records a call), with one outcome per item',
};

export const description: INodeProperties[] = [entityLocator, ...recordFieldParameters('update')];

/** The router hands this operation every input item at once. */
export function handlesAllItems(this: IExecuteFunctions): boolean {
	return true;
}

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBatch.call(this, 'update', async (itemIndex) => {
		const { entityId, body, recordId } = await itemRecordOf(this, itemIndex, 'update');
		return { itemIndex, entityId, body: { ...body, Id: recordId }, id: recordId };
	});
}

// Never called item by item (handlesAllItems): the same as Update, should a router ever do so.
export { execute } from './update.operation';
