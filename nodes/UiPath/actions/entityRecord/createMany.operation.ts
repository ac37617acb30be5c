import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatch } from './batch';
import { entityLocator } from './entityRef';
import { recordFieldParameters } from './recordFields';
import { itemRecordOf } from './recordValues';

export const option = {
	name: 'Create Many',
	action: 'Create many entity records',
	description: 'Add every input item as a record in batch calls (1,000 records a call), with one outcome per item',
};

export const description: INodeProperties[] = [entityLocator, ...recordFieldParameters('create')];

/** The router hands this operation every input item at once. */
export function handlesAllItems(this: IExecuteFunctions): boolean {
	return true;
}

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBatch.call(this, 'insert', async (itemIndex) => {
		const { entityId, body } = await itemRecordOf(this, itemIndex, 'create');
		return { itemIndex, entityId, body };
	});
}

// Never called item by item (handlesAllItems): the same as Create, should a router ever do so.
export { execute } from './create.operation';
