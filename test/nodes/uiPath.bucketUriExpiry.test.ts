// Bucket File → Upload / Download when the storage URI's signed time window has passed before it is used: the
// blob service refuses it (403), the node asks Orchestrator for a fresh URI once and transfers again, re-reading
// the upload's bytes from the start (from n8n's binary data store, or the item's in-memory data).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

const storage = mkdtempSync(join(tmpdir(), 'n8n-binary-expiry-'));
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = storage;

import { BinaryDataService } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import type { EngineHarness } from '../harness/engine';
import { fileItem, runWithBinary } from './uiPath.binary';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] })) as typeof import('@n8n/di');

const md5 = (content: Buffer) => createHash('md5').update(content).digest('base64');

describe('UiPath bucket files: a fresh URI after an expired one', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeAll(async () => {
		await Container.get(BinaryDataService).init();
	});
	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		const admin = { clientId: 'admin-app', clientSecret: 'admin-secret-456', scopes: [...APP.scopes, 'OR.Administration'] };
		sim.addExternalApp(admin);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { ...admin, scopes: admin.scopes.join(' ') }), 'admin');
	});
	afterEach(async () => sim.close());
	afterAll(() => {
		delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
		delete process.env.N8N_BINARY_DATA_STORAGE_PATH;
		rmSync(storage, { recursive: true, force: true });
	});

	const node = (bucketId: number, operation: string, filePath: string) =>
		uiNode({ resource: 'bucketFile', operation, folder: inFolder(), bucket: { __rl: true, mode: 'id', value: String(bucketId) }, filePath, binaryPropertyName: 'data' }, 'admin');
	const uriCalls = (action: string) => uiLog(sim).filter((e) => e.path.endsWith(action));
	const blobCalls = () => (sim.log as Array<IDataObject & { service?: string; status?: number; method?: string }>).filter((e) => e.service === 'blob');
	const content = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7) % 256));

	it('uploads a file from the binary data store again, from its start, through a fresh write URI', async () => {
		const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox', provider: 'Azure' });
		const stored = await Container.get(BinaryDataService).store({ type: 'execution', workflowId: 'wf', executionId: '1' }, Readable.from([content]), {
			fileName: 'scan.bin',
			mimeType: 'application/octet-stream',
		} as never);
		expect(stored.id).toMatch(/^filesystem/);
		sim.expireNextBlobUris(1);
		const { items, error } = await runWithBinary(harness, node(bucket.Id, 'upload', 'in/scan.bin'), [{ json: {}, binary: { data: stored } }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ FullPath: 'in/scan.bin', Size: content.length });
		expect(sim.bucketFile(bucket.Id, 'in/scan.bin')).toMatchObject({ size: content.length, md5: md5(content) });
		expect(uriCalls('GetWriteUri')).toHaveLength(2);
		const puts = blobCalls().filter((e) => e.method === 'PUT');
		expect(puts.map((e) => e.status)).toEqual([403, 201]);
	});

	it('uploads in-memory binary data again (Amazon S3), and downloads through a fresh read URI', async () => {
		const bucket = sim.addBucket({ folderId: shared.Id, name: 'S3', provider: 'Amazon' });
		sim.expireNextBlobUris(1);
		const upload = await runWithBinary(harness, node(bucket.Id, 'upload', 'note.txt'), [fileItem(Buffer.from('hello'), 'text/plain')]);
		expect(upload.error).toBeUndefined();
		expect(sim.bucketFile(bucket.Id, 'note.txt')).toMatchObject({ size: 5 });
		sim.expireNextBlobUris(1);
		const download = await harness.run(node(bucket.Id, 'download', 'note.txt'));
		expect(download.error).toBeUndefined();
		expect(download.items[0].json).toMatchObject({ fileName: 'note.txt', fileSize: '5 B' });
		expect([uriCalls('GetWriteUri').length, uriCalls('GetReadUri').length]).toEqual([2, 2]);
		expect(blobCalls().map((e) => `${e.method} ${e.status}`)).toEqual(['PUT 403', 'PUT 200', 'GET 403', 'GET 200']);
	});

	it('asks for a fresh URI only once, then says to check the clock and the expiry', async () => {
		const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox', provider: 'Azure' });
		sim.expireNextBlobUris(2);
		const upload = await runWithBinary(harness, node(bucket.Id, 'upload', 'a.txt'), [fileItem(Buffer.from('abc'), 'text/plain')]);
		expect(upload.error?.message).toBe('The storage service refused the upload (403 AuthenticationFailed)');
		expect(upload.error?.description).toMatch(/refused a fresh URI too: check the n8n host's clock .* raise 'URI Expiry \(Minutes\)'/);
		expect(uriCalls('GetWriteUri')).toHaveLength(2);
		expect(sim.bucketFile(bucket.Id, 'a.txt')).toBeUndefined();
		sim.putBucketFile(bucket.Id, 'b.txt', Buffer.from('b'), 'text/plain');
		sim.expireNextBlobUris(2);
		const download = await harness.run(node(bucket.Id, 'download', 'b.txt'));
		expect(download.error?.message).toBe('The storage service refused the download (403 AuthenticationFailed)');
		expect(uriCalls('GetReadUri')).toHaveLength(2);
	});
});
