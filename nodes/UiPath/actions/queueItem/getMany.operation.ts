import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter } from '../../../shared/optionsParameter';
import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { describeFolder } from '../../api/folders';
import { anyOf } from '../../api/odata';
import { findQueueId, listQueueItems } from '../../api/queues';
import { queueItemStatusOptions } from '../../descriptions';
import { odataString, type FolderRef } from '../../transport';
import { folderField, folderOf } from '../common';

export const option = { name: 'Get Many', action: 'Get many queue items', description: 'List queue items with filters' };

export const description: INodeProperties[] = [
	folderField,
	...returnAllFields(),
	filtersCollection([
		{ displayName: 'Queue Name', name: 'queueName', type: 'string', default: '', description: 'Only items of this queue (its exact name)' },
		{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: 'Only items with this reference' },
		multiOptionsParameter('Statuses', 'statuses', queueItemStatusOptions),
	]),
];

// Queue Ids looked up by name, per node execution.
const queueIdCache = new WeakMap<object, Map<string, number>>();

async function queueIdOf(this: IExecuteFunctions, name: string, folder: FolderRef, itemIndex: number): Promise<number> {
	const cache = queueIdCache.get(this.getInputData()) ?? new Map<string, number>();
	queueIdCache.set(this.getInputData(), cache);
	const cacheKey = `${folder.by}:${folder.value}:${name}`;
	const cached = cache.get(cacheKey);
	if (cached !== undefined) return cached;
	const id = await findQueueId(this, name, folder, itemIndex);
	if (id === undefined) {
		throw new NodeOperationError(this.getNode(), `There is no queue named "${name}" in ${describeFolder(folder)}`, {
			itemIndex,
			description: 'The name must match exactly. The Queue picker of Queue Item → Add lists the queues of a folder.',
		});
	}
	cache.set(cacheKey, id);
	return id;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const folder = folderOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const clauses: string[] = [];
	const queueName = String(filters.queueName ?? '').trim();
	if (queueName) clauses.push(`QueueDefinitionId eq ${await queueIdOf.call(this, queueName, folder, itemIndex)}`);
	const wanted = (filters.statuses as string[] | undefined) ?? [];
	if (wanted.length) clauses.push(anyOf('Status', wanted));
	if (filters.reference) clauses.push(`Reference eq ${odataString(String(filters.reference))}`);
	const qs: IDataObject = clauses.length ? { $filter: clauses.join(' and ') } : {};
	return await listQueueItems(this, qs, folder, limitOf.call(this, itemIndex), itemIndex);
}
