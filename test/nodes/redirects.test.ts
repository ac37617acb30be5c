// Redirects (issue 18, item 1): a proxy or server in front of the service answering 301/302/303/307/308. A second
// loopback server ("elsewhere") records every request it gets; the simulators answer a redirect on demand (the
// `redirect` fault). To another origin nothing is followed, so no token, secret or body reaches it and the node
// reports no success from it; to the same origin the redirect is followed; a storage URI is followed to another
// origin without the Orchestrator token. Also: the credentials' `authenticate` on other origins (n8n's HTTP
// Request node) and the http:// rule.
import http from 'node:http';

import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { fileItem, runWithBinary } from './uiPath.binary';
import { APP, cloudCredential, inFolder, ON_PREM, onPremCredential, setUp, uiLog, uiNode, type UiSim } from './uiPath.helpers';
import { credentialData, rcNode, SECRET, setUp as setUpRc, type RcSim } from './roboticCrowd.helpers';
import type { EngineHarness } from '../harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { recordTally } = require('../suiteTally.js');

interface Recorded {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** The other origin: records everything, and answers like a success so a followed redirect would look like one. */
async function startElsewhere() {
	const requests: Recorded[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			requests.push({ method: String(req.method), path: String(req.url), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			if (req.url?.startsWith('/storage/')) {
				res.writeHead(req.method === 'PUT' ? 201 : 200, { 'content-type': 'text/plain' });
				return res.end(req.method === 'PUT' ? '' : 'bytes from elsewhere');
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ value: [{ Id: 999, DisplayName: 'Elsewhere', Key: 'k', State: 'Pending' }], access_token: 'elsewhere-token', result: 'elsewhere-token', token: 'elsewhere-token' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	return { url, requests, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Elsewhere = Awaited<ReturnType<typeof startElsewhere>>;

const STATUSES = [301, 302, 303, 307, 308];
const ADMIN_APP = { clientId: 'admin-app', clientSecret: 'admin-secret-456', scopes: [...APP.scopes, 'OR.Administration'] };
const SECRETS = [APP.clientSecret, 'admin-secret-456', ON_PREM.password, SECRET];
const tally = { faultsTried: 0, redirectsTried: 0, redirectsLeaked: 0 };

/** One more redirect case for the suite line. */
function tried(): void {
	tally.faultsTried++;
	tally.redirectsTried++;
}

/**
 * What reached the other origin in a case that must not follow there (every request counts as leaked), or, for a
 * storage URI, what reached it with the token or a secret.
 */
function countLeaks(elsewhere: Elsewhere, from: number, storage = false): Recorded[] {
	tried();
	const reached = elsewhere.requests.slice(from);
	const leaked = storage
		? reached.filter((r) => r.headers.authorization !== undefined || SECRETS.some((s) => r.body.includes(s) || JSON.stringify(r.headers).includes(s)))
		: reached;
	tally.redirectsLeaked += leaked.length;
	return leaked;
}

afterAll(() => recordTally('faults redirects', tally));

describe('redirects: UiPath', () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let shared: { Id: number; Key: string };
	let elsewhere: Elsewhere;
	let release: { Key: string };

	beforeEach(async () => {
		({ sim, harness, shared } = await setUp());
		elsewhere = await startElsewhere();
		release = sim.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim, { authMethod: 'externalApp', clientId: APP.clientId, clientSecret: APP.clientSecret }), 'onpremApp');
		// buckets need OR.Administration
		sim.addExternalApp(ADMIN_APP);
		harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: ADMIN_APP.clientId, clientSecret: ADMIN_APP.clientSecret, scopes: ADMIN_APP.scopes.join(' ') }), 'admin');
	});
	afterEach(async () => {
		await sim.close();
		await elsewhere.close();
	});

	const base = () => `/${sim.organization}/${sim.tenant}/orchestrator_`;
	const folders = (credential = 'cloud') => uiNode({ resource: 'folder', operation: 'getMany', returnAll: true }, credential);
	const startJob = () =>
		uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: { __rl: true, mode: 'key', value: release.Key }, strategy: 'ModernJobsCount', jobsCount: 1 });
	const customPost = (path: string, body: IDataObject) =>
		uiNode({ resource: 'customApiCall', operation: 'send', folder: inFolder(), method: 'POST', path, body: JSON.stringify(body) });
	const refusedFrom = (error: unknown) => {
		const e = error as { message?: string; description?: string } | undefined;
		expect(e?.message).toContain(`redirecting from ${sim.url} to ${elsewhere.url}`);
		return e;
	};

	describe.each(STATUSES)('%i to another origin', (status) => {
		const away = () => ({ status, location: `${elsewhere.url}/moved?to=here` });

		it('Folder → Get Many: not followed, no token there, no answer from there', async () => {
			sim.faults.add({ path: `${base()}/odata/Folders`, redirect: away() });
			const from = elsewhere.requests.length;
			const { items, error } = await harness.run(folders());
			expect(countLeaks(elsewhere, from)).toEqual([]);
			expect(items).toEqual([]);
			expect(refusedFrom(error)?.description).toContain("Check the credential's URL");
		});

		it('Job → Start: not followed, not sent again, the error does not say it may have started', async () => {
			sim.faults.add({ path: /StartJobs/, redirect: away() });
			const from = elsewhere.requests.length;
			const { error } = await harness.run(startJob());
			expect(countLeaks(elsewhere, from)).toEqual([]);
			refusedFrom(error);
			expect(error?.description).not.toContain('may already have been started');
			expect(uiLog(sim).filter((e) => e.path.endsWith('StartJobs'))).toHaveLength(1);
		});

		it('Custom API Call: not followed, no body there', async () => {
			sim.faults.add({ path: /StartJobs/, redirect: away() });
			const from = elsewhere.requests.length;
			const { error } = await harness.run(customPost('/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', { startInfo: { ReleaseKey: release.Key } }));
			expect(countLeaks(elsewhere, from)).toEqual([]);
			refusedFrom(error);
		});

		it.each([
			['the cloud identity endpoint', '/identity_/connect/token', 'cloud'],
			['the on-premises identity endpoint', '/identity/connect/token', 'onpremApp'],
			['on-premises /api/Account/Authenticate', '/api/Account/Authenticate', 'onprem'],
		])('the token request to %s: not followed, the secret stays here', async (_what, path, credential) => {
			sim.faults.add({ path, redirect: away() });
			const from = elsewhere.requests.length;
			const { error } = await harness.run(folders(credential));
			expect(countLeaks(elsewhere, from)).toEqual([]);
			refusedFrom(error);
			expect(error?.description).toContain('Fix the credential');
		});

		it('Bucket File → Download from FileSystem storage: followed to the storage host without the token', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Share', provider: 'FileSystem' });
			sim.putBucketFile(bucket.Id, 'a.txt', Buffer.from('here'), 'text/plain');
			sim.faults.add({ path: /^\/orchestrator\//, redirect: { status, location: `${elsewhere.url}/storage/a.txt` } });
			const from = elsewhere.requests.length;
			const { items, error } = await harness.run(
				uiNode({ resource: 'bucketFile', operation: 'download', folder: inFolder(), bucket: { __rl: true, mode: 'list', value: String(bucket.Id) }, filePath: 'a.txt', binaryPropertyName: 'data' }, 'admin'),
			);
			expect(countLeaks(elsewhere, from, true)).toEqual([]);
			expect(error).toBeUndefined();
			expect(elsewhere.requests.slice(from).map((r) => r.method)).toEqual(['GET']);
			expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe('bytes from elsewhere');
		});

		it('Bucket File → Upload to FileSystem storage: followed without the token, the body only where 307/308 keep it', async () => {
			const bucket = sim.addBucket({ folderId: shared.Id, name: 'Share', provider: 'FileSystem' });
			sim.faults.add({ path: /^\/orchestrator\//, method: 'PUT', redirect: { status, location: `${elsewhere.url}/storage/b.txt` } });
			const from = elsewhere.requests.length;
			const spec = uiNode({ resource: 'bucketFile', operation: 'upload', folder: inFolder(), bucket: { __rl: true, mode: 'list', value: String(bucket.Id) }, filePath: 'b.txt', binaryPropertyName: 'data' }, 'admin');
			const { error } = await runWithBinary(harness, spec, [fileItem(Buffer.from('col1\n1\n'), 'text/plain')]);
			expect(countLeaks(elsewhere, from, true)).toEqual([]);
			const [hop] = elsewhere.requests.slice(from);
			// 303 makes it a GET of the answer (RFC 9110); the others resend the PUT with its body
			expect(hop).toMatchObject(status === 303 ? { method: 'GET', body: '' } : { method: 'PUT', body: 'col1\n1\n' });
			// the transfer itself went through (the node then reads the file's details from Orchestrator, which has none:
			// the simulator's storage never got the file)
			expect(String(error?.message)).not.toContain('storage service refused');
		});
	});

	describe.each(STATUSES)('%i to the same origin', (status) => {
		it('a read is followed, with the token, and answers from there', async () => {
			tried();
			sim.faults.add({ path: `${base()}/odata/Folders`, redirect: { status, location: `${sim.url}${base()}/odata/Folders?$top=100` } });
			const { items, error } = await harness.run(folders());
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.DisplayName)).toContain('Shared');
			const [redirected, followed] = uiLog(sim).filter((e) => e.path.endsWith('/odata/Folders'));
			expect(redirected.fault).toBe(`redirect ${status}`);
			expect(followed).toMatchObject({ method: 'GET', status: 200, query: { $top: '100' } });
			expect(followed.headers.authorization).toMatch(/^Bearer /);
		});

		it('Job → Start is sent once more to where it points: POST with its body, or for 303 a GET of the answer', async () => {
			tried();
			const startPath = `${base()}/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`;
			const location = status === 303 ? `${sim.url}${base()}/odata/Jobs` : `${sim.url}${startPath}`;
			sim.faults.add({ path: /StartJobs/, redirect: { status, location } });
			await harness.run(startJob());
			const calls = uiLog(sim).filter((e) => e.path === startPath || e.path === `${base()}/odata/Jobs`);
			expect(calls).toHaveLength(2);
			if (status === 303) {
				expect(calls[1]).toMatchObject({ method: 'GET', path: `${base()}/odata/Jobs`, status: 200 });
				expect(calls[1].headers['content-type']).toBeUndefined();
			} else {
				expect(calls[1]).toMatchObject({ method: 'POST', status: 201, body: { startInfo: expect.objectContaining({ ReleaseKey: release.Key }) } });
			}
		});

		it('a token request is followed, and the token works', async () => {
			tried();
			sim.faults.add({ path: '/identity_/connect/token', redirect: { status: status === 303 ? 307 : status, location: `${sim.url}/identity_/connect/token` } });
			const { error } = await harness.run(folders());
			expect(error).toBeUndefined();
			expect(uiLog(sim).filter((e) => e.path === '/identity_/connect/token').map((e) => e.status)).toEqual([status === 303 ? 307 : status, 200]);
		});
	});

	it('a redirect loop ends after 5 hops with an error that says so', async () => {
		tried();
		const path = `${base()}/odata/Folders`;
		sim.faults.add({ path, redirect: { status: 302, location: `${sim.url}${path}` }, times: 20 });
		const { error } = await harness.run(folders());
		expect(error?.message).toContain('more than 5 times');
		expect(uiLog(sim).filter((e) => e.path === path)).toHaveLength(6);
	});
});

describe('redirects: Robotic Crowd', () => {
	let sim: RcSim;
	let harness: EngineHarness;
	let elsewhere: Elsewhere;

	beforeEach(async () => {
		({ sim, harness } = await setUpRc());
		elsewhere = await startElsewhere();
		harness.addCredential('roboticCrowdApi', credentialData(sim), 'rc');
		harness.addCredential('roboticCrowdApi', credentialData(sim, { authMethod: 'tokenEndpoint' }), 'rcServer');
	});
	afterEach(async () => {
		await sim.close();
		await elsewhere.close();
	});

	it.each(STATUSES)('%i to another origin: a read and the token request are not followed', async (status) => {
		const location = `${elsewhere.url}/v1/moved`;
		sim.faults.add({ path: '/v1/workflows', redirect: { status, location } });
		let from = elsewhere.requests.length;
		const read = await harness.run(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }));
		expect(countLeaks(elsewhere, from)).toEqual([]);
		expect(read.error?.message).toContain(`redirecting from ${sim.url} to ${elsewhere.url}`);

		sim.faults.add({ path: '/v1/token', redirect: { status, location } });
		from = elsewhere.requests.length;
		const token = await harness.run(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }, { credentials: { roboticCrowdApi: 'rcServer' } }));
		expect(countLeaks(elsewhere, from)).toEqual([]);
		expect(token.error?.message).toContain(`redirecting from ${sim.url} to ${elsewhere.url}`);
	});
});

describe("the credentials' authenticate on another origin (n8n's HTTP Request node)", () => {
	let sim: UiSim;
	let harness: EngineHarness;
	let elsewhere: Elsewhere;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
		elsewhere = await startElsewhere();
	});
	afterEach(async () => {
		await sim.close();
		await elsewhere.close();
	});

	/** What n8n's HTTP Request node (v4.2, Predefined Credential Type) sends through n8n-core for a GET of `uri`. */
	async function httpRequestNode(uri: string) {
		const node = harness.toNode(uiNode({}, 'cloud'));
		const h = harness as unknown as { workflow: (node: unknown) => never };
		const context = new LoadOptionsContext(h.workflow(node), node, harness.additionalData(), 'parameters');
		return await context.helpers.requestWithAuthentication.call(context, 'uiPathCloudOAuthApi', {
			method: 'GET',
			uri,
			headers: {},
			json: true,
			followRedirect: true,
			followAllRedirects: true,
			resolveWithFullResponse: true,
			sendCredentialsOnCrossOriginRedirect: true,
		} as never);
	}

	it('sends the token on a URL of its own origin', async () => {
		const answer = (await httpRequestNode(`${sim.url}${`/${sim.organization}/${sim.tenant}/orchestrator_`}/odata/Folders`)) as { statusCode: number };
		expect(answer.statusCode).toBe(200);
		expect(uiLog(sim).find((e) => e.path.endsWith('/odata/Folders'))?.headers.authorization).toMatch(/^Bearer /);
	});

	it('refuses a URL of another origin: nothing reaches it', async () => {
		await expect(httpRequestNode(`${elsewhere.url}/odata/Folders`)).rejects.toThrow(`adds its token only to requests to ${sim.url}`);
		expect(elsewhere.requests).toEqual([]);
	});

	it("n8n-core does not carry the token along the node's own redirect to another origin", async () => {
		sim.faults.add({ path: /\/odata\/Folders$/, redirect: { status: 302, location: `${elsewhere.url}/odata/Folders` } });
		await httpRequestNode(`${sim.url}/${sim.organization}/${sim.tenant}/orchestrator_/odata/Folders`).catch(() => undefined);
		expect(elsewhere.requests).toHaveLength(1);
		expect(elsewhere.requests[0].headers.authorization).toBeUndefined();
	});
});

describe('http:// URLs', () => {
	let sim: UiSim;
	let harness: EngineHarness;

	beforeEach(async () => {
		({ sim, harness } = await setUp());
	});
	afterEach(async () => sim.close());

	const folders = (credential: string) => uiNode({ resource: 'folder', operation: 'getMany', returnAll: true }, credential);
	// 0.0.0.0 reaches the loopback simulator, but is not a loopback address: it stands for any other host.
	const notLoopback = () => sim.url.replace('127.0.0.1', '0.0.0.0');

	it.each([
		['uiPathCloudOAuthApi', 'Cloud URL', (url: string) => cloudCredential(sim, { cloudUrl: url })],
		['uiPathOnPremisesApi', 'Orchestrator URL', (url: string) => onPremCredential(sim, { orchestratorUrl: url })],
	])('%s: a non-loopback http:// URL fails before anything is sent, naming the field and the switch', async (type, field, credential) => {
		const id = type === 'uiPathOnPremisesApi' ? 'onprem-plain' : 'plain';
		harness.addCredential(type, credential(notLoopback()), id);
		const run = await harness.run(folders(id));
		expect(run.error?.message).toContain(`The credential's ${field} "${notLoopback()}" uses http://`);
		expect(run.error?.message).toContain('Allow Unencrypted HTTP (Insecure)');
		expect(uiLog(sim)).toEqual([]);
	});

	it('with Allow Unencrypted HTTP on, the same URL works; loopback works without it', async () => {
		harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim, { orchestratorUrl: notLoopback(), allowUnencryptedHttp: true }), 'onprem-allowed');
		expect((await harness.run(folders('onprem-allowed'))).error).toBeUndefined();
		expect((await harness.run(folders('onprem'))).error).toBeUndefined();
		expect(uiLog(sim).filter((e) => e.path === '/odata/Folders').map((e) => e.status)).toEqual([200, 200]);
	});

	it('Robotic Crowd: the same rule for the API Base URL', async () => {
		const { sim: rc, harness: rcHarness } = await setUpRc();
		try {
			rcHarness.addCredential('roboticCrowdApi', credentialData(rc, { baseUrl: rc.url.replace('127.0.0.1', '0.0.0.0') }), 'rc');
			const { error } = await rcHarness.run(rcNode({ resource: 'workflow', operation: 'getMany', returnAll: true }));
			expect(error?.message).toContain(`The credential's API Base URL "${rc.url.replace('127.0.0.1', '0.0.0.0')}" uses http://`);
			expect(rc.log).toEqual([]);
		} finally {
			await rc.close();
		}
	});
});
