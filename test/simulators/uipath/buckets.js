// @ts-check
'use strict';
/**
 * Storage buckets (issue 11). The files live in the blob store (blobStore.js); these are Orchestrator's routes:
 *   GET    /odata/Buckets, /odata/Buckets({key})                BucketDto (Password never returned); 404 1002
 *   GET    /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetFiles?directory&recursive&fileNameGlob
 *          BlobFileDto rows (files only) with the OData options; GetDirectories the same for sub-directories
 *   GET    …/GetFile?path                                       one BlobFileDto; 404 1002 no such file
 *   GET    …/GetReadUri?path&expiryInMinutes                    BlobFileAccessDto {Uri, Verb GET, RequiresAuth,
 *          Headers {Keys, Values}}; 404 1002 no such file
 *   GET    …/GetWriteUri?path&expiryInMinutes&contentType       BlobFileAccessDto, Verb PUT; built-in and Azure
 *          buckets ask for `x-ms-blob-type: BlockBlob`; FileSystem ones RequiresAuth (the Orchestrator token)
 *   DELETE …/DeleteFile?path                                    204; 404 1002 no such file
 * A missing or empty `path` is 400 1000; a ReadOnly bucket refuses GetWriteUri and DeleteFile with 400 1000.
 * Paths: `/` or `\` separate directories; a leading separator is dropped, so `\in\a.pdf` and `in/a.pdf` are the
 * same file; FullPath is written with `/` and no leading separator. expiryInMinutes 0 or absent means 60.
 */
const { checkedAnswer, checkedRows } = require('./answers');
const { startBlobStore } = require('./blobStore');

const PROVIDERS = [null, 'Azure', 'Amazon', 'FileSystem'];
const OPTIONS = ['None', 'ReadOnly', 'AuditReadAccess', 'AccessDataThroughOrchestrator'];

/** @param {any} core */
module.exports = async function registerBuckets(core) {
	const { routes, folders, SCHEMAS, apiError } = core;
	const store = await startBlobStore({ clock: core.clock, faults: core.faults, log: core.log, authenticate: core.authenticate, orchestratorUrl: () => core.sim.url });
	// FileSystem buckets' files are served by Orchestrator itself: their URIs are on its origin.
	core.rawHandlers.push((/** @type {any} */ req, /** @type {any} */ res) => {
		if (!String(req.url).startsWith('/orchestrator/')) return false;
		store.handleRequest(req, res);
		return true;
	});
	/** @type {Map<number, any>} */
	const buckets = new Map();

	const normalize = (/** @type {string} */ p) => p.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\//, '').replace(/\/$/, '');
	function bucketRow(/** @type {any} */ b) {
		return {
			Name: b.Name, Description: b.Description, Identifier: b.Identifier, StorageProvider: b.provider, StorageParameters: null,
			StorageContainer: b.provider === 'Azure' || b.provider === 'Amazon' ? b.container : null, Options: b.Options,
			CredentialStoreId: null, ExternalName: null, Password: null, FoldersCount: 1, Tags: [], Id: b.Id,
		};
	}
	function bucketInFolder(/** @type {string} */ raw, /** @type {any} */ folder) {
		const b = buckets.get(core.keyOf(raw));
		if (!b || b.folderId !== folder.Id) throw apiError(404, 'Bucket does not exist.', 1002);
		return b;
	}
	const fileRow = (/** @type {string} */ p, /** @type {any} */ meta) => ({ FullPath: p, ContentType: meta.contentType, Size: meta.size, IsDirectory: false, Id: meta.id });
	function pathParam(/** @type {any} */ ctx) {
		const p = normalize(String(ctx.req.query.path ?? ''));
		if (!p) throw apiError(400, "The 'path' query parameter is required: the file's full path in the bucket, such as 'in/invoice.pdf'.", 1000);
		return p;
	}
	function fileOf(/** @type {any} */ b, /** @type {string} */ p) {
		const meta = store.blobs(b.container).get(p);
		if (!meta) throw apiError(404, `File '${p}' does not exist in bucket '${b.Name}'.`, 1002);
		return meta;
	}
	/** How many of the next read or write URIs are handed out already expired (sim.expireNextBlobUris). */
	let expiredUris = 0;
	function expiryMs(/** @type {any} */ ctx) {
		const raw = ctx.req.query.expiryInMinutes;
		if (raw !== undefined && !/^\d+$/.test(raw)) throw apiError(400, `The value '${raw}' is not valid for expiryInMinutes (Edm.Int32).`, 1000);
		if (expiredUris > 0) {
			expiredUris--;
			return core.now() - 60_000;
		}
		return core.now() + (Number(raw ?? 0) || 60) * 60_000;
	}
	function writable(/** @type {any} */ b) {
		if (b.Options === 'ReadOnly') throw apiError(400, `Bucket '${b.Name}' is read-only.`, 1000);
	}
	function accessAnswer(/** @type {any} */ ctx, /** @type {any} */ b, /** @type {string} */ p, /** @type {'GET' | 'PUT'} */ verb) {
		const uri = store.accessUri(b.container, p, verb, expiryMs(ctx), ctx.req.query.contentType);
		const azure = b.provider === null || b.provider === 'Azure';
		const headers = verb === 'PUT' && azure ? { Keys: ['x-ms-blob-type'], Values: ['BlockBlob'] } : { Keys: [], Values: [] };
		const row = { Uri: uri, Verb: verb, RequiresAuth: b.provider === 'FileSystem', Headers: headers };
		checkedAnswer(row, 'BlobFileAccessDto', SCHEMAS);
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#UiPath.Server.Configuration.OData.BlobFileAccessDto`, ...row } };
	}

	/** Files (or directories) directly in `directory`, or below it with `recursive`, matching `fileNameGlob`. */
	function listing(/** @type {any} */ ctx, /** @type {any} */ b, /** @type {boolean} */ directories) {
		const q = ctx.req.query;
		if (q.recursive !== undefined && q.recursive !== 'true' && q.recursive !== 'false') throw apiError(400, `The value '${q.recursive}' is not valid for recursive (Edm.Boolean).`, 1000);
		const dir = normalize(String(q.directory ?? ''));
		const prefix = dir ? dir + '/' : '';
		const glob = q.fileNameGlob ? new RegExp('^' + String(q.fileNameGlob).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i') : undefined;
		const nameOk = (/** @type {string} */ p) => !glob || glob.test(p.split('/').pop() ?? '');
		const rows = [];
		if (directories) {
			const seen = new Set();
			for (const p of store.blobs(b.container).keys()) {
				if (!p.startsWith(prefix)) continue;
				const next = p.slice(prefix.length).split('/');
				if (next.length < 2) continue;
				const sub = prefix + next[0];
				if (seen.has(sub) || !nameOk(sub)) continue;
				seen.add(sub);
				rows.push({ FullPath: sub, ContentType: null, Size: 0, IsDirectory: true, Id: sub });
			}
		} else {
			for (const [p, meta] of store.blobs(b.container)) {
				if (!p.startsWith(prefix) || (q.recursive !== 'true' && p.slice(prefix.length).includes('/')) || !nameOk(p)) continue;
				rows.push(fileRow(p, meta));
			}
		}
		const action = directories ? 'GetDirectories' : 'GetFiles';
		const byPath = (/** @type {any} */ x, /** @type {any} */ y) => (x.FullPath < y.FullPath ? -1 : x.FullPath > y.FullPath ? 1 : 0);
		const query = { ...q };
		for (const k of ['directory', 'recursive', 'fileNameGlob']) delete query[k];
		const out = core.collection({ ...ctx, req: { ...ctx.req, query } }, `Buckets(${b.Id})/UiPath.Server.Configuration.OData.${action}`, 'BlobFileDto', checkedRows(rows, 'BlobFileDto', SCHEMAS, core.present), { tieBreak: byPath });
		if (out.body['@odata.nextLink']) {
			const next = new URL(out.body['@odata.nextLink']);
			for (const k of ['directory', 'recursive', 'fileNameGlob']) if (q[k] !== undefined) next.searchParams.set(k, q[k]);
			out.body['@odata.nextLink'] = next.toString();
		}
		return out;
	}

	const action = (/** @type {string} */ name) => new RegExp(`^\\/odata\\/Buckets\\(([^)]*)\\)\\/UiPath\\.Server\\.Configuration\\.OData\\.${name}$`);
	const spec = (/** @type {string} */ method, /** @type {string} */ name) => `${method} /odata/Buckets({key})/UiPath.Server.Configuration.OData.${name}`;
	routes.push(
		{
			method: 'GET', pattern: /^\/odata\/Buckets$/, spec: 'GET /odata/Buckets', folder: true,
			handle: (/** @type {any} */ ctx) => {
				return core.collection(ctx, 'Buckets', 'BucketDto', checkedRows(core.inFolder(buckets, ctx.folder).map(bucketRow), 'BucketDto', SCHEMAS, core.present));
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Buckets\(([^)]*)\)$/, spec: 'GET /odata/Buckets({key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				return core.single(ctx, 'Buckets', 'BucketDto', checkedRows([bucketRow(bucketInFolder(m[1], ctx.folder))], 'BucketDto', SCHEMAS, core.present)[0]);
			},
		},
		{ method: 'GET', pattern: action('GetFiles'), spec: spec('GET', 'GetFiles'), folder: true, handle: (/** @type {any} */ ctx, /** @type {any} */ m) => listing(ctx, bucketInFolder(m[1], ctx.folder), false) },
		{ method: 'GET', pattern: action('GetDirectories'), spec: spec('GET', 'GetDirectories'), folder: true, handle: (/** @type {any} */ ctx, /** @type {any} */ m) => listing(ctx, bucketInFolder(m[1], ctx.folder), true) },
		{
			method: 'GET', pattern: action('GetFile'), spec: spec('GET', 'GetFile'), folder: true,
			handle: (/** @type {any} */ ctx, /** @type {any} */ m) => {
				const b = bucketInFolder(m[1], ctx.folder);
				const p = pathParam(ctx);
				const row = checkedAnswer(fileRow(p, fileOf(b, p)), 'BlobFileDto', SCHEMAS);
				return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#UiPath.Server.Configuration.OData.BlobFileDto`, ...row } };
			},
		},
		{
			method: 'GET', pattern: action('GetReadUri'), spec: spec('GET', 'GetReadUri'), folder: true,
			handle: (/** @type {any} */ ctx, /** @type {any} */ m) => {
				const b = bucketInFolder(m[1], ctx.folder);
				const p = pathParam(ctx);
				fileOf(b, p);
				return accessAnswer(ctx, b, p, 'GET');
			},
		},
		{
			method: 'GET', pattern: action('GetWriteUri'), spec: spec('GET', 'GetWriteUri'), folder: true,
			handle: (/** @type {any} */ ctx, /** @type {any} */ m) => {
				const b = bucketInFolder(m[1], ctx.folder);
				const p = pathParam(ctx);
				writable(b);
				return accessAnswer(ctx, b, p, 'PUT');
			},
		},
		{
			method: 'DELETE', pattern: action('DeleteFile'), spec: spec('DELETE', 'DeleteFile'), folder: true,
			handle: (/** @type {any} */ ctx, /** @type {any} */ m) => {
				const b = bucketInFolder(m[1], ctx.folder);
				const p = pathParam(ctx);
				writable(b);
				fileOf(b, p);
				store.remove(b.container, p);
				return { status: 204 };
			},
		},
	);

	const close = core.sim.close;
	Object.assign(core.sim, {
		close: async () => {
			await store.close();
			await close();
		},
		/** The loopback blob service the read and write URIs point at. */
		blobStoreUrl: store.url,
		/**
		 * A fault: the next `count` URIs GetReadUri / GetWriteUri return have a time window that ended a minute ago, as
		 * when a URI waited too long before use (or the clocks disagree); the blob service refuses them as it would.
		 */
		expireNextBlobUris(count = 1) {
			expiredUris = count;
		},
		/**
		 * @param {{ folderId: number, name: string, provider?: null | 'Azure' | 'Amazon' | 'FileSystem', options?: string,
		 *   description?: string }} b  `provider` null (default) is Orchestrator's built-in storage (Azure blobs in the cloud).
		 */
		addBucket(b) {
			const folder = folders.get(b.folderId);
			if (!folder) throw new Error(`addBucket: no folder ${b.folderId}`);
			const provider = b.provider ?? null;
			if (!PROVIDERS.includes(provider)) throw new Error(`addBucket: unknown provider ${provider}`);
			if (b.options && !OPTIONS.includes(b.options)) throw new Error(`addBucket: unknown options ${b.options}`);
			const identifier = core.guid();
			const bucket = { Id: core.newId(), Identifier: identifier, folderId: folder.Id, Name: b.name, Description: b.description ?? null, provider, Options: b.options ?? 'None', container: `bucket-${identifier}` };
			store.addContainer(bucket.container, provider ?? 'Azure');
			buckets.set(bucket.Id, bucket);
			return bucketRow(bucket);
		},
		/** @param {number} bucketId @param {string} filePath @param {Buffer | string} content @param {string} [contentType] */
		putBucketFile(bucketId, filePath, content, contentType = 'application/octet-stream') {
			const b = buckets.get(bucketId);
			if (!b) throw new Error(`putBucketFile: no bucket ${bucketId}`);
			store.put(b.container, normalize(filePath), Buffer.isBuffer(content) ? content : Buffer.from(content), contentType);
		},
		/** A file's metadata and where its bytes are on disk, or undefined. @param {number} bucketId @param {string} filePath */
		bucketFile(bucketId, filePath) {
			const b = buckets.get(bucketId);
			const meta = b ? store.blobs(b.container).get(normalize(filePath)) : undefined;
			return meta ? { ...meta } : undefined;
		},
	});
};
