import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../../shared/parameters';
import { listWorkflows } from '../../api/workflows';

export const option = { name: 'Get Many', action: 'Get many workflows', description: "List the project's workflows" };

export const description: INodeProperties[] = returnAllFields();

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listWorkflows(this, limitOf.call(this, itemIndex), itemIndex);
}
