// Job → Start with "Define Arguments: Using Fields Below": the process's declared input arguments as the fields of
// n8n's resource mapper, loaded from the release, and the typed InputArguments string they produce.
import type { ResourceMapperField } from 'n8n-workflow';

import type { EngineHarness } from '../harness/engine';
import { inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const CORE = ', System.Private.CoreLib, Version=8.0.0.0, Culture=neutral, PublicKeyToken=7cec85d7bea7798e';

describe('UiPath Job → Start: input arguments as fields', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let release: { Key: string; Name: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		release = sim.addRelease({
			folderId: shared.Id,
			name: 'InvoiceProcessing',
			queueDelayMs: 100,
			durationMs: 300,
			inputArgumentsSchema: [
				{ name: 'invoiceId', type: `System.String${CORE}`, required: true },
				{ name: 'amount', type: `System.Decimal${CORE}`, required: true },
				{ name: 'notify', type: `System.Boolean${CORE}` },
				{ name: 'dueDate', type: `System.DateTime${CORE}` },
				{ name: 'lines', type: `System.String[]${CORE}` },
				{ name: 'extra', type: `System.Collections.Generic.Dictionary\`2[[System.String${CORE}],[System.Object${CORE}]]${CORE}`, hasDefault: true },
				{ name: 'retries', type: 'System.Int32', hasDefault: true },
			],
		});
	});
	afterEach(async () => sim.close());

	const byKey = () => ({ __rl: true, mode: 'list', value: release.Key });
	const columns = async (process: unknown = byKey(), folder: unknown = inFolder()) =>
		await harness.resourceMapping(uiNode({ resource: 'job', operation: 'start', argumentsMode: 'fields', folder, process }), 'getMappingColumns');

	it('offers each declared argument as a typed field, required ones marked, from the release', async () => {
		const { fields } = await columns();
		expect(fields.map((f) => [f.id, f.displayName, f.type, f.required, f.removed])).toEqual([
			['invoiceId', 'invoiceId (String)', 'string', true, false],
			['amount', 'amount (Decimal)', 'number', true, false],
			['notify', 'notify (Boolean)', 'boolean', false, false],
			['dueDate', 'dueDate (DateTime)', 'dateTime', false, false],
			['lines', 'lines (String[])', 'array', false, false],
			['extra', 'extra (Dictionary)', 'object', false, true],
			['retries', 'retries (Int32)', 'number', false, true],
		]);
		const [read] = uiLog(sim).filter((e) => e.path.endsWith('/odata/Releases'));
		expect(read.query).toMatchObject({ $filter: `Key eq '${release.Key}'`, $select: 'Key,Name,Arguments', $top: '1' });
		expect(read.headers['x-uipath-folderpath']).toBe('Shared');
		// By name, the same fields.
		const byName = await columns({ __rl: true, mode: 'name', value: 'InvoiceProcessing' });
		expect(byName.fields.map((f) => f.id)).toEqual(fields.map((f) => f.id));
		expect(uiLog(sim).filter((e) => e.path.endsWith('/odata/Releases'))[1].query.$filter).toBe("Name eq 'InvoiceProcessing'");
	});

	it('says so when the process declares no arguments, is unknown, or is not picked yet', async () => {
		const bare = sim.addRelease({ folderId: shared.Id, name: 'HelloWorld' });
		expect(await columns({ __rl: true, mode: 'list', value: bare.Key })).toEqual({ fields: [], emptyFieldsNotice: 'This process declares no input arguments' });
		expect(await columns({ __rl: true, mode: 'name', value: 'Nope' })).toEqual({ fields: [], emptyFieldsNotice: 'There is no process "Nope" in this folder' });
		const before = uiLog(sim).length;
		expect(await columns({ __rl: true, mode: 'list', value: '' })).toEqual({ fields: [], emptyFieldsNotice: 'Pick the folder and the process first' });
		const expression = await columns({ __rl: true, mode: 'name', value: '={{ $json.process }}' });
		expect(expression.fields).toEqual([]);
		expect(expression.emptyFieldsNotice).toMatch(/^The folder or process is an expression/);
		expect(uiLog(sim).length).toBe(before);
	});

	const startWith = (fields: ResourceMapperField[], value: Record<string, unknown>) =>
		uiNode({
			resource: 'job',
			operation: 'start',
			folder: inFolder(),
			process: byKey(),
			strategy: 'ModernJobsCount',
			jobsCount: 1,
			argumentsMode: 'fields',
			inputFields: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: fields, attemptToConvertTypes: false, convertFieldsToString: false },
		});

	it('sends the fields typed, in the InputArguments string, leaving out the empty ones', async () => {
		const { fields } = await columns();
		const node = startWith(fields, {
			invoiceId: '={{ $json.id }}',
			amount: '={{ $json.amount }}',
			notify: '={{ $json.notify }}',
			dueDate: '2026-01-31T09:00:00.000Z',
			lines: '["a", "b"]',
			extra: null,
			retries: '',
		});
		const { items, error } = await harness.run(node, [{ id: 'INV-7', amount: '12.5', notify: 'true' }]);
		expect(error).toBeUndefined();
		const [post] = uiLog(sim).filter((e) => e.path.endsWith('StartJobs'));
		expect(JSON.parse(post.body.startInfo.InputArguments)).toEqual({ invoiceId: 'INV-7', amount: 12.5, notify: true, dueDate: '2026-01-31T09:00:00.000Z', lines: ['a', 'b'] });
		expect(post.body.startInfo.InputArguments).toBe('{"invoiceId":"INV-7","amount":12.5,"notify":true,"dueDate":"2026-01-31T09:00:00.000Z","lines":["a","b"]}');
		expect(items[0].json).toMatchObject({ State: 'Pending', InputArguments: { invoiceId: 'INV-7', amount: 12.5 } });
	});

	it('refuses a wrong-typed or missing required value, naming the argument, and starts nothing', async () => {
		const { fields } = await columns();
		const wrong = await harness.run(startWith(fields, { invoiceId: 'INV-7', amount: '={{ $json.amount }}' }), [{ amount: 'twelve' }]);
		expect(wrong.error?.message).toBe('Input argument "amount" must be a number, not "twelve"');
		expect(wrong.error?.description).toMatch(/declares "amount" with this type/);
		const badDate = await harness.run(startWith(fields, { invoiceId: 'INV-7', amount: 1, dueDate: '={{ $json.due }}' }), [{ due: 'next Friday' }]);
		expect(badDate.error?.message).toBe('Input argument "dueDate" must be a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z), not "next Friday"');
		// A fixed wrong value (no expression) is caught by n8n itself before the run, as the editor marks it.
		await expect(harness.run(startWith(fields, { invoiceId: 'INV-7', amount: 1, dueDate: 'next Friday' }))).rejects.toThrow(/'dueDate' expects a dateTime but we got 'next Friday'/);
		await expect(harness.run(startWith(fields, { amount: 3 }))).rejects.toThrow(/Argument "invoiceId" is required/);
		// An expression that comes out empty is caught by the node.
		const missing = await harness.run(startWith(fields, { invoiceId: '={{ $json.id }}', amount: 3 }), [{ other: 1 }]);
		expect(missing.error?.message).toBe('Input argument "invoiceId" is required by the process');
		expect(uiLog(sim).filter((e) => e.path.endsWith('StartJobs'))).toHaveLength(0);
	});

	it('keeps Using JSON as the default, so a workflow saved before the fields runs unchanged', async () => {
		const node = uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: byKey(), inputArguments: '{"invoiceId": "INV-1", "amount": 3}' });
		const { error } = await harness.run(node);
		expect(error).toBeUndefined();
		const [post] = uiLog(sim).filter((e) => e.path.endsWith('StartJobs'));
		expect(post.body.startInfo.InputArguments).toBe('{"invoiceId":"INV-1","amount":3}');
	});
});
