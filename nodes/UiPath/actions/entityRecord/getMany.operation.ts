import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginate } from '../../../shared/paginate';
import { limitOf, returnAllFields } from '../../../shared/parameters';
import { queryRecords, readRecords, RECORDS_PER_READ } from '../../api/dataFabric';
import { entityIdOf, entityLocator } from './entityRef';
import { queryOf, queryParameters } from './queryFields';

export const option = { name: 'Get Many', action: 'Get many entity records', description: 'Read the records of a Data Fabric entity, filtered and sorted, or ordered by ID' };

export const description: INodeProperties[] = [entityLocator, ...returnAllFields(), ...queryParameters];

/** Without filters or sort, GET …/read (ordered by Id); with them, POST …/query. Offset paging either way. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entityId = entityIdOf.call(this, itemIndex);
	const limit = limitOf.call(this, itemIndex);
	const query = queryOf(this, itemIndex);
	return await paginate(
		async (request) => {
			const page = { start: request.offset, limit: request.size };
			const { records, total } = query
				? await queryRecords(this, entityId, { ...query, ...page }, itemIndex)
				: await readRecords(this, entityId, page, itemIndex);
			return { items: records, total };
		},
		{ limit, maxPageSize: RECORDS_PER_READ, shrinkLastPage: true },
	);
}
