import { BINARY_ENCODING, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { putBlob, type UploadContent } from '../../api/blobs';
import { bucketFileUri, getBucketFile } from '../../api/buckets';
import { folderField, folderOf } from '../common';
import { bucketIdOf, bucketLocator, expiryQueryOf, filePathField, filePathOf, transferOptions } from './bucketRef';

export const option = {
	name: 'Upload',
	action: 'Upload a file to a bucket',
	description: "Upload an item's binary file to a storage bucket (replacing a file of the same path)",
};

export const description: INodeProperties[] = [
	folderField,
	bucketLocator,
	filePathField('Where to put the file, relative to the bucket root; an existing file there is replaced'),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file to upload',
	},
	transferOptions,
];

/**
 * The item's binary, opened as a stream when n8n keeps it outside memory (filesystem or S3 mode), with its size.
 * `open` reads it from the start each time, so an upload can be sent again with a fresh URI.
 */
async function fileOf(this: IExecuteFunctions, itemIndex: number): Promise<UploadContent> {
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const mimeType = binary.mimeType || 'application/octet-stream';
	const id = binary.id;
	if (id) {
		const { fileSize } = await this.helpers.getBinaryMetadata(id);
		return { size: fileSize, mimeType, open: async () => await this.helpers.getBinaryStream(id) };
	}
	const body = Buffer.from(binary.data, BINARY_ENCODING);
	return { size: body.length, mimeType, open: async () => body };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const bucketId = bucketIdOf.call(this, itemIndex);
	const path = filePathOf.call(this, itemIndex);
	const folder = folderOf.call(this, itemIndex);
	const expiry = expiryQueryOf.call(this, itemIndex);
	const content = await fileOf.call(this, itemIndex);
	const writeUri = async () =>
		await bucketFileUri(this, 'write', {
			bucketId,
			path,
			folder,
			itemIndex,
			// S3 signs the Content-Type into the URI: ask for the one the upload will send.
			qs: { contentType: content.mimeType, ...expiry },
		});
	await putBlob(this, writeUri, content, itemIndex);
	return await getBucketFile(this, bucketId, path, folder, itemIndex);
}
