// Storage buckets (issue 11): Orchestrator's bucket routes and the blob service their URIs point at, which honours
// Verb, RequiresAuth and Headers the way Azure, S3 and Orchestrator's own file storage do, and streams bodies.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as fs from 'node:fs';
import { seeded, BUCKETS, request } from './uipathBreadth.helpers';

type Access = { Uri: string; Verb: string; RequiresAuth: boolean; Headers: { Keys: string[]; Values: string[] } };

/** Sends `chunks` to a URI with http.request, so the test decides about Content-Length and chunked bodies. */
function upload(uri: string, chunks: Buffer[], headers: Record<string, string>, opts: { method?: string; onChunk?: (i: number) => Promise<void> } = {}) {
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
		const req = http.request(uri, { method: opts.method ?? 'PUT', headers }, (res) => {
			const parts: Buffer[] = [];
			res.on('data', (c) => parts.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
		});
		req.on('error', reject);
		(async () => {
			for (let i = 0; i < chunks.length; i++) {
				if (!req.write(chunks[i])) await new Promise((r) => req.once('drain', r));
				await opts.onChunk?.(i);
			}
			req.end();
		})().catch(reject);
	});
}
/** The request headers a client builds from a BlobFileAccessDto (plus the token when RequiresAuth). */
const accessHeaders = (a: Access, token?: string): Record<string, string> => ({
	...Object.fromEntries(a.Headers.Keys.map((k, i) => [k, a.Headers.Values[i]])),
	...(a.RequiresAuth && token ? { authorization: `Bearer ${token}` } : {}),
});

async function world(provider?: 'Azure' | 'Amazon' | 'FileSystem') {
	const s = await seeded();
	const bucket = s.sim.addBucket({ folderId: s.finance.Id, name: 'Inbox', provider });
	const writeUri = async (path: string, extra = '') => (await s.api('GET', `${BUCKETS(bucket.Id, 'GetWriteUri')}?path=${encodeURIComponent(path)}${extra}`)).body as Access;
	const readUri = async (path: string) => (await s.api('GET', `${BUCKETS(bucket.Id, 'GetReadUri')}?path=${encodeURIComponent(path)}`)).body as Access;
	return { ...s, bucket, writeUri, readUri };
}

describe('bucket routes', () => {
	test('buckets of a folder; files and directories by directory, recursion, glob and page', async () => {
		const w = await world();
		try {
			w.sim.addBucket({ folderId: w.shared.Id, name: 'Elsewhere' });
			const list = await w.api('GET', '/odata/Buckets');
			expect(list.body.value.map((b: any) => [b.Name, b.StorageProvider, b.Options, b.Password])).toEqual([['Inbox', null, 'None', null]]);
			expect((await w.api('GET', `/odata/Buckets(${w.bucket.Id})`)).body).toMatchObject({ Name: 'Inbox', Identifier: w.bucket.Identifier });
			for (const p of ['in/a.pdf', 'in/b.txt', 'in/2026/c.pdf', 'out/d.pdf', 'top.pdf']) w.sim.putBucketFile(w.bucket.Id, p, `content of ${p}`, 'application/pdf');
			const files = async (q: string) => (await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFiles')}?${q}`)).body;
			expect((await files('directory=/')).value.map((f: any) => f.FullPath)).toEqual(['top.pdf']);
			expect((await files('directory=in')).value.map((f: any) => [f.FullPath, f.Size, f.IsDirectory])).toEqual([['in/a.pdf', 19, false], ['in/b.txt', 19, false]]);
			expect((await files('directory=%5Cin&recursive=true&fileNameGlob=*.pdf')).value.map((f: any) => f.FullPath)).toEqual(['in/2026/c.pdf', 'in/a.pdf']);
			const page = await files('directory=/&recursive=true&$top=2&$count=true');
			expect([page['@odata.count'], page.value.length]).toEqual([5, 2]);
			const firstPage = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFiles')}?recursive=true&$filter=Size gt 0&$orderby=FullPath desc`);
			expect(firstPage.body.value.map((f: any) => f.FullPath)).toEqual(['top.pdf', 'out/d.pdf', 'in/b.txt', 'in/a.pdf', 'in/2026/c.pdf']);
			const dirs = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetDirectories')}?directory=/`);
			expect(dirs.body.value.map((d: any) => [d.FullPath, d.IsDirectory])).toEqual([['in', true], ['out', true]]);
			expect((await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetDirectories')}?directory=in`)).body.value.map((d: any) => d.FullPath)).toEqual(['in/2026']);
			const one = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFile')}?path=%5Cin%5Ca.pdf`);
			expect(one.body).toMatchObject({ FullPath: 'in/a.pdf', ContentType: 'application/pdf', Size: 19 });
			const noPath = await w.api('GET', BUCKETS(w.bucket.Id, 'GetReadUri'));
			expect([noPath.status, noPath.body.errorCode]).toEqual([400, 1000]);
			const badBool = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFiles')}?recursive=yes`);
			expect(badBool.status).toBe(400);
		} finally {
			await w.sim.close();
		}
	});

	test('the built-in store pages GetFiles with a nextLink that keeps directory and recursion', async () => {
		const w = await world();
		try {
			for (let i = 0; i < 1005; i++) w.sim.putBucketFile(w.bucket.Id, `batch/f${String(i).padStart(4, '0')}.csv`, 'x');
			const first = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFiles')}?directory=batch&recursive=true`);
			expect(first.body.value).toHaveLength(1000);
			const next = new URL(first.body['@odata.nextLink']);
			expect([next.searchParams.get('directory'), next.searchParams.get('recursive'), next.searchParams.get('$skip')]).toEqual(['batch', 'true', '1000']);
			const second = await request(next.toString(), { headers: { authorization: `Bearer ${w.token}`, 'X-UIPATH-OrganizationUnitId': String(w.finance.Id) } });
			expect(second.body.value.map((f: any) => f.FullPath)).toEqual(['batch/f1000.csv', 'batch/f1001.csv', 'batch/f1002.csv', 'batch/f1003.csv', 'batch/f1004.csv']);
		} finally {
			await w.sim.close();
		}
	});
});

describe('the blob service behind the URIs', () => {
	test('built-in / Azure: PUT with the returned headers and a Content-Length, then GET and range GET', async () => {
		const w = await world();
		try {
			const access = await w.writeUri('in/report.pdf', '&expiryInMinutes=5');
			expect(access).toMatchObject({ Verb: 'PUT', RequiresAuth: false, Headers: { Keys: ['x-ms-blob-type'], Values: ['BlockBlob'] } });
			expect(access.Uri.startsWith(w.sim.blobStoreUrl)).toBe(true);
			const content = crypto.randomBytes(300_000);
			const bare = await upload(access.Uri, [content], { 'content-length': String(content.length) });
			expect(bare.status).toBe(400);
			expect(bare.headers['x-ms-error-code']).toBe('MissingRequiredHeader');
			expect(bare.body).toContain('<HeaderName>x-ms-blob-type</HeaderName>');
			const withToken = await upload(access.Uri, [content], { ...accessHeaders(access), authorization: `Bearer ${w.token}`, 'content-length': String(content.length) });
			expect([withToken.status, withToken.headers['x-ms-error-code']]).toEqual([401, 'InvalidAuthenticationInfo']);
			const chunked = await upload(access.Uri, [content.subarray(0, 1000), content.subarray(1000)], accessHeaders(access));
			expect([chunked.status, chunked.headers['x-ms-error-code']]).toEqual([411, 'MissingContentLengthHeader']);
			const ok = await upload(access.Uri, [content], { ...accessHeaders(access), 'content-type': 'application/pdf', 'content-length': String(content.length) });
			expect(ok.status).toBe(201);
			expect(ok.headers['content-md5']).toBe(crypto.createHash('md5').update(content).digest('base64'));
			expect((await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetFile')}?path=in/report.pdf`)).body).toMatchObject({ Size: 300_000, ContentType: 'application/pdf' });

			const read = await w.readUri('in/report.pdf');
			expect(read).toMatchObject({ Verb: 'GET', RequiresAuth: false, Headers: { Keys: [], Values: [] } });
			const got = await fetch(read.Uri);
			expect([got.status, got.headers.get('content-length'), got.headers.get('x-ms-blob-type')]).toEqual([200, '300000', 'BlockBlob']);
			expect(Buffer.from(await got.arrayBuffer()).equals(content)).toBe(true);
			const part = await fetch(read.Uri, { headers: { range: 'bytes=100-199' } });
			expect([part.status, part.headers.get('content-range')]).toEqual([206, 'bytes 100-199/300000']);
			expect(Buffer.from(await part.arrayBuffer()).equals(content.subarray(100, 200))).toBe(true);
			const writeWithRead = await upload(read.Uri, [content], { ...accessHeaders(access), 'content-length': String(content.length) });
			expect([writeWithRead.status, writeWithRead.headers['x-ms-error-code']]).toEqual([403, 'AuthorizationPermissionMismatch']);
			const tampered = await fetch(read.Uri.replace('report.pdf', 'other.pdf'));
			expect([tampered.status, tampered.headers.get('x-ms-error-code')]).toEqual([403, 'AuthenticationFailed']);
			w.sim.clock.advance(61 * 60_000); // the read URI lived 60 minutes (expiryInMinutes absent)
			const late = await fetch(read.Uri);
			expect([late.status, late.headers.get('x-ms-error-code')]).toEqual([403, 'AuthenticationFailed']);
			expect(await late.text()).toContain('Signed expiry time');
		} finally {
			await w.sim.close();
		}
	});

	test('DeleteFile removes the blob; reads of it then fail with BlobNotFound and 404 1002', async () => {
		const w = await world('Azure');
		try {
			w.sim.putBucketFile(w.bucket.Id, 'a.txt', 'hello', 'text/plain');
			const read = await w.readUri('a.txt');
			expect((await w.api('DELETE', `${BUCKETS(w.bucket.Id, 'DeleteFile')}?path=a.txt`)).status).toBe(204);
			const gone = await fetch(read.Uri);
			expect([gone.status, gone.headers.get('x-ms-error-code')]).toEqual([404, 'BlobNotFound']);
			const again = await w.api('GET', `${BUCKETS(w.bucket.Id, 'GetReadUri')}?path=a.txt`);
			expect([again.status, again.body.errorCode]).toEqual([404, 1002]);
			const ro = w.sim.addBucket({ folderId: w.finance.Id, name: 'Archive', options: 'ReadOnly' });
			const refused = await w.api('GET', `${BUCKETS(ro.Id, 'GetWriteUri')}?path=x.txt`);
			expect([refused.status, refused.body.message]).toEqual([400, "Bucket 'Archive' is read-only."]);
		} finally {
			await w.sim.close();
		}
	});

	test('Amazon: no extra headers, the signed Content-Type, and one auth mechanism only', async () => {
		const w = await world('Amazon');
		try {
			const access = await w.writeUri('data.csv', '&contentType=text%2Fcsv');
			expect(access.Headers).toEqual({ Keys: [], Values: [] });
			const body = Buffer.from('a,b\n1,2\n');
			const wrongType = await upload(access.Uri, [body], { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
			expect([wrongType.status, wrongType.body]).toEqual([403, expect.stringContaining('<Code>SignatureDoesNotMatch</Code>')]);
			const twoAuth = await upload(access.Uri, [body], { authorization: `Bearer ${w.token}`, 'content-type': 'text/csv', 'content-length': String(body.length) });
			expect([twoAuth.status, twoAuth.body]).toEqual([400, expect.stringContaining('Only one auth mechanism allowed')]);
			const ok = await upload(access.Uri, [body], { 'content-type': 'text/csv', 'content-length': String(body.length) });
			expect([ok.status, ok.headers.etag]).toEqual([200, `"${crypto.createHash('md5').update(body).digest('hex')}"`]);
			expect(await (await fetch((await w.readUri('data.csv')).Uri)).text()).toBe('a,b\n1,2\n');
		} finally {
			await w.sim.close();
		}
	});

	test('FileSystem: RequiresAuth, the Orchestrator token goes along; chunked bodies are fine', async () => {
		const w = await world('FileSystem');
		try {
			const access = await w.writeUri('in/x.bin');
			expect(access).toMatchObject({ RequiresAuth: true, Headers: { Keys: [], Values: [] } });
			const parts = [Buffer.from('part one, '), Buffer.from('part two')];
			const anonymous = await upload(access.Uri, parts, {});
			expect([anonymous.status, JSON.parse(anonymous.body).message]).toEqual([401, 'You are not authenticated!']);
			const ok = await upload(access.Uri, parts, accessHeaders(access, w.token));
			expect(ok.status).toBe(200);
			const read = await w.readUri('in/x.bin');
			expect((await fetch(read.Uri)).status).toBe(401);
			expect(await (await fetch(read.Uri, { headers: accessHeaders(read, w.token) })).text()).toBe('part one, part two');
		} finally {
			await w.sim.close();
		}
	});

	test('faults on blob requests: a status with Retry-After, a download cut off halfway, a hang', async () => {
		const w = await world();
		try {
			w.sim.putBucketFile(w.bucket.Id, 'big.bin', crypto.randomBytes(200_000));
			const read = await w.readUri('big.bin');
			w.sim.faults.add({ path: '/blobs/', status: 503, retryAfter: 2 });
			const busy = await fetch(read.Uri);
			expect([busy.status, busy.headers.get('retry-after'), busy.headers.get('x-ms-error-code')]).toEqual([503, '2', 'ServerBusy']);
			w.sim.faults.add({ path: '/blobs/', malformed: true });
			const cut = await fetch(read.Uri);
			expect(cut.headers.get('content-length')).toBe('200000');
			await expect(cut.arrayBuffer()).rejects.toThrow();
			w.sim.faults.add({ path: '/blobs/', hang: true });
			await expect(fetch(read.Uri, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
			expect(w.sim.log.filter((e: any) => e.service === 'blob').map((e: any) => e.fault ?? e.status)).toEqual([503, 'malformed', 'hang']);
			expect(Buffer.from(await (await fetch(read.Uri)).arrayBuffer())).toHaveLength(200_000);
		} finally {
			await w.sim.close();
		}
	});

	test('an upload the client gives up halfway leaves no file (and an older version stays)', async () => {
		const w = await world();
		try {
			w.sim.putBucketFile(w.bucket.Id, 'x.bin', 'old');
			const access = await w.writeUri('x.bin');
			const req = http.request(access.Uri, { method: 'PUT', headers: { ...accessHeaders(access), 'content-length': '1000000' } });
			req.on('error', () => undefined);
			req.write(Buffer.alloc(300_000));
			const entry = () => w.sim.log.find((e: any) => e.service === 'blob' && e.method === 'PUT') as any;
			const until = Date.now() + 5000;
			while ((entry()?.received ?? 0) < 300_000 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
			req.destroy();
			await new Promise((r) => setTimeout(r, 100));
			expect(w.sim.bucketFile(w.bucket.Id, 'x.bin')?.size).toBe(3);
			const read = await w.readUri('x.bin');
			expect(await (await fetch(read.Uri)).text()).toBe('old');
		} finally {
			await w.sim.close();
		}
	});

	test('uploads stream: the service has the first megabytes before the client sends the rest', async () => {
		const w = await world();
		try {
			const access = await w.writeUri('stream.bin');
			const chunk = crypto.randomBytes(1024 * 1024);
			const chunks = Array.from({ length: 16 }, () => chunk);
			const seenMidway: number[] = [];
			const entry = () => w.sim.log.find((e: any) => e.service === 'blob' && e.method === 'PUT') as any;
			const res = await upload(access.Uri, chunks, { ...accessHeaders(access), 'content-length': String(16 * chunk.length) }, {
				onChunk: async (i) => {
					if (i !== 3) return;
					const until = Date.now() + 5000;
					while ((entry()?.received ?? 0) < 4 * chunk.length && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
					seenMidway.push(entry()?.received ?? 0);
				},
			});
			expect(res.status).toBe(201);
			expect(seenMidway[0]).toBeGreaterThanOrEqual(4 * chunk.length); // received while 12 MB were still to come
			const meta = w.sim.bucketFile(w.bucket.Id, 'stream.bin');
			expect(meta?.size).toBe(16 * chunk.length);
			expect(fs.statSync(meta!.file).size).toBe(16 * chunk.length); // on disk, not in memory
			const expected = crypto.createHash('md5');
			for (const c of chunks) expected.update(c);
			expect(meta?.md5).toBe(expected.digest('base64'));
		} finally {
			await w.sim.close();
		}
	});
});
