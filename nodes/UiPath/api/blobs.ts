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
import { followRedirects } from '../../shared/redirects';
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

/**
 * One leg to the storage URI. Redirects are followed in redirects.ts: a storage service may send the request on to
 * another host (its region, a CDN), which is followed without the Orchestrator token. `body` opens the upload's
 * bytes for each hop that carries them (a stream is read once).
 */
async function send(
	ctx: IExecuteFunctions,
	access: BlobAccess,
	options: Omit<IHttpRequestOptions, 'url' | 'method'>,
	body?: () => Promise<Readable | Buffer>,
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		...options,
		url: access.Uri,
		method: (access.Verb || 'GET').toUpperCase() as IHttpRequestMethods,
		timeout: TRANSFER_TIMEOUT_MS,
	};
	const hop = async (options: IHttpRequestOptions, crossedOrigin: boolean) =>
		access.RequiresAuth && !crossedOrigin
			? await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialTypeOf(ctx), options)
			: await ctx.helpers.httpRequest(options);
	return await followRedirects(
		async (options, crossedOrigin) => {
			// a 303 turns the upload into a GET of its answer: no body then
			if (!body || options.method === 'GET') return await hop(options, crossedOrigin);
			const content = await body();
			try {
				// n8n-core hands the body to axios, which streams a Readable; the type only lists Buffer.
				return await hop({ ...options, body: content as Buffer }, crossedOrigin);
			} finally {
				// A refused PUT may leave the file open: close it (a no-op once sent).
				if (!Buffer.isBuffer(content)) content.destroy();
			}
		},
		request,
		{ service: 'The storage service', crossOrigin: 'followWithoutCredentials' },
	);
}

/** The storage service's error code (Azure and S3 answer XML: <Code>…</Code>); a download's error body is a stream. */
async function storageCode(body: unknown): Promise<string | undefined> {
	let text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (body && typeof (body as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function') {
		const chunks: Buffer[] = [];
		let length = 0;
		// An error document is small: read at most 64 KB of it.
		for await (const chunk of body as AsyncIterable<Buffer | string>) {
			chunks.push(Buffer.from(chunk));
			length += chunk.length;
			if (length > 65_536) break;
		}
		text = Buffer.concat(chunks).toString('utf8');
	}
	return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

function transferError(ctx: IExecuteFunctions, error: unknown, code: string | undefined, what: string, itemIndex: number, freshUri: boolean): NodeOperationError {
	const failure = describeFailure(error);
	if (failure.redirectRefused) return new NodeOperationError(ctx.getNode(), failure.redirectRefused.message, { itemIndex, description: failure.redirectRefused.advice });
	// e.g. a URI that wants the token on another origin than the credential's: it is not sent there
	if (failure.credentialRejected) return new NodeOperationError(ctx.getNode(), failure.credentialRejected, { itemIndex });
	const said = `${failure.status ?? 'no answer'}${code ? ` ${code}` : ''}`;
	let description = 'Run it again; if it keeps failing, check that n8n can reach the bucket\'s storage service.';
	if (code === 'MissingRequiredHeader') description = 'The storage service wants a header the node did not send. This is a bug in the node; please report it.';
	else if (failure.status === 403 && freshUri) {
		description = "The storage service refused a fresh URI too: check the n8n host's clock (a signed URI's time window is checked against it) and raise 'URI Expiry (Minutes)'.";
	} else if (failure.status === 401) description = 'The storage service refused the credential: check that its token is still valid, and run again.';
	return new NodeOperationError(ctx.getNode(), `The storage service refused the ${what} (${said})`, { itemIndex, description });
}

/**
 * Runs a transfer with a URI from `uri()`. A 403 from the storage service on the URI itself means its signed time
 * window has passed (Azure AuthenticationFailed, S3 AccessDenied "Request has expired", the FileSystem token; a
 * read URI used to write is not that): then a fresh URI is asked for once and the transfer runs again. The
 * service refused the first try outright, so nothing was stored or read.
 */
async function withFreshUri<T>(
	ctx: IExecuteFunctions,
	what: string,
	itemIndex: number,
	uri: () => Promise<BlobAccess>,
	transfer: (access: BlobAccess) => Promise<T>,
): Promise<T> {
	const first = await uri();
	try {
		return await transfer(first);
	} catch (error) {
		const code = await storageCode(describeFailure(error).body);
		const expired = describeFailure(error).status === 403 && code !== 'AuthorizationPermissionMismatch';
		if (!expired) throw transferError(ctx, error, code, what, itemIndex, false);
	}
	const fresh = await uri();
	try {
		return await transfer(fresh);
	} catch (error) {
		throw transferError(ctx, error, await storageCode(describeFailure(error).body), what, itemIndex, true);
	}
}

/** The bytes of an upload; `open` gives them from the start each time it is called. */
export interface UploadContent {
	size: number;
	mimeType: string;
	open: () => Promise<Readable | Buffer>;
}

/**
 * Sends the file's bytes to a write URI; the Content-Type is what the URI was asked for (S3 signs it). An upload is
 * sent again after an expired URI, or to where a 307/308 points, only because its body can be read again from the
 * start: `open` re-reads a Buffer held in the item, or opens the file in n8n's binary data store anew. A body that
 * could be read only once (a stream from elsewhere) must not be given a retry.
 */
export async function putBlob(ctx: IExecuteFunctions, uri: () => Promise<BlobAccess>, content: UploadContent, itemIndex: number): Promise<void> {
	await withFreshUri(ctx, 'upload', itemIndex, uri, async (access) => {
		await send(
			ctx,
			access,
			{
				headers: { ...accessHeaders(access), 'Content-Type': content.mimeType, 'Content-Length': String(content.size) },
				json: false,
			},
			content.open,
		);
	});
}

/** Opens a read URI as a stream, with the Content-Type the storage service answered. */
export async function getBlob(ctx: IExecuteFunctions, uri: () => Promise<BlobAccess>, itemIndex: number): Promise<{ body: Readable; contentType?: string }> {
	return await withFreshUri(ctx, 'download', itemIndex, uri, async (access) => {
		const response = (await send(ctx, access, {
			headers: accessHeaders(access),
			encoding: 'stream',
			returnFullResponse: true,
			json: false,
		})) as { body: Readable; headers: Record<string, string | undefined> };
		return { body: response.body, contentType: response.headers['content-type'] };
	});
}
