// Workflow: the project's workflows (what a run can start).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginate } from '../../shared/paginate';
import { limitOf, returnAllFields } from '../../shared/parameters';
import { roboticCrowdRequest, type RoboticCrowdContext } from '../transport';

const show = { resource: ['workflow'] };
const MAX_PER_PAGE = 1000;

export interface WorkflowSummary extends IDataObject {
	id: number;
	name: string;
}

export const workflowOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show },
	options: [{ name: 'Get Many', value: 'getMany', action: 'Get many workflows', description: "List the project's workflows" }],
	default: 'getMany',
};

export const workflowFields: INodeProperties[] = returnAllFields({ ...show, operation: ['getMany'] });

/** Pages through GET /v1/workflows (up to 1000 a page) until `limit` workflows are read. */
export async function listWorkflows(this: RoboticCrowdContext, limit: number, itemIndex?: number): Promise<WorkflowSummary[]> {
	return await paginate(
		async ({ page, size }) => {
			const answer = await roboticCrowdRequest<{ workflows: WorkflowSummary[]; total_count: number }>(this, {
				method: 'GET',
				path: '/workflows',
				qs: { page, per_page: size },
				itemIndex,
			});
			return { items: answer.workflows, total: answer.total_count };
		},
		{ limit, maxPageSize: MAX_PER_PAGE },
	);
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listWorkflows.call(this, limitOf.call(this, itemIndex), itemIndex);
}

export const workflowActions = { getMany };
