// Process, Folder, Robot, Asset, Account and Tenant through n8n's engine against the Orchestrator simulator:
// what each operation sends (method, path, OData query, folder header) and what it returns.
import type { EngineHarness } from '../harness/engine';
import { inFolder, legacyCredential, LEGACY, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const CLOUD_BASE = (sim: UiSim) => `/${sim.organization}/${sim.tenant}/orchestrator_`;
const FOLDER_HEADERS = ['x-uipath-organizationunitid', 'x-uipath-folderpath', 'x-uipath-folderpath-encoded', 'x-uipath-folderkey'];

describe('UiPath resources', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
	});
	afterEach(async () => sim.close());

	const odata = (path: string) => uiLog(sim).filter((e) => e.path === `${CLOUD_BASE(sim)}/odata/${path}`);
	// The asset list UiPath's OpenAPI document names in place of the deprecated GET /odata/Assets.
	const ASSET_LIST = 'Assets/UiPath.Server.Configuration.OData.GetFiltered';

	describe('Process', () => {
		it('gets the processes of a folder with their arguments as objects, filtered by name', async () => {
			const invoices = sim.addRelease({
				folderId: shared.Id,
				name: 'Invoices_Prod',
				inputArgumentsSchema: [{ name: 'customerId', type: 'System.Int32', required: true }],
				outputArguments: { total: 3 },
			});
			sim.addRelease({ folderId: shared.Id, name: 'Payroll_Prod' });
			const other = sim.addFolder({ displayName: 'Other' });
			sim.addRelease({ folderId: other.Id, name: 'Invoices_Other' });

			const { items, error } = await harness.run(
				uiNode({ resource: 'process', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { name: 'Invoices' } }),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				Key: invoices.Key,
				Name: 'Invoices_Prod',
				Arguments: {
					Input: [{ name: 'customerId', type: 'System.Int32', required: true, hasDefault: false }],
					Output: [{ name: 'total', type: 'System.Int32, System.Private.CoreLib', required: false, hasDefault: false }],
				},
			});
			const [call] = odata('Releases');
			expect(call.method).toBe('GET');
			expect(call.headers['x-uipath-folderpath']).toBe('Shared');
			expect(call.query).toEqual({ $filter: "contains(Name,'Invoices')", $orderby: 'Name asc,Id asc', $top: '1000', $skip: '0', $count: 'true' });
			expect(call.status).toBe(200);
		});

		it('pages through 2,500 processes with $top and $skip, and stops at a limit', async () => {
			for (let i = 0; i < 2500; i++) sim.addRelease({ folderId: shared.Id, name: `P${String(i).padStart(4, '0')}` });
			const all = await harness.run(uiNode({ resource: 'process', operation: 'getMany', folder: inFolder(), returnAll: true }));
			expect(all.error).toBeUndefined();
			expect(all.items).toHaveLength(2500);
			expect(new Set(all.items.map((i) => i.json.Id)).size).toBe(2500);
			expect(all.items[0].json.Name).toBe('P0000');
			expect(all.items[2499].json.Name).toBe('P2499');
			expect(odata('Releases').map((c) => [c.query.$top, c.query.$skip, c.query.$count])).toEqual([
				['1000', '0', 'true'],
				['1000', '1000', undefined],
				['1000', '2000', undefined],
			]);

			sim.reset();
			const limited = await harness.run(uiNode({ resource: 'process', operation: 'getMany', folder: inFolder(), returnAll: false, limit: 5 }));
			expect(limited.items.map((i) => i.json.Name)).toEqual(['P0000', 'P0001', 'P0002', 'P0003', 'P0004']);
			expect(odata('Releases').map((c) => [c.query.$top, c.query.$skip])).toEqual([['5', '0']]);
		});
		it('gets one process by its ID with its argument metadata as objects, and says when the folder has none such', async () => {
			const invoices = sim.addRelease({
				folderId: shared.Id,
				name: 'Invoices_Prod',
				inputArgumentsSchema: [{ name: 'customerId', type: 'System.Int32', required: true }],
				outputArguments: { total: 3 },
			});
			const other = sim.addFolder({ displayName: 'Other' });
			const elsewhere = sim.addRelease({ folderId: other.Id, name: 'Invoices_Other' });

			const { items, error } = await harness.run(uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: String(invoices.Id) }));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				Id: invoices.Id,
				Key: invoices.Key,
				Name: 'Invoices_Prod',
				Arguments: {
					Input: [{ name: 'customerId', type: 'System.Int32', required: true, hasDefault: false }],
					Output: [{ name: 'total', type: 'System.Int32, System.Private.CoreLib', required: false, hasDefault: false }],
				},
			});
			expect(items[0].json).not.toHaveProperty('@odata.context');
			const [call] = uiLog(sim).filter((e) => e.path === `${CLOUD_BASE(sim)}/odata/Releases(${invoices.Id})`);
			expect(call.method).toBe('GET');
			expect(call.headers['x-uipath-folderpath']).toBe('Shared');
			expect(call.status).toBe(200);

			const missing = await harness.run(uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: String(elsewhere.Id) }));
			expect(missing.error?.message).toMatch(/^UiPath found no such item \(404\)/);
			expect(missing.error?.description).toMatch(/Process → Get Many/);

			const sent = uiLog(sim).length;
			const invalid = await harness.run(uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: 'Invoices_Prod' }));
			expect(invalid.error?.message).toBe('"Invoices_Prod" is not a process ID');
			expect(uiLog(sim)).toHaveLength(sent);
		});
	});

	describe('Folder', () => {
		it('lists folders without a folder header, filtered on the full path', async () => {
			const finance = sim.addFolder({ displayName: 'Finance', parentId: shared.Id });
			sim.addFolder({ displayName: 'HR', parentId: shared.Id });
			const { items, error } = await harness.run(
				uiNode({ resource: 'folder', operation: 'getMany', returnAll: true, filters: { path: 'Fin' } }),
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([expect.objectContaining({ Id: finance.Id, Key: finance.Key, FullyQualifiedName: 'Shared/Finance' })]);
			const [call] = odata('Folders');
			expect(call.query).toMatchObject({ $filter: "contains(FullyQualifiedName,'Fin')", $orderby: 'FullyQualifiedName asc,Id asc' });
			for (const h of FOLDER_HEADERS) expect(call.headers[h]).toBeUndefined();

			const all = await harness.run(uiNode({ resource: 'folder', operation: 'getMany', returnAll: false, limit: 2 }));
			expect(all.items.map((i) => i.json.FullyQualifiedName)).toEqual(['Shared', 'Shared/Finance']);
		});
	});

	describe('Robot', () => {
		it('lists the robots of the folder picked by ID, with a limit', async () => {
			const bots = ['bot-c', 'bot-a', 'bot-b'].map((name) => sim.addRobot({ folderId: shared.Id, name }));
			const other = sim.addFolder({ displayName: 'Other' });
			sim.addRobot({ folderId: other.Id, name: 'elsewhere' });
			const { items, error } = await harness.run(
				uiNode({ resource: 'robot', operation: 'getMany', folder: { __rl: true, mode: 'id', value: String(shared.Id) }, returnAll: false, limit: 2 }),
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => [i.json.Name, i.json.Id])).toEqual([
				['bot-a', bots[1].Id],
				['bot-b', bots[2].Id],
			]);
			const [call] = odata('Robots');
			expect(call.headers['x-uipath-organizationunitid']).toBe(String(shared.Id));
			expect(call.query).toMatchObject({ $top: '2', $skip: '0', $orderby: 'Name asc,Id asc' });
		});
	});

	describe('Asset', () => {
		beforeEach(() => {
			sim.addAsset({ folderId: shared.Id, name: 'Mailbox', valueType: 'Text', value: 'invoices@acme.test' });
			sim.addAsset({ folderId: shared.Id, name: 'DryRun', valueType: 'Bool', value: true });
			sim.addAsset({ folderId: shared.Id, name: 'BatchSize', valueType: 'Integer', value: 25 });
			sim.addAsset({ folderId: shared.Id, name: 'SapLogin', valueType: 'Credential', value: { username: 'sap-robot', password: 'Hunter2!pw' } });
			sim.addAsset({ folderId: shared.Id, name: 'Limits', valueType: 'KeyValueList', value: { eu: 10, us: 20 } });
		});

		it('gets an asset by exact name, with its value in `value`', async () => {
			const { items, error } = await harness.run(
				uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: '={{ $json.name }}' }),
				[{ name: 'Mailbox' }, { name: 'DryRun' }, { name: 'BatchSize' }, { name: 'Limits' }],
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => [i.json.Name, i.json.ValueType, i.json.value])).toEqual([
				['Mailbox', 'Text', 'invoices@acme.test'],
				['DryRun', 'Bool', true],
				['BatchSize', 'Integer', 25],
				['Limits', 'KeyValueList', { eu: '10', us: '20' }],
			]);
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			const calls = odata(ASSET_LIST);
			expect(calls.map((c) => c.query.$filter)).toEqual(["Name eq 'Mailbox'", "Name eq 'DryRun'", "Name eq 'BatchSize'", "Name eq 'Limits'"]);
			expect(calls.every((c) => c.method === 'GET' && c.headers['x-uipath-folderpath'] === 'Shared' && c.query.$top === '1')).toBe(true);
		});

		it('gives a credential asset its user name, never a password', async () => {
			const { items } = await harness.run(uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: 'SapLogin' }));
			expect(items[0].json).toMatchObject({ Name: 'SapLogin', ValueType: 'Credential', CredentialUsername: 'sap-robot', value: 'sap-robot' });
			expect(items[0].json).not.toHaveProperty('CredentialPassword');
			expect(items[0].json).not.toHaveProperty('SecretValue');
			expect(JSON.stringify(items[0].json)).not.toContain('Hunter2');
		});

		it('names the asset and folder when there is no such asset, and suggests Get Many', async () => {
			const { error, items } = await harness.run(uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: "Bob's Key" }));
			expect(items).toHaveLength(0);
			expect(error?.message).toBe('There is no asset named "Bob\'s Key" in folder "Shared"');
			expect(error?.description).toMatch(/Asset → Get Many/);
			expect(odata(ASSET_LIST)[0].query.$filter).toBe("Name eq 'Bob''s Key'");
		});

		it('gets many assets with values, none with a password', async () => {
			const { items, error } = await harness.run(uiNode({ resource: 'asset', operation: 'getMany', folder: inFolder(), returnAll: true }));
			expect(error).toBeUndefined();
			expect(Object.fromEntries(items.map((i) => [i.json.Name, i.json.value]))).toEqual({
				BatchSize: 25,
				DryRun: true,
				Limits: { eu: '10', us: '20' },
				Mailbox: 'invoices@acme.test',
				SapLogin: 'sap-robot',
			});
			expect(items.some((i) => 'CredentialPassword' in i.json)).toBe(false);
			expect(odata(ASSET_LIST)[0].query).toMatchObject({ $orderby: 'Name asc,Id asc', $top: '1000', $skip: '0' });
		});

		it('names the scope the operation needs on a 403', async () => {
			sim.addExternalApp({ clientId: 'folders-only', clientSecret: 's', scopes: ['OR.Folders.Read'] });
			harness.addCredential(
				'uiPathCloudOAuthApi',
				{ authMethod: 'externalApp', cloudUrl: sim.url, organization: sim.organization, tenant: sim.tenant, clientId: 'folders-only', clientSecret: 's', scopes: 'OR.Folders.Read' },
				'narrow',
			);
			const { error } = await harness.run(uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: 'Mailbox' }, 'narrow'));
			expect(error?.message).toMatch(/^The credential is not allowed to do this \(403\)/);
			expect(error?.description).toMatch(/OR\.Assets \(or OR\.Assets\.Read\)/);
			const robots = await harness.run(uiNode({ resource: 'robot', operation: 'getMany', folder: inFolder(), returnAll: true }, 'narrow'));
			expect(robots.error?.description).toMatch(/OR\.Robots\.Read/);
		});
	});

	describe('Account and Tenant (legacy API key discovery)', () => {
		beforeEach(() => {
			harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim), 'legacy');
		});

		it("lists the API key user's accounts with getAccountsForUser", async () => {
			const { items, error } = await harness.run(uiNode({ resource: 'account', operation: 'getMany' }, 'legacy'));
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([
				{ accountName: LEGACY.account, accountLogicalName: LEGACY.account, userEmail: 'robot.owner@example.com' },
			]);
			const calls = uiLog(sim).filter((e) => e.path.startsWith('/cloudrpa/'));
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({ method: 'GET', path: '/cloudrpa/api/getAccountsForUser', status: 200, tokenKind: 'legacy' });
			expect(calls[0].headers.authorization).toMatch(/^Bearer /);
		});

		it("lists an account's tenants: the credential's account by default, or the one given", async () => {
			const byDefault = await harness.run(uiNode({ resource: 'tenant', operation: 'getMany' }, 'legacy'));
			expect(byDefault.error).toBeUndefined();
			expect(byDefault.items.map((i) => i.json)).toEqual([
				expect.objectContaining({ serviceInstanceLogicalName: LEGACY.tenant, serviceInstanceName: LEGACY.tenant, accountLogicalName: LEGACY.account, serviceState: 'ENABLED' }),
			]);
			expect(uiLog(sim).filter((e) => e.path.startsWith('/cloudrpa/')).map((e) => e.path)).toEqual([
				`/cloudrpa/api/account/${LEGACY.account}/getAllServiceInstances`,
			]);

			sim.addLegacyUser({
				clientId: LEGACY.clientId,
				userKey: 'second-key',
				accounts: [
					{ accountLogicalName: 'first', tenants: ['FirstTenant'] },
					{ accountLogicalName: 'second', tenants: ['Dev', { serviceInstanceLogicalName: 'Prod', serviceInstanceName: 'Production' }] },
				],
			});
			harness.addCredential('uiPathCloudOAuthApi', legacyCredential(sim, { refreshToken: 'second-key', accountLogicalName: 'first', tenantLogicalName: 'FirstTenant' }), 'legacy2');
			sim.reset();
			const given = await harness.run(uiNode({ resource: 'tenant', operation: 'getMany', accountLogicalName: 'second' }, 'legacy2'));
			expect(given.error).toBeUndefined();
			expect(given.items.map((i) => [i.json.serviceInstanceLogicalName, i.json.serviceInstanceName, i.json.accountLogicalName])).toEqual([
				['Dev', 'Dev', 'second'],
				['Prod', 'Production', 'second'],
			]);
			expect(uiLog(sim).filter((e) => e.path.startsWith('/cloudrpa/')).map((e) => e.path)).toEqual(['/cloudrpa/api/account/second/getAllServiceInstances']);

			const unknown = await harness.run(uiNode({ resource: 'tenant', operation: 'getMany', accountLogicalName: 'nope' }, 'legacy2'));
			expect(unknown.error?.message).toMatch(/404/);
			expect(unknown.error?.description).toMatch(/no account "nope".*Account → Get Many/);
		});

		it('refuses other authentication methods clearly, before sending anything', async () => {
			for (const [resource, credential] of [
				['account', 'cloud'],
				['tenant', 'cloud'],
				['account', 'onprem'],
			]) {
				sim.reset();
				const { error } = await harness.run(uiNode({ resource, operation: 'getMany' }, credential));
				expect(error?.message).toBe('Account and Tenant need the API Key (Legacy) authentication method');
				expect(error?.description).toMatch(credential === 'cloud' ? /External Application method/ : /on-premises/);
				expect(uiLog(sim)).toHaveLength(0);
			}
		});
	});
});
