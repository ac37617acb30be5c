import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../../shared/router';
import { deleteBucketFile, getBucket } from '../../api/buckets';
import { folderField, folderOf } from '../common';
import { bucketIdOf, bucketLocator, filePathField, filePathOf } from './bucketRef';

export const option = { name: 'Delete', action: 'Delete a file from a bucket', description: 'Delete one file from a storage bucket' };

export const description: INodeProperties[] = [
	folderField,
	bucketLocator,
	filePathField('The path of the file to delete, relative to the bucket root'),
	{
		displayName: 'Ignore Missing File',
		name: 'ignoreMissing',
		type: 'boolean',
		default: false,
		description: 'Whether a file that does not exist counts as deleted instead of failing the item',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const bucketId = bucketIdOf.call(this, itemIndex);
	const path = filePathOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	try {
		await deleteBucketFile(this, bucketId, path, folder, itemIndex);
	} catch (error) {
		const missing = error instanceof NodeApiError && String(error.httpCode) === '404';
		if (!missing || !this.getNodeParameter('ignoreMissing', itemIndex, false)) throw asNodeError(this, error, itemIndex);
		// The same 404 means a missing bucket: that is never ignored.
		await getBucket(this, bucketId, folder, itemIndex);
		return { bucketId, path, deleted: false };
	}
	return { bucketId, path, deleted: true };
}
