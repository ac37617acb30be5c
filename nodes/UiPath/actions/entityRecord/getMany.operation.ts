import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginate } from '../../../shared/paginate';
import { limitOf, returnAllFields } from '../../../shared/parameters';
import { readRecords, RECORDS_PER_READ } from '../../api/dataFabric';
import { entityIdOf, entityLocator } from './entityRef';

export const option = { name: 'Get Many', action: 'Get many entity records', description: 'Read the records of a Data Fabric entity, ordered by ID' };

export const description: INodeProperties[] = [entityLocator, ...returnAllFields()];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entityId = entityIdOf.call(this, itemIndex);
	const limit = limitOf.call(this, itemIndex);
	return await paginate(
		async (request) => {
			const { records, total } = await readRecords(this, entityId, { start: request.offset, limit: request.size }, itemIndex);
			return { items: records, total };
		},
		{ limit, maxPageSize: RECORDS_PER_READ, shrinkLastPage: true },
	);
}
