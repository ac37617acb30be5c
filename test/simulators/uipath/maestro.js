// @ts-check
'use strict';
/**
 * UiPath Maestro process instance management (PIMS), the `pims_` service beside Orchestrator on the cloud tenant:
 * `{url}/{organization}/{tenant}/pims_/api/v1/...`. Facts and sources: docs/api/MAESTRO.md. Scope PIMS on every route
 * but /bpmn (OR.Execution.Read). Folder-scoped routes need `X-UIPATH-FolderKey` (a folder Key); without it
 * 400 `{type:"PIMS-150001", title:"Required header 'x-uipath-folderkey' is missing or empty"}`.
 *   GET  /api/v1/processes/summary?processKey&packageId&startedTimeUtcStart&startedTimeUtcEnd&processType
 *        {"processes":[{processKey, packageId, folderKey, folderName, packageVersions, versionCount, pendingCount,
 *        runningCount, completedCount, pausedCount, cancelledCount, faultedCount, retryingCount, resumingCount,
 *        pausingCount, cancelingCount}]}   (folder header optional: narrows to that folder)
 *   GET  /api/v1/processes/{processKey}/settings      {"variableTags":{elements:null, sourcePackageVersion, lastUpdateTimeUtc}}
 *   GET  /api/v1/instances?processKey&packageId&packageVersion&errorCode&processType&pageSize&nextPage
 *        {"instances":[instance…], "nextPage": token|null, "hasMoreResults": bool}; newest first; pageSize 1..1000
 *        (50 when absent); nextPage is opaque and bound to the filters. Folder header optional (narrows).
 *   GET  /api/v1/instances/{id}                        instance: {instanceId, packageKey, packageId, packageVersion,
 *        latestRunId, latestRunStatus, processKey, folderKey, userId, instanceDisplayName, startedByUser, source,
 *        creatorUserKey, startedTimeUtc, completedTimeUtc, instanceRuns:[{runId, status, startedTime, completedTime}]}
 *   GET  /api/v1/instances/{id}/variables?parentElementId   {elements, globals:{variableId: value}, instanceId,
 *        workflowId, parentElementId}
 *   GET  /api/v1/instances/{id}/bpmn                   the BPMN XML (application/xml), with uipath:inputOutput variables
 *   POST /api/v1/instances/{id}/pause|resume|cancel|retry   body {} or {"comment": string|null}; 200 {instanceId, status}
 *        pause Running→Pausing→Paused; resume Paused→Resuming→Running; cancel Running|Paused|Faulted→Canceling→
 *        Cancelled; retry Faulted→Retrying→Running (a new run). The second step comes `transitionMs` (1000) later.
 *        Any other state: 400. Not JSON: 415; properties other than comment: 400.
 *   GET  /api/v1/instances/{id}/incidents              [incident…]: {instanceId, elementId, folderKey, processKey,
 *        incidentId, incidentStatus, incidentType, errorCode, errorMessage, errorTimeUtc, errorDetails, debugMode,
 *        incidentSeverity}
 *   GET  /api/v1/incidents/summary                     [{count, errorMessage, errorCode, firstTimeUtc, processKey}],
 *        Open incidents grouped by process, error code and message (folder header optional: narrows)
 *   GET  /api/v1/incidents/process/{processKey}        [incident…] of that process in the header's folder
 * Errors are ProblemDetails {type, title, status, errors?, traceId}. Unknown instance (or another folder's): 404. An
 * instance id that is not a GUID: 400 {errors:{instanceId:[…]}}. Unknown or misspelt query parameters: 400.
 * Seeds on sim.maestro: addProcess, startInstance, setInstanceState, addIncident, instance, actions.
 * A release of ProcessType ProcessOrchestration / CaseManagement is a Maestro process; a job created for it (StartJobs,
 * RestartJob) starts an instance whose id is the job Key.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../common');
const { toTime, formatTime, parseIso, msOf } = require('./time');

/** Every latestRunStatus (the SDK's InstanceStatus, '' aside). */
const STATES = ['Pending', 'Running', 'Pausing', 'Paused', 'Resuming', 'Canceling', 'Cancelled', 'Completed', 'Faulted', 'Retrying', 'Upgrading'];
/** The summary's count field of each state (Upgrading has none). */
const COUNTS = /** @type {Record<string, string>} */ ({
	Pending: 'pendingCount', Running: 'runningCount', Completed: 'completedCount', Paused: 'pausedCount', Cancelled: 'cancelledCount',
	Faulted: 'faultedCount', Retrying: 'retryingCount', Resuming: 'resumingCount', Pausing: 'pausingCount', Canceling: 'cancelingCount',
});
const ENDED = ['Completed', 'Cancelled', 'Faulted'];
/** @type {Record<string, { from: string[], via: string, to: string, verb: string }>} */
const OPERATIONS = {
	pause: { from: ['Running'], via: 'Pausing', to: 'Paused', verb: 'paused' },
	resume: { from: ['Paused'], via: 'Resuming', to: 'Running', verb: 'resumed' },
	cancel: { from: ['Running', 'Paused', 'Faulted'], via: 'Canceling', to: 'Cancelled', verb: 'cancelled' },
	retry: { from: ['Faulted'], via: 'Retrying', to: 'Running', verb: 'retried' },
};
const PROCESS_TYPES = ['ProcessOrchestration', 'CaseManagement'];
const INCIDENT = { status: ['Open', 'Closed'], type: ['System', 'User', 'Deployment', null], severity: ['Error', 'Warning', null], debug: ['None', 'Default', 'StepByStep', 'SingleStep'] };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC_SECTION = /** @type {Record<number, string>} */ ({ 400: '15.5.1', 401: '15.5.2', 403: '15.5.4', 404: '15.5.5', 405: '15.5.6', 409: '15.5.10', 415: '15.5.16' });
const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
const DEFAULT_ELEMENTS = [
	{ id: 'Event_start', name: 'Start', type: 'startEvent' },
	{ id: 'Activity_1', name: 'Task', type: 'serviceTask' },
	{ id: 'Event_end', name: 'End', type: 'endEvent' },
];

const hex = (/** @type {number} */ bytes) => crypto.randomBytes(bytes).toString('hex');
/** ASP.NET ProblemDetails, as PIMS answers (src/core/errors/types.ts PimsErrorResponse). */
function problem(/** @type {number} */ status, /** @type {string} */ title, /** @type {{ type?: string, errors?: Record<string, string[]> }} */ extra = {}) {
	const type = extra.type ?? `https://tools.ietf.org/html/rfc9110#section-${RFC_SECTION[status] ?? (status >= 500 ? '15.6.1' : '15.5.1')}`;
	const traceId = extra.type ? hex(16) : `00-${hex(16)}-${hex(8)}-01`;
	const body = { type, title, status, ...(extra.errors ? { errors: extra.errors } : {}), traceId };
	return new HttpError(status, body, { 'content-type': 'application/problem+json; charset=utf-8' });
}
const invalid = (/** @type {string} */ field, /** @type {string} */ message) => problem(400, 'One or more validation errors occurred.', { errors: { [field]: [message] } });
const fmt = (/** @type {number | null | undefined} */ ms) => (ms == null ? null : formatTime(toTime(ms)));
const isObject = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const xml = (/** @type {unknown} */ s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** @param {any} core */
module.exports = function registerMaestro(core) {
	const { folders } = core;
	/** @type {Map<string, any>} processKey → process */ const processes = new Map();
	/** @type {Map<string, any>} instanceId (lower case) → instance */ const instances = new Map();
	/** @type {any[]} */ const incidents = [];
	let seq = 0;

	const msArg = (/** @type {number | string | Date | undefined} */ v, /** @type {string} */ what) => {
		if (v === undefined) return core.now();
		if (typeof v === 'string') {
			const t = parseIso(v);
			if (!t) throw new Error(`${what}: not an ISO 8601 time: ${v}`);
			return msOf(t);
		}
		return v instanceof Date ? v.getTime() : v;
	};
	const folderOfKey = (/** @type {string} */ key) => [...folders.values()].find((f) => f.Key === key.toLowerCase());

	// ---- state ---------------------------------------------------------------------------------------------------
	/** Moves an instance to `state` at `atMs`: the latest run follows; leaving Faulted closes its open incidents. */
	function applyState(/** @type {any} */ inst, /** @type {string} */ state, /** @type {number} */ atMs) {
		if (inst.state === 'Faulted' && state !== 'Faulted') for (const i of incidents) if (i.instanceId === inst.instanceId && i.incidentStatus === 'Open') i.incidentStatus = 'Closed';
		inst.state = state;
		const run = inst.runs[inst.runs.length - 1];
		run.status = state;
		const ended = ENDED.includes(state);
		inst.completedMs = ended ? atMs : null;
		run.completedMs = ended ? atMs : null;
	}
	/** Applies a due second step (Pausing → Paused, …) by the simulator clock. */
	function settle(/** @type {any} */ inst) {
		if (inst.next && core.now() >= inst.next.at) {
			const { to, at } = inst.next;
			inst.next = null;
			applyState(inst, to, at);
		}
		return inst;
	}
	const all = () => [...instances.values()].map(settle);

	// ---- wire views ----------------------------------------------------------------------------------------------
	function instanceRow(/** @type {any} */ inst) {
		const p = inst.process;
		return {
			instanceId: inst.instanceId, packageKey: p.packageKey, packageId: p.packageId, packageVersion: inst.packageVersion,
			latestRunId: inst.runs[inst.runs.length - 1].runId, latestRunStatus: inst.state, processKey: p.processKey, folderKey: inst.folderKey,
			userId: inst.userId, instanceDisplayName: inst.displayName, startedByUser: inst.startedByUser, source: inst.source,
			creatorUserKey: inst.creatorUserKey, startedTimeUtc: fmt(inst.startedMs), completedTimeUtc: fmt(inst.completedMs),
			instanceRuns: inst.runs.map((/** @type {any} */ r) => ({ runId: r.runId, status: r.status, startedTime: fmt(r.startedMs), completedTime: fmt(r.completedMs) })),
		};
	}
	const incidentRow = (/** @type {any} */ i) => ({
		instanceId: i.instanceId, elementId: i.elementId, folderKey: i.folderKey, processKey: i.processKey, incidentId: i.incidentId,
		incidentStatus: i.incidentStatus, incidentType: i.incidentType, errorCode: i.errorCode, errorMessage: i.errorMessage,
		errorTimeUtc: fmt(i.errorMs), errorDetails: i.errorDetails, debugMode: i.debugMode, incidentSeverity: i.incidentSeverity,
	});
	const byErrorTime = (/** @type {any} */ a, /** @type {any} */ b) => a.errorMs - b.errorMs || a.seq - b.seq;
	function bpmnOf(/** @type {any} */ p) {
		if (p.bpmn) return p.bpmn;
		const io = (/** @type {string} */ el) => p.variables.filter((/** @type {any} */ v) => v.elementId === el)
			.map((/** @type {any} */ v) => `\n      <uipath:inputOutput id="${xml(v.id)}" name="${xml(v.name)}" type="${xml(v.type)}" elementId="${xml(v.elementId)}"/>`).join('');
		const els = p.elements.map((/** @type {any} */ e) => `\n    <bpmn:${e.type} id="${xml(e.id)}" name="${xml(e.name)}">${io(e.id)}\n    </bpmn:${e.type}>`).join('');
		return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:uipath="http://uipath.org/schema/bpmn" id="Definitions_${xml(p.processKey)}">\n  <bpmn:process id="${xml(p.packageId)}" name="${xml(p.packageId)}" isExecutable="true">${els}\n  </bpmn:process>\n</bpmn:definitions>\n`;
	}

	// ---- request pieces ------------------------------------------------------------------------------------------
	/** The query, refusing parameters the SDK never sends (ASP.NET would ignore them: the simulator's strict choice). */
	function query(/** @type {any} */ ctx, /** @type {string[]} */ allowed) {
		const q = ctx.req.query;
		for (const k of Object.keys(q)) if (!allowed.includes(k)) throw invalid(k, `The query parameter '${k}' is not supported by this endpoint (supported: ${allowed.join(', ') || 'none'}).`);
		return /** @type {Record<string, string>} */ (q);
	}
	/** The X-UIPATH-FolderKey header (lower case), required or optional. */
	function folderKeyOf(/** @type {any} */ ctx, /** @type {boolean} */ required) {
		const raw = ctx.req.headers['x-uipath-folderkey'];
		const v = String((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
		if (!v) {
			if (required) throw problem(400, "Required header 'x-uipath-folderkey' is missing or empty", { type: 'PIMS-150001' });
			return undefined;
		}
		if (!GUID.test(v)) throw invalid('x-uipath-folderkey', `The value '${v}' is not valid.`);
		return v.toLowerCase();
	}
	/** The X-UIPATH-FolderKey header of a folder-scoped route. @returns {string} */
	const needFolder = (/** @type {any} */ ctx) => /** @type {string} */ (folderKeyOf(ctx, true));
	function instanceIn(/** @type {string} */ id, /** @type {string} */ folderKey) {
		if (!GUID.test(id)) throw invalid('instanceId', `The value '${id}' is not valid.`);
		const inst = instances.get(id.toLowerCase());
		if (!inst || inst.folderKey !== folderKey) throw problem(404, `Instance '${id}' was not found.`);
		return settle(inst);
	}
	function processIn(/** @type {string} */ key, /** @type {string | undefined} */ folderKey) {
		const p = processes.get(key);
		if (!p || (folderKey && p.folderKey !== folderKey)) throw problem(404, `Process '${key}' was not found.`);
		return p;
	}
	function processTypeArg(/** @type {string | undefined} */ v) {
		if (v !== undefined && !PROCESS_TYPES.includes(v)) throw invalid('processType', `The value '${v}' is not valid.`);
		return v;
	}
	function timeArg(/** @type {Record<string, string>} */ q, /** @type {string} */ name) {
		if (q[name] === undefined) return undefined;
		const t = parseIso(q[name]);
		if (!t) throw invalid(name, `The value '${q[name]}' is not valid.`);
		return msOf(t);
	}
	/** The operation body the SDK sends: {} or {comment}. */
	function commentOf(/** @type {any} */ ctx) {
		const type = String(ctx.req.headers['content-type'] ?? '');
		if (!type.includes('application/json')) throw problem(415, 'Unsupported Media Type');
		if (!ctx.req.rawBody) throw invalid('', 'A non-empty request body is required.');
		const b = ctx.req.body;
		if (!isObject(b)) throw invalid('$', 'The JSON value could not be converted to the request type: send an object such as {"comment": "…"}.');
		for (const k of Object.keys(b)) if (k !== 'comment') throw invalid(k, `'${k}' is not a property of this request; the only one is 'comment'.`);
		if (b.comment != null && typeof b.comment !== 'string') throw invalid('comment', 'The comment must be a string or null.');
		return b.comment ?? null;
	}

	// ---- routes --------------------------------------------------------------------------------------------------
	function listInstances(/** @type {any} */ ctx) {
		const q = query(ctx, ['processKey', 'packageId', 'packageVersion', 'errorCode', 'processType', 'pageSize', 'nextPage']);
		const folderKey = folderKeyOf(ctx, false);
		let size = DEFAULT_PAGE;
		if (q.pageSize !== undefined) {
			if (!/^\d+$/.test(q.pageSize) || +q.pageSize < 1 || +q.pageSize > MAX_PAGE) throw invalid('pageSize', `The value '${q.pageSize}' is not valid: pageSize is 1 to ${MAX_PAGE}.`);
			size = +q.pageSize;
		}
		const f = { processKey: q.processKey, packageId: q.packageId, packageVersion: q.packageVersion, errorCode: q.errorCode, processType: processTypeArg(q.processType), folderKey };
		const filters = crypto.createHash('sha256').update(JSON.stringify(f)).digest('hex').slice(0, 16);
		const order = (/** @type {any} */ a, /** @type {any} */ b) => b.startedMs - a.startedMs || (a.instanceId < b.instanceId ? 1 : a.instanceId > b.instanceId ? -1 : 0);
		const rows = all().filter((i) =>
			(!f.processKey || i.process.processKey === f.processKey) && (!f.packageId || i.process.packageId === f.packageId) &&
			(!f.packageVersion || i.packageVersion === f.packageVersion) && (!f.processType || i.process.processType === f.processType) &&
			(!f.folderKey || i.folderKey === f.folderKey) &&
			(!f.errorCode || incidents.some((x) => x.instanceId === i.instanceId && x.errorCode === f.errorCode)),
		).sort(order);
		let start = 0;
		if (q.nextPage !== undefined) {
			/** @type {any} */ let token;
			try {
				token = JSON.parse(Buffer.from(q.nextPage, 'base64url').toString('utf8'));
			} catch {
				token = undefined;
			}
			if (!isObject(token) || typeof token.s !== 'number' || typeof token.i !== 'string') throw invalid('nextPage', 'The continuation token is not valid.');
			if (token.f !== filters) throw invalid('nextPage', 'The continuation token belongs to a query with other filters.');
			const after = rows.findIndex((r) => order({ startedMs: token.s, instanceId: token.i }, r) < 0);
			start = after < 0 ? rows.length : after;
		}
		const page = rows.slice(start, start + size);
		const more = rows.length > start + size;
		const last = page[page.length - 1];
		const nextPage = more ? Buffer.from(JSON.stringify({ f: filters, s: last.startedMs, i: last.instanceId })).toString('base64url') : null;
		return { status: 200, body: { instances: page.map(instanceRow), nextPage, hasMoreResults: more } };
	}

	function processSummary(/** @type {any} */ ctx) {
		const q = query(ctx, ['processKey', 'packageId', 'startedTimeUtcStart', 'startedTimeUtcEnd', 'processType']);
		const folderKey = folderKeyOf(ctx, false);
		const from = timeArg(q, 'startedTimeUtcStart');
		const to = timeArg(q, 'startedTimeUtcEnd');
		if (from !== undefined && to !== undefined && from > to) throw invalid('startedTimeUtcStart', 'startedTimeUtcStart must not be later than startedTimeUtcEnd.');
		const type = processTypeArg(q.processType);
		const ranged = from !== undefined || to !== undefined;
		const list = all();
		const rows = [];
		for (const p of [...processes.values()].sort((a, b) => (a.packageId < b.packageId ? -1 : a.packageId > b.packageId ? 1 : a.seq - b.seq))) {
			if ((q.processKey && p.processKey !== q.processKey) || (q.packageId && p.packageId !== q.packageId) || (type && p.processType !== type) || (folderKey && p.folderKey !== folderKey)) continue;
			const mine = list.filter((i) => i.process === p && (from === undefined || i.startedMs >= from) && (to === undefined || i.startedMs <= to));
			if (ranged && !mine.length) continue;
			const folder = folderOfKey(p.folderKey);
			/** @type {Record<string, unknown>} */
			const row = { processKey: p.processKey, packageId: p.packageId, folderKey: p.folderKey, folderName: folder.FullyQualifiedName, packageVersions: [...p.packageVersions], versionCount: p.packageVersions.length };
			for (const field of Object.values(COUNTS)) row[field] = 0;
			for (const i of mine) if (COUNTS[i.state]) /** @type {number} */ (row[COUNTS[i.state]]) += 1;
			rows.push(row);
		}
		return { status: 200, body: { processes: rows } };
	}

	function operate(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const folderKey = needFolder(ctx);
		query(ctx, []);
		const comment = commentOf(ctx);
		const inst = instanceIn(m[1], folderKey);
		const op = OPERATIONS[m[2]];
		if (!op.from.includes(inst.state)) {
			throw problem(400, `Instance '${inst.instanceId}' is ${inst.state}: it can be ${op.verb} only when it is ${op.from.join(' or ')}.`);
		}
		const now = core.now();
		if (m[2] === 'retry') inst.runs.push({ runId: core.guid(), status: op.via, startedMs: now, completedMs: null });
		applyState(inst, op.via, now);
		inst.next = { at: now + inst.process.transitionMs, to: op.to };
		settle(inst);
		inst.actions.push({ action: m[2], comment, at: fmt(now), by: ctx.token?.subject ?? null });
		return { status: 200, body: { instanceId: inst.instanceId, status: inst.state } };
	}

	function variables(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const folderKey = needFolder(ctx);
		const q = query(ctx, ['parentElementId']);
		const inst = instanceIn(m[1], folderKey);
		const p = inst.process;
		const parent = q.parentElementId === undefined || q.parentElementId === '' ? null : q.parentElementId;
		if (parent !== null && !p.elements.some((/** @type {any} */ e) => e.id === parent)) throw problem(404, `Element '${parent}' was not found in instance '${inst.instanceId}'.`);
		const declared = p.variables.filter((/** @type {any} */ v) => v.parentElementId === parent && v.id in inst.globals);
		const globals = Object.fromEntries(declared.map((/** @type {any} */ v) => [v.id, inst.globals[v.id]]));
		return { status: 200, body: { elements: [], globals, instanceId: inst.instanceId, workflowId: inst.workflowId, parentElementId: parent } };
	}

	function incidentSummary(/** @type {any} */ ctx) {
		query(ctx, []);
		const folderKey = folderKeyOf(ctx, false);
		/** @type {Map<string, any>} */ const groups = new Map();
		for (const i of [...incidents].sort(byErrorTime)) {
			if (i.incidentStatus !== 'Open' || (folderKey && i.folderKey !== folderKey)) continue;
			const key = JSON.stringify([i.processKey, i.errorCode, i.errorMessage]);
			const g = groups.get(key);
			if (g) g.count += 1;
			else groups.set(key, { count: 1, errorMessage: i.errorMessage, errorCode: i.errorCode, firstTimeUtc: fmt(i.errorMs), processKey: i.processKey });
		}
		return { status: 200, body: [...groups.values()] };
	}

	const ID = '([^/]+)';
	const get = (/** @type {string} */ name, /** @type {RegExp} */ pattern, /** @type {(ctx: any, m: RegExpExecArray) => any} */ handle, scopes = ['PIMS']) => ({ method: 'GET', pattern, name, scopes, handle });
	const routes = [
		get('GET processes/summary', /^\/api\/v1\/processes\/summary$/, processSummary),
		get('GET processes/{processKey}/settings', new RegExp(`^/api/v1/processes/${ID}/settings$`), (ctx, m) => {
			query(ctx, []);
			const p = processIn(m[1], folderKeyOf(ctx, false));
			return { status: 200, body: { variableTags: { elements: null, sourcePackageVersion: p.packageVersions[p.packageVersions.length - 1], lastUpdateTimeUtc: fmt(p.createdMs) } } };
		}),
		get('GET instances', /^\/api\/v1\/instances$/, listInstances),
		get('GET instances/{id}', new RegExp(`^/api/v1/instances/${ID}$`), (ctx, m) => {
			const folderKey = needFolder(ctx);
			query(ctx, []);
			return { status: 200, body: instanceRow(instanceIn(m[1], folderKey)) };
		}),
		get('GET instances/{id}/variables', new RegExp(`^/api/v1/instances/${ID}/variables$`), variables),
		get('GET instances/{id}/bpmn', new RegExp(`^/api/v1/instances/${ID}/bpmn$`), (ctx, m) => {
			const folderKey = needFolder(ctx);
			query(ctx, []);
			return { status: 200, body: bpmnOf(instanceIn(m[1], folderKey).process), headers: { 'content-type': 'application/xml; charset=utf-8' } };
		}, ['OR.Execution.Read']),
		get('GET instances/{id}/incidents', new RegExp(`^/api/v1/instances/${ID}/incidents$`), (ctx, m) => {
			const folderKey = needFolder(ctx);
			query(ctx, []);
			const inst = instanceIn(m[1], folderKey);
			return { status: 200, body: incidents.filter((i) => i.instanceId === inst.instanceId).sort(byErrorTime).map(incidentRow) };
		}),
		{ method: 'POST', pattern: new RegExp(`^/api/v1/instances/${ID}/(pause|resume|cancel|retry)$`), name: 'POST instances/{id}/{operation}', scopes: ['PIMS'], handle: operate },
		get('GET incidents/summary', /^\/api\/v1\/incidents\/summary$/, incidentSummary),
		get('GET incidents/process/{processKey}', new RegExp(`^/api/v1/incidents/process/${ID}$`), (ctx, m) => {
			const folderKey = needFolder(ctx);
			query(ctx, []);
			const p = processIn(m[1], folderKey);
			return { status: 200, body: incidents.filter((i) => i.processKey === p.processKey).sort(byErrorTime).map(incidentRow) };
		}),
	];
	core.addService('pims_', { routes, error: (/** @type {number} */ status, /** @type {string} */ message) => problem(status, message) });

	// ---- seeding -------------------------------------------------------------------------------------------------
	core.sim.maestro = {
		/**
		 * A deployed Maestro process (in PIMS terms). With `releaseId` it is that Orchestrator release: processKey = the
		 * release Key, packageId = its ProcessKey, folder = its folder, versions = [its ProcessVersion] (the SDK's
		 * integration config: "The release key doubles as the Maestro processKey").
		 * @param {{ folderId?: number, folderKey?: string, releaseId?: number, processKey?: string, packageId?: string,
		 *   packageKey?: string, packageVersions?: string[], processType?: 'ProcessOrchestration' | 'CaseManagement',
		 *   elements?: { id: string, name?: string, type?: string }[],
		 *   variables?: { name: string, id?: string, type?: string, elementId?: string, parentElementId?: string | null }[],
		 *   bpmn?: string, transitionMs?: number, autoEnd?: { afterMs: number, state?: 'Completed' | 'Cancelled' } }} o
		 *   `elements` (default Event_start, Activity_1, Event_end) and `variables` (declared on an element, default the
		 *   first; `parentElementId` scopes them for ?parentElementId) make the BPMN; `transitionMs` (1000) is how long
		 *   Pausing, Resuming, Canceling and Retrying last.
		 */
		addProcess(o) {
			const release = o.releaseId != null ? core.releases.get(o.releaseId) : undefined;
			if (o.releaseId != null && !release) throw new Error(`addProcess: no release ${o.releaseId}`);
			const folder = release ? folders.get(release.folderId) : o.folderId != null ? folders.get(o.folderId) : o.folderKey ? folderOfKey(o.folderKey) : undefined;
			if (!folder) throw new Error('addProcess: give releaseId, or folderId / folderKey of an existing folder');
			const processKey = o.processKey ?? release?.Key ?? core.guid();
			if (processes.has(processKey)) throw new Error(`addProcess: process ${processKey} exists`);
			const packageId = o.packageId ?? release?.ProcessKey;
			if (!packageId) throw new Error('addProcess: packageId is required');
			const processType = o.processType ?? (release && PROCESS_TYPES.includes(release.ProcessType) ? release.ProcessType : 'ProcessOrchestration');
			if (!PROCESS_TYPES.includes(processType)) throw new Error(`addProcess: processType ${processType}`);
			if (release && ![processType, 'Process'].includes(release.ProcessType)) throw new Error(`addProcess: release ${release.Id} is a ${release.ProcessType}, not a Maestro process`);
			if (release && [...processes.values()].some((x) => x.releaseId === release.Id)) throw new Error(`addProcess: release ${release.Id} is a Maestro process already`);
			// The release is the process's package in Orchestrator: its ProcessType says so (ReleaseDto ProcessType).
			if (release) release.ProcessType = processType;
			const elements = (o.elements ?? DEFAULT_ELEMENTS).map((e) => ({ id: e.id, name: e.name ?? e.id, type: e.type ?? 'serviceTask' }));
			const variables = (o.variables ?? []).map((v) => {
				const elementId = v.elementId ?? elements[0].id;
				if (!elements.some((e) => e.id === elementId)) throw new Error(`addProcess: variable ${v.name} on unknown element ${elementId}`);
				return { id: v.id ?? `v_${v.name.replace(/\W/g, '_')}`, name: v.name, type: v.type ?? 'string', elementId, parentElementId: v.parentElementId ?? null };
			});
			const p = {
				seq: seq++, processKey, packageId, packageKey: o.packageKey ?? core.guid(), packageVersions: o.packageVersions ?? [release?.ProcessVersion ?? '1.0.0'],
				folderKey: folder.Key, processType, elements, variables, bpmn: o.bpmn, transitionMs: o.transitionMs ?? 1000, createdMs: core.now(),
				releaseId: release ? release.Id : null,
				// Sandbox and e2e: an instance of this process ends by itself, `afterMs` after it starts (simulator clock).
				autoEnd: o.autoEnd ? { afterMs: Number(o.autoEnd.afterMs), state: o.autoEnd.state ?? 'Completed' } : null,
			};
			if (p.autoEnd && !(p.autoEnd.afterMs >= 0 && ['Completed', 'Cancelled'].includes(p.autoEnd.state))) throw new Error('addProcess: autoEnd is { afterMs >= 0, state Completed or Cancelled }');
			processes.set(processKey, p);
			return { processKey, packageId, folderKey: p.folderKey, packageVersions: [...p.packageVersions] };
		},
		/**
		 * An instance, as if Orchestrator had started a job of the process (its `instanceId` may be that job's Key).
		 * @param {{ processKey: string, folderKey?: string, instanceId?: string, packageVersion?: string,
		 *   state?: 'Pending' | 'Running', variables?: Record<string, unknown>, displayName?: string, startedByUser?: string,
		 *   userId?: number, source?: string, startedAt?: number | string }} o  `variables` by declared name or id.
		 * @returns the instance as GET /instances/{id} answers
		 */
		startInstance(o) {
			const p = processes.get(o.processKey);
			if (!p) throw new Error(`startInstance: no process ${o.processKey}`);
			if (o.folderKey && o.folderKey.toLowerCase() !== p.folderKey) throw new Error(`startInstance: process ${o.processKey} is in folder ${p.folderKey}`);
			const instanceId = (o.instanceId ?? core.guid()).toLowerCase();
			if (!GUID.test(instanceId) || instances.has(instanceId)) throw new Error(`startInstance: instanceId ${instanceId} is not a new GUID`);
			const packageVersion = o.packageVersion ?? p.packageVersions[p.packageVersions.length - 1];
			if (!p.packageVersions.includes(packageVersion)) throw new Error(`startInstance: version ${packageVersion} not deployed`);
			const state = o.state ?? 'Running';
			if (!['Pending', 'Running'].includes(state)) throw new Error('startInstance: state is Pending or Running (then setInstanceState)');
			const startedMs = msArg(o.startedAt, 'startInstance');
			const inst = {
				instanceId, process: p, folderKey: p.folderKey, packageVersion, state, startedMs, completedMs: null, next: /** @type {any} */ (null), globals: {}, actions: [],
				runs: [{ runId: core.guid(), status: state, startedMs, completedMs: null }], workflowId: core.guid(),
				displayName: o.displayName ?? `${p.packageId} ${instances.size + 1}`, startedByUser: o.startedByUser ?? 'sim-user@example.test',
				userId: o.userId ?? 1, source: o.source ?? 'Manual', creatorUserKey: core.guid(),
			};
			setVariables(inst, o.variables);
			if (p.autoEnd && state === 'Running') inst.next = { to: p.autoEnd.state, at: startedMs + p.autoEnd.afterMs };
			instances.set(instanceId, inst);
			return instanceRow(inst);
		},
		/**
		 * Moves an instance on (any state of STATES): Completed, Cancelled and Faulted set completedTimeUtc. Faulted raises
		 * an incident unless `incident: false` (fields as addIncident); leaving Faulted closes its open incidents.
		 * @param {string} id @param {string} state
		 * @param {{ at?: number | string, variables?: Record<string, unknown>, incident?: false | Parameters<typeof addIncident>[1] }} [opts]
		 */
		setInstanceState(id, state, opts = {}) {
			const inst = instances.get(String(id).toLowerCase());
			if (!inst) throw new Error(`setInstanceState: no instance ${id}`);
			if (!STATES.includes(state)) throw new Error(`setInstanceState: unknown state ${state}`);
			const at = msArg(opts.at, 'setInstanceState');
			settle(inst);
			inst.next = null;
			applyState(inst, state, at);
			setVariables(inst, opts.variables);
			if (state === 'Faulted' && opts.incident !== false) addIncident(inst.instanceId, { at, ...(opts.incident || {}) });
			return instanceRow(inst);
		},
		addIncident,
		/** The instance as GET /instances/{id} answers it now. @param {string} id */
		instance(id) {
			const inst = instances.get(String(id).toLowerCase());
			return inst ? instanceRow(settle(inst)) : undefined;
		},
		/** The action history (pause, resume, cancel, retry with their comments). @param {string} id */
		actions(id) {
			return [...(instances.get(String(id).toLowerCase())?.actions ?? [])];
		},
	};

	// A release seeded as a Maestro process (addRelease processType ProcessOrchestration or CaseManagement) is one in
	// PIMS too; a job Orchestrator creates for it (StartJobs, RestartJob) starts an instance whose id is the job Key.
	const addRelease = core.sim.addRelease;
	core.sim.addRelease = (/** @type {any} */ r) => {
		const row = addRelease(r);
		if (PROCESS_TYPES.includes(row.ProcessType)) core.sim.maestro.addProcess({ releaseId: row.Id, autoEnd: r.maestroAutoEnd });
		return row;
	};
	core.onJobCreated((/** @type {any} */ job, /** @type {any} */ release) => {
		const p = release && [...processes.values()].find((x) => x.releaseId === release.Id);
		if (p) core.sim.maestro.startInstance({ processKey: p.processKey, instanceId: job.Key });
	});

	function setVariables(/** @type {any} */ inst, /** @type {Record<string, unknown> | undefined} */ values) {
		for (const [k, value] of Object.entries(values ?? {})) {
			const v = inst.process.variables.find((/** @type {any} */ d) => d.id === k || d.name === k);
			if (!v) throw new Error(`variable ${k} is not declared on process ${inst.process.processKey} (addProcess variables)`);
			inst.globals[v.id] = value;
		}
	}
	/**
	 * An incident of an instance (at an element, default the first task of the BPMN).
	 * @param {string} instanceId
	 * @param {{ elementId?: string, errorCode?: string, errorMessage?: string, errorDetails?: string,
	 *   incidentType?: 'System' | 'User' | 'Deployment' | null, incidentSeverity?: 'Error' | 'Warning' | null,
	 *   incidentStatus?: 'Open' | 'Closed', debugMode?: 'None' | 'Default' | 'StepByStep' | 'SingleStep', at?: number | string }} [o]
	 */
	function addIncident(instanceId, o = {}) {
		const inst = instances.get(String(instanceId).toLowerCase());
		if (!inst) throw new Error(`addIncident: no instance ${instanceId}`);
		const p = inst.process;
		const task = p.elements.find((/** @type {any} */ e) => !/^(start|end)Event$/.test(e.type)) ?? p.elements[0];
		const i = {
			seq: seq++, incidentId: core.guid(), instanceId: inst.instanceId, processKey: p.processKey, folderKey: inst.folderKey,
			elementId: o.elementId ?? task.id, incidentStatus: o.incidentStatus ?? 'Open', incidentType: o.incidentType === undefined ? 'System' : o.incidentType,
			errorCode: o.errorCode ?? 'ElementFaulted', errorMessage: o.errorMessage ?? `The element ${o.elementId ?? task.id} faulted.`,
			errorDetails: o.errorDetails ?? '', debugMode: o.debugMode ?? 'None', incidentSeverity: o.incidentSeverity === undefined ? 'Error' : o.incidentSeverity,
			errorMs: msArg(o.at, 'addIncident'),
		};
		if (!INCIDENT.status.includes(i.incidentStatus) || !INCIDENT.type.includes(i.incidentType) || !INCIDENT.severity.includes(i.incidentSeverity) || !INCIDENT.debug.includes(i.debugMode)) {
			throw new Error('addIncident: incidentStatus, incidentType, incidentSeverity or debugMode is not one of the SDK enum values');
		}
		incidents.push(i);
		return incidentRow(i);
	}
};
