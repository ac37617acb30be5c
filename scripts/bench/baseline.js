// The baselines: the calls people make today without these nodes, i.e. a chain of n8n HTTP Request nodes (or the
// existing community node) that runs each node once per item. Plain fetch, no n8n engine: the baseline's time per
// item therefore carries none of the engine's overhead, which favours the baseline.
'use strict';

/** One HTTP call; throws on a non-2xx answer so a broken baseline is never silently counted as fast. */
async function http(method, url, { headers = {}, json, form } = {}) {
	const init = { method, headers: { Accept: 'application/json', ...headers } };
	if (json !== undefined) {
		init.body = JSON.stringify(json);
		init.headers['Content-Type'] = 'application/json';
	} else if (form !== undefined) {
		init.body = new URLSearchParams(form).toString();
		init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const res = await fetch(url, init);
	const text = await res.text();
	const body = text ? JSON.parse(text) : undefined;
	if (!res.ok) {
		const error = new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 200)}`);
		error.status = res.status;
		error.retryAfter = Number(res.headers.get('retry-after') ?? 0);
		throw error;
	}
	return body;
}

const withQuery = (url, query) => `${url}?${new URLSearchParams(query)}`;

/** UiPath Orchestrator the hand-built way: External Application token, folder by path, OData calls. */
function uiPathBaseline(sim, app, folderPath = 'Shared') {
	const base = sim.baseUrl('cloud');
	const headers = (token) => ({ Authorization: `Bearer ${token}`, 'X-UIPATH-FolderPath': folderPath });
	return {
		async token() {
			const answer = await http('POST', `${sim.url}/identity_/connect/token`, {
				form: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: app.scopes.join(' ') },
			});
			return answer.access_token;
		},
		async releaseKey(token, name) {
			const answer = await http('GET', withQuery(`${base}/odata/Releases`, { $filter: `Name eq '${name.replace(/'/g, "''")}'` }), { headers: headers(token) });
			return answer.value[0].Key;
		},
		async startJob(token, releaseKey, inputArguments) {
			const startInfo = { ReleaseKey: releaseKey, Strategy: 'ModernJobsCount', JobsCount: 1, InputArguments: JSON.stringify(inputArguments) };
			const answer = await http('POST', `${base}/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs`, { headers: headers(token), json: { startInfo } });
			return answer.value[0];
		},
		/** The rate-limited list call, filtered to one job: what people poll with when they don't know Jobs({Id}). */
		async jobFromList(token, id) {
			const answer = await http('GET', withQuery(`${base}/odata/Jobs`, { $filter: `Id eq ${id}` }), { headers: headers(token) });
			return answer.value[0];
		},
		async addQueueItem(token, itemData) {
			return await http('POST', `${base}/odata/Queues/UiPathODataSvc.AddQueueItem`, { headers: headers(token), json: { itemData } });
		},
		/** The last 100 finished jobs, newest end first: a naive trigger's one call per poll. */
		async latestFinishedJobs(token) {
			const answer = await http('GET', withQuery(`${base}/odata/Jobs`, {
				$filter: "(State eq 'Successful' or State eq 'Faulted' or State eq 'Stopped')",
				$orderby: 'EndTime desc',
				$top: '100',
			}), { headers: headers(token) });
			return answer.value;
		},
	};
}

/** Robotic Crowd the hand-built way: POST /v1/token with the key pair, then the call with that token. */
function roboticCrowdBaseline(sim, key) {
	const auth = (token) => ({ Authorization: `Bearer ${token}` });
	return {
		async token() {
			const answer = await http('POST', `${sim.url}/v1/token`, { json: { access_key_id: key.accessKeyId, secret_access_key: key.secret } });
			return answer.token;
		},
		async createRun(token, workflowId, params) {
			return await http('POST', `${sim.url}/v1/session_queues`, { headers: auth(token), json: { workflow_id: workflowId, params } });
		},
		/** One page of runs; without perPage the API's default of 10 applies. */
		async listRuns(token, query) {
			return await http('GET', withQuery(`${sim.url}/v1/session_queues`, query), { headers: auth(token) });
		},
	};
}

module.exports = { http, uiPathBaseline, roboticCrowdBaseline };
