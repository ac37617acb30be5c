// Operations whose output items carry a downloaded file: the item built from the file, and the loop over the input
// items that such an operation runs itself (the per-item router passes json on, not binary data).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from './router';

/** An output item with the file in the item's Put Output File in Field (`binaryPropertyName`) and `json` beside it. */
export async function fileItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: { data: Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0]; fileName: string; contentType?: string },
	json: IDataObject,
): Promise<INodeExecutionData> {
	const binary = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.contentType?.split(';')[0] || undefined);
	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	return {
		json: { ...json, fileName: file.fileName, contentType: binary.mimeType, fileSize: binary.fileSize },
		binary: { [property]: binary },
		pairedItem: { item: itemIndex },
	};
}

/** Runs `one` for every input item, keeping Continue On Fail per item (an `{error, description}` item). */
export async function eachFileItem(ctx: IExecuteFunctions, one: (itemIndex: number) => Promise<INodeExecutionData>): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < ctx.getInputData().length; itemIndex++) {
		try {
			output.push(await one(itemIndex));
		} catch (error) {
			const failure = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw failure;
			const json: IDataObject = { error: failure.message };
			if (failure.description) json.description = failure.description;
			output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return output;
}
