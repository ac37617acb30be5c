// The second leg of a bucket file transfer: the bytes go to or come from the URI GetWriteUri / GetReadUri gave,
// with its verb and headers, and the Orchestrator token only when RequiresAuth says so (a SAS or presigned URI
// refuses a second auth mechanism). Bodies stream both ways: a 200 MB file is never held in memory.
import {
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { describeFailure } from '../../shared/http';
import { credentialTypeOf } from '../transport';
import type { BlobAccess } from './buckets';

// Generous: a large file over a slow link takes a while; the URI's own expiry bounds it anyway.
/** A readable stream, typed without importing node:stream (n8n Cloud's rule for community nodes). */
export type Readable = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

const TRANSFER_TIMEOUT_MS = 30 * 60_000;

/** The Headers of a BlobFileAccessDto ({Keys, Values}) as a header object. */
export function accessHeaders(access: BlobAccess): Record<string, string> {
	const keys = access.Headers?.Keys ?? [];
	const values = access.Headers?.Values ?? [];
	return Object.fromEntries(keys.map((key, i) => [key, String(values[i] ?? '')]));
}

async function send(ctx: IExecuteFunctions, access: BlobAccess, options: Omit<IHttpRequestOptions, 'url' | 'method'>): Promise<unknown> {
	const request: IHttpRequestOptions = {
		...options,
		url: access.Uri,
		method: (access.Verb || 'GET').toUpperCase() as IHttpRequestMethods,
		timeout: TRANSFER_TIMEOUT_MS,
	};
	return access.RequiresAuth
		? await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialTypeOf(ctx), request)
		: await ctx.helpers.httpRequest(request);
}

/** The storage service's error code (Azure and S3 answer XML: <Code>…</Code>). */
function storageCode(body: unknown): string | undefined {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

function transferError(ctx: IExecuteFunctions, error: unknown, what: string, itemIndex: number): NodeOperationError {
	const failure = describeFailure(error);
	const code = storageCode(failure.body);
	const said = `${failure.status ?? 'no answer'}${code ? ` ${code}` : ''}`;
	let description = 'Run it again; if it keeps failing, check that n8n can reach the bucket\'s storage service.';
	if (code === 'MissingRequiredHeader') description = 'The storage service wants a header the node did not send. This is a bug in the node; please report it.';
	else if (failure.status === 403 && /AuthenticationFailed|AccessDenied/.test(code ?? '')) {
		description = "The storage URI expired before the file was sent: raise 'URI Expiry (Minutes)'.";
	} else if (failure.status === 401) description = 'The storage service refused the credential: check that its token is still valid, and run again.';
	return new NodeOperationError(ctx.getNode(), `The storage service refused the ${what} (${said})`, { itemIndex, description });
}

/** Sends the file's bytes to a write URI; the Content-Type is what the URI was asked for (S3 signs it). */
export async function putBlob(
	ctx: IExecuteFunctions,
	access: BlobAccess,
	content: { body: Readable | Buffer; size: number; mimeType: string },
	itemIndex: number,
): Promise<void> {
	try {
		await send(ctx, access, {
			// n8n-core hands the body to axios, which streams a Readable; the type only lists Buffer.
			body: content.body as Buffer,
			headers: { ...accessHeaders(access), 'Content-Type': content.mimeType, 'Content-Length': String(content.size) },
			json: false,
			// Following redirects makes axios keep a copy of the whole body to replay it: a PUT to a storage URI
			// is never redirected, and 200 MB must not sit in memory.
			disableFollowRedirect: true,
		});
	} catch (error) {
		throw transferError(ctx, error, 'upload', itemIndex);
	}
}

/** Opens a read URI as a stream, with the Content-Type the storage service answered. */
export async function getBlob(ctx: IExecuteFunctions, access: BlobAccess, itemIndex: number): Promise<{ body: Readable; contentType?: string }> {
	try {
		const response = (await send(ctx, access, {
			headers: accessHeaders(access),
			encoding: 'stream',
			returnFullResponse: true,
			json: false,
		})) as { body: Readable; headers: Record<string, string | undefined> };
		return { body: response.body, contentType: response.headers['content-type'] };
	} catch (error) {
		throw transferError(ctx, error, 'download', itemIndex);
	}
}
