// @ts-check
'use strict';
/**
 * The storage behind the simulated buckets: a second loopback HTTP server that plays the blob service the URIs of
 * GetReadUri / GetWriteUri point at. Bodies stream straight to and from temporary files (nothing is held in memory),
 * and every request is checked the way the real service checks it:
 *
 *   provider          URI                                  the service wants
 *   built-in, Azure   /<container>/<path>?sv&sp&se&sig     SAS signature and expiry; PUT with `x-ms-blob-type:
 *                                                          BlockBlob` and a Content-Length (Azure's Put Blob takes
 *                                                          no chunked body); no Authorization header
 *   Amazon            /<container>/<path>?X-Amz-…          presigned query; the Content-Type the URI was signed for;
 *                                                          a Content-Length; no Authorization header
 *   FileSystem        /orchestrator/<container>/<path>?t=  the Orchestrator bearer token (RequiresAuth true); on
 *                                                          Orchestrator's own origin (`orchestratorUrl`), as the
 *                                                          server stores these files itself
 *
 * Errors are the services' own: Azure's XML `<Error><Code>MissingRequiredHeader</Code>…` (400),
 * `AuthenticationFailed` (403, bad or expired signature), `AuthorizationPermissionMismatch` (403, a read URI used to
 * write), `InvalidAuthenticationInfo` (401, an Authorization header on a SAS request), `BlobNotFound` (404),
 * `MissingContentLengthHeader` (411); S3's `SignatureDoesNotMatch`, `AccessDenied` (expired), `InvalidArgument`
 * ("Only one auth mechanism allowed"), `NoSuchKey`, `MissingContentLength`. Range reads (206) are served.
 * Faults come from the simulator's queue (`sim.faults.add({ path: '/blobs/', … })`): a status, `hang`, or
 * `malformed` (a download cut off halfway; uploads ignore it). Every request is logged in `sim.log` with
 * `service: 'blob'` (PUTs also count `received` bytes while the body streams in).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { HttpError } = require('../common');

/** @typedef {{ size: number, contentType: string, md5: string, lastModified: number, file: string, id: string }} BlobMeta */

/** @param {{ clock: any, faults: any, log: any[], authenticate: (req: any) => unknown, orchestratorUrl: () => string }} opts */
async function startBlobStore({ clock, faults, log, authenticate, orchestratorUrl }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uipath-sim-blobs-'));
	const key = crypto.randomBytes(32);
	/** @type {Map<string, { provider: string, blobs: Map<string, BlobMeta> }>} container -> its blobs */
	const containers = new Map();
	let fileNo = 0;

	const sign = (/** @type {string[]} */ parts) => crypto.createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
	const encodePath = (/** @type {string} */ p) => p.split('/').map(encodeURIComponent).join('/');

	/**
	 * A URI for one blob, as GetReadUri / GetWriteUri return it.
	 * @param {string} container @param {string} blobPath @param {'GET' | 'PUT'} verb @param {number} expiresAt epoch ms
	 * @param {string | undefined} contentType what an S3 write URI is signed for
	 */
	function accessUri(container, blobPath, verb, expiresAt, contentType) {
		const c = containers.get(container);
		if (!c) throw new Error(`no container ${container}`);
		const se = new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z');
		const perm = verb === 'GET' ? 'r' : 'cw';
		if (c.provider === 'FileSystem') {
			const t = sign(['fs', container, blobPath, perm, se]);
			return `${orchestratorUrl()}/orchestrator/${container}/${encodePath(blobPath)}?${new URLSearchParams({ sp: perm, se, t })}`;
		}
		if (c.provider === 'Amazon') {
			const ct = verb === 'PUT' ? contentType ?? '' : '';
			const q = { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': se, 'X-Amz-Expires': perm, 'X-Amz-SignedHeaders': ct ? 'content-type;host' : 'host' };
			const sig = sign(['s3', container, blobPath, perm, se, ct]);
			return `${server.url}/blobs/${container}/${encodePath(blobPath)}?${new URLSearchParams({ ...q, 'X-Amz-Signature': sig })}`;
		}
		const sig = sign(['sas', container, blobPath, perm, se]);
		return `${server.url}/blobs/${container}/${encodePath(blobPath)}?${new URLSearchParams({ sv: '2021-08-06', sr: 'b', sp: perm, se, sig })}`;
	}

	/** Azure or S3 error body as XML. */
	function xmlError(/** @type {string} */ provider, /** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ message, extra = '') {
		const requestId = crypto.randomUUID();
		const body = provider === 'Amazon'
			? `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`
			: `\ufeff<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${requestId}\nTime:${new Date(clock.now()).toISOString()}</Message>${extra}</Error>`;
		/** @type {Record<string, string>} */
		const headers = provider === 'Amazon' ? { 'x-amz-request-id': requestId } : { 'x-ms-request-id': requestId, 'x-ms-error-code': code };
		return new HttpError(status, body, { 'content-type': 'application/xml', ...headers });
	}

	/** Checks a request against its URI and the service's rules; returns the blob's place. */
	function authorize(/** @type {http.IncomingMessage} */ req, /** @type {URL} */ url) {
		const method = req.method ?? 'GET';
		const fsMode = url.pathname.startsWith('/orchestrator/');
		const rest = url.pathname.slice(fsMode ? '/orchestrator/'.length : '/blobs/'.length);
		const slash = rest.indexOf('/');
		const container = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
		const blobPath = slash === -1 ? '' : rest.slice(slash + 1).split('/').map(decodeURIComponent).join('/');
		const c = containers.get(container);
		const provider = c ? c.provider : 'Azure';
		const q = url.searchParams;
		const wanted = method === 'PUT' ? 'cw' : 'r';
		if (fsMode) {
			authenticate(req); // 401 JSON, as Orchestrator answers
			const se = q.get('se') ?? '';
			if (!c || q.get('t') !== sign(['fs', container, blobPath, q.get('sp') ?? '', se]) || q.get('sp') !== wanted || Date.parse(se) < clock.now()) {
				throw new HttpError(403, { message: 'The blob access token is not valid for this request (wrong file, verb or expired).', errorCode: 0 });
			}
			return { c, container, blobPath, provider: 'FileSystem' };
		}
		if (provider === 'Amazon') {
			if (req.headers.authorization) {
				throw xmlError(provider, 400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', '<ArgumentName>Authorization</ArgumentName>');
			}
			const se = q.get('X-Amz-Date') ?? '';
			const ct = method === 'PUT' && q.get('X-Amz-SignedHeaders') === 'content-type;host' ? String(req.headers['content-type'] ?? '') : '';
			if (!c || q.get('X-Amz-Expires') !== wanted || q.get('X-Amz-Signature') !== sign(['s3', container, blobPath, wanted, se, ct])) {
				throw xmlError(provider, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
			}
			if (Date.parse(se) < clock.now()) throw xmlError(provider, 403, 'AccessDenied', 'Request has expired');
			return { c, container, blobPath, provider };
		}
		if (req.headers.authorization) {
			throw xmlError(provider, 401, 'InvalidAuthenticationInfo', 'Authentication information is not given in the correct format. Check the value of Authorization header.');
		}
		const se = q.get('se') ?? '';
		if (!c || q.get('sig') !== sign(['sas', container, blobPath, q.get('sp') ?? '', se])) {
			throw xmlError(provider, 403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.');
		}
		if (Date.parse(se) < clock.now()) {
			throw xmlError(provider, 403, 'AuthenticationFailed', `Signed expiry time [${new Date(Date.parse(se)).toUTCString()}] must be after signed start time [${new Date(clock.now()).toUTCString()}]`);
		}
		if (q.get('sp') !== wanted) throw xmlError(provider, 403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
		return { c, container, blobPath, provider };
	}

	/** Streams the request body to a temporary file, then publishes it under the blob's path. */
	function putBlob(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res, /** @type {any} */ where, /** @type {Record<string, unknown>} */ entry) {
		const { c, blobPath, provider } = where;
		const length = req.headers['content-length'];
		if (provider !== 'FileSystem' && length === undefined) {
			throw provider === 'Amazon'
				? xmlError(provider, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.')
				: xmlError(provider, 411, 'MissingContentLengthHeader', 'The Content-Length header is required.');
		}
		if (provider !== 'FileSystem' && provider !== 'Amazon') {
			const type = req.headers['x-ms-blob-type'];
			if (type === undefined) {
				throw xmlError(provider, 400, 'MissingRequiredHeader', "An HTTP header that's mandatory for this request is not specified.", '<HeaderName>x-ms-blob-type</HeaderName>');
			}
			if (type !== 'BlockBlob') throw xmlError(provider, 400, 'InvalidHeaderValue', 'The value for one of the HTTP headers is not in the correct format.', `<HeaderName>x-ms-blob-type</HeaderName><HeaderValue>${type}</HeaderValue>`);
		}
		const file = path.join(dir, `blob-${++fileNo}`);
		const out = fs.createWriteStream(file);
		const md5 = crypto.createHash('md5');
		let size = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			size += chunk.length;
			entry.received = size; // visible while the upload runs: tests see the body stream in
			md5.update(chunk);
		});
		req.pipe(out);
		out.on('error', () => undefined); // a write racing the discard below is expected, not a fault
		// A client that gives up halfway leaves no blob behind.
		// Unpipe first: a chunk still buffered in the pipe would otherwise be written to the destroyed file stream.
		const discard = () => {
			req.unpipe(out);
			out.destroy();
			fs.rm(file, { force: true }, () => undefined);
		};
		req.on('aborted', discard);
		req.on('error', discard);
		req.on('close', () => {
			if (!req.complete) discard();
		});
		out.on('finish', () => {
			if (!req.complete) {
				discard();
				return;
			}
			const previous = c.blobs.get(blobPath);
			if (previous) fs.rm(previous.file, { force: true }, () => undefined);
			const digest = md5.digest();
			const contentType = String(req.headers['x-ms-blob-content-type'] ?? req.headers['content-type'] ?? 'application/octet-stream');
			c.blobs.set(blobPath, { size, contentType, md5: digest.toString('base64'), lastModified: clock.now(), file, id: previous?.id ?? crypto.randomUUID() });
			entry.status = provider === 'Amazon' || provider === 'FileSystem' ? 200 : 201;
			entry.bytes = size;
			const etag = `"${digest.toString('hex')}"`;
			res.writeHead(/** @type {number} */ (entry.status), provider === 'Amazon' ? { etag } : { etag, 'content-md5': digest.toString('base64'), 'last-modified': new Date(clock.now()).toUTCString() });
			res.end();
		});
	}

	/** Streams a blob (or one byte range of it) back; `truncate` cuts it off halfway (a fault). */
	function getBlob(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res, /** @type {any} */ where, /** @type {Record<string, unknown>} */ entry, truncate = false) {
		const { c, blobPath, provider } = where;
		const blob = c.blobs.get(blobPath);
		if (!blob) {
			if (provider === 'FileSystem') throw new HttpError(404, { message: 'File not found.', errorCode: 1002 });
			throw provider === 'Amazon' ? xmlError(provider, 404, 'NoSuchKey', 'The specified key does not exist.') : xmlError(provider, 404, 'BlobNotFound', 'The specified blob does not exist.');
		}
		let start = 0;
		let end = blob.size - 1;
		let status = 200;
		const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? req.headers['x-ms-range'] ?? ''));
		if (range && blob.size > 0) {
			start = Number(range[1]);
			end = range[2] ? Math.min(Number(range[2]), blob.size - 1) : blob.size - 1;
			if (start > end) throw provider === 'Amazon' ? xmlError(provider, 416, 'InvalidRange', 'The requested range is not satisfiable') : xmlError(provider, 416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
			status = 206;
		}
		const length = blob.size === 0 ? 0 : end - start + 1;
		/** @type {Record<string, string>} */
		const headers = {
			'content-type': blob.contentType, 'content-length': String(length), etag: `"${Buffer.from(blob.md5, 'base64').toString('hex')}"`,
			'last-modified': new Date(blob.lastModified).toUTCString(), 'accept-ranges': 'bytes',
		};
		if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
		if (provider !== 'Amazon' && provider !== 'FileSystem') Object.assign(headers, { 'x-ms-blob-type': 'BlockBlob', 'content-md5': blob.md5 });
		entry.status = status;
		entry.bytes = length;
		res.writeHead(status, headers);
		if (req.method === 'HEAD' || length === 0) {
			res.end();
			return;
		}
		const stream = fs.createReadStream(blob.file, { start, end: truncate ? start + Math.floor(length / 2) - 1 : end });
		if (truncate) stream.on('end', () => res.destroy());
		stream.pipe(res);
	}

	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const handleRequest = (/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		/** @type {Record<string, unknown>} */
		const entry = { service: 'blob', method: req.method, path: decodeURIComponent(url.pathname), query: Object.fromEntries(url.searchParams), headers: { ...req.headers }, time: clock.now() };
		log.push(entry);
		const fail = (/** @type {unknown} */ error) => {
			req.resume(); // drain what the client still sends
			if (!(error instanceof HttpError)) error = new HttpError(500, { message: `Simulator bug: ${error instanceof Error ? error.message : error}` });
			const e = /** @type {HttpError} */ (error);
			entry.status = e.status;
			const text = typeof e.body === 'string' ? e.body : JSON.stringify(e.body);
			res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8', ...e.headers, connection: 'close' });
			res.end(text);
		};
		const fault = faults.take(String(req.method), String(entry.path));
		if (fault?.hang) {
			entry.fault = 'hang';
			return;
		}
		if (fault?.redirect) {
			entry.fault = `redirect ${fault.redirect.status}`;
			entry.status = fault.redirect.status;
			req.resume();
			res.writeHead(fault.redirect.status, { location: fault.redirect.location, connection: 'close' });
			return res.end();
		}
		if (fault && !fault.malformed) {
			entry.fault = fault.status ?? 500;
			const error = fault.body !== undefined ? new HttpError(fault.status ?? 500, fault.body) : xmlError('Azure', fault.status ?? 500, 'ServerBusy', 'The server is currently unable to receive requests. Please retry your request.');
			if (fault.retryAfter !== undefined) error.headers['retry-after'] = String(fault.retryAfter);
			return fail(error);
		}
		try {
			if (!url.pathname.startsWith('/blobs/') && !url.pathname.startsWith('/orchestrator/')) throw new HttpError(404, { message: 'Not a blob URI.' });
			const where = authorize(req, url);
			if (req.method === 'PUT') return putBlob(req, res, where, entry);
			if (req.method === 'GET' || req.method === 'HEAD') {
				if (fault) entry.fault = 'malformed';
				return getBlob(req, res, where, entry, Boolean(fault));
			}
			throw xmlError(where.provider, 405, 'UnsupportedHttpVerb', 'The resource doesn\'t support specified Http Verb.');
		} catch (error) {
			fail(error);
		}
	};
	const httpServer = http.createServer(handleRequest);
	httpServer.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (httpServer.address());
	const server = { url: `http://127.0.0.1:${address.port}` };

	return {
		url: server.url,
		/** Serves one request (Orchestrator's server hands it the FileSystem paths, unread). */
		handleRequest,
		accessUri,
		/** @param {string} container @param {string} provider */
		addContainer(container, provider) {
			containers.set(container, { provider, blobs: new Map() });
		},
		/** @param {string} container @returns {Map<string, BlobMeta>} */
		blobs(container) {
			return /** @type {any} */ (containers.get(container)).blobs;
		},
		/** Stores a blob directly (seeding). @param {string} container @param {string} blobPath @param {Buffer} content @param {string} contentType */
		put(container, blobPath, content, contentType) {
			const file = path.join(dir, `blob-${++fileNo}`);
			fs.writeFileSync(file, content);
			const blobs = this.blobs(container);
			const previous = blobs.get(blobPath);
			blobs.set(blobPath, { size: content.length, contentType, md5: crypto.createHash('md5').update(content).digest('base64'), lastModified: clock.now(), file, id: previous?.id ?? crypto.randomUUID() });
		},
		/** @param {string} container @param {string} blobPath */
		remove(container, blobPath) {
			const blobs = this.blobs(container);
			const blob = blobs.get(blobPath);
			if (blob) fs.rmSync(blob.file, { force: true });
			return blobs.delete(blobPath);
		},
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise((resolve) => httpServer.close(() => resolve(undefined)));
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startBlobStore };
