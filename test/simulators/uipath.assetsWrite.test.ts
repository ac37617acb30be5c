// Assets, continued (issue 11): create, update and delete every value type; a password is stored, never returned.
import { seeded } from './uipathBreadth.helpers';

const asset = (fields: Record<string, unknown>) => ({ ValueScope: 'Global', ...fields });

describe('asset writes', () => {
	test('each value type is created and read back in its own field', async () => {
		const s = await seeded();
		try {
			const bodies = [
				asset({ Name: 'Greeting', ValueType: 'Text', StringValue: 'Hello' }),
				asset({ Name: 'Enabled', ValueType: 'Bool', BoolValue: true }),
				asset({ Name: 'Limit', ValueType: 'Integer', IntValue: 42, Description: 'max invoices a run' }),
				asset({ Name: 'SAP', ValueType: 'Credential', CredentialUsername: 'svc-sap', CredentialPassword: 's3cr3t!' }),
			];
			const made = [];
			for (const body of bodies) {
				const res = await s.api('POST', '/odata/Assets', { body });
				expect([body.Name, res.status]).toEqual([body.Name, 201]);
				expect(res.body['@odata.context']).toMatch(/#Assets\/\$entity$/);
				made.push(res.body);
			}
			expect(made.map((a) => [a.ValueType, a.Value, a.StringValue, a.BoolValue, a.IntValue, a.CredentialUsername, a.CredentialPassword])).toEqual([
				['Text', 'Hello', 'Hello', false, 0, '', ''],
				['Bool', 'true', '', true, 0, '', ''],
				['Integer', '42', '', false, 42, '', ''],
				['Credential', 'username: svc-sap', '', false, 0, 'svc-sap', ''],
			]);
			const list = await s.api('GET', '/odata/Assets?$orderby=Name');
			expect(list.body.value.map((a: any) => a.Name)).toEqual(['Enabled', 'Greeting', 'Limit', 'SAP']);
			expect(JSON.stringify(list.body)).not.toContain('s3cr3t!');
			expect(JSON.stringify((await s.api('GET', `/odata/Assets(${made[3].Id})`)).body)).not.toContain('s3cr3t!');
			expect(s.sim.assetValue(made[3].Id)).toEqual({ username: 'svc-sap', password: 's3cr3t!' }); // what a robot would get
		} finally {
			await s.sim.close();
		}
	});

	test('missing value fields, duplicates, other scopes and types are refused', async () => {
		const s = await seeded();
		try {
			const noPassword = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'X', ValueType: 'Credential', CredentialUsername: 'u' }) });
			expect([noPassword.status, noPassword.body.message]).toEqual([400, 'CredentialPassword is required when ValueType is Credential.']);
			const noInt = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'X', ValueType: 'Integer' }) });
			expect(noInt.body.message).toBe('IntValue is required when ValueType is Integer.');
			const stringInt = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'X', ValueType: 'Integer', IntValue: '4' }) });
			expect([stringInt.status, stringInt.body.errorCode]).toEqual([400, 1000]);
			const noScope = await s.api('POST', '/odata/Assets', { body: { Name: 'X', ValueType: 'Text', StringValue: 'a' } });
			expect(noScope.body.message).toMatch(/the property 'ValueScope' is required/);
			const perRobot = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'X', ValueScope: 'PerRobot', ValueType: 'Text', StringValue: 'a' }) });
			expect(perRobot.status).toBe(400);
			const longName = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'n'.repeat(257), ValueType: 'Text', StringValue: 'a' }) });
			expect(longName.body.message).toMatch(/maximum length of 256/);
			expect((await s.api('POST', '/odata/Assets', { body: asset({ Name: 'Dup', ValueType: 'Text', StringValue: 'a' }) })).status).toBe(201);
			const dup = await s.api('POST', '/odata/Assets', { body: asset({ Name: 'dup', ValueType: 'Bool', BoolValue: true }) });
			expect([dup.status, dup.body.errorCode]).toEqual([409, 1004]);
		} finally {
			await s.sim.close();
		}
	});

	test('PUT replaces the value (a credential keeps its password when none is sent); DELETE removes', async () => {
		const s = await seeded();
		try {
			const cred = (await s.api('POST', '/odata/Assets', { body: asset({ Name: 'SAP', ValueType: 'Credential', CredentialUsername: 'a', CredentialPassword: 'old-pw' }) })).body;
			const put = await s.api('PUT', `/odata/Assets(${cred.Id})`, { body: asset({ Id: cred.Id, Name: 'SAP', ValueType: 'Credential', CredentialUsername: 'b' }) });
			expect([put.status, put.text]).toEqual([200, '']);
			expect(s.sim.assetValue(cred.Id)).toEqual({ username: 'b', password: 'old-pw' });
			await s.api('PUT', `/odata/Assets(${cred.Id})`, { body: asset({ Name: 'SAP', ValueType: 'Credential', CredentialUsername: 'b', CredentialPassword: 'new-pw' }) });
			expect(s.sim.assetValue(cred.Id)).toEqual({ username: 'b', password: 'new-pw' });
			expect((await s.api('GET', `/odata/Assets(${cred.Id})`)).body).toMatchObject({ CredentialUsername: 'b', CredentialPassword: '' });
			const retype = await s.api('PUT', `/odata/Assets(${cred.Id})`, { body: asset({ Name: 'SAP', ValueType: 'Text', StringValue: 'x' }) });
			expect([retype.status, retype.body.message]).toEqual([400, 'The value type of an asset cannot be changed (it is Credential).']);
			const otherId = await s.api('PUT', `/odata/Assets(${cred.Id})`, { body: asset({ Id: cred.Id + 1, Name: 'SAP', ValueType: 'Credential', CredentialUsername: 'b' }) });
			expect(otherId.status).toBe(400);
			const limit = s.sim.addAsset({ folderId: s.finance.Id, name: 'Limit', valueType: 'Integer', value: 1 });
			await s.api('PUT', `/odata/Assets(${limit.Id})`, { body: asset({ Name: 'Limit', ValueType: 'Integer', IntValue: 7 }) });
			expect((await s.api('GET', `/odata/Assets(${limit.Id})`)).body.IntValue).toBe(7);
			const del = await s.api('DELETE', `/odata/Assets(${limit.Id})`);
			expect([del.status, del.text]).toEqual([204, '']);
			expect((await s.api('GET', `/odata/Assets(${limit.Id})`)).status).toBe(404);
		} finally {
			await s.sim.close();
		}
	});
});
