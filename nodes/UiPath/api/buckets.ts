// Storage buckets and their files: list buckets, list / delete files, and the read and write URIs of a file.
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { uiPathRequest, type FolderRef, type UiPathContext } from '../transport';
import { describeFolder } from './folders';
import { odataEntity, odataList } from './odata';

export const BUCKET_READ_SCOPES = 'OR.Administration (or OR.Administration.Read)';
const BUCKET_WRITE_SCOPES = 'OR.Administration (or OR.Administration.Write)';
const ACTIONS = 'UiPath.Server.Configuration.OData';

/** Where to send a file's bytes, as GetReadUri / GetWriteUri answer. */
export interface BlobAccess {
	Uri: string;
	Verb: string;
	RequiresAuth: boolean;
	Headers?: { Keys?: string[]; Values?: string[] } | null;
}

const noSuchBucket = (bucketId: number, folder: FolderRef) =>
	`Bucket ${bucketId} was not found in ${describeFolder(folder)}: pick it from the list (Bucket → Get Many lists the buckets of a folder).`;
const noSuchFile = (path: string, bucketId: number) =>
	`File '${path}' does not exist in bucket ${bucketId}, or the bucket is not in this folder. Check the path (case matters on Amazon and Azure storage).`;

export async function listBuckets(ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number): Promise<IDataObject[]> {
	return await odataList<IDataObject>(ctx, '/odata/Buckets', { qs, folder, limit, itemIndex, scopes: BUCKET_READ_SCOPES });
}

export async function listBucketFiles(
	ctx: UiPathContext,
	bucketId: number,
	qs: IDataObject,
	folder: FolderRef,
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	try {
		return await odataList<IDataObject>(ctx, `/odata/Buckets(${bucketId})/${ACTIONS}.GetFiles`, {
			qs,
			folder,
			limit,
			itemIndex,
			scopes: BUCKET_READ_SCOPES,
		});
	} catch (error) {
		// The list helper has no 404 hint of its own: here a 404 can only mean the bucket.
		const failure = error as NodeApiError;
		if (failure instanceof NodeApiError && failure.httpCode === '404') failure.description = noSuchBucket(bucketId, folder);
		throw failure;
	}
}

/** One bucket by its Id: 404 with the picker hint when the folder has no such bucket. */
export async function getBucket(ctx: UiPathContext, bucketId: number, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const options = { folder, itemIndex, scopes: BUCKET_READ_SCOPES, notFoundHint: noSuchBucket(bucketId, folder) };
	return await odataEntity(ctx, `/odata/Buckets(${bucketId})`, options);
}

/** One file's metadata (FullPath, ContentType, Size). */
export async function getBucketFile(ctx: UiPathContext, bucketId: number, path: string, folder: FolderRef, itemIndex: number): Promise<IDataObject> {
	const options = { qs: { path }, folder, itemIndex, scopes: BUCKET_READ_SCOPES, notFoundHint: noSuchFile(path, bucketId) };
	return await odataEntity(ctx, `/odata/Buckets(${bucketId})/${ACTIONS}.GetFile`, options);
}

/** GetReadUri or GetWriteUri: where and how to move the file's bytes. Both need only the read scope. */
export async function bucketFileUri(
	ctx: UiPathContext,
	direction: 'read' | 'write',
	request: { bucketId: number; path: string; folder: FolderRef; itemIndex: number; qs?: IDataObject },
): Promise<BlobAccess> {
	const { bucketId, path, folder, itemIndex } = request;
	return await uiPathRequest<BlobAccess>(ctx, {
		method: 'GET',
		path: `/odata/Buckets(${bucketId})/${ACTIONS}.${direction === 'read' ? 'GetReadUri' : 'GetWriteUri'}`,
		qs: { path, ...request.qs },
		folder,
		itemIndex,
		scopes: BUCKET_READ_SCOPES,
		notFoundHint: direction === 'read' ? noSuchFile(path, bucketId) : noSuchBucket(bucketId, folder),
	});
}

export async function deleteBucketFile(ctx: UiPathContext, bucketId: number, path: string, folder: FolderRef, itemIndex: number): Promise<void> {
	await uiPathRequest(ctx, {
		method: 'DELETE',
		path: `/odata/Buckets(${bucketId})/${ACTIONS}.DeleteFile`,
		qs: { path },
		folder,
		itemIndex,
		scopes: BUCKET_WRITE_SCOPES,
		notFoundHint: noSuchFile(path, bucketId),
		expectEmpty: true,
	});
}
