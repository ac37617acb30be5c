import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findSessionQueue } from '../../api/sessionQueues';
import { runIdField, runIdOf } from './runId';

export const option = { name: 'Get', action: 'Get a run', description: 'Get one run by its ID' };

export const description: INodeProperties[] = [runIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = runIdOf.call(this, itemIndex);
	const run = await findSessionQueue(this, id, itemIndex);
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Run ${id} was not found`, {
			itemIndex,
			description: "Check the ID. Only runs of the API key's project can be read.",
		});
	}
	return run;
}
