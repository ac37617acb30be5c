// Workflows: the project's workflows (what a run can start).
import type { IDataObject } from 'n8n-workflow';

import { paginate } from '../../shared/paginate';
import { roboticCrowdRequest, type RoboticCrowdContext } from '../transport';

const MAX_PER_PAGE = 1000;

export interface WorkflowSummary extends IDataObject {
	id: number;
	name: string;
}

/** Pages through GET /v1/workflows (up to 1000 a page) until `limit` workflows are read. */
export async function listWorkflows(ctx: RoboticCrowdContext, limit: number, itemIndex?: number): Promise<WorkflowSummary[]> {
	return await paginate(
		async ({ page, size }) => {
			const answer = await roboticCrowdRequest<{ workflows: WorkflowSummary[]; total_count: number }>(ctx, {
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
