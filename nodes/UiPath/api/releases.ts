// Releases: the processes published to a folder. Their Key is what StartJobs runs.
import type { IDataObject } from 'n8n-workflow';

import { odataString, type FolderRef, type UiPathContext } from '../transport';
import { firstNamed, firstWhere, odataEntity, odataList, parseJsonField } from './odata';

export const RELEASE_SCOPES = 'OR.Execution (or OR.Execution.Read)';

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

/** The release key of the process with this exact name, or undefined. */
export async function findReleaseKey(ctx: UiPathContext, name: string, folder: FolderRef, itemIndex: number): Promise<string | undefined> {
	const options = { folder, itemIndex, scopes: RELEASE_SCOPES, select: 'Key,Name' };
	return (await firstNamed<{ Key: string }>(ctx, '/odata/Releases', name, options))?.Key;
}

export async function listReleases(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	const releases = await odataList<IDataObject>(ctx, '/odata/Releases', { qs, folder, limit, itemIndex, scopes: RELEASE_SCOPES });
	return releases.map(withParsedReleaseArguments);
}

/** One release by its numeric Id, with its argument metadata as objects. */
export async function getRelease(ctx: UiPathContext, id: number, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const notFoundHint = `There is no process with ID ${id} in this folder: Process → Get Many lists the processes of a folder and their IDs.`;
	return withParsedReleaseArguments(await odataEntity(ctx, `/odata/Releases(${id})`, { folder, itemIndex, scopes: RELEASE_SCOPES, notFoundHint }));
}

const RELEASE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The argument metadata (`Arguments`: Input and Output as JSON strings) of the release a Process locator names: by
 * Key when it holds one (From List, By Release Key), else by exact name.
 */
export async function findReleaseArguments(
	ctx: UiPathContext,
	process: { mode: string; value: string },
	folder: FolderRef,
): Promise<IDataObject | undefined> {
	const byKey = process.mode !== 'name' && RELEASE_KEY.test(process.value);
		// ReleaseDto.Key is a string (not Edm.Guid) in the OpenAPI document, so it is quoted.
	const filter = byKey ? `Key eq ${odataString(process.value)}` : `Name eq ${odataString(process.value)}`;
	const release = await firstWhere<IDataObject>(ctx, '/odata/Releases', filter, { folder, scopes: RELEASE_SCOPES, select: 'Key,Name,Arguments' });
	return release ? ((release.Arguments as IDataObject | null) ?? {}) : undefined;
}
