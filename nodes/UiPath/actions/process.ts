// Process: the processes (releases) published to a folder. Their Key is what Job → Start runs.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../shared/parameters';
import { odataString } from '../transport';
import { odataList } from '../api/odata';
import { containsFilter, folderField, folderOf, parseJsonField } from './common';

const resource = ['process'];
const op = (...operation: string[]) => ({ resource, operation });

export const processOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many processes',
			description: 'List the processes of a folder, with their release keys and arguments',
		},
	],
	default: 'getMany',
};

export const processFields: INodeProperties[] = [
	folderField(op('getMany')),
	...returnAllFields(op('getMany')),
	containsFilter(op('getMany'), {
		displayName: 'Name Contains',
		name: 'name',
		description: 'Only processes whose name contains this text',
	}),
];

/** Arguments.Input / Arguments.Output describe the process's arguments as JSON inside strings: give objects. */
export function withParsedReleaseArguments(release: IDataObject): IDataObject {
	const out: IDataObject = { ...release };
	const args = release.Arguments;
	if (args && typeof args === 'object' && !Array.isArray(args)) {
		const { Input, Output } = args as IDataObject;
		out.Arguments = {
			...(args as IDataObject),
			Input: parseJsonField(Input) as IDataObject,
			Output: parseJsonField(Output) as IDataObject,
		};
	}
	if (typeof release.InputArguments === 'string') out.InputArguments = parseJsonField(release.InputArguments) as IDataObject;
	return out;
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: 'Name asc,Id asc' };
	if (filters.name) qs.$filter = `contains(Name,${odataString(String(filters.name))})`;
	const releases = await odataList<IDataObject>(this, '/odata/Releases', {
		qs,
		folder: folderOf.call(this, itemIndex),
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		scopes: 'OR.Execution (or OR.Execution.Read)',
	});
	return releases.map(withParsedReleaseArguments);
}

export const processActions = { getMany };
