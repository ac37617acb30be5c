// The fields every Bucket File operation shares: the bucket (picker or ID) and a file's path in it.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fromListMode, locatorParameter, numericIdMode } from '../../../shared/locator';
import { numberParameter } from '../../../shared/numbers';
import { optionsCollection } from '../../../shared/parameters';

/** A bucket of the chosen folder: from the list, or by its numeric ID (not its Identifier GUID). */
export const bucketLocator = locatorParameter('Bucket', 'bucket', [fromListMode('searchBuckets'), numericIdMode('bucket', 'e.g. 7')], {
	description: 'The storage bucket of the folder',
});

export function filePathField(description: string): INodeProperties {
	return {
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. in/2026/invoice.pdf',
		description,
	};
}

/** The bucket's numeric ID from the Bucket parameter. */
export function bucketIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = String((this.getNodeParameter('bucket', itemIndex) as { value?: unknown }).value ?? '').trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), raw ? `"${raw}" is not a bucket ID` : 'Pick a bucket', {
			itemIndex,
			description: 'Choose the bucket from the list, or give its numeric ID (Bucket → Get Many lists the buckets of a folder and their IDs).',
		});
	}
	return Number(raw);
}

/** The File Path parameter, relative to the bucket root (a leading / or \ is dropped, as Orchestrator does). */
export function filePathOf(this: IExecuteFunctions, itemIndex: number): string {
	const path = String(this.getNodeParameter('filePath', itemIndex, '')).trim().replace(/^[/\\]+/, '');
	if (!path) {
		throw new NodeOperationError(this.getNode(), 'File Path is empty', {
			itemIndex,
			description: "Give the file's path in the bucket, relative to its root, e.g. in/2026/invoice.pdf.",
		});
	}
	return path;
}

/** Upload's and Download's options: how long the storage URI Orchestrator hands out stays valid. */
export const transferOptions = optionsCollection('options', [
	{
		displayName: 'URI Expiry (Minutes)',
		name: 'expiryInMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long the storage URI stays valid: raise it for very large files over slow links',
	},
]);

/** The URI Expiry option as the query of GetReadUri / GetWriteUri: nothing when not set (Orchestrator's 60 minutes). */
export function expiryQueryOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// set but empty (an expression that gave nothing) is refused; not set is Orchestrator's default
	if (!('expiryInMinutes' in options)) return {};
	// An Edm.Int32 in Orchestrator
	const expiryInMinutes = numberParameter.call(this, 'options.expiryInMinutes', itemIndex, 60, {
		label: 'URI Expiry (Minutes)',
		what: 'a number of minutes',
		min: 1,
		max: 2_147_483_647,
		integer: true,
	});
	return { expiryInMinutes };
}
