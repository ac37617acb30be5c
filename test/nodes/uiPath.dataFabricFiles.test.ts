// Entity Record (Data Fabric) → Upload Attachment / Download Attachment through n8n's engine against the
// simulator: an n8n binary property sent as the multipart part `file`, and a File field read back into one.
import { createHash } from 'node:crypto';

import type { EngineHarness } from '../harness/engine';
import { fileItem, runWithBinary } from './uiPath.binary';
import { byId, DATA_FABRIC_SCOPES, setUpWithScopes, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const MISSING = '00000000-0000-0000-0000-00000000ABCD';

describe('UiPath Entity Record (Data Fabric): attachments', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let invoiceId: string;
	let recordId: string;

	beforeEach(async () => {
		({ sim, harness } = await setUpWithScopes(DATA_FABRIC_SCOPES, 'df'));
		invoiceId = sim.dataFabric.addEntity({ name: 'Invoice', fields: [{ name: 'number', type: 'text' }, { name: 'scan', type: 'file' }] }).id;
		[{ Id: recordId }] = sim.dataFabric.addRecords('Invoice', [{ number: 'INV-1' }]);
	});
	afterEach(async () => sim.close());

	const calls = () => uiLog(sim).filter((e) => e.path.includes('/api/Attachment/'));
	const node = (operation: string, extra: Record<string, unknown> = {}) =>
		uiNode({ resource: 'entityRecord', operation, entity: byId(invoiceId), recordId, fileField: 'scan', binaryPropertyName: 'data', ...extra }, 'df');

	it('uploads the binary as the part file, keeping its name and type, and downloads the same bytes back', async () => {
		const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
		const up = await runWithBinary(harness, node('uploadAttachment'), [fileItem(bytes, 'application/pdf', 'scan 1.pdf')]);
		expect(up.error).toBeUndefined();
		const [post] = calls();
		expect([post.method, post.status, post.path.endsWith(`/api/Attachment/entity/${invoiceId}/${recordId}/scan`)]).toEqual(['POST', 200, true]);
		expect(post.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const stored = sim.dataFabric.attachment('Invoice', recordId, 'scan');
		expect([stored?.name, stored?.contentType, md5(stored!.bytes)]).toEqual(['scan 1.pdf', 'application/pdf', md5(bytes)]);
		expect(up.items[0].json).toMatchObject({ Id: recordId, scan: { Name: 'scan 1.pdf', Size: 70_000, Type: 'application/pdf' } });

		const down = await runWithBinary(harness, node('downloadAttachment', { binaryPropertyName: 'file' }), [{ json: {} }]);
		expect(down.error).toBeUndefined();
		const binary = down.items[0].binary!.file;
		expect(binary).toMatchObject({ fileName: 'scan 1.pdf', mimeType: 'application/pdf' });
		expect(md5(Buffer.from(binary.data, 'base64'))).toBe(md5(bytes));
		expect(down.items[0].json).toMatchObject({ recordId, field: 'scan', fileName: 'scan 1.pdf', contentType: 'application/pdf' });
		expect(calls().map((e) => e.method)).toEqual(['POST', 'GET']);
	});

	it('says what is wrong: no file yet, a field that is not a File field, a missing record, no binary', async () => {
		const none = await runWithBinary(harness, node('downloadAttachment'), [{ json: {} }]);
		expect(none.error?.message).toContain('404');
		expect(`${none.error?.message} ${none.error?.description}`).toContain("has no file in field 'scan'");
		const notFile = await runWithBinary(harness, node('uploadAttachment', { fileField: 'number' }), [fileItem(Buffer.from('x'), 'text/plain')]);
		expect(`${notFile.error?.message} ${notFile.error?.description}`).toContain("Field 'number' is a STRING field, not a File field.");
		const noRecord = await runWithBinary(harness, node('uploadAttachment', { recordId: MISSING }), [fileItem(Buffer.from('x'), 'text/plain')]);
		expect(noRecord.error?.description).toContain('Data Fabric has no such record, File field or file');
		const noBinary = await runWithBinary(harness, node('uploadAttachment'), [{ json: {} }]);
		expect(noBinary.error?.message).toMatch(/binary/i);
		const noField = await runWithBinary(harness, node('uploadAttachment', { fileField: '={{ $json.nothing }}' }), [fileItem(Buffer.from('x'), 'text/plain')]);
		expect(noField.error?.message).toBe('Give the File Field');
		expect(calls().map((e) => e.status)).toEqual([404, 400, 404]);
	});

	it('refuses a file over 10 MB before sending it; with Continue On Fail a download failure is its own item', async () => {
		const big = await runWithBinary(harness, node('uploadAttachment'), [fileItem(Buffer.alloc(10 * 1024 * 1024 + 1), 'application/octet-stream')]);
		expect(big.error?.message).toBe("The file in 'data' is 10485761 bytes; a Data Fabric attachment holds at most 10 MB");
		expect(calls()).toHaveLength(0);
		const spec = { ...node('downloadAttachment', { recordId: '={{ $json.id }}' }), continueOnFail: true };
		await runWithBinary(harness, node('uploadAttachment'), [fileItem(Buffer.from('hello'), 'text/plain', 'a.txt')]);
		const { items } = await runWithBinary(harness, spec, [{ json: { id: MISSING } }, { json: { id: recordId } }]);
		expect(items.map((i) => [typeof i.json.error, i.pairedItem])).toEqual([['string', { item: 0 }], ['undefined', { item: 1 }]]);
		expect(Buffer.from(items[1].binary!.data.data, 'base64').toString()).toBe('hello');
	});
});
