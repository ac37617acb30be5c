// @ts-check
'use strict';
/**
 * Attachments carry arbitrary bytes, but the shared server (../../common.js) reads every request body as UTF-8 text
 * and writes every response body as text. For the Attachment routes only, a raw handler sees the request first: it
 * keeps the body's bytes (listening beside the server, not instead of it) and lets a route answer with bytes. Both are
 * keyed by the request's headers object, which the server hands on to the route as `ctx.req.headers`.
 */

/** @type {WeakMap<object, Buffer>} */ const received = new WeakMap();
/** @type {WeakMap<object, Buffer>} */ const toSend = new WeakMap();
const ATTACHMENT = /^\/[^/?]+\/[^/?]+\/datafabric_\/api\/Attachment\//;

/** @param {any} core */
function installByteHooks(core) {
	core.rawHandlers.push((/** @type {import('node:http').IncomingMessage} */ req, /** @type {any} */ res) => {
		if (!ATTACHMENT.test(String(req.url))) return false;
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => received.set(req.headers, Buffer.concat(chunks)));
		const writeHead = res.writeHead.bind(res);
		const end = res.end.bind(res);
		res.writeHead = (/** @type {number} */ status, /** @type {Record<string, string>} */ headers = {}) => {
			const bytes = toSend.get(req.headers);
			return writeHead(status, bytes ? { ...headers, 'content-length': String(bytes.length) } : headers);
		};
		res.end = (/** @type {any[]} */ ...args) => {
			const bytes = toSend.get(req.headers);
			if (!bytes) return end(...args);
			toSend.delete(req.headers);
			return end(bytes);
		};
		return false;
	});
}

/** The bytes of the request body (the route's ctx.req). @param {{ headers: object }} req */
function bodyBytes(req) {
	const bytes = received.get(req.headers);
	if (!bytes) throw new Error('dataFabric: the attachment body was not captured (has common.js changed how it hands on headers?)');
	return bytes;
}

/** Makes the answer to this request these bytes; the route returns a placeholder body. @param {{ headers: object }} req @param {Buffer} bytes */
function answerBytes(req, bytes) {
	toSend.set(req.headers, bytes);
	return '(bytes)';
}

/**
 * Parses a multipart/form-data body into its parts, or returns a reason it cannot.
 * @param {string} contentType @param {Buffer} body
 * @returns {{ parts?: { name: string, filename?: string, contentType?: string, data: Buffer }[], error?: string }}
 */
function parseMultipart(contentType, body) {
	const m = /^multipart\/form-data\s*;.*\bboundary=("?)([^";]+)\1/i.exec(contentType);
	if (!m) return { error: `the upload must be multipart/form-data with a boundary; got Content-Type '${contentType || '(none)'}'.` };
	const delimiter = Buffer.from(`--${m[2]}`);
	const parts = [];
	let at = body.indexOf(delimiter);
	if (at < 0) return { error: 'the multipart body has no part.' };
	for (;;) {
		at += delimiter.length;
		if (body.subarray(at, at + 2).toString() === '--') break;
		const headEnd = body.indexOf('\r\n\r\n', at);
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd);
		if (headEnd < 0 || next < 0) return { error: 'the multipart body is cut off.' };
		const head = body.subarray(at, headEnd).toString('utf8');
		const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(head);
		if (!disposition) return { error: 'a multipart part has no Content-Disposition: form-data header.' };
		const name = /\bname="([^"]*)"/i.exec(disposition[1])?.[1] ?? '';
		const filename = /\bfilename="([^"]*)"/i.exec(disposition[1])?.[1];
		const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1].trim();
		parts.push({ name, filename, contentType: type, data: Buffer.from(body.subarray(headEnd + 4, next)) });
		at = next + 2;
	}
	return { parts };
}

module.exports = { installByteHooks, bodyBytes, answerBytes, parseMultipart };
