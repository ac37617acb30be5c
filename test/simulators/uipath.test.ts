// The UiPath Orchestrator simulator over HTTP: identity in every mode, folders, OData, jobs, queues, limits, faults.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startUiPathSimulator } from './uipath';
import { parseIso } from './uipath/time';
import { extract } from './uipath/extract-spec';
const derived = require('./uipath/schemas.json');

type Sim = Awaited<ReturnType<typeof startUiPathSimulator>>;
type Answer = { status: number; body: any; headers: Headers };

const JOB_ROUTE = '/odata/Jobs';
const START = '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

async function request(url: string, init: RequestInit = {}): Promise<Answer> {
	const res = await fetch(url, init);
	const text = await res.text();
	let body: any = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		/* not JSON */
	}
	return { status: res.status, body, headers: res.headers };
}
const form = (fields: Record<string, string>): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(fields).toString(),
});

/** A simulator with one folder tree, a release, robots, a queue and an External App holding every scope. */
async function seeded(options: Parameters<typeof startUiPathSimulator>[0] = {}) {
	const sim = await startUiPathSimulator(options);
	sim.clock.freeze(T0);
	const shared = sim.addFolder({ displayName: 'Shared' });
	const finance = sim.addFolder({ displayName: 'Finance', parentId: shared.Id });
	const tokyo = sim.addFolder({ displayName: '経理', parentId: shared.Id });
	const release = sim.addRelease({ folderId: finance.Id, name: 'Invoices_Prod', outputArguments: { total: 3, ok: true } });
	const faulty = sim.addRelease({ folderId: finance.Id, name: 'Broken_Prod', outcome: 'Faulted', jobError: { code: 'Robot.Crash', detail: 'Selector not found' } });
	const bot1 = sim.addRobot({ folderId: finance.Id, name: 'bot1' });
	const bot2 = sim.addRobot({ folderId: finance.Id, name: 'bot2' });
	const queue = sim.addQueue({ folderId: finance.Id, name: 'Invoices' });
	sim.addExternalApp({ clientId: 'app', clientSecret: 'secret', scopes: sim.allScopes });
	const token = sim.issueToken();
	const base = sim.baseUrl('cloud');
	const api = (method: string, path: string, opts: { body?: unknown; folder?: Record<string, string>; token?: string; headers?: Record<string, string> } = {}) =>
		request(base + path, {
			method,
			headers: {
				authorization: `Bearer ${opts.token ?? token}`,
				...(opts.folder ?? { 'X-UIPATH-OrganizationUnitId': String(finance.Id) }),
				...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
				...opts.headers,
			},
			body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
		});
	return { sim, shared, finance, tokyo, release, faulty, bot1, bot2, queue, token, base, api };
}

describe('identity', () => {
	let s: Awaited<ReturnType<typeof seeded>>;
	beforeAll(async () => {
		s = await seeded();
		s.sim.addExternalApp({ clientId: 'reader', clientSecret: 'pw', scopes: ['OR.Jobs.Read', 'OR.Folders.Read'] });
		s.sim.addLegacyUser({
			clientId: 'legacy-client',
			userKey: 'user-key',
			email: 'owner@example.com',
			accounts: [{ accountName: 'ACME Corp', accountLogicalName: 'acmecorp', tenants: ['acmeDefault'] }],
		});
		s.sim.addOnPremUser({ tenancyName: 'Default', username: 'admin', password: 'P@ss', email: 'admin@corp.local' });
	});
	afterAll(() => s.sim.close());
	afterEach(() => s.sim.reset());

	test('External Application: client credentials, form-encoded, with the scopes asked for', async () => {
		const ok = await request(`${s.sim.url}/identity_/connect/token`, form({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw', scope: 'OR.Jobs.Read' }));
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ expires_in: 3600, token_type: 'Bearer', scope: 'OR.Jobs.Read' });
		const jobs = await s.api('GET', JOB_ROUTE, { token: ok.body.access_token });
		expect(jobs.status).toBe(200);
		expect(s.sim.log.at(-1)).toMatchObject({ tokenKind: 'externalApp', folderId: s.finance.Id, scopes: ['OR.Jobs.Read'], deployment: 'cloud' });
		// A scope the token was not given: 403 naming the scopes the operation needs.
		const folders = await s.api('GET', '/odata/Folders', { token: ok.body.access_token });
		expect(folders.status).toBe(403);
		expect(folders.body.message).toMatch(/OR\.Folders or OR\.Folders\.Read/);
		const start = await s.api('POST', START, { token: ok.body.access_token, body: { startInfo: { ReleaseKey: s.release.Key } } });
		expect(start.status).toBe(403);
		expect(start.body.message).toMatch(/OR\.Jobs or OR\.Jobs\.Write/);
	});

	test('External Application: OAuth errors', async () => {
		const url = `${s.sim.url}/identity_/connect/token`;
		const json = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw' }) });
		expect(json).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
		const secret = await request(url, form({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'wrong' }));
		expect(secret).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
		const scope = await request(url, form({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw', scope: 'OR.Jobs' }));
		expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
		const grant = await request(url, form({ grant_type: 'password', client_id: 'reader', client_secret: 'pw' }));
		expect(grant).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
		const all = await request(url, form({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw' }));
		expect(all.body.scope).toBe('OR.Jobs.Read OR.Folders.Read');
	});

	test('tokens expire with the clock, on expireAllTokens, and after a shorter lifetime', async () => {
		const get = async () => (await request(`${s.sim.url}/identity_/connect/token`, form({ grant_type: 'client_credentials', client_id: 'app', client_secret: 'secret' }))).body;
		const t1 = await get();
		expect((await s.api('GET', JOB_ROUTE, { token: t1.access_token })).status).toBe(200);
		s.sim.clock.advance(3600_000);
		const expired = await s.api('GET', JOB_ROUTE, { token: t1.access_token });
		expect(expired).toMatchObject({ status: 401, body: { message: 'You are not authenticated!', errorCode: 0 } });
		const t2 = await get();
		s.sim.expireAllTokens();
		expect((await s.api('GET', JOB_ROUTE, { token: t2.access_token })).status).toBe(401);
		s.sim.setTokenLifetime('externalApp', 60);
		const t3 = await get();
		expect(t3.expires_in).toBe(60);
		s.sim.clock.advance(59_000);
		expect((await s.api('GET', JOB_ROUTE, { token: t3.access_token })).status).toBe(200);
		s.sim.clock.advance(1_000);
		expect((await s.api('GET', JOB_ROUTE, { token: t3.access_token })).status).toBe(401);
		s.sim.setTokenLifetime('externalApp', 3600);
		expect((await s.api('GET', JOB_ROUTE, { token: 'garbage' })).status).toBe(401);
		expect((await request(`${s.base}${JOB_ROUTE}`, { headers: { 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) } })).status).toBe(401);
	});

	test('legacy API key: token, accounts, service instances, and the tenant header on the legacy base', async () => {
		const tok = await request(`${s.sim.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'refresh_token', client_id: 'legacy-client', refresh_token: 'user-key' }),
		});
		expect(tok.status).toBe(200);
		expect(tok.body).toMatchObject({ scope: 'openid profile email offline_access', expires_in: 86400, token_type: 'Bearer' });
		expect(typeof tok.body.id_token).toBe('string');
		const auth = { authorization: `Bearer ${tok.body.access_token}` };
		const accounts = await request(`${s.sim.url}/cloudrpa/api/getAccountsForUser`, { headers: auth });
		expect(accounts.body).toEqual({ userEmail: 'owner@example.com', accounts: [{ accountName: 'ACME Corp', accountLogicalName: 'acmecorp' }] });
		const services = await request(`${s.sim.url}/cloudrpa/api/account/acmecorp/getAllServiceInstances`, { headers: auth });
		expect(services.body).toEqual([
			{
				serviceInstanceName: 'acmeDefault',
				serviceInstanceLogicalName: 'acmeDefault',
				serviceType: 'ORCHESTRATOR',
				serviceUrl: `${s.sim.url}/acmecorp/acmeDefault`,
				serviceState: 'ENABLED',
				userRolesInService: ['Administrator'],
			},
		]);
		const legacy = s.sim.baseUrl('legacy', 'acmecorp', 'acmeDefault');
		const folder = { 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) };
		const ok = await request(`${legacy}/odata/Releases`, { headers: { ...auth, ...folder, 'X-UIPATH-TenantName': 'acmeDefault' } });
		expect(ok.status).toBe(200);
		expect(ok.body['@odata.context']).toBe(`${legacy}/odata/$metadata#Releases`);
		expect(s.sim.log.at(-1)).toMatchObject({ tokenKind: 'legacy', deployment: 'legacy', scopes: null });
		const missing = await request(`${legacy}/odata/Releases`, { headers: { ...auth, ...folder } });
		expect(missing).toMatchObject({ status: 400, body: { errorCode: 1000 } });
		const wrong = await request(`${legacy}/odata/Releases`, { headers: { ...auth, ...folder, 'X-UIPATH-TenantName': 'other' } });
		expect(wrong.status).toBe(400);
		// Tenant-bound: a legacy token does not open the cloud base, and a cloud token does not open the legacy base.
		expect((await s.api('GET', '/odata/Releases', { token: tok.body.access_token })).status).toBe(401);
		expect((await request(`${legacy}/odata/Releases`, { headers: { authorization: `Bearer ${s.token}`, ...folder, 'X-UIPATH-TenantName': 'acmeDefault' } })).status).toBe(401);
		const badKey = await request(`${s.sim.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ grant_type: 'refresh_token', client_id: 'legacy-client', refresh_token: 'nope' }),
		});
		expect(badKey).toMatchObject({ status: 403, body: { error: 'invalid_grant' } });
		expect((await request(`${s.sim.url}/cloudrpa/api/getAccountsForUser`, { headers: { authorization: `Bearer ${s.token}` } })).status).toBe(401);
		s.sim.clock.advance(86400_000);
		expect((await request(`${s.sim.url}/cloudrpa/api/getAccountsForUser`, { headers: auth })).status).toBe(401);
	});

	test('personal access tokens: cloud base only, own scopes, own expiry', async () => {
		s.sim.addPat('pat-all');
		s.sim.addPat('pat-jobs', { scopes: ['OR.Jobs.Read'] });
		s.sim.addPat('pat-old', { expiresAt: T0 - 1 });
		expect((await s.api('GET', '/odata/Releases', { token: 'pat-all' })).status).toBe(200);
		expect(s.sim.log.at(-1)).toMatchObject({ tokenKind: 'pat' });
		expect((await s.api('GET', '/odata/Releases', { token: 'pat-jobs' })).status).toBe(403);
		expect((await s.api('GET', JOB_ROUTE, { token: 'pat-jobs' })).status).toBe(200);
		expect((await s.api('GET', JOB_ROUTE, { token: 'pat-old' })).status).toBe(401);
		const root = await request(`${s.sim.url}/odata/Releases`, { headers: { authorization: 'Bearer pat-all', 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) } });
		expect(root.status).toBe(401);
		s.sim.expireAllTokens();
		expect((await s.api('GET', JOB_ROUTE, { token: 'pat-all' })).status).toBe(200);
		s.sim.expireAllTokens({ includePats: true });
		expect((await s.api('GET', JOB_ROUTE, { token: 'pat-all' })).status).toBe(401);
	});

	test('on-premises: Authenticate answers an ABP envelope, the token works on the root for 30 minutes', async () => {
		const url = `${s.sim.url}/api/Account/Authenticate`;
		const post = (body: unknown) => request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const ok = await post({ tenancyName: 'Default', usernameOrEmailAddress: 'admin@corp.local', password: 'P@ss' });
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ targetUrl: null, success: true, error: null, unAuthorizedRequest: false, __abp: true });
		const bad = await post({ tenancyName: 'Default', usernameOrEmailAddress: 'admin', password: 'nope' });
		expect(bad).toMatchObject({ status: 400, body: { message: 'Invalid credentials, failed to login.', errorCode: 1000, success: false, result: null } });
		const incomplete = await post({ tenancyName: 'Default', usernameOrEmailAddress: 'admin' });
		expect(incomplete).toMatchObject({ status: 400, body: { success: false } });
		const headers = { authorization: `Bearer ${ok.body.result}`, 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) };
		expect((await request(`${s.sim.url}/odata/Jobs`, { headers })).status).toBe(200);
		expect(s.sim.log.at(-1)).toMatchObject({ tokenKind: 'onPrem', deployment: 'onPrem', folderId: s.finance.Id });
		expect((await s.api('GET', JOB_ROUTE, { token: ok.body.result })).status).toBe(401); // not on the cloud base
		expect((await request(`${s.sim.url}/odata/Jobs`, { headers: { ...headers, authorization: `Bearer ${s.token}` } })).status).toBe(401);
		s.sim.clock.advance(30 * 60_000);
		expect((await request(`${s.sim.url}/odata/Jobs`, { headers })).status).toBe(401);
	});

	test('on-premises identity server: client credentials whose tokens open the root, not the cloud', async () => {
		const tok = await request(`${s.sim.url}/identity/connect/token`, form({ grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw', scope: 'OR.Jobs.Read' }));
		expect(tok.status).toBe(200);
		const headers = { authorization: `Bearer ${tok.body.access_token}`, 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) };
		expect((await request(`${s.sim.url}/odata/Jobs`, { headers })).status).toBe(200);
		expect(s.sim.log.at(-1)).toMatchObject({ tokenKind: 'externalApp', deployment: 'onPrem' });
		expect((await request(`${s.sim.url}/odata/Releases`, { headers })).status).toBe(403);
		expect((await s.api('GET', JOB_ROUTE, { token: tok.body.access_token })).status).toBe(401);
	});
});

describe('routing and folders', () => {
	let s: Awaited<ReturnType<typeof seeded>>;
	beforeAll(async () => {
		s = await seeded();
	});
	afterAll(() => s.sim.close());

	test('unknown routes, wrong methods and unknown tenants', async () => {
		expect(await s.api('GET', '/odata/Nope')).toMatchObject({ status: 404, body: { errorCode: 0 } });
		expect((await s.api('GET', START)).status).toBe(405);
		expect((await request(`${s.sim.url}/other/DefaultTenant/orchestrator_/odata/Jobs`)).status).toBe(404);
		expect((await request(`${s.sim.url}/nothing/here`)).status).toBe(404);
		expect((await s.api('GET', '/odata/jobs')).status).toBe(404); // entity sets are case-sensitive
		expect(await s.api('GET', '/odata/Jobs(abc)')).toMatchObject({ status: 400, body: { errorCode: 1000 } });
	});

	test('lists folders without a folder header, with keys and fully qualified names', async () => {
		const res = await s.api('GET', '/odata/Folders', { folder: {} });
		expect(res.status).toBe(200);
		expect(res.body.value.map((f: any) => [f.FullyQualifiedName, f.ParentId])).toEqual([
			['Shared', null],
			['Shared/Finance', s.shared.Id],
			['Shared/経理', s.shared.Id],
		]);
		expect(res.body.value[1].Key).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('each folder header selects the folder; none is 1101, an unknown one 1100', async () => {
		const releasesIn = async (folder: Record<string, string>) => {
			const r = await s.api('GET', '/odata/Releases', { folder });
			return r.status === 200 ? r.body.value.map((x: any) => x.Name) : r;
		};
		const names = ['Invoices_Prod', 'Broken_Prod'];
		expect(await releasesIn({ 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) })).toEqual(names);
		expect(await releasesIn({ 'X-UIPATH-FolderPath': 'Shared/Finance' })).toEqual(names);
		expect(await releasesIn({ 'X-UIPATH-FolderKey': s.finance.Key })).toEqual(names);
		const encoded = Buffer.from('Shared/Finance', 'utf16le').toString('base64');
		expect(await releasesIn({ 'X-UIPATH-FolderPath-Encoded': encoded })).toEqual(names);
		expect(await releasesIn({ 'X-UIPATH-FolderPath-Encoded': Buffer.from('Shared/経理', 'utf16le').toString('base64') })).toEqual([]);
		expect(await releasesIn({ 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) })).toEqual([]);
		const none = await s.api('GET', '/odata/Releases', { folder: {} });
		expect(none).toMatchObject({ status: 400, body: { message: 'An organization unit is required for this action.', errorCode: 1101 } });
		expect(typeof none.body.traceId).toBe('string');
		for (const folder of [
			{ 'X-UIPATH-OrganizationUnitId': '999999' },
			{ 'X-UIPATH-OrganizationUnitId': 'Finance' },
			{ 'X-UIPATH-FolderPath': 'Shared/Nope' },
			{ 'X-UIPATH-FolderPath': 'shared/finance' },
			{ 'X-UIPATH-FolderKey': '00000000-0000-0000-0000-000000000000' },
			{ 'X-UIPATH-FolderPath-Encoded': Buffer.from('Shared/Finance', 'utf8').toString('base64') },
			{ 'X-UIPATH-FolderPath-Encoded': 'not base64!' },
			{ 'X-UIPATH-OrganizationUnitId': String(s.finance.Id), 'X-UIPATH-FolderPath': 'Shared/Finance' },
		]) {
			expect(await s.api('GET', '/odata/Releases', { folder })).toMatchObject({ status: 400, body: { errorCode: 1100 } });
		}
	});

	test('a non-ASCII X-UIPATH-FolderPath does not reach the folder', async () => {
		// fetch sends Latin-1 characters as single bytes; the server must not treat them as the Japanese path.
		const latin = await s.api('GET', '/odata/Releases', { folder: { 'X-UIPATH-FolderPath': 'Shared/Financé' } });
		expect(latin).toMatchObject({ status: 400, body: { errorCode: 1100 } });
		const wide = await s.api('GET', '/odata/Releases', { folder: { 'X-UIPATH-FolderPath': 'Shared/経理' } }).catch(() => 'refused by fetch');
		if (wide !== 'refused by fetch') expect(wide).toMatchObject({ status: 400, body: { errorCode: 1100 } });
	});

	test('robots, assets and queue definitions of the folder', async () => {
		s.sim.addAsset({ folderId: s.finance.Id, name: 'ApiUrl', valueType: 'Text', value: 'https://x' });
		const cred = s.sim.addAsset({ folderId: s.finance.Id, name: 'Login', valueType: 'Credential', value: { username: 'u', password: 'p' } });
		s.sim.addAsset({ folderId: s.shared.Id, name: 'Elsewhere', valueType: 'Integer', value: 4 });
		const robots = await s.api('GET', '/odata/Robots?$select=Id,Name');
		expect(robots.body.value).toEqual([
			{ Id: s.bot1.Id, Name: 'bot1' },
			{ Id: s.bot2.Id, Name: 'bot2' },
		]);
		const assets = await s.api('GET', `/odata/Assets?$filter=Name eq 'Login'`);
		expect(assets.body.value).toHaveLength(1);
		expect(assets.body.value[0]).toMatchObject({ ValueType: 'Credential', CredentialUsername: 'u', CredentialPassword: '' });
		const one = await s.api('GET', `/odata/Assets(${cred.Id})`);
		expect(one.body).toMatchObject({ Name: 'Login', Id: cred.Id });
		expect(await s.api('GET', `/odata/Assets(${cred.Id})`, { folder: { 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) } })).toMatchObject({ status: 404, body: { errorCode: 1002 } });
		const queues = await s.api('GET', '/odata/QueueDefinitions');
		expect(queues.body.value.map((q: any) => [q.Name, q.EnforceUniqueReference])).toEqual([['Invoices', true]]);
	});
});

describe('jobs', () => {
	let s: Awaited<ReturnType<typeof seeded>>;
	beforeEach(async () => {
		s = await seeded();
	});
	afterEach(() => s.sim.close());
	const start = (startInfo: Record<string, unknown>, extra: Record<string, unknown> = {}) => s.api('POST', START, { body: { startInfo, ...extra } });

	test('StartJobs validates the body against StartProcessDto', async () => {
		const key = s.release.Key;
		const bad: [Record<string, unknown>, RegExp][] = [
			[{ ReleaseKey: key, InputArguments: { a: 1 } }, /InputArguments.*Edm.String/],
			[{ ReleaseKey: key, InputArguments: JSON.stringify({ a: 'x'.repeat(10_000) }) }, /maximum length of 10000/],
			[{ ReleaseKey: key, InputArguments: 'not json' }, /JSON object/],
			[{ ReleaseKey: key, InputArguments: '[1,2]' }, /JSON object/],
			[{ ReleaseKey: key, Strategy: 'Everything' }, /not a valid member/],
			[{ ReleaseKey: key, Strategy: 'modernJobsCount' }, /not a valid member/],
			[{ ReleaseKey: key, JobPriority: 'Urgent' }, /not a valid member/],
			[{ ReleaseKey: key, RuntimeType: 'Robot' }, /not a valid member/],
			[{ ReleaseKey: key, Reference: 'r'.repeat(129) }, /maximum length of 128/],
			[{ ReleaseKey: key, Bogus: 1 }, /The property 'Bogus' does not exist on type 'UiPath.Server.Configuration.OData.StartProcessDto'/],
			[{ ReleaseKey: key, RobotIds: ['1'] }, /Edm.Int64/],
			[{ ReleaseKey: key, JobsCount: 1.5 }, /Edm.Int32/],
			[{ ReleaseKey: key, Strategy: 'Specific' }, /RobotIds/],
			[{ ReleaseKey: key, Strategy: 'JobsCount', JobsCount: 0 }, /JobsCount/],
			[{ Strategy: 'JobsCount' }, /ReleaseKey or ReleaseName/],
		];
		for (const [info, message] of bad) {
			const res = await start(info);
			expect({ info, status: res.status, message: res.body.message }).toMatchObject({ status: 400, message: expect.stringMatching(message) });
			expect(res.body.errorCode).toBe(1000);
		}
		expect((await s.api('POST', START, { body: { StartInfo: { ReleaseKey: key } } })).status).toBe(400);
		expect((await s.api('POST', START, { body: { startInfo: { ReleaseKey: key }, extra: 1 } })).status).toBe(400);
		const noType = await request(s.base + START, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) }, body: JSON.stringify({ startInfo: { ReleaseKey: key } }) });
		expect(noType.status).toBe(415);
		const unknown = await start({ ReleaseKey: '11111111-2222-3333-4444-555555555555', Strategy: 'ModernJobsCount' });
		expect(unknown).toMatchObject({ status: 404, body: { errorCode: 1002 } });
		const otherFolder = await s.api('POST', START, { body: { startInfo: { ReleaseKey: key } }, folder: { 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) } });
		expect(otherFolder.status).toBe(404);
		expect(s.sim.jobs).toHaveLength(0);
		const ok = await start({ ReleaseKey: key, Strategy: 'ModernJobsCount', InputArguments: JSON.stringify({ a: 'x'.repeat(9_990) }) });
		expect(ok.status).toBe(201);
	});

	test('strategies: JobsCount, Specific, All, ReleaseName fallback', async () => {
		const many = await start({ ReleaseKey: s.release.Key, Strategy: 'JobsCount', JobsCount: 3, JobPriority: 'High', Reference: 'batch-1', InputArguments: '{"in_Name":"x"}' });
		expect(many.status).toBe(201);
		expect(many.body['@odata.context']).toBe(`${s.base}/odata/$metadata#Jobs`);
		expect(many.body.value).toHaveLength(3);
		expect(many.body.value[0]).toMatchObject({
			State: 'Pending',
			StartTime: null,
			EndTime: null,
			ReleaseName: 'Invoices_Prod',
			JobPriority: 'High',
			Reference: 'batch-1',
			InputArguments: '{"in_Name":"x"}',
			OutputArguments: null,
			OrganizationUnitId: s.finance.Id,
			OrganizationUnitFullyQualifiedName: 'Shared/Finance',
			Type: 'Unattended',
		});
		expect(many.body.value[0].Key).toMatch(/^[0-9a-f-]{36}$/);
		expect(many.body.value[0]).not.toHaveProperty('Robot'); // navigation properties only with $expand
		const specific = await start({ ReleaseKey: s.release.Key, Strategy: 'Specific', RobotIds: [s.bot2.Id] });
		expect(specific.body.value.map((j: any) => j.HostMachineName)).toEqual([s.bot2.MachineName]);
		expect((await start({ ReleaseKey: s.release.Key, Strategy: 'Specific', RobotIds: [424242] })).body.errorCode).toBe(1002);
		const all = await start({ ReleaseKey: s.release.Key, Strategy: 'All', RobotIds: [], NoOfRobots: 0 });
		expect(all.body.value).toHaveLength(2);
		const empty = await s.api('POST', START, {
			body: { startInfo: { ReleaseKey: s.sim.addRelease({ folderId: s.shared.Id, name: 'Lonely' }).Key, Strategy: 'All' } },
			folder: { 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) },
		});
		expect(empty).toMatchObject({ status: 400, body: { errorCode: 2818 } });
		const byName = await start({ ReleaseName: 'Invoices_Prod', Strategy: 'ModernJobsCount' });
		expect(byName.body.value).toHaveLength(1);
		expect(s.sim.jobs).toHaveLength(7);
	});

	test('a job runs on the clock: Pending, Running, Successful with OutputArguments as a JSON string', async () => {
		const { body } = await start({ ReleaseKey: s.release.Key, Strategy: 'ModernJobsCount' });
		const id = body.value[0].Id;
		const read = async () => (await s.api('GET', `/odata/Jobs(${id})`)).body;
		expect((await read()).State).toBe('Pending');
		s.sim.clock.advance(999);
		expect((await read()).State).toBe('Pending');
		s.sim.clock.advance(1);
		const running = await read();
		expect(running).toMatchObject({ State: 'Running', EndTime: null });
		expect(running.StartTime).toMatch(/^2026-01-01T12:00:01\.000\d+Z$/); // 100 ns digits, as Orchestrator writes them
		s.sim.clock.advance(3000);
		const done = await read();
		expect(done).toMatchObject({ State: 'Successful', Info: 'Job completed', OutputArguments: '{"total":3,"ok":true}', JobError: null });
		expect(parseIso(done.EndTime)! > parseIso(done.StartTime)!).toBe(true);
		expect(done['@odata.context']).toBe(`${s.base}/odata/$metadata#Jobs/$entity`);
		const expanded = await s.api('GET', `/odata/Jobs(${id})?$expand=Robot,Release&$select=Id,State`);
		expect(Object.keys(expanded.body).sort()).toEqual(['@odata.context', 'Id', 'Release', 'Robot', 'State']);
		expect(expanded.body.Release.Key).toBe(s.release.Key);
		expect((await s.api('GET', `/odata/Jobs(${id})`, { folder: { 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) } })).body.errorCode).toBe(1002);
		expect((await s.api('GET', '/odata/Jobs(987654)')).status).toBe(404);
	});

	test('a faulted release ends its jobs Faulted with Info and JobError', async () => {
		const { body } = await start({ ReleaseKey: s.faulty.Key, Strategy: 'ModernJobsCount' });
		s.sim.clock.advance(4000);
		const job = (await s.api('GET', `/odata/Jobs(${body.value[0].Id})`)).body;
		expect(job).toMatchObject({ State: 'Faulted', Info: 'Selector not found', OutputArguments: null, JobError: { code: 'Robot.Crash', detail: 'Selector not found' } });
	});

	test('stopping: SoftStop goes through Stopping, Kill is immediate, finished jobs refuse', async () => {
		const { body } = await start({ ReleaseKey: s.release.Key, Strategy: 'JobsCount', JobsCount: 4 });
		const [a, b, c, d] = body.value.map((j: any) => j.Id);
		const stop = (id: number, strategy: unknown) => s.api('POST', `/odata/Jobs(${id})/UiPath.Server.Configuration.OData.StopJob`, { body: { strategy } });
		const state = async (id: number) => (await s.api('GET', `/odata/Jobs(${id})`)).body;
		const pending = await stop(d, 'SoftStop');
		expect(pending).toMatchObject({ status: 200, body: undefined });
		expect((await state(d)).State).toBe('Stopped');
		s.sim.clock.advance(1500);
		expect((await stop(a, 'SoftStop')).status).toBe(200);
		expect(await state(a)).toMatchObject({ State: 'Stopping', StopStrategy: 'SoftStop', EndTime: null });
		expect((await stop(b, 'Kill')).status).toBe(200);
		expect(await state(b)).toMatchObject({ State: 'Stopped', StopStrategy: 'Kill' });
		expect((await stop(c, 'Terminate')).status).toBe(400);
		expect((await stop(c, undefined)).status).toBe(400);
		s.sim.clock.advance(1000);
		const stopped = await state(a);
		expect(stopped).toMatchObject({ State: 'Stopped', Info: 'Job stopped', OutputArguments: null });
		expect(stopped.EndTime).toMatch(/^2026-01-01T12:00:02\.5/);
		s.sim.clock.advance(5000);
		expect((await state(a)).State).toBe('Stopped'); // the planned success never comes
		expect((await state(c)).State).toBe('Successful');
		expect(await stop(c, 'Kill')).toMatchObject({ status: 400, body: { errorCode: 1671 } });
		expect((await stop(987654, 'Kill')).status).toBe(404);
		const more = await start({ ReleaseKey: s.release.Key, Strategy: 'JobsCount', JobsCount: 2 });
		const ids = more.body.value.map((j: any) => j.Id);
		const bulk = await s.api('POST', '/odata/Jobs/UiPath.Server.Configuration.OData.StopJobs', { body: { jobIds: [...ids, c], strategy: 'Kill' } });
		expect(bulk.status).toBe(200);
		expect((await state(ids[1])).State).toBe('Stopped');
		expect((await s.api('POST', '/odata/Jobs/UiPath.Server.Configuration.OData.StopJobs', { body: { jobIds: ids } })).status).toBe(400);
	});

	test('seeded finished jobs, late writes and a stable order only when asked for', async () => {
		const rnd = (n: number) => (Math.imul(n, 2654435761) >>> 0) % 1000;
		for (let i = 0; i < 3000; i++) {
			// 1000 distinct end times, three jobs on each: ties everywhere
			s.sim.addJob({ folderId: s.finance.Id, releaseId: s.release.Id, state: i % 7 ? 'Successful' : 'Faulted', endTime: T0 - 600_000 + rnd(i) * 100 });
		}
		const late = s.sim.addJob({ folderId: s.finance.Id, releaseId: s.release.Id, endTime: T0 - 500_000, visibleAt: T0 + 5_000 });
		expect(late).toMatchObject({ State: 'Running', EndTime: null });
		const page = (q: string) => s.api('GET', `${JOB_ROUTE}?${q}`).then((r) => r.body);
		const filter = `$filter=EndTime gt ${new Date(T0 - 700_000).toISOString()}&$count=true&$select=Id,EndTime`;
		const first = await page(`${filter}&$orderby=EndTime asc,Id asc&$top=1000`);
		expect(first['@odata.count']).toBe(3000);
		expect(first).not.toHaveProperty('@odata.nextLink');
		let seen: any[] = first.value;
		for (let skip = 1000; skip < 3000; skip += 1000) seen = seen.concat((await page(`${filter}&$orderby=EndTime asc,Id asc&$top=1000&$skip=${skip}`)).value);
		expect(new Set(seen.map((j) => j.Id)).size).toBe(3000);
		for (let i = 1; i < seen.length; i++) {
			// Compare normalized times: `…:00Z` sorts after `…:00.5Z` as text.
			const [p, q] = [parseIso(seen[i - 1].EndTime)!, parseIso(seen[i].EndTime)!];
			expect(p < q || (p === q && seen[i - 1].Id < seen[i].Id)).toBe(true);
		}
		// Without `Id asc`, tied jobs come in no particular order (here: by Key), not by Id.
		const loose = (await page(`${filter}&$orderby=EndTime asc&$top=1000`)).value;
		const tiedById = loose.every((j: any, i: number) => i === 0 || loose[i - 1].EndTime !== j.EndTime || loose[i - 1].Id < j.Id);
		expect(tiedById).toBe(false);
		// Without $top the server pages by itself and says where the next page starts.
		const unpaged = await page(`$filter=State eq 'Faulted' or State eq 'Successful'&$select=Id`);
		expect(unpaged.value).toHaveLength(1000);
		expect(unpaged['@odata.nextLink']).toContain('%24skip=1000');
		expect(unpaged.value[0]).toEqual({ Id: expect.any(Number) });
		// The late write: invisible to an EndTime cursor until it lands, then behind the cursor.
		const cursor = `$filter=EndTime ge ${new Date(T0 - 500_000).toISOString()}`;
		expect((await page(cursor)).value).toHaveLength(0);
		s.sim.clock.advance(5_000);
		const landed = (await page(cursor)).value;
		expect(landed.map((j: any) => [j.Id, j.EndTime])).toEqual([[late.Id, '2026-01-01T11:51:40Z']]);
		expect(parseIso(landed[0].LastModificationTime)! > parseIso(landed[0].EndTime)!).toBe(true);
		const byModification = await page(`$filter=LastModificationTime ge ${new Date(T0).toISOString()}&$select=Id`);
		expect(byModification.value).toEqual([{ Id: late.Id }]);
	});

	test('finishJob forces an end, with an EndTime of the test’s choosing, visible now or later', async () => {
		const { body } = await start({ ReleaseKey: s.release.Key, Strategy: 'JobsCount', JobsCount: 2 });
		const [a, b] = body.value.map((j: any) => j.Id);
		s.sim.clock.advance(1000);
		s.sim.finishJob(a, 'Faulted', { info: 'Boom', endTime: '2026-01-01T12:00:01.2345678Z' });
		expect((await s.api('GET', `/odata/Jobs(${a})`)).body).toMatchObject({ State: 'Faulted', Info: 'Boom', EndTime: '2026-01-01T12:00:01.2345678Z' });
		s.sim.finishJob(b, 'Successful', { endTime: T0 + 1000, visibleAt: T0 + 10_000, outputArguments: { x: 1 } });
		s.sim.clock.advance(5000);
		expect((await s.api('GET', `/odata/Jobs(${b})`)).body).toMatchObject({ State: 'Running', EndTime: null });
		s.sim.clock.advance(5000);
		expect((await s.api('GET', `/odata/Jobs(${b})`)).body).toMatchObject({ State: 'Successful', OutputArguments: '{"x":1}', EndTime: '2026-01-01T12:00:01Z' });
		const filtered = await s.api('GET', `${JOB_ROUTE}?$filter=Release/Name eq 'Invoices_Prod' and EndTime lt 2026-01-01T12:00:01.2345678Z&$select=Id`);
		expect(filtered.body.value).toEqual([{ Id: b }]);
	});

	test('list queries are validated: bad $filter, $top over 1000', async () => {
		const bad = await s.api('GET', `${JOB_ROUTE}?$filter=Nope eq 1`);
		expect(bad).toMatchObject({ status: 400, body: { errorCode: 1000, message: expect.stringMatching(/^The query specified in the URI is not valid\. Could not find a property named 'Nope'/) } });
		expect((await s.api('GET', `${JOB_ROUTE}?$top=1001`)).body.message).toMatch(/limit of '1000'/);
		expect((await s.api('GET', `${JOB_ROUTE}?$filter=${encodeURIComponent("State eq 'Done'")}`)).status).toBe(400);
		expect((await s.api('GET', `${JOB_ROUTE}?$expand=Nope`)).status).toBe(400);
		expect((await s.api('GET', `${JOB_ROUTE}?$top=1000`)).status).toBe(200);
	});
});

describe('queues', () => {
	let s: Awaited<ReturnType<typeof seeded>>;
	beforeEach(async () => {
		s = await seeded();
	});
	afterEach(() => s.sim.close());
	const add = (itemData: Record<string, unknown>) => s.api('POST', '/odata/Queues/UiPathODataSvc.AddQueueItem', { body: { itemData } });
	const bulk = (body: Record<string, unknown>) => s.api('POST', '/odata/Queues/UiPathODataSvc.BulkAddQueueItems', { body });

	test('AddQueueItem answers 201 with a QueueItemDto; unknown queues, bad fields and duplicate references fail', async () => {
		const res = await add({ Name: 'Invoices', Priority: 'High', SpecificContent: { invoice: 'A-1', amount: 12.5 }, Reference: 'A-1', DueDate: '2026-01-02T00:00:00Z' });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			QueueDefinitionId: s.queue.Id,
			Status: 'New',
			Priority: 'High',
			SpecificContent: { invoice: 'A-1', amount: 12.5 },
			Reference: 'A-1',
			Output: null,
			ProcessingException: null,
			EndProcessing: null,
			DueDate: '2026-01-02T00:00:00Z',
			SpecificData: '{"DynamicProperties":{"invoice":"A-1","amount":12.5}}',
		});
		expect(res.body['@odata.context']).toBe(`${s.base}/odata/$metadata#QueueItems/$entity`);
		expect(res.body).not.toHaveProperty('QueueDefinition');
		expect(await add({ Name: 'Nope', SpecificContent: {} })).toMatchObject({ status: 404, body: { message: 'Queue does not exist.', errorCode: 1002 } });
		expect(await add({ Name: 'Invoices', Reference: 'A-1' })).toMatchObject({ status: 409, body: { errorCode: 1016 } });
		expect((await add({ Name: 'Invoices', Priority: 'Urgent' })).status).toBe(400);
		expect((await add({ Name: 'Invoices', SpecificContent: '{"a":1}' })).status).toBe(400);
		expect((await add({ Name: 'Invoices', DueDate: 'tomorrow' })).status).toBe(400);
		expect((await add({ Name: 'Invoices', Colour: 'red' })).status).toBe(400);
		expect((await add({ SpecificContent: {} })).status).toBe(400);
		expect((await s.api('POST', '/odata/Queues/UiPathODataSvc.AddQueueItem', { body: { Name: 'Invoices' } })).status).toBe(400);
		const open = s.sim.addQueue({ folderId: s.finance.Id, name: 'Open', enforceUniqueReference: false });
		expect((await add({ Name: 'Open', Reference: 'A-1' })).status).toBe(201);
		expect((await add({ Name: 'Open', Reference: 'A-1' })).status).toBe(201);
		expect(s.sim.queueItems.filter((i: any) => i.QueueDefinitionId === open.Id)).toHaveLength(2);
	});

	test('BulkAddQueueItems reports FailedItems per commit type', async () => {
		s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'dup' });
		const items = [
			{ Name: 'Invoices', Reference: 'b-0', SpecificContent: { n: 0 } },
			{ Name: 'Invoices', Reference: 'dup', SpecificContent: { n: 1 } },
			{ Name: 'Invoices', Reference: 'b-2', Priority: 'Urgent' },
			{ Name: 'Invoices', Reference: 'b-3', Priority: 'Low' },
			{ Name: 'Invoices', Reference: 'b-3' },
		];
		const count = () => s.sim.queueItems.length;
		const independent = await bulk({ queueName: 'Invoices', commitType: 'ProcessAllIndependently', queueItems: items });
		expect(independent.status).toBe(200);
		expect(independent.body).toMatchObject({ Success: false });
		expect(independent.body.FailedItems.map((f: any) => [f.Ordinal, f.ErrorCode])).toEqual([
			[1, 'DuplicateReference'],
			[2, 'InvalidArgument'],
			[4, 'DuplicateReference'],
		]);
		expect(count()).toBe(3);
		const again = items.map((i) => ({ ...i, Reference: `${i.Reference}-x` }));
		const none = await bulk({ queueName: 'Invoices', commitType: 'AllOrNothing', queueItems: again });
		expect(none.body.FailedItems.map((f: any) => f.Ordinal)).toEqual([2, 4]);
		expect(count()).toBe(3);
		const stop = await bulk({ queueName: 'Invoices', commitType: 'StopOnFirstFailure', queueItems: again });
		expect(stop.body.FailedItems.map((f: any) => f.Ordinal)).toEqual([2]);
		expect(count()).toBe(5);
		const clean = await bulk({ queueName: 'Invoices', commitType: 'AllOrNothing', queueItems: [{ SpecificContent: { a: 1 } }, { Reference: 'z' }] });
		expect(clean.body).toMatchObject({ Success: true, FailedItems: [] });
		expect(count()).toBe(7);
		expect((await bulk({ queueName: 'Invoices', commitType: 'Sometimes', queueItems: [] })).status).toBe(400);
		expect((await bulk({ queueName: 'Invoices', queueItems: [] })).status).toBe(400);
		expect((await bulk({ queueName: 'Nope', commitType: 'AllOrNothing', queueItems: [] })).status).toBe(404);
	});

	test('topLimits: a server that caps a collection lower names its own limit in the 400', async () => {
		const low = await seeded({ topLimits: { Robots: 50 } });
		try {
			const refused = await low.api('GET', '/odata/Robots?$top=51');
			expect(refused).toMatchObject({ status: 400, body: { errorCode: 1000 } });
			expect(refused.body.message).toContain("The limit of '50' for Top query has been exceeded. The value from the incoming request is '51'.");
			expect((await low.api('GET', '/odata/Robots?$top=50')).status).toBe(200);
			expect((await low.api('GET', '/odata/Releases?$top=1000')).status).toBe(200);
		} finally {
			await low.sim.close();
		}
	});

	test('queue item outcomes: setQueueItemStatus, autoProcess, filters and $top over 100', async () => {
		const item = s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'q-1', specificContent: { a: 1 } });
		const failed = s.sim.addQueueItem({ queueId: s.queue.Id, reference: 'q-2' });
		s.sim.clock.advance(1000);
		s.sim.setQueueItemStatus(item.Id, 'Successful', { output: { result: 'ok' } });
		s.sim.setQueueItemStatus(failed.Id, 'Failed', { processingException: { reason: 'Bad data', type: 'BusinessException' }, endTime: T0 + 500 });
		const one = (await s.api('GET', `/odata/QueueItems(${item.Id})`)).body;
		expect(one).toMatchObject({ Status: 'Successful', Output: { result: 'ok' }, OutputData: '{"DynamicProperties":{"result":"ok"}}', EndProcessing: '2026-01-01T12:00:01Z' });
		const bad = (await s.api('GET', `/odata/QueueItems(${failed.Id})?$expand=QueueDefinition`)).body;
		expect(bad).toMatchObject({ Status: 'Failed', ProcessingExceptionType: 'BusinessException', ProcessingException: { Reason: 'Bad data', Type: 'BusinessException' }, QueueDefinition: { Name: 'Invoices' } });
		const list = await s.api('GET', `/odata/QueueItems?$filter=QueueDefinitionId eq ${s.queue.Id} and (Status eq 'Successful' or Status eq 'Failed') and EndProcessing gt 2026-01-01T12:00:00.5Z&$select=Id`);
		expect(list.body.value).toEqual([{ Id: item.Id }]);
		expect((await s.api('GET', '/odata/QueueItems?$top=101')).body.message).toMatch(/limit of '100'/);
		expect((await s.api('GET', '/odata/QueueItems?$top=100')).status).toBe(200);
		expect((await s.api('GET', `/odata/QueueItems(${item.Id})`, { folder: { 'X-UIPATH-OrganizationUnitId': String(s.shared.Id) } })).status).toBe(404);
		const auto = s.sim.addQueue({ folderId: s.finance.Id, name: 'Auto', autoProcess: { startAfterMs: 100, durationMs: 200, outcome: 'Successful', output: { done: true } } });
		const added = await add({ Name: auto.Name, SpecificContent: { x: 1 } });
		const status = async () => (await s.api('GET', `/odata/QueueItems(${added.body.Id})`)).body;
		expect((await status()).Status).toBe('New');
		s.sim.clock.advance(100);
		expect((await status()).Status).toBe('InProgress');
		s.sim.clock.advance(200);
		expect(await status()).toMatchObject({ Status: 'Successful', Output: { done: true } });
	});
});

describe('limits and faults', () => {
	let s: Awaited<ReturnType<typeof seeded>>;
	beforeEach(async () => {
		s = await seeded({ listLimitPerMinute: 3 });
	});
	afterEach(() => s.sim.close());

	test('list calls are limited per tenant per minute with Retry-After; reads by Id are not', async () => {
		for (let i = 0; i < 3; i++) expect((await s.api('GET', JOB_ROUTE)).status).toBe(200);
		s.sim.clock.advance(20_000);
		const limited = await s.api('GET', JOB_ROUTE);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('40');
		expect(limited.body).toMatchObject({ errorCode: 0, message: expect.stringMatching(/Rate limit/) });
		const job = s.sim.addJob({ folderId: s.finance.Id, releaseId: s.release.Id });
		expect((await s.api('GET', `/odata/Jobs(${job.Id})`)).status).toBe(200);
		expect((await s.api('GET', '/odata/QueueItems')).status).toBe(200); // its own window
		// On-premises has no such limit.
		const onPrem = s.sim.issueToken({ kind: 'onPrem' });
		const root = await request(`${s.sim.url}${JOB_ROUTE}`, { headers: { authorization: `Bearer ${onPrem}`, 'X-UIPATH-OrganizationUnitId': String(s.finance.Id) } });
		expect(root.status).toBe(200);
		s.sim.clock.advance(40_000);
		expect((await s.api('GET', JOB_ROUTE)).status).toBe(200);
		for (let i = 0; i < 2; i++) await s.api('GET', JOB_ROUTE);
		expect((await s.api('GET', JOB_ROUTE)).status).toBe(429);
		s.sim.reset();
		expect((await s.api('GET', JOB_ROUTE)).status).toBe(200);
		expect(s.sim.log).toHaveLength(1);
	});

	test('faults answer instead of the API: status with Retry-After, a cut-off body, a hang', async () => {
		s.sim.faults.add({ status: 503, retryAfter: 2, path: /\/odata\/Jobs$/, times: 2 });
		const a = await s.api('GET', JOB_ROUTE);
		expect(a.status).toBe(503);
		expect(a.headers.get('retry-after')).toBe('2');
		expect((await s.api('GET', JOB_ROUTE)).status).toBe(503);
		expect((await s.api('GET', JOB_ROUTE)).status).toBe(200);
		s.sim.faults.add({ malformed: true, method: 'GET' });
		const cut = await s.api('GET', JOB_ROUTE);
		expect(cut.status).toBe(200);
		expect(typeof cut.body).toBe('string');
		s.sim.faults.add({ hang: true, path: '/identity_' });
		await expect(fetch(`${s.sim.url}/identity_/connect/token`, { ...form({ grant_type: 'client_credentials' }), signal: AbortSignal.timeout(150) })).rejects.toThrow();
		expect(s.sim.log.map((e: any) => e.fault)).toEqual([503, 503, undefined, 'malformed', 'hang']);
	});
});

describe('the OpenAPI document', () => {
	// Kept in the repository (test/simulators/uipath/openapi/), so a fresh clone checks the simulator against it.
	const specPath = path.join(__dirname, 'uipath', 'openapi', 'uipath-orchestrator-v20.openapi.json');
	test('schemas.json is still what extract-spec.js derives from it', () => {
		expect(derived).toEqual(extract(JSON.parse(fs.readFileSync(specPath, 'utf8'))));
	});

	test('every property the simulator writes is a property of the DTO in the spec', async () => {
		const s = await seeded();
		try {
			s.sim.addAsset({ folderId: s.finance.Id, name: 'A', valueType: 'Bool', value: true });
			const started = await s.api('POST', START, { body: { startInfo: { ReleaseKey: s.faulty.Key, Strategy: 'All' } } });
			s.sim.clock.advance(10_000);
			await s.api('POST', '/odata/Queues/UiPathODataSvc.AddQueueItem', { body: { itemData: { Name: 'Invoices', SpecificContent: {} } } });
			const item = s.sim.queueItems[0];
			s.sim.setQueueItemStatus(item.Id, 'Failed', { processingException: { reason: 'x' } });
			const checks: [string, string][] = [
				['/odata/Folders', 'FolderDto'],
				['/odata/Releases', 'ReleaseDto'],
				['/odata/Jobs?$expand=Robot,Release,Machine', 'JobDto'],
				['/odata/Robots', 'RobotDto'],
				['/odata/Assets', 'AssetDto'],
				['/odata/QueueDefinitions', 'QueueDefinitionDto'],
				['/odata/QueueItems?$expand=QueueDefinition,Robot', 'QueueItemDto'],
			];
			const nested: Record<string, string> = { Robot: 'SimpleRobotDto', Release: 'SimpleReleaseDto', Machine: 'MachineDto', QueueDefinition: 'QueueDefinitionDto', JobError: 'JobErrorDto', ProcessingException: 'ProcessingExceptionDto', Arguments: 'ArgumentMetadata' };
			const unknown: string[] = [];
			const visit = (row: Record<string, unknown>, schema: string, where: string) => {
				for (const [k, v] of Object.entries(row)) {
					if (k.startsWith('@odata')) continue;
					if (!derived.schemas[schema].properties[k]) unknown.push(`${where}.${k}`);
					else if (v && typeof v === 'object' && !Array.isArray(v) && nested[k]) visit(v as Record<string, unknown>, nested[k], `${where}.${k}`);
				}
			};
			for (const [route, schema] of checks) {
				const res = await s.api('GET', route);
				expect(res.body.value.length).toBeGreaterThan(0);
				for (const row of res.body.value) visit(row, schema, schema);
			}
			expect(started.body.value[0].State).toBe('Pending');
			expect(unknown).toEqual([]);
		} finally {
			await s.sim.close();
		}
	});
});
