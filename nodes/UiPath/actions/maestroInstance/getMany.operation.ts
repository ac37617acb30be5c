import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalLocator } from '../../../shared/locator';
import { paginate } from '../../../shared/paginate';
import { limitOf, returnAllFields } from '../../../shared/parameters';
import { INSTANCES_PER_PAGE, listInstancesPage } from '../../api/maestro';
import { folderLocator } from '../../descriptions';
import { instanceFilters, instanceQueryOf } from './instanceFilters';
import { optionalFolderKeyOf } from './instanceRef';

export const option = { name: 'Get Many', action: 'Get many maestro instances', description: 'List process instances, newest first, with filters' };

export const description: INodeProperties[] = [
	optionalLocator(folderLocator, 'Only instances of this folder; empty lists the instances of every folder the credential may see'),
	...returnAllFields(),
	instanceFilters,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = instanceQueryOf.call(this, itemIndex);
	const limit = limitOf.call(this, itemIndex);
	const folderKey = await optionalFolderKeyOf(this, itemIndex);
	return await paginate(
		async (request) => {
			// Filtered here: full pages, so that few calls find Limit matching instances.
			const pageSize = query.keep ? INSTANCES_PER_PAGE : request.size;
			const page = await listInstancesPage(this, query.server, { pageSize, nextPage: request.token }, folderKey, itemIndex);
			const items = query.keep ? page.instances.filter(query.keep) : page.instances;
			return { items, next: page.nextPage, read: page.nextPage ? Math.max(request.size, page.instances.length) : page.instances.length };
		},
		{ limit, maxPageSize: INSTANCES_PER_PAGE, keyset: true },
	);
}
