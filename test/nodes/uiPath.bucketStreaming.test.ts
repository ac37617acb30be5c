// A 200 MB file up to a bucket and back with n8n's binary data kept on disk (filesystem mode, as n8n runs by
// default): the node streams both legs, so the process never holds the file in memory.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const storage = mkdtempSync(join(tmpdir(), 'n8n-binary-'));
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = storage;

import { BinaryDataService } from 'n8n-core';

import type { EngineHarness } from '../harness/engine';
import { runWithBinary } from './uiPath.binary';
import { APP, cloudCredential, inFolder, setUp, uiNode, type UiSim } from './uiPath.helpers';

// n8n-core's own copy of the DI container (it nests its @n8n/di), where its services live.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] })) as typeof import('@n8n/di');

const MB = 1024 * 1024;
const SIZE = 200 * MB;

/** Writes SIZE bytes of a repeating pattern to a file, chunk by chunk, and returns its md5. */
async function writeBigFile(path: string): Promise<string> {
	const chunk = Buffer.alloc(MB, 0);
	for (let i = 0; i < MB; i++) chunk[i] = (i * 31) % 256;
	const hash = createHash('md5');
	const out = createWriteStream(path);
	for (let written = 0; written < SIZE; written += MB) {
		hash.update(chunk);
		if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
	}
	await new Promise((resolve) => out.end(resolve));
	return hash.digest('base64');
}

/** The highest RSS seen while `work` runs, above the RSS before it. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
	const before = process.memoryUsage().rss;
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	try {
		const result = await work();
		return { result, growthMb: (Math.max(peak, process.memoryUsage().rss) - before) / MB };
	} finally {
		clearInterval(timer);
	}
}

describe('UiPath bucket files, streamed', () => {
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
		// A jest worker runs other test files after this one: leave its environment as it was.
		delete process.env.N8N_DEFAULT_BINARY_DATA_MODE;
		delete process.env.N8N_BINARY_DATA_STORAGE_PATH;
		rmSync(storage, { recursive: true, force: true });
	});

	it('uploads and downloads 200 MB with the memory growing far less than the file', async () => {
		const bucket = sim.addBucket({ folderId: shared.Id, name: 'Big', provider: 'Azure' });
		const source = join(storage, 'source.bin');
		const sourceMd5 = await writeBigFile(source);
		const service = Container.get(BinaryDataService);
		const stored = await service.store({ type: 'execution', workflowId: 'wf', executionId: '1' }, createReadStream(source), {
			fileName: 'big.bin',
			mimeType: 'application/octet-stream',
		} as never);
		expect(stored.id).toMatch(/^filesystem/);

		const node = (parameters: Record<string, unknown>) => uiNode({ folder: inFolder(), bucket: { __rl: true, mode: 'id', value: String(bucket.Id) }, filePath: 'big/big.bin', binaryPropertyName: 'data', ...parameters }, 'admin');
		const upload = await peakGrowth(() => runWithBinary(harness, node({ resource: 'bucketFile', operation: 'upload' }), [{ json: {}, binary: { data: stored } }]));
		expect(upload.result.error).toBeUndefined();
		expect(sim.bucketFile(bucket.Id, 'big/big.bin')).toMatchObject({ size: SIZE, md5: sourceMd5 });

		const download = await peakGrowth(() => harness.run(node({ resource: 'bucketFile', operation: 'download' })));
		expect(download.result.error).toBeUndefined();
		const binary = download.result.items[0].binary!.data;
		expect(binary.id).toMatch(/^filesystem/);
		const hash = createHash('md5');
		for await (const chunk of await service.getAsStream(binary.id!)) hash.update(chunk as Buffer);
		expect(hash.digest('base64')).toBe(sourceMd5);

		console.log(`200 MB upload: RSS +${upload.growthMb.toFixed(0)} MB; download: RSS +${download.growthMb.toFixed(0)} MB`);
		expect(upload.growthMb).toBeLessThan(100);
		expect(download.growthMb).toBeLessThan(100);
	}, 180_000);
});
