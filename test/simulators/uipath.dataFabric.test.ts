// Data Fabric (datafabric_): entities, records, choice sets and attachments over HTTP, as UiPath's documentation and
// TypeScript SDK describe them (docs/api/DATA_FABRIC.md).
import { startUiPathSimulator } from './uipath';
import { request, T0 } from './uipathBreadth.helpers';

const GUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

async function world() {
	const sim = await startUiPathSimulator({});
	sim.clock.freeze(T0);
	const df = sim.dataFabric;
	const status = df.addChoiceSet('InvoiceStatus', ['Open', { name: 'Paid', displayName: 'Paid in full' }, 'Void']);
	const tags = df.addChoiceSet('Tags', ['urgent', 'export']);
	const customer = df.addEntity({ name: 'Customer', fields: [{ name: 'name', type: 'text', required: true }] });
	const invoice = df.addEntity({
		name: 'Invoice',
		displayName: 'Invoices',
		fields: [
			{ name: 'number', type: 'STRING', required: true, unique: true, lengthLimit: 20 },
			{ name: 'amount', type: 'number', decimalPrecision: 2 },
			{ name: 'lines', type: 'INTEGER', minValue: 0, maxValue: 100 },
			{ name: 'paid', type: 'boolean' },
			{ name: 'due', type: 'date' },
			{ name: 'sentAt', type: 'datetime' },
			{ name: 'status', type: 'choiceSet', choiceSet: 'InvoiceStatus' },
			{ name: 'tags', type: 'choiceSetMultiple', choiceSet: 'Tags' },
			{ name: 'customer', type: 'relationship', reference: 'Customer' },
			{ name: 'scan', type: 'file' },
			{ name: 'seq', type: 'autoNumber' },
		],
	});
	const [acme] = df.addRecords('Customer', [{ name: 'ACME' }]);
	const token = sim.issueToken();
	const base = `${sim.url}/${sim.organization}/${sim.tenant}/datafabric_`;
	const api = (method: string, path: string, opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) =>
		request(base + path, {
			method,
			headers: {
				authorization: `Bearer ${opts.token ?? token}`,
				...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
				...opts.headers,
			},
			body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
		});
	const records = `/api/EntityService/entity/${invoice.id}`;
	return { sim, df, status, tags, customer, invoice, acme, token, base, api, records };
}
type World = Awaited<ReturnType<typeof world>>;

/** Five invoices with amounts 10, 20, …, 50; numbers INV-1 … INV-5; odd ones paid. */
function fiveInvoices(w: World) {
	return w.df.addRecords('Invoice', [1, 2, 3, 4, 5].map((i) => ({ number: `INV-${i}`, amount: i * 10, paid: i % 2 === 1, status: i % 3, lines: i })));
}

describe('Data Fabric entities and records', () => {
	test('the entity list carries every field with its raw sqlType, display type and references; folder entities stay apart', async () => {
		const w = await world();
		try {
			const folder = w.sim.addFolder({ displayName: 'Finance' });
			w.df.addEntity({ name: 'Budget', folderId: folder.Id, fields: [{ name: 'year', type: 'INTEGER' }] });
			const list = await w.api('GET', '/api/Entity');
			expect(list.status).toBe(200);
			expect(list.body.map((e: any) => e.name)).toEqual(['Customer', 'Invoice']);
			const inv = list.body.find((e: any) => e.name === 'Invoice');
			expect(inv).toMatchObject({ id: w.invoice.id, displayName: 'Invoices', entityType: 'Entity', folderId: '00000000-0000-0000-0000-000000000000', isRbacEnabled: false, createTime: '2026-01-01T12:00:00.000Z' });
			const field = (name: string) => inv.fields.find((f: any) => f.name === name);
			expect(inv.fields.slice(0, 6).map((f: any) => f.name)).toEqual(['Id', 'CreatedBy', 'CreateTime', 'UpdatedBy', 'UpdateTime', 'RecordOwner']);
			expect(field('Id')).toMatchObject({ isPrimaryKey: true, isSystemField: true, sqlType: { name: 'UNIQUEIDENTIFIER' } });
			expect(field('CreatedBy')).toMatchObject({ isSystemField: true, fieldDisplayType: 'Relationship', referenceEntity: { name: 'SystemUser' } });
			expect(field('number')).toMatchObject({ isRequired: true, isUnique: true, isSystemField: false, sqlType: { name: 'NVARCHAR', lengthLimit: 20 }, fieldDisplayType: 'Basic' });
			expect(field('amount').sqlType).toEqual({ name: 'DECIMAL', lengthLimit: 1000, decimalPrecision: 2, maxValue: 1e12, minValue: -1e12 });
			expect(field('status')).toMatchObject({ sqlType: { name: 'INT' }, fieldDisplayType: 'ChoiceSetSingle', choiceSetId: w.status.id, referenceChoiceSet: { name: 'InvoiceStatus' } });
			expect(field('tags')).toMatchObject({ sqlType: { name: 'NVARCHAR', lengthLimit: 4000 }, fieldDisplayType: 'ChoiceSetMultiple' });
			expect(field('customer')).toMatchObject({ isForeignKey: true, fieldDisplayType: 'Relationship', referenceType: 'ManyToOne', referenceEntity: { id: w.customer.id, name: 'Customer' } });
			expect(field('scan')).toMatchObject({ fieldDisplayType: 'File', isAttachment: true, sqlType: { name: 'UNIQUEIDENTIFIER', lengthLimit: 300 } });
			expect(field('seq')).toMatchObject({ fieldDisplayType: 'AutoNumber', sqlType: { name: 'DECIMAL' } });
			const one = await w.api('GET', `/api/Entity/${w.invoice.id}`);
			expect(one.body).toEqual(inv);
			const inFolder = await w.api('GET', '/api/Entity', { headers: { 'X-UIPATH-FolderKey': folder.Key } });
			expect(inFolder.body.map((e: any) => e.name)).toEqual(['Budget']);
			const both = await w.api('GET', '/api/v2/Entity');
			expect(both.body.map((e: any) => e.name)).toEqual(['Customer', 'Invoice', 'Budget']);
			const noUsers = await w.api('GET', '/api/v2/Entity', { token: w.sim.issueToken({ scopes: ['DataFabric.Schema.Read'] }) });
			expect([noUsers.status, noUsers.body.error]).toEqual([403, expect.stringContaining('OR.Users')]);
		} finally {
			await w.sim.close();
		}
	});

	test('read pages with start and limit over {totalRecordCount, value}, ordered by Id; bad paging is 400', async () => {
		const w = await world();
		try {
			const seeded = fiveInvoices(w);
			const byId = seeded.map((r: any) => r.Id).sort();
			const seen: string[] = [];
			for (const start of [0, 2, 4]) {
				const page = await w.api('GET', `${w.records}/read?start=${start}&limit=2&expansionLevel=0`);
				expect(page.status).toBe(200);
				expect(Object.keys(page.body)).toEqual(['totalRecordCount', 'value']);
				expect(page.body.totalRecordCount).toBe(5);
				expect(page.body.value).toHaveLength(start === 4 ? 1 : 2);
				seen.push(...page.body.value.map((r: any) => r.Id));
			}
			expect(seen).toEqual(byId);
			const byName = await w.api('GET', '/api/EntityService/Invoice/read?limit=1000');
			expect(byName.body.value.map((r: any) => r.Id)).toEqual(byId);
			for (const bad of ['limit=1001', 'limit=0', 'start=-1', 'limit=ten', 'top=2']) {
				const r = await w.api('GET', `${w.records}/read?${bad}`);
				expect([bad, r.status, typeof r.body.error, typeof r.body.traceId]).toEqual([bad, 400, 'string', 'string']);
			}
		} finally {
			await w.sim.close();
		}
	});

	test('query: nested filter groups, typed string values, sort options, selectedFields and paging in the body', async () => {
		const w = await world();
		try {
			fiveInvoices(w);
			// amount >= 20 AND (paid = true OR status = 1)
			const body = {
				filterGroup: {
					logicalOperator: 0,
					queryFilters: [{ fieldName: 'amount', operator: '>=', value: '20' }],
					filterGroups: [{ logicalOperator: 1, queryFilters: [{ fieldName: 'paid', operator: '=', value: 'true' }, { fieldName: 'status', operator: '=', value: '1' }] }],
				},
				sortOptions: [{ fieldName: 'amount', isDescending: true }],
				selectedFields: ['number', 'amount'],
			};
			const all = await w.api('POST', `${w.records}/query?expansionLevel=0`, { body });
			expect(all.status).toBe(200);
			expect(all.body.totalRecordCount).toBe(3);
			expect(all.body.value.map((r: any) => r.number)).toEqual(['INV-5', 'INV-4', 'INV-3']);
			expect(Object.keys(all.body.value[0]).sort()).toEqual(['Id', 'amount', 'number']);
			const page = await w.api('POST', `${w.records}/query`, { body: { ...body, start: 1, limit: 1 } });
			expect([page.body.totalRecordCount, page.body.value.map((r: any) => r.number)]).toEqual([3, ['INV-4']]);
			const text = await w.api('POST', `/api/EntityService/Invoice/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'number', operator: 'in', valueList: ['inv-1', 'INV-2'] }] } } });
			expect(text.body.totalRecordCount).toBe(2);
			const empty = await w.api('POST', `${w.records}/query`, { body: {} });
			expect(empty.body.totalRecordCount).toBe(5);
			const unknown = await w.api('POST', `${w.records}/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'total', operator: '=', value: '1' }] } } });
			expect([unknown.status, unknown.body.error]).toEqual([400, expect.stringContaining("'total'")]);
			const notNumber = await w.api('POST', `${w.records}/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'amount', operator: '>', value: 'lots' }] } } });
			expect([notNumber.status, notNumber.body.error]).toEqual([400, expect.stringContaining("'amount'")]);
			const rawNumber = await w.api('POST', `${w.records}/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'amount', operator: '>', value: 5 }] } } });
			expect(rawNumber.status).toBe(400);
			const badOp = await w.api('POST', `${w.records}/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'amount', operator: 'contains', value: '1' }] } } });
			expect([badOp.status, badOp.body.error]).toEqual([400, expect.stringContaining("'amount'")]);
			const tooMany = await w.api('POST', `${w.records}/query`, { body: { limit: 1001 } });
			expect(tooMany.status).toBe(400);
		} finally {
			await w.sim.close();
		}
	});

	test('insert checks every value against its field and names the field; system fields are read-only', async () => {
		const w = await world();
		try {
			const ok = await w.api('POST', `${w.records}/insert?expansionLevel=0`, {
				body: { number: 'INV-9', amount: 99.5, lines: 3, paid: false, due: '2026-02-28', sentAt: '2026-01-02T08:00:00+01:00', status: 1, tags: [0, 1], customer: w.acme.Id.toLowerCase() },
			});
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({
				Id: expect.stringMatching(GUID_UPPER), number: 'INV-9', amount: 99.5, lines: 3, paid: false, due: '2026-02-28', sentAt: '2026-01-02T07:00:00.000Z',
				status: 1, tags: [0, 1], customer: w.acme.Id, scan: null, seq: 1, CreateTime: '2026-01-01T12:00:00.000Z', UpdateTime: '2026-01-01T12:00:00.000Z',
				CreatedBy: w.df.userIdOf('issued-by-test'),
			});
			const cases: [unknown, string][] = [
				[{ number: 'A', amount: '12' }, "'amount'"],
				[{ number: 'A', amount: 1.234 }, "'amount'"],
				[{ number: 'A', lines: 2.5 }, "'lines'"],
				[{ number: 'A', lines: 101 }, "'lines'"],
				[{ number: 'A', paid: 'yes' }, "'paid'"],
				[{ number: 'A', due: '28/02/2026' }, "'due'"],
				[{ number: 'A', due: '2026-02-30' }, "'due'"],
				[{ number: 'A', sentAt: 'tomorrow' }, "'sentAt'"],
				[{ number: 'A', status: 7 }, "'status'"],
				[{ number: 'A', status: 'Open' }, "'status'"],
				[{ number: 'A', tags: 1 }, "'tags'"],
				[{ number: 'A', customer: '00000000-0000-4000-8000-000000000000' }, "'customer'"],
				[{ number: 'A', scan: 'x' }, "'scan'"],
				[{ number: 'A', seq: 5 }, "'seq'"],
				[{ number: 'x'.repeat(21) }, "'number'"],
				[{ amount: 1 }, "'number'"],
				[{ number: null }, "'number'"],
				[{ number: 'INV-9' }, "'number'"],
				[{ number: 'A', Number: 'B' }, "'Number'"],
				[{ number: 'A', CreatedBy: w.acme.Id }, "'CreatedBy'"],
				[{ number: 'A', Id: w.acme.Id }, "'Id'"],
				[[{ number: 'A' }], 'JSON object'],
			];
			for (const [body, named] of cases) {
				const r = await w.api('POST', `${w.records}/insert`, { body });
				expect([JSON.stringify(body), r.status, r.body.error]).toEqual([JSON.stringify(body), 400, expect.stringContaining(named)]);
			}
			const form = await w.api('POST', `${w.records}/insert`, { headers: { 'content-type': 'text/plain' } });
			expect(form.status).toBe(415);
			expect(w.df.records('Invoice')).toHaveLength(1);
		} finally {
			await w.sim.close();
		}
	});

	test('insert-batch: one bad record fails alone, the good ones are stored; failOnFirst stops; at most 1000', async () => {
		const w = await world();
		try {
			const r = await w.api('POST', `${w.records}/insert-batch?expansionLevel=0`, { body: [{ number: 'B-1', amount: 1 }, { number: 'B-2', amount: 'two' }, { number: 'B-3' }] });
			expect(r.status).toBe(200);
			expect(r.body.successRecords.map((x: any) => x.number)).toEqual(['B-1', 'B-3']);
			expect(r.body.successRecords[0]).toMatchObject({ Id: expect.stringMatching(GUID_UPPER), amount: 1, seq: 1 });
			expect(r.body.failureRecords).toEqual([{ error: expect.stringContaining("'amount'"), record: { number: 'B-2', amount: 'two' } }]);
			expect(w.df.records('Invoice').map((x: any) => x.number).sort()).toEqual(['B-1', 'B-3']);
			const dup = await w.api('POST', `${w.records}/insert-batch`, { body: [{ number: 'B-4' }, { number: 'B-4' }] });
			expect(dup.body.failureRecords).toEqual([{ error: expect.stringMatching(/^Insert data failed\. Value uniqueness violation.*'number'/), record: { number: 'B-4' } }]);
			const stop = await w.api('POST', `${w.records}/insert-batch?failOnFirst=true`, { body: [{ number: 'C-1' }, { lines: -1, number: 'C-2' }, { number: 'C-3' }] });
			expect([stop.body.successRecords.length, stop.body.failureRecords.length]).toEqual([1, 1]);
			expect(w.df.records('Invoice').map((x: any) => x.number)).not.toContain('C-3');
			const big = await w.api('POST', `${w.records}/insert-batch`, { body: Array.from({ length: 1001 }, (_, i) => ({ number: `D-${i}` })) });
			expect([big.status, big.body.error]).toEqual([400, expect.stringContaining('1000')]);
			const notArray = await w.api('POST', `${w.records}/insert-batch`, { body: { number: 'E' } });
			expect(notArray.status).toBe(400);
		} finally {
			await w.sim.close();
		}
	});

	test('update one record and a batch: only the fields sent change, UpdateTime moves, a bad or unknown record fails', async () => {
		const w = await world();
		try {
			const [a, b] = fiveInvoices(w);
			w.sim.clock.advance(60_000);
			const up = await w.api('POST', `${w.records}/update/${a.Id}?expansionLevel=0`, { body: { amount: 11.25, paid: null } });
			expect(up.status).toBe(200);
			expect(up.body).toMatchObject({ Id: a.Id, number: 'INV-1', amount: 11.25, paid: null, CreateTime: '2026-01-01T12:00:00.000Z', UpdateTime: '2026-01-01T12:01:00.000Z', UpdatedBy: w.df.userIdOf('issued-by-test') });
			const wrongType = await w.api('POST', `${w.records}/update/${a.Id}`, { body: { lines: 'many' } });
			expect([wrongType.status, wrongType.body.error]).toEqual([400, expect.stringContaining("'lines'")]);
			const clearRequired = await w.api('POST', `${w.records}/update/${a.Id}`, { body: { number: null } });
			expect([clearRequired.status, clearRequired.body.error]).toEqual([400, expect.stringContaining("'number'")]);
			const otherId = await w.api('POST', `${w.records}/update/${a.Id}`, { body: { Id: b.Id, amount: 1 } });
			expect([otherId.status, otherId.body.error]).toEqual([400, expect.stringContaining("'Id'")]);
			const missing = '0F0F0F0F-0000-4000-8000-000000000000';
			const batch = await w.api('POST', `${w.records}/update-batch?expansionLevel=0`, { body: [{ Id: b.Id, lines: 9 }, { Id: missing, lines: 1 }, { lines: 2 }] });
			expect(batch.status).toBe(200);
			expect(batch.body.successRecords).toEqual([expect.objectContaining({ Id: b.Id, lines: 9, number: 'INV-2' })]);
			expect(batch.body.failureRecords).toEqual([
				{ error: expect.stringContaining(missing), record: { Id: missing, lines: 1 } },
				{ error: expect.stringContaining('Id'), record: { lines: 2 } },
			]);
			expect(w.df.records('Invoice').find((x: any) => x.Id === b.Id).lines).toBe(9);
		} finally {
			await w.sim.close();
		}
	});

	test('delete one record (DELETE, answers true) and a batch; unknown entity and record are 404 with {error, traceId}', async () => {
		const w = await world();
		try {
			const [a, b, c] = fiveInvoices(w);
			const del = await w.api('DELETE', `${w.records}/delete/${a.Id}`);
			expect([del.status, del.body]).toEqual([200, true]);
			const gone = await w.api('GET', `${w.records}/read/${a.Id}`);
			expect(gone.status).toBe(404);
			expect(gone.body).toEqual({ error: expect.stringContaining(a.Id), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
			const viaPost = await w.api('POST', `${w.records}/delete/${b.Id}`);
			expect(viaPost.status).toBe(405);
			const batch = await w.api('POST', `${w.records}/delete-batch`, { body: [b.Id, a.Id, c.Id.toLowerCase()] });
			expect(batch.body.successRecords.map((x: any) => x.Id)).toEqual([b.Id, c.Id]);
			expect(batch.body.failureRecords).toEqual([{ error: expect.stringContaining(a.Id), record: { Id: a.Id } }]);
			expect(w.df.records('Invoice')).toHaveLength(2);
			const unknownEntity = await w.api('GET', '/api/EntityService/entity/9b2f4f4e-0000-4000-8000-000000000000/read');
			expect([unknownEntity.status, unknownEntity.body.error]).toEqual([404, expect.stringContaining('9b2f4f4e')]);
			expect((await w.api('GET', '/api/EntityService/Nothing/read')).status).toBe(404);
			expect((await w.api('GET', '/api/Entity/9b2f4f4e-0000-4000-8000-000000000000')).status).toBe(404);
			expect((await w.api('POST', `${w.records}/update/9B2F4F4E-0000-4000-8000-000000000000`, { body: { lines: 1 } })).status).toBe(404);
			expect((await w.api('GET', `/api/v2/EntityService/entity/${w.invoice.id}/read/9B2F4F4E-0000-4000-8000-000000000000`)).status).toBe(404);
		} finally {
			await w.sim.close();
		}
	});

	test('scopes: metadata needs DataFabric.Schema.Read, reading records Data.Read, writing Data.Write', async () => {
		const w = await world();
		try {
			const schemaOnly = w.sim.issueToken({ scopes: ['DataFabric.Schema.Read'] });
			const readOnly = w.sim.issueToken({ scopes: ['DataFabric.Data.Read'] });
			expect((await w.api('GET', '/api/Entity', { token: schemaOnly })).status).toBe(200);
			expect((await w.api('GET', '/api/Entity', { token: readOnly })).status).toBe(403);
			const read = await w.api('GET', `${w.records}/read`, { token: schemaOnly });
			expect([read.status, read.body.error]).toEqual([403, expect.stringContaining('DataFabric.Data.Read')]);
			expect((await w.api('GET', `${w.records}/read`, { token: readOnly })).status).toBe(200);
			const write = await w.api('POST', `${w.records}/insert`, { token: readOnly, body: { number: 'X' } });
			expect([write.status, write.body.error]).toEqual([403, expect.stringContaining('DataFabric.Data.Write')]);
			expect(w.df.records('Invoice')).toHaveLength(0);
			const unknown = await w.api('GET', '/api/Entity', { token: 'not-a-token' });
			expect([unknown.status, typeof unknown.body.error, unknown.body.errorCode]).toEqual([401, 'string', undefined]);
		} finally {
			await w.sim.close();
		}
	});

	test('attachments: multipart upload of any bytes, download with the content type, delete; the record shows the file', async () => {
		const w = await world();
		try {
			const [a] = fiveInvoices(w);
			const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x2d, 0x2d]);
			const form = new FormData();
			form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'scan.pdf');
			const path = `/api/Attachment/entity/${w.invoice.id}/${a.Id}/scan`;
			const up = await request(`${w.base}${path}?expansionLevel=1`, { method: 'POST', headers: { authorization: `Bearer ${w.token}` }, body: form });
			expect(up.status).toBe(200);
			expect(up.body).toMatchObject({ Id: a.Id, scan: { Name: 'scan.pdf', Size: bytes.length, Type: 'application/pdf', Path: expect.any(String) } });
			const down = await fetch(`${w.base}${path}`, { headers: { authorization: `Bearer ${w.token}` } });
			expect(down.status).toBe(200);
			expect(down.headers.get('content-type')).toBe('application/pdf');
			expect(new Uint8Array(await down.arrayBuffer())).toEqual(bytes);
			expect(w.df.attachment('Invoice', a.Id, 'scan')?.bytes.equals(Buffer.from(bytes))).toBe(true);
			const l0 = await w.api('GET', `${w.records}/read/${a.Id}?expansionLevel=0`);
			expect(l0.body.scan).toMatch(GUID_UPPER);
			const byName = await fetch(`${w.base}/api/Attachment/Invoice/${a.Id}/scan`, { headers: { authorization: `Bearer ${w.token}` } });
			expect(new Uint8Array(await byName.arrayBuffer())).toEqual(bytes);
			const wrongPart = new FormData();
			wrongPart.append('upload', new Blob(['x']));
			const bad = await request(`${w.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${w.token}` }, body: wrongPart });
			expect([bad.status, bad.body.error]).toEqual([400, expect.stringContaining("'file'")]);
			const notFile = await request(`${w.base}/api/Attachment/entity/${w.invoice.id}/${a.Id}/number`, { method: 'POST', headers: { authorization: `Bearer ${w.token}` }, body: form });
			expect([notFile.status, notFile.body.error]).toEqual([400, expect.stringContaining("'number'")]);
			const readOnly = w.sim.issueToken({ scopes: ['DataFabric.Data.Read'] });
			expect((await request(`${w.base}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${readOnly}` } })).status).toBe(403);
			const del = await w.api('DELETE', `${path}?expansionLevel=0`);
			expect([del.status, del.body.scan]).toEqual([200, null]);
			expect((await w.api('GET', path)).status).toBe(404);
		} finally {
			await w.sim.close();
		}
	});

	test('choice sets: listed with their metadata, values through query_expansion as a JSON string; NumberIds in records', async () => {
		const w = await world();
		try {
			const list = await w.api('GET', '/api/Entity/choiceset');
			expect(list.body.map((s: any) => s.name)).toEqual(['UserType', 'InvoiceStatus', 'Tags']);
			expect(list.body[1]).toMatchObject({ id: w.status.id, entityType: 'ChoiceSet', entityTypeId: 1, recordCount: 3, createTime: '2026-01-01T12:00:00.000Z' });
			const values = await w.api('POST', `/api/EntityService/entity/${w.status.id}/query_expansion`, { body: {} });
			expect(values.status).toBe(200);
			expect(values.body.totalRecordCount).toBe(3);
			expect(JSON.parse(values.body.jsonValue)).toEqual([
				expect.objectContaining({ Name: 'Open', DisplayName: 'Open', NumberId: 0, Id: expect.stringMatching(GUID_UPPER) }),
				expect.objectContaining({ Name: 'Paid', DisplayName: 'Paid in full', NumberId: 1 }),
				expect.objectContaining({ Name: 'Void', NumberId: 2 }),
			]);
			const page = await w.api('POST', `/api/EntityService/entity/${w.status.id}/query_expansion`, { body: { start: 2, limit: 5 } });
			expect(JSON.parse(page.body.jsonValue).map((v: any) => v.Name)).toEqual(['Void']);
			const schemaOnly = w.sim.issueToken({ scopes: ['DataFabric.Schema.Read'] });
			expect((await w.api('POST', `/api/EntityService/entity/${w.status.id}/query_expansion`, { body: {}, token: schemaOnly })).status).toBe(403);
			const dup = await w.api('POST', `${w.records}/insert`, { body: { number: 'T-1', tags: [1, 1] } });
			expect([dup.status, dup.body.error]).toEqual([400, expect.stringContaining("'tags'")]);
			const tagged = w.df.addRecords('Invoice', [{ number: 'T-2', tags: [1] }, { number: 'T-3', tags: [0] }]);
			const q = await w.api('POST', `${w.records}/query`, { body: { filterGroup: { queryFilters: [{ fieldName: 'tags', operator: 'contains', value: '1' }] } } });
			expect(q.body.value.map((r: any) => r.Id)).toEqual([tagged[0].Id]);
		} finally {
			await w.sim.close();
		}
	});

	test('expansionLevel: references are Ids at 0, {Id} at 1, the referenced record at 2 (the default); MULTILINE_MAX only in full by v2 id', async () => {
		const w = await world();
		try {
			const notes = w.df.addEntity({ name: 'Note', fields: [{ name: 'body', type: 'MULTILINE_MAX' }, { name: 'invoice', type: 'relationship', reference: 'Invoice' }] });
			const [inv] = w.df.addRecords('Invoice', [{ number: 'N-1', customer: w.acme.Id }]);
			const [note] = w.df.addRecords('Note', [{ body: 'hello world', invoice: inv.Id }]);
			const at = async (level?: number) => (await w.api('GET', `/api/EntityService/entity/${notes.id}/read/${note.Id}${level === undefined ? '' : `?expansionLevel=${level}`}`)).body;
			const [l0, l1, l2] = [await at(0), await at(1), await at()];
			expect([l0.invoice, l0.CreatedBy]).toEqual([inv.Id, expect.stringMatching(GUID_UPPER)]);
			expect([l1.invoice, l1.CreatedBy]).toEqual([{ Id: inv.Id }, { Id: l0.CreatedBy }]);
			expect(l2.invoice).toMatchObject({ Id: inv.Id, number: 'N-1', customer: { Id: w.acme.Id } });
			expect(l2.CreatedBy).toMatchObject({ Id: l0.CreatedBy, Name: expect.any(String) });
			expect((await at(3)).invoice.customer).toMatchObject({ Id: w.acme.Id, name: 'ACME' });
			expect(l0.body).toBe('HasValue=true Length=22');
			const v2 = await w.api('GET', `/api/v2/EntityService/entity/${notes.id}/read/${note.Id}?expansionLevel=0`);
			expect(v2.body.body).toBe('hello world');
			expect((await w.api('GET', `/api/EntityService/entity/${notes.id}/read?expansionLevel=4`)).status).toBe(400);
		} finally {
			await w.sim.close();
		}
	});
});
