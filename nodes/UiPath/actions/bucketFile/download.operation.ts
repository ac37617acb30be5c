import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { eachFileItem, fileItem } from '../../../shared/fileItems';
import { getBlob } from '../../api/blobs';
import { bucketFileUri } from '../../api/buckets';
import { folderField, folderOf } from '../common';
import { bucketIdOf, bucketLocator, expiryQueryOf, filePathField, filePathOf, transferOptions } from './bucketRef';

export const option = {
	name: 'Download',
	action: 'Download a file from a bucket',
	description: 'Download one file of a storage bucket as binary data',
};

export const description: INodeProperties[] = [
	folderField,
	bucketLocator,
	filePathField('The path of the file to download, relative to the bucket root'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	transferOptions,
];

/** One item's file: GetReadUri, then the URI's bytes streamed into n8n's binary data store. */
async function download(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const bucketId = bucketIdOf.call(this, itemIndex);
	const path = filePathOf.call(this, itemIndex);
	const expiry = expiryQueryOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const readUri = async () => await bucketFileUri(this, 'read', { bucketId, path, folder, itemIndex, qs: expiry });
	// An expired URI is replaced once (api/blobs.ts).
	const { body, contentType } = await getBlob(this, readUri, itemIndex);
	const fileName = path.split(/[/\\]/).pop() ?? path;
	return await fileItem(this, itemIndex, { data: body, fileName, contentType }, { bucketId, path });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await download.call(this, itemIndex)).json;
}

/** Downloads carry binary data, which the per-item router does not pass on: this operation runs every item itself. */
export function handlesAllItems(): boolean {
	return true;
}

export async function executeAll(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await eachFileItem(this, async (itemIndex) => await download.call(this, itemIndex));
}
