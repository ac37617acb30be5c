import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, limitOf, returnAllFields } from '../../../shared/parameters';
import { listBucketFiles } from '../../api/buckets';
import { folderField, folderOf } from '../common';
import { bucketIdOf, bucketLocator } from './bucketRef';

export const option = {
	name: 'Get Many',
	action: 'Get many files in a bucket',
	description: 'List the files of a bucket directory with their paths, sizes and content types',
};

export const description: INodeProperties[] = [
	folderField,
	bucketLocator,
	{
		displayName: 'Directory',
		name: 'directory',
		type: 'string',
		default: '',
		placeholder: 'e.g. in/2026',
		description: 'The directory to list, relative to the bucket root; empty for the root',
	},
	{
		displayName: 'Include Subdirectories',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether to list the files of every directory below as well',
	},
	...returnAllFields(),
	filtersCollection([
		{
			displayName: 'File Name Pattern',
			name: 'fileNameGlob',
			type: 'string',
			default: '',
			placeholder: 'e.g. *.pdf',
			description: 'Only files whose name matches this pattern (* any text, ? one character)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		directory: String(this.getNodeParameter('directory', itemIndex, '')).trim(),
		recursive: this.getNodeParameter('recursive', itemIndex, false) as boolean,
	};
	if (filters.fileNameGlob) qs.fileNameGlob = String(filters.fileNameGlob);
	const folder = folderOf.call(this, itemIndex);
	return await listBucketFiles(this, bucketIdOf.call(this, itemIndex), qs, folder, limitOf.call(this, itemIndex), itemIndex);
}
