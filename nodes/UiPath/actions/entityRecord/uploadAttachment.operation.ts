import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_ATTACHMENT_BYTES, uploadAttachment, type AttachmentFile } from '../../api/dataFabric';
import { attachmentFields, attachmentRefOf } from './attachmentRef';

export const option = {
	name: 'Upload Attachment',
	action: 'Upload an entity record attachment',
	description: "Put an item's binary file in a File field of a record (replacing the file there)",
};

export const description: INodeProperties[] = attachmentFields({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field holding the file to upload (at most 10 MB)',
});

async function fileOf(this: IExecuteFunctions, itemIndex: number): Promise<AttachmentFile> {
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length > MAX_ATTACHMENT_BYTES) {
		throw new NodeOperationError(this.getNode(), `The file in '${property}' is ${data.length} bytes; a Data Fabric attachment holds at most 10 MB`, {
			itemIndex,
			description: 'Keep larger files elsewhere (a storage bucket) and store a link to them in the record.',
		});
	}
	return { data, fileName: binary.fileName || 'file', mimeType: binary.mimeType || 'application/octet-stream' };
}

/** One multipart upload (part `file`); answers the record, whose File field then describes the file. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { entityId, recordId, field } = attachmentRefOf.call(this, itemIndex);
	const file = await fileOf.call(this, itemIndex);
	return await uploadAttachment(this, entityId, recordId, field, file, itemIndex);
}
