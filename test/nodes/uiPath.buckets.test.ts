// Bucket and Bucket File through n8n's engine against the Orchestrator simulator and its blob store: what each
// operation sends to Orchestrator and to the storage URI, what it returns, and its likeliest errors.
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { EngineHarness } from '../harness/engine';
import { fileItem, runWithBinary } from './uiPath.binary';
import { APP, cloudCredential, inFolder, onPremCredential, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const ADMIN_APP = { clientId: 'admin-app', clientSecret: 'admin-secret-456', scopes: [...APP.scopes, 'OR.Administration'] };
const ACTIONS = 'UiPath.Server.Configuration.OData';
const md5 = (content: Buffer) => createHash('md5').update(content).digest('base64');

describe('UiPath buckets', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		sim.addExternalApp(ADMIN_APP);
		const scopes = ADMIN_APP.scopes.join(' ');
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: ADMIN_APP.clientId, clientSecret: ADMIN_APP.clientSecret, scopes }), 'admin');
	});
	afterEach(async () => sim.close());

	const base = () => `/${sim.organization}/${sim.tenant}/orchestrator_`;
	const calls = (path: string) => uiLog(sim).filter((e) => e.path === `${base()}/odata/${path}`);
	const blobCalls = () => (sim.log as Array<IDataObject & { service?: string }>).filter((e) => e.service === 'blob');
	const bucketRef = (id: number) => ({ __rl: true, mode: 'list', value: String(id) });

	describe('Bucket', () => {
		it('lists the buckets of a folder filtered by name, and the picker lists them by Id', async () => {
			const inbox = sim.addBucket({ folderId: shared.Id, name: 'Invoices Inbox', provider: 'Azure' });
			sim.addBucket({ folderId: shared.Id, name: 'Archive' });
			sim.addBucket({ folderId: sim.addFolder({ displayName: 'Other' }).Id, name: 'Invoices Other' });

			const { items, error } = await harness.run(uiNode({ resource: 'bucket', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { name: 'Invoices' } }, 'admin'));
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([expect.objectContaining({ Id: inbox.Id, Name: 'Invoices Inbox', StorageProvider: 'Azure', Password: null })]);
			const [call] = calls('Buckets');
			expect(call.headers['x-uipath-folderpath']).toBe('Shared');
			expect(call.query).toEqual({ $filter: "contains(Name,'Invoices')", $orderby: 'Name asc,Id asc', $top: '1000', $skip: '0', $count: 'true' });

			const picked = await harness.listSearch(uiNode({ resource: 'bucketFile', operation: 'getMany', folder: inFolder() }, 'admin'), 'searchBuckets');
			expect(picked.results).toEqual([
				{ name: 'Archive', value: expect.any(String) },
				{ name: 'Invoices Inbox', value: String(inbox.Id) },
			]);
			const noFolder = await harness.listSearch(uiNode({ resource: 'bucketFile', operation: 'getMany', folder: { __rl: true, mode: 'list', value: '' } }, 'admin'), 'searchBuckets');
			expect(noFolder.results).toEqual([{ name: 'Pick a Folder First', value: '' }]);
		});

		it('names the scope OR.Administration when the External Application lacks it', async () => {
			sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
			const { error } = await harness.run(uiNode({ resource: 'bucket', operation: 'getMany', folder: inFolder(), returnAll: true }));
			expect(error?.message).toContain('403');
			expect(error?.description).toContain('OR.Administration (or OR.Administration.Read)');
		});
	});

	describe('Bucket File', () => {
		it('lists the files of a directory, recursively and by name pattern', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
			sim.putBucketFile(bucket.Id, 'in/a.pdf', 'A', 'application/pdf');
			sim.putBucketFile(bucket.Id, 'in/2026/b.pdf', 'BB', 'application/pdf');
			sim.putBucketFile(bucket.Id, 'in/notes.txt', 'n', 'text/plain');
			sim.putBucketFile(bucket.Id, 'out/c.pdf', 'C', 'application/pdf');

			const parameters = { resource: 'bucketFile', operation: 'getMany', folder: inFolder(), bucket: bucketRef(bucket.Id), directory: 'in', returnAll: true };
			const flat = await harness.run(uiNode(parameters, 'admin'));
			expect(flat.error).toBeUndefined();
			expect(flat.items.map((i) => i.json.FullPath)).toEqual(['in/a.pdf', 'in/notes.txt']);
			const deep = await harness.run(uiNode({ ...parameters, recursive: true, filters: { fileNameGlob: '*.pdf' } }, 'admin'));
			expect(deep.items.map((i) => [i.json.FullPath, i.json.Size])).toEqual([['in/2026/b.pdf', 2], ['in/a.pdf', 1]]);
			const last = calls(`Buckets(${bucket.Id})/${ACTIONS}.GetFiles`).pop()!;
			expect(last.query).toMatchObject({ directory: 'in', recursive: 'true', fileNameGlob: '*.pdf', $top: '1000' });
		});

		it('says which bucket was not found in the folder', async () => {
			const bucket = sim.addBucket({ folderId: sim.addFolder({ displayName: 'Other' }).Id, name: 'Elsewhere' });
			const { error } = await harness.run(uiNode({ resource: 'bucketFile', operation: 'getMany', folder: inFolder(), bucket: bucketRef(bucket.Id), returnAll: true }, 'admin'));
			expect(error?.message).toContain('404');
			expect(error?.description).toContain(`Bucket ${bucket.Id} was not found in folder "Shared"`);
		});

		it.each([
			['built-in storage', null, 201],
			['Azure', 'Azure', 201],
			['Amazon S3', 'Amazon', 200],
		] as const)('uploads a binary file to %s through the write URI, with its headers and no token', async (_name, provider, status) => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox', provider });
			const content = Buffer.from('%PDF-1.7 invoice '.repeat(1000));
			const { items, error } = await runWithBinary(
				harness,
				uiNode({ resource: 'bucketFile', operation: 'upload', folder: inFolder(), bucket: bucketRef(bucket.Id), filePath: '/in/invoice.pdf', binaryPropertyName: 'data' }, 'admin'),
				[fileItem(content, 'application/pdf')],
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ FullPath: 'in/invoice.pdf', ContentType: 'application/pdf', Size: content.length });
			expect(sim.bucketFile(bucket.Id, 'in/invoice.pdf')).toMatchObject({ size: content.length, md5: md5(content), contentType: 'application/pdf' });
			const [uri] = calls(`Buckets(${bucket.Id})/${ACTIONS}.GetWriteUri`);
			expect(uri.query).toEqual({ path: 'in/invoice.pdf', contentType: 'application/pdf' });
			const [put] = blobCalls();
			expect(put).toMatchObject({ method: 'PUT', status });
			const headers = put.headers as Record<string, string>;
			expect(headers.authorization).toBeUndefined();
			expect(headers['content-length']).toBe(String(content.length));
			if (provider !== 'Amazon') expect(headers['x-ms-blob-type']).toBe('BlockBlob');
		});

		it('sends the Orchestrator token to FileSystem storage, which requires it', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Share', provider: 'FileSystem' });
			const content = Buffer.from('col1,col2\n1,2\n');
			const { error } = await runWithBinary(
				harness,
				uiNode({ resource: 'bucketFile', operation: 'upload', folder: inFolder(), bucket: bucketRef(bucket.Id), filePath: 'data.csv', binaryPropertyName: 'data' }, 'admin'),
				[fileItem(content, 'text/csv')],
			);
			expect(error).toBeUndefined();
			expect(sim.bucketFile(bucket.Id, 'data.csv')).toMatchObject({ md5: md5(content) });
			expect(String((blobCalls()[0].headers as Record<string, string>).authorization)).toMatch(/^Bearer /);
		});

		it('says a read-only bucket refuses uploads, and sends no bytes', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Frozen', options: 'ReadOnly' });
			const { error } = await runWithBinary(
				harness,
				uiNode({ resource: 'bucketFile', operation: 'upload', folder: inFolder(), bucket: bucketRef(bucket.Id), filePath: 'a.txt', binaryPropertyName: 'data' }, 'admin'),
				[fileItem(Buffer.from('x'), 'text/plain')],
			);
			expect(error?.message).toContain('400');
			expect(`${error?.message} ${error?.description}`).toContain("Bucket 'Frozen' is read-only");
			expect(blobCalls()).toHaveLength(0);
		});

		it('downloads a file as binary data, byte for byte, with its content type', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox', provider: 'Amazon' });
			const content = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
			sim.putBucketFile(bucket.Id, 'in/scan.png', content, 'image/png');
			const { items, error } = await harness.run(
				uiNode({ resource: 'bucketFile', operation: 'download', folder: inFolder(), bucket: bucketRef(bucket.Id), filePath: 'in/scan.png', binaryPropertyName: 'scan' }, 'admin'),
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ bucketId: bucket.Id, path: 'in/scan.png', fileName: 'scan.png', contentType: 'image/png' });
			const binary = items[0].binary!.scan;
			expect(binary).toMatchObject({ fileName: 'scan.png', mimeType: 'image/png' });
			expect(md5(Buffer.from(binary.data, 'base64'))).toBe(md5(content));
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(blobCalls()).toEqual([expect.objectContaining({ method: 'GET', status: 200 })]);
		});

		it('says which file does not exist, and keeps going per item with Continue On Fail', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
			sim.putBucketFile(bucket.Id, 'there.txt', 'here', 'text/plain');
			const spec = uiNode({ resource: 'bucketFile', operation: 'download', folder: inFolder(), bucket: bucketRef(bucket.Id), filePath: '={{ $json.path }}', binaryPropertyName: 'data' }, 'admin', { continueOnFail: true });
			const { items, error } = await harness.run(spec, [{ path: 'missing.txt' }, { path: 'there.txt' }]);
			expect(error).toBeUndefined();
			expect(items[0].json.error).toContain('404');
			expect(items[0].json.description).toContain("File 'missing.txt' does not exist in bucket");
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(Buffer.from(items[1].binary!.data.data, 'base64').toString()).toBe('here');
		});

		it('deletes a file, and with Ignore Missing File a missing file is no error but a missing bucket is', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
			sim.putBucketFile(bucket.Id, 'old/a.txt', 'a');
			const remove = (filePath: string, ignoreMissing: boolean, id = bucket.Id) =>
				harness.run(uiNode({ resource: 'bucketFile', operation: 'delete', folder: inFolder(), bucket: bucketRef(id), filePath, ignoreMissing }, 'admin'));

			const deleted = await remove('old/a.txt', false);
			expect(deleted.items[0].json).toEqual({ bucketId: bucket.Id, path: 'old/a.txt', deleted: true });
			expect(sim.bucketFile(bucket.Id, 'old/a.txt')).toBeUndefined();
			expect(calls(`Buckets(${bucket.Id})/${ACTIONS}.DeleteFile`)[0]).toMatchObject({ method: 'DELETE', query: { path: 'old/a.txt' }, status: 204 });

			const again = await remove('old/a.txt', false);
			expect(again.error?.description).toContain("File 'old/a.txt' does not exist");
			expect((await remove('old/a.txt', true)).items[0].json).toEqual({ bucketId: bucket.Id, path: 'old/a.txt', deleted: false });
			const noBucket = await remove('old/a.txt', true, 999_999);
			expect(noBucket.error?.description).toContain('Bucket 999999 was not found');
		});
	});

	it('keeps the on-premises credential working for buckets (no scopes there)', async () => {
		harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim), 'onprem2');
		const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
		const { items, error } = await harness.run(uiNode({ resource: 'bucket', operation: 'getMany', folder: inFolder(), returnAll: true }, 'onprem2'));
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.Id)).toEqual([bucket.Id]);
	});
});
