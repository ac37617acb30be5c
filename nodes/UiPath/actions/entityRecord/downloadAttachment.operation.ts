import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { eachFileItem, fileItem } from '../../../shared/fileItems';
import { downloadAttachment } from '../../api/dataFabric';
import { attachmentFields, attachmentRefOf } from './attachmentRef';

export const option = {
	name: 'Download Attachment',
	action: 'Download an entity record attachment',
	description: 'Get the file in a File field of a record as binary data',
};

export const description: INodeProperties[] = attachmentFields({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
});

/** The file name of a Content-Disposition header (filename*= or filename=), if any. */
function fileNameOf(disposition: string | undefined): string | undefined {
	const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition ?? '')?.[1];
	if (extended) return decodeURIComponent(extended.trim().replace(/^"|"$/g, ''));
	return /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '')?.[1]?.trim();
}

async function download(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const { entityId, recordId, field } = attachmentRefOf.call(this, itemIndex);
	const file = await downloadAttachment(this, entityId, recordId, field, itemIndex);
	const fileName = fileNameOf(file.disposition) ?? field;
	return await fileItem(this, itemIndex, { data: file.data, fileName, contentType: file.contentType }, { entityId, recordId, field });
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
