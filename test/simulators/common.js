// @ts-check
'use strict';
// What both simulators share: a loopback HTTP server, a clock tests can move, faults on demand and a request log.
// Plain CommonJS so jest, the benchmark, the e2e scripts and the sandbox can all load it without a build step.
const http = require('node:http');

/** Time as the simulator sees it: real time plus an offset tests can move, or frozen at a fixed instant. */
class Clock {
	constructor() {
		this.offsetMs = 0;
		/** @type {number | undefined} */
		this.frozenAt = undefined;
	}
	now() {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}
	/** Stop the clock (at `at`, or now): time then moves only through `advance`. */
	freeze(at = this.now()) {
		this.frozenAt = at;
	}
	/** @param {number} ms */
	advance(ms) {
		if (this.frozenAt !== undefined) this.frozenAt += ms;
		else this.offsetMs += ms;
	}
}

/**
 * @typedef {{ status?: number, body?: unknown, retryAfter?: number, hang?: boolean, malformed?: boolean,
 *   malformedBody?: string, html?: boolean, reset?: 'before' | 'after',
 *   redirect?: { status: number, location: string }, method?: string, path?: string | RegExp, times?: number }} Fault
 *   A fault answers the next matching request(s) instead of the API: an HTTP status with a body (and optionally
 *   Retry-After seconds), a connection that never answers (`hang`), a 200 whose JSON is cut off (`malformed`) or is
 *   `malformedBody`, a proxy's HTML error page with the status (`html`), or a connection reset before the request is
 *   handled or after it was (`reset`: the server acted, the answer is lost), or a redirect (`redirect`: that status
 *   with a Location header and no body, as a proxy in front of the service answers; the request is not handled).
 */
class Faults {
	constructor() {
		/** @type {Fault[]} */
		this.queue = [];
	}
	/** @param {Fault} fault */
	add(fault) {
		this.queue.push({ times: 1, ...fault });
	}
	clear() {
		this.queue = [];
	}
	/**
	 * @param {string} method @param {string} path
	 * @returns {Fault | undefined} the fault to apply to this request, consuming one use of it
	 */
	take(method, path) {
		const index = this.queue.findIndex(
			(f) =>
				(!f.method || f.method.toUpperCase() === method) &&
				(!f.path || (typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path))),
		);
		if (index === -1) return undefined;
		const fault = this.queue[index];
		fault.times = (fault.times ?? 1) - 1;
		if (fault.times <= 0) this.queue.splice(index, 1);
		return fault;
	}
}

/** Counts requests in a sliding one-minute window, per key. */
class RateWindow {
	/** @param {Clock} clock */
	constructor(clock) {
		this.clock = clock;
		/** @type {Map<string, number[]>} */
		this.hits = new Map();
	}
	/** Records a hit; returns the seconds to wait if `limit` is already reached, else 0. @param {string} key @param {number} limit */
	hit(key, limit) {
		const now = this.clock.now();
		const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
		if (recent.length >= limit) {
			this.hits.set(key, recent);
			return Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000));
		}
		recent.push(now);
		this.hits.set(key, recent);
		return 0;
	}
	reset() {
		this.hits.clear();
	}
}

class HttpError extends Error {
	/** @param {number} status @param {unknown} body @param {Record<string,string>} [headers] */
	constructor(status, body, headers = {}) {
		super(typeof body === 'object' && body && 'message' in body ? String(body.message) : String(status));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/**
 * @typedef {{ method: string, path: string, query: Record<string,string>, headers: Record<string,string|string[]|undefined>,
 *   rawBody: string, body: any, time: number }} SimRequest
 * @typedef {{ status?: number, body?: unknown, headers?: Record<string,string> }} SimResponse
 */

/**
 * Starts a loopback server (port 0 unless given) that parses each request, applies queued faults, logs it and hands
 * it to `handle`. `handle` returns a response or throws an HttpError.
 * `raw`, when given, may take a request first, unread (it answers true): a streaming service on the same origin.
 * @param {{ port?: number, clock: Clock, faults: Faults, log: object[],
 *   handle: (req: SimRequest, entry: Record<string, unknown>) => Promise<SimResponse> | SimResponse,
 *   raw?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean }} options
 */
async function startServer({ port = 0, clock, faults, log, handle, raw }) {
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		if (raw?.(req, res)) return;
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const rawBody = Buffer.concat(chunks).toString('utf8');
			/** @type {SimRequest} */
			const simReq = {
				method: (req.method ?? 'GET').toUpperCase(),
				path: decodeURIComponent(url.pathname),
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				rawBody,
				body: undefined,
				time: clock.now(),
			};
			/** @type {Record<string, unknown>} */
			const entry = {
				method: simReq.method,
				path: simReq.path,
				query: simReq.query,
				headers: { ...req.headers },
				body: undefined,
				time: simReq.time,
			};
			log.push(entry);
			let resetAfterHandling = false;
			const send = (/** @type {number} */ status, /** @type {unknown} */ body, headers = {}) => {
				entry.status = status;
				if (resetAfterHandling) return void req.socket.destroy();
				const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
				res.writeHead(status, {
					...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
					...headers,
				});
				res.end(text);
			};
			const fault = faults.take(simReq.method, simReq.path);
			if (fault) {
				entry.fault = fault.hang ? 'hang' : fault.reset ? `reset ${fault.reset}` : fault.malformed || fault.malformedBody ? 'malformed' : fault.redirect ? `redirect ${fault.redirect.status}` : fault.status;
				if (fault.hang) return; // never answer; the socket is destroyed on stop()
				if (fault.reset === 'before') return void req.socket.destroy();
				if (fault.redirect) return send(fault.redirect.status, undefined, { location: fault.redirect.location });
				if (fault.malformed) return send(200, '{"value": [ {"Id": 1,');
				if (fault.malformedBody !== undefined) return send(200, fault.malformedBody);
				if (fault.html) {
					const page = `<html><head><title>${fault.status ?? 502} Bad Gateway</title></head><body><center><h1>${fault.status ?? 502} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
					return send(fault.status ?? 502, page, { 'content-type': 'text/html' });
				}
				if (fault.reset === 'after') resetAfterHandling = true;
				else return send(
					fault.status ?? 500,
					fault.body ?? { message: `Simulated fault ${fault.status ?? 500}` },
					fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
				);
			}
			try {
				const type = String(req.headers['content-type'] ?? '');
				if (rawBody && type.includes('application/json')) {
					try {
						simReq.body = JSON.parse(rawBody);
					} catch {
						throw new HttpError(400, { message: 'The request body is not valid JSON.' });
					}
				} else if (rawBody && type.includes('application/x-www-form-urlencoded')) {
					simReq.body = Object.fromEntries(new URLSearchParams(rawBody));
				} else if (rawBody) {
					simReq.body = rawBody;
				}
				entry.body = simReq.body;
				const out = await handle(simReq, entry);
				send(out.status ?? 200, out.body, out.headers);
			} catch (error) {
				if (error instanceof HttpError) return send(error.status, error.body, error.headers);
				send(500, { message: `Simulator bug: ${error instanceof Error ? error.message : error}` });
			}
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		port: address.port,
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { Clock, Faults, RateWindow, HttpError, startServer };
