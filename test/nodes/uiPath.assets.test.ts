// Asset → Create, Update, Delete through n8n's engine against the Orchestrator simulator: the bodies sent per value
// type, the password that reaches Orchestrator but never the output or an error, and the likeliest errors.
import type { EngineHarness } from '../harness/engine';
import { APP, cloudCredential, inFolder, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';

const WRITER = { clientId: 'asset-writer', clientSecret: 'writer-secret-789', scopes: [...APP.scopes, 'OR.Assets.Write'] };
const PASSWORD = 'S3cr3t-Pa55!';

describe('UiPath assets, written', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		sim.addExternalApp(WRITER);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: WRITER.clientId, clientSecret: WRITER.clientSecret, scopes: WRITER.scopes.join(' ') }), 'writer');
	});
	afterEach(async () => sim.close());

	const assetCalls = () => uiLog(sim).filter((e) => /\/odata\/Assets/.test(e.path) && e.method !== 'GET');
	const create = (parameters: Record<string, unknown>, credential = 'writer') =>
		harness.run(uiNode({ resource: 'asset', operation: 'create', folder: inFolder(), ...parameters }, credential, { continueOnFail: true }));

	it.each([
		['Text', { textValue: 'invoices@acme.test' }, { StringValue: 'invoices@acme.test' }, 'invoices@acme.test'],
		['Bool', { boolValue: true }, { BoolValue: true }, true],
		['Integer', { intValue: 42 }, { IntValue: 42 }, 42],
	])('creates a %s asset with its typed value field', async (valueType, fields, sent, value) => {
		const { items, error } = await create({ assetName: `A_${valueType}`, valueType, ...fields, assetDescription: 'for tests' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Name: `A_${valueType}`, ValueType: valueType, value, Description: 'for tests' });
		expect(assetCalls()[0]).toMatchObject({ method: 'POST', status: 201, body: { Name: `A_${valueType}`, ValueScope: 'Global', ValueType: valueType, ...sent } });
	});

	it('creates a Credential asset: the password reaches Orchestrator, never the output', async () => {
		const { items, error } = await create({ assetName: 'Mailbox', valueType: 'Credential', credentialUsername: 'robot@acme.test', credentialPassword: PASSWORD });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Name: 'Mailbox', ValueType: 'Credential', value: 'robot@acme.test' });
		expect(JSON.stringify(items)).not.toContain(PASSWORD);
		expect(items[0].json).not.toHaveProperty('CredentialPassword');
		expect(sim.assetValue(items[0].json.Id as number)).toEqual({ username: 'robot@acme.test', password: PASSWORD });
	});

	it('says a same-named asset exists, without the password in the error', async () => {
		sim.addAsset({ folderId: shared.Id, name: 'Mailbox', valueType: 'Text', value: 'x' });
		const { items } = await create({ assetName: 'Mailbox', valueType: 'Credential', credentialUsername: 'u', credentialPassword: PASSWORD });
		expect(items[0].json.error).toContain('409');
		expect(items[0].json.description).toBe('An asset named "Mailbox" already exists in folder "Shared": use Asset → Update, or another name.');
		expect(JSON.stringify(items)).not.toContain(PASSWORD);
		const failed = await harness.run(uiNode({ resource: 'asset', operation: 'create', folder: inFolder(), assetName: 'Mailbox', valueType: 'Credential', credentialUsername: 'u', credentialPassword: PASSWORD }, 'writer'));
		expect(failed.error?.message).toContain('409');
		// n8n attaches the node (its parameters are the workflow's own) to an error; the rest must not hold the password.
		const { node: _node, ...errorWithoutNode } = failed.run.data.resultData.error as unknown as Record<string, unknown>;
		expect(JSON.stringify(errorWithoutNode)).not.toContain(PASSWORD);
	});

	it('names the write scope when the credential has only OR.Assets.Read, and refuses a new credential without password', async () => {
		const denied = await create({ assetName: 'X', valueType: 'Text', textValue: 'x' }, 'cloud');
		expect(denied.items[0].json.error).toContain('403');
		expect(denied.items[0].json.description).toContain('OR.Assets (or OR.Assets.Write)');
		const noPassword = await create({ assetName: 'Y', valueType: 'Credential', credentialUsername: 'u' });
		expect(noPassword.items[0].json.error).toBe('A new Credential asset needs a password');
		expect(assetCalls().filter((c) => c.status !== 403)).toHaveLength(0);
	});

	it('updates a value with the whole asset, keeps an unchanged password, renames, and reads it back', async () => {
		const asset = sim.addAsset({ folderId: shared.Id, name: 'Mailbox', valueType: 'Credential', value: { username: 'old', password: PASSWORD }, description: 'keep me' });
		const update = (fields: Record<string, unknown>) =>
			harness.run(uiNode({ resource: 'asset', operation: 'update', folder: inFolder(), assetName: 'Mailbox', valueType: 'Credential', ...fields }, 'writer', { continueOnFail: true }));
		const { items, error } = await update({ credentialUsername: 'new', updateFields: { name: 'Mailbox2' } });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ Id: asset.Id, Name: 'Mailbox2', value: 'new', Description: 'keep me' });
		const [put] = assetCalls();
		expect(put).toMatchObject({ method: 'PUT', path: expect.stringMatching(new RegExp(`/odata/Assets\\(${asset.Id}\\)$`)), status: 200 });
		expect(put.body).toEqual({ Id: asset.Id, Name: 'Mailbox2', ValueScope: 'Global', ValueType: 'Credential', Description: 'keep me', CredentialUsername: 'new' });
		expect(sim.assetValue(asset.Id)).toEqual({ username: 'new', password: PASSWORD });

		const wrongType = await harness.run(uiNode({ resource: 'asset', operation: 'update', folder: inFolder(), assetName: 'Mailbox2', valueType: 'Integer', intValue: 3 }, 'writer', { continueOnFail: true }));
		expect(wrongType.items[0].json.error).toBe('The value type of an asset cannot be changed (it is Credential)');
		const newPassword = await harness.run(uiNode({ resource: 'asset', operation: 'update', folder: inFolder(), assetName: 'Mailbox2', valueType: 'Credential', credentialUsername: 'a', credentialPassword: 'fresh' }, 'writer'));
		expect(newPassword.error).toBeUndefined();
		expect(sim.assetValue(asset.Id)).toEqual({ username: 'a', password: 'fresh' });
		expect(JSON.stringify(newPassword.items)).not.toContain('fresh');
	});

	it('refuses an integer Orchestrator cannot store before sending anything', async () => {
		const { items } = await create({ assetName: 'Big', valueType: 'Integer', intValue: 3_000_000_000 });
		expect(items[0].json.error).toContain('is not a whole number Orchestrator can store');
		expect(assetCalls()).toHaveLength(0);
	});

	it('refuses a Value Type outside the four (from an expression) before sending anything, on Create and Update', async () => {
		sim.addAsset({ folderId: shared.Id, name: 'Mailbox', valueType: 'Credential', value: { username: 'old', password: PASSWORD } });
		const update = (parameters: Record<string, unknown>) =>
			harness.run(uiNode({ resource: 'asset', operation: 'update', folder: inFolder(), assetName: 'Mailbox', ...parameters }, 'writer', { continueOnFail: true }));
		const refused = [
			await create({ assetName: 'Vault', valueType: '={{ "Secret" }}', credentialUsername: 'u', credentialPassword: PASSWORD }),
			await create({ assetName: 'Flag', valueType: '={{ "Boolean" }}', boolValue: true }),
			await update({ valueType: '={{ "WindowsCredential" }}', credentialUsername: 'u', credentialPassword: PASSWORD }),
		];
		expect(refused.map((r) => r.items[0].json)).toEqual(
			['Secret', 'Boolean', 'WindowsCredential'].map((type) => ({
				error: `Value Type "${type}" is not one the node can write`,
				description: 'Set Value Type to Text, Bool, Integer, Credential (Bool is a Boolean asset); an expression must give one of these values exactly.',
			})),
		);
		expect(JSON.stringify(refused)).not.toContain(PASSWORD);
		expect(uiLog(sim)).toHaveLength(0);
	});

	it('deletes an asset by name, and says when there is none such', async () => {
		const asset = sim.addAsset({ folderId: shared.Id, name: 'Old', valueType: 'Bool', value: false });
		const remove = (assetName: string) => harness.run(uiNode({ resource: 'asset', operation: 'delete', folder: inFolder(), assetName }, 'writer', { continueOnFail: true }));
		expect((await remove('Old')).items[0].json).toEqual({ Id: asset.Id, Name: 'Old', deleted: true });
		expect(assetCalls()).toEqual([expect.objectContaining({ method: 'DELETE', status: 204 })]);
		expect((await remove('Old')).items[0].json.error).toBe('There is no asset named "Old" in folder "Shared"');
	});
});
