// The Folder and Instance fields of the Maestro Instance operations about one instance, and the folder's Key that
// Maestro wants in X-UIPATH-FolderKey (a folder given by path or ID is looked up once per execution).
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { fromListMode, locatorParameter, typedMode } from '../../../shared/locator';
import { textOf } from '../../../shared/text';
import { describeFolder, findFolder } from '../../api/folders';
import { isGuid } from '../../api/maestro';
import { folderLocator } from '../../descriptions';
import { folderRefFrom, type FolderRef } from '../../transport';

const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const instanceFolderField: INodeProperties = {
	...folderLocator,
	description: "The instance's Orchestrator folder (Maestro answers an instance only with its folder). From List sends the folder's Key: an expression giving the folderKey of Maestro Instance → Get Many fits there.",
};

export const instanceField: INodeProperties = locatorParameter(
	'Instance',
	'instanceId',
	[
		fromListMode('searchMaestroInstances'),
		typedMode('By ID', 'id', 'e.g. 5b1c3e43-8a1f-4c3b-9f0e-2d6a7c4b8e11', {
			validation: [{ type: 'regex', properties: { regex: GUID_PATTERN, errorMessage: 'An instance ID is a GUID' } }],
		}),
	],
	{ description: 'The Maestro process instance: its ID is the Key of the Orchestrator job that started it' },
);

// Folder keys looked up by path or ID, per node execution: a batch of items in one folder asks once.
const folderKeyCache = new WeakMap<object, Map<string, string>>();

/** The Key (GUID) of a folder the user named by Key, path or ID; fails naming the Folder field when there is none. */
export async function folderKeyOf(ctx: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<string> {
	// A Key is sent as it is, whichever mode holds it (an expression such as {{ $json.folderKey }}).
	if (folder.by !== 'path' && isGuid(folder.value)) return folder.value;
	const cache = folderKeyCache.get(ctx.getInputData()) ?? new Map<string, string>();
	folderKeyCache.set(ctx.getInputData(), cache);
	const cacheKey = `${folder.by}:${folder.value}`;
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	const found = folder.by === 'id' && !/^\d+$/.test(folder.value) ? undefined : await findFolder(ctx, folder);
	if (!found?.Key) {
		throw new NodeOperationError(ctx.getNode(), `There is no ${describeFolder(folder)} that this credential can see`, {
			itemIndex,
			description: 'Pick the folder from the Folder list, or give its full path (e.g. Shared/Finance), numeric ID or Key. Folder → Get Many lists the folders.',
		});
	}
	cache.set(cacheKey, found.Key);
	return found.Key;
}

/** The item's Folder as a folder Key, or undefined when the field is empty (the lists: every folder). */
export async function optionalFolderKeyOf(ctx: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	const folder = folderRefFrom(ctx.getNodeParameter('folder', itemIndex, undefined) as { mode?: string; value?: unknown } | undefined);
	return folder ? await folderKeyOf(ctx, folder, itemIndex) : undefined;
}

/** The instance the item names and its folder's Key, both checked before anything is sent. */
export async function instanceTargetOf(this: IExecuteFunctions, itemIndex: number): Promise<{ instanceId: string; folderKey: string }> {
	const locator = this.getNodeParameter('instanceId', itemIndex) as { value?: unknown } | string;
	const instanceId = textOf(typeof locator === 'object' && locator !== null ? locator.value : locator).trim();
	if (!instanceId) {
		throw new NodeOperationError(this.getNode(), 'Pick an instance', { itemIndex, description: 'Choose the Maestro instance from the list, or give its ID (the Key of the job that started it).' });
	}
	if (!isGuid(instanceId)) {
		throw new NodeOperationError(this.getNode(), `Instance "${instanceId}" is not an instance ID`, {
			itemIndex,
			description: "A Maestro instance ID is a GUID (the instanceId of Maestro Instance → Get Many, or the Key of the job Job → Start started).",
		});
	}
	const folder = folderRefFrom(this.getNodeParameter('folder', itemIndex, undefined) as { mode?: string; value?: unknown } | undefined);
	if (!folder) {
		throw new NodeOperationError(this.getNode(), "Pick the instance's folder", {
			itemIndex,
			description: "Maestro answers an instance only with its folder's Key: choose the folder in the Folder field, or use {{ $json.folderKey }} from Maestro Instance → Get Many.",
		});
	}
	return { instanceId, folderKey: await folderKeyOf(this, folder, itemIndex) };
}
