// @ts-check
'use strict';
/**
 * A loopback UiPath Orchestrator for tests, the benchmark and the sandbox: one port serves every deployment.
 *
 * Identity
 *   POST /identity_/connect/token          cloud External Application (client credentials, form-encoded)
 *   POST /identity/connect/token           the same for an on-premises identity server (tokens for the root base)
 *   POST /oauth/token                      legacy cloud API key (refresh token, JSON or form)
 *   GET  /cloudrpa/api/getAccountsForUser, GET /cloudrpa/api/account/{account}/getAllServiceInstances
 *   POST /api/Account/Authenticate         on-premises user name and password
 * Orchestrator API, the same routes under three bases
 *   /{organization}/{tenant}/orchestrator_/   cloud: External Application tokens (cloud identity) and PATs
 *   /{account}/{serviceInstance}/             legacy cloud: legacy tokens, plus header X-UIPATH-TenantName
 *   /                                         on-premises: Authenticate tokens and on-premises identity tokens
 * Webhooks (/odata/Webhooks, event types, signed deliveries on job and queue item changes): uipath/webhooks.js
 *
 * Errors are Orchestrator's `{"message","errorCode","traceId"}` bodies (OAuth `{"error"}` bodies on identity):
 *   401 errorCode 0    "You are not authenticated!" (no, unknown, expired or other-tenant token)
 *   403 errorCode 0    "You are not authorized! …" naming the scopes the operation needs (External App and PAT)
 *   400 errorCode 1101 "An organization unit is required for this action." (no folder header)
 *   400 errorCode 1100 "Folder does not exist or the user does not have access to the folder." (unknown folder,
 *                      non-ASCII X-UIPATH-FolderPath, bad base64, two folder headers)
 *   400 errorCode 1000 invalid OData query options or request body ("The query specified in the URI is not valid. …")
 *   400 errorCode 1000 legacy base without the right X-UIPATH-TenantName
 *   404 errorCode 1002 unknown job, asset, queue item, queue, release (StartJobs), robot
 *   409 errorCode 1016 duplicate queue item Reference (queues enforce unique references unless told otherwise)
 *   400 errorCode 1671 stopping a job that has already finished
 *   400 errorCode 2818 StartJobs with strategy All and no robot in the folder
 *   405 errorCode 0    a known route with another method; 404 errorCode 0 an unknown route
 *   415 errorCode 1000 a POST body that is not JSON
 *   429 errorCode 0    GET /odata/Jobs or /odata/QueueItems over `listLimitPerMinute` per tenant (cloud and legacy
 *                      bases only), with Retry-After in seconds
 * (1000, 1002, 1016, 1100, 1101 are Orchestrator's documented codes; 1671 and 2818 are this simulator's choice.)
 *
 * Checks run in this order: route (404/405), token (401), token fits the base (401), legacy tenant header (400),
 * scope (403, External App and PAT tokens only: the scopes come from the OpenAPI descriptions, see schemas.json),
 * rate limit (429), folder header (400), then the operation itself.
 *
 * More routes (issue 11: restart/resume, robot logs, queue transactions, asset writes, schedules, machines, sessions,
 * buckets and their blob service, Action Center tasks) live in the modules listed in `uipath/breadth.js`.
 *
 * Paths, bodies, field names and enums follow UiPath's OpenAPI document through `uipath/schemas.json` (regenerate
 * it with `node test/simulators/uipath/extract-spec.js`). Times carry Orchestrator's seven fractional digits.
 */
const crypto = require('node:crypto');
const { Clock, Faults, RateWindow, HttpError, startServer } = require('./common');
const { ODataError, parseCollectionQuery, parseShape, applyCollectionQuery, shapeRow } = require('./uipath/odata');
const { validateBody, checkValue, BodyError, isPlainObject, GUID } = require('./uipath/validate');
const { toTime, msOf, formatTime } = require('./uipath/time');
const SPEC = require('./uipath/schemas.json');
const BREADTH = require('./uipath/breadth');
const { createWebhooks } = require('./uipath/webhooks');

/** @type {import('./uipath/odata').Schemas} */
const SCHEMAS = SPEC.schemas;
/** @type {Record<string, string[]>} */
const ROUTE_SCOPES = SPEC.scopes;
const ALL_SCOPES = [...new Set(Object.values(ROUTE_SCOPES).flat())].sort();
const enumOf = (/** @type {string} */ schema, /** @type {string} */ prop) => /** @type {string[]} */ (SCHEMAS[schema].properties[prop].enum);
const JOB_STATES = enumOf('JobDto', 'State');
const FINAL_JOB_STATES = ['Successful', 'Faulted', 'Stopped'];
const QUEUE_ITEM_STATUSES = enumOf('QueueItemDto', 'Status');
const ASSET_VALUE_TYPES = enumOf('AssetDto', 'ValueType');
const ROBOT_TYPES = enumOf('RobotDto', 'Type');
const RELEASE_PROCESS_TYPES = enumOf('ReleaseDto', 'ProcessType');
const NOT_AUTHENTICATED = 'You are not authenticated!';
const FOLDER_NOT_FOUND = 'Folder does not exist or the user does not have access to the folder.';
const FOLDER_HEADERS = ['X-UIPATH-OrganizationUnitId', 'X-UIPATH-FolderPath', 'X-UIPATH-FolderPath-Encoded', 'X-UIPATH-FolderKey'];
/** Default token lifetimes in seconds. */
const TOKEN_LIFETIMES = { externalApp: 3600, legacy: 86400, onPrem: 1800 };

/**
 * @typedef {'externalApp' | 'legacy' | 'pat' | 'onPrem'} TokenKind
 * @typedef {'cloud' | 'legacy' | 'onPrem'} Deployment
 * @typedef {{ kind: TokenKind, deployment: Deployment, scopes: string[] | null, expiresAt: number, expired: boolean,
 *   subject: string, legacyUser?: LegacyUser }} TokenInfo
 * @typedef {{ clientId: string, clientSecret: string, scopes: string[] }} ExternalApp
 * @typedef {{ serviceInstanceName: string, serviceInstanceLogicalName: string }} LegacyTenant
 * @typedef {{ accountName: string, accountLogicalName: string, tenants: LegacyTenant[] }} LegacyAccount
 * @typedef {{ clientId: string, userKey: string, email: string, accounts: LegacyAccount[] }} LegacyUser
 * @typedef {{ tenancyName: string, username: string, password: string, email?: string }} OnPremUser
 * @typedef {{ kind: Deployment, prefix: string, rest: string, tenantKey: string, serviceInstance?: string, service?: string }} Base
 * @typedef {{ at: number, set: Record<string, unknown>, time?: string }} TimedChange
 *   A change to a job or queue item that becomes visible at `at` (epoch ms on the simulator clock).
 * @typedef {number | Date | string} TimeInput epoch ms, Date or ISO 8601 string (up to 7 fractional digits)
 */

/** @param {number} bytes */
const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const traceId = () => `00-${hex(16)}-${hex(8)}-01`;
const guid = () => crypto.randomUUID();

/**
 * @param {number} status @param {string} message @param {number} errorCode @param {Record<string, string>} [headers]
 */
function apiError(status, message, errorCode, headers) {
	return new HttpError(status, { message, errorCode, traceId: traceId() }, headers);
}
/** @param {number} status @param {string} error @param {string} [description] */
function oauthError(status, error, description) {
	return new HttpError(status, description ? { error, error_description: description } : { error });
}
/** @param {string} name */
const header = (/** @type {import('./common').SimRequest} */ req, name) => {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v.join(', ') : v;
};

/**
 * @param {{ port?: number, organization?: string, tenant?: string, listLimitPerMinute?: number,
 *   subMillisecondTimes?: boolean, clock?: Clock, topLimits?: Record<string, number> }} [options]
 *   `subMillisecondTimes` (default true): times the simulator makes up (creation, start, end) carry 100 ns digits, as
 *   Orchestrator's do, so a client that rounds them to milliseconds sees the difference.
 *   `topLimits` (entity set → number): a server that caps these collections' $top lower than the OpenAPI document's
 *   maximum (1000, 100 for QueueItems), refusing more with the same 400 that names its limit.
 */
async function startUiPathSimulator(options = {}) {
	const organization = options.organization ?? 'acme';
	const tenant = options.tenant ?? 'DefaultTenant';
	let listLimit = options.listLimitPerMinute ?? 100;
	const subMs = options.subMillisecondTimes ?? true;
	const clock = options.clock ?? new Clock();
	const faults = new Faults();
	const rate = new RateWindow(clock);
	/** @type {Record<string, unknown>[]} */
	const log = [];
	const signingKey = crypto.randomBytes(32);
	const lifetimes = { ...TOKEN_LIFETIMES };

	// ---- state -------------------------------------------------------------------------------------------------
	let nextId = 1;
	/** @type {Map<number, any>} */ const folders = new Map();
	/** @type {Map<number, any>} */ const releases = new Map();
	/** @type {Map<number, any>} */ const robots = new Map();
	/** @type {Map<number, any>} */ const queues = new Map();
	/** @type {Map<number, any>} */ const assets = new Map();
	/** @type {Map<number, any>} */ const jobs = new Map();
	/** @type {Map<number, any>} */ const queueItems = new Map();
	/** @type {Map<string, ExternalApp>} */ const externalApps = new Map();
	/** @type {LegacyUser[]} */ const legacyUsers = [];
	/** @type {OnPremUser[]} */ const onPremUsers = [];
	/** @type {Map<string, TokenInfo>} */ const tokens = new Map();

	/** Sub-millisecond digits for made-up times: creation < start < end even within one millisecond. */
	const ticks = (/** @type {number} */ id, /** @type {0 | 1 | 2} */ phase) => (subMs ? phase * 3333 + ((id * 7919) % 3333) : 0);
	const now = () => clock.now();
	const timeOf = (/** @type {TimeInput} */ t) => toTime(t);
	const msOfInput = (/** @type {TimeInput} */ t) => (typeof t === 'number' ? t : t instanceof Date ? t.getTime() : msOf(toTime(t)));

	// ---- tokens ------------------------------------------------------------------------------------------------
	/**
	 * @param {TokenKind} kind @param {Deployment} deployment @param {string[] | null} scopes @param {string} subject
	 * @param {LegacyUser} [legacyUser]
	 */
	function issueToken(kind, deployment, scopes, subject, legacyUser) {
		const lifetime = lifetimes[/** @type {'externalApp' | 'legacy' | 'onPrem'} */ (kind)] ?? 3600;
		const iat = Math.floor(now() / 1000);
		const b64 = (/** @type {object} */ o) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
			iss: `uipath-simulator/${deployment}`,
			sub: subject,
			client_id: subject,
			scope: scopes ?? undefined,
			prt_id: kind,
			iat,
			nbf: iat,
			exp: iat + lifetime,
			jti: hex(8),
		})}`;
		const token = `${body}.${crypto.createHmac('sha256', signingKey).update(body).digest('base64url')}`;
		tokens.set(token, { kind, deployment, scopes, expiresAt: now() + lifetime * 1000, expired: false, subject, legacyUser });
		return { token, lifetime };
	}

	/** @returns {TokenInfo} */
	function authenticate(/** @type {import('./common').SimRequest} */ req) {
		const auth = header(req, 'authorization') ?? '';
		const m = /^Bearer\s+(\S+)$/i.exec(auth);
		const info = m ? tokens.get(m[1]) : undefined;
		if (!info || info.expired || now() >= info.expiresAt) throw apiError(401, NOT_AUTHENTICATED, 0, { 'www-authenticate': 'Bearer' });
		return info;
	}

	// ---- folders -----------------------------------------------------------------------------------------------
	function folderByPath(/** @type {string} */ path) {
		for (const f of folders.values()) if (f.FullyQualifiedName === path) return f;
		return undefined;
	}
	/** Resolves the one folder header of a folder-scoped call. */
	function resolveFolder(/** @type {import('./common').SimRequest} */ req) {
		const present = FOLDER_HEADERS.filter((h) => req.headers[h.toLowerCase()] !== undefined);
		if (present.length === 0) throw apiError(400, 'An organization unit is required for this action.', 1101);
		const notFound = () => apiError(400, FOLDER_NOT_FOUND, 1100);
		if (present.length > 1) throw notFound();
		const name = present[0];
		const raw = req.headers[name.toLowerCase()];
		if (typeof raw !== 'string') throw notFound();
		/** @type {any} */
		let folder;
		if (name === 'X-UIPATH-OrganizationUnitId') {
			folder = /^\d+$/.test(raw) ? folders.get(Number(raw)) : undefined;
		} else if (name === 'X-UIPATH-FolderPath') {
			// Node hands header bytes over as latin1: anything outside printable ASCII did not survive the trip.
			folder = /^[\x20-\x7e]+$/.test(raw) ? folderByPath(raw) : undefined;
		} else if (name === 'X-UIPATH-FolderPath-Encoded') {
			const ok = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0;
			const bytes = ok ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
			folder = ok && bytes.length % 2 === 0 ? folderByPath(bytes.toString('utf16le')) : undefined;
		} else {
			folder = GUID.test(raw) ? [...folders.values()].find((f) => f.Key === raw.toLowerCase()) : undefined;
		}
		if (!folder) throw notFound();
		return folder;
	}

	// ---- rows (DTOs as the API returns them) ---------------------------------------------------------------------
	function folderRow(/** @type {any} */ f) {
		const parent = f.ParentId != null ? folders.get(f.ParentId) : undefined;
		return {
			Key: f.Key,
			DisplayName: f.DisplayName,
			FullyQualifiedName: f.FullyQualifiedName,
			Description: f.Description ?? null,
			FolderType: 'Standard',
			IsPersonal: false,
			ProvisionType: 'Automatic',
			PermissionModel: 'FineGrained',
			ParentId: f.ParentId ?? null,
			ParentKey: parent ? parent.Key : null,
			FeedType: 'Processes',
			Id: f.Id,
		};
	}
	function releaseRow(/** @type {any} */ r) {
		const folder = folders.get(r.folderId);
		return {
			Key: r.Key,
			ProcessKey: r.ProcessKey,
			ProcessVersion: r.ProcessVersion,
			IsLatestVersion: true,
			IsProcessDeleted: false,
			Description: r.Description ?? '',
			Name: r.Name,
			EntryPointId: r.Id + 100000,
			EntryPointPath: 'Main.xaml',
			InputArguments: r.InputArguments ?? null,
			EnvironmentVariables: null,
			ProcessType: r.ProcessType,
			SupportsMultipleEntryPoints: false,
			RequiresUserInteraction: false,
			IsConversational: false,
			MinRequiredRobotVersion: null,
			IsAttended: false,
			IsCompiled: false,
			AutomationHubIdeaUrl: null,
			Arguments: { Input: r.argumentsInput, Output: r.argumentsOutput },
			ProcessSettings: null,
			VideoRecordingSettings: null,
			AutoUpdate: false,
			HiddenForAttendedUser: false,
			FeedId: r.FeedId,
			JobPriority: r.JobPriority,
			SpecificPriorityValue: r.SpecificPriorityValue,
			FolderKey: folder.Key,
			OrganizationUnitId: folder.Id,
			OrganizationUnitFullyQualifiedName: folder.FullyQualifiedName,
			TargetFramework: 'Windows',
			RobotSize: null,
			Tags: [],
			RemoteControlAccess: 'None',
			LastModificationTime: null,
			LastModifierUserId: null,
			CreationTime: formatTime(r.CreationTime),
			CreatorUserId: 1,
			Id: r.Id,
		};
	}
	function robotRow(/** @type {any} */ r) {
		return {
			LicenseKey: null,
			MachineName: r.MachineName,
			MachineId: r.MachineId,
			Name: r.Name,
			Username: r.Username,
			ExternalName: null,
			Description: r.Description ?? null,
			Type: r.Type,
			HostingType: 'Standard',
			ProvisionType: 'Automatic',
			Password: null,
			CredentialStoreId: null,
			UserId: r.UserId,
			Enabled: true,
			CredentialType: 'Default',
			Environments: [],
			RobotEnvironments: '',
			ExecutionSettings: {},
			IsExternalLicensed: false,
			LimitConcurrentExecution: true,
			LastModificationTime: null,
			LastModifierUserId: null,
			CreationTime: formatTime(r.CreationTime),
			CreatorUserId: 1,
			Id: r.Id,
		};
	}
	function machineRow(/** @type {any} */ r) {
		return { LicenseKey: null, Name: r.MachineName, Description: null, Type: 'Template', Scope: 'Default', UnattendedSlots: 1, Key: r.MachineKey, Id: r.MachineId };
	}
	function queueRow(/** @type {any} */ q) {
		const folder = folders.get(q.folderId);
		return {
			Key: q.Key,
			Name: q.Name,
			Description: q.Description ?? null,
			MaxNumberOfRetries: q.MaxNumberOfRetries,
			AcceptAutomaticallyRetry: q.MaxNumberOfRetries > 0,
			RetryAbandonedItems: false,
			EnforceUniqueReference: q.EnforceUniqueReference,
			Encrypted: false,
			SpecificDataJsonSchema: null,
			OutputDataJsonSchema: null,
			AnalyticsDataJsonSchema: null,
			CreationTime: formatTime(q.CreationTime),
			ProcessScheduleId: null,
			SlaInMinutes: 0,
			RiskSlaInMinutes: 0,
			ReleaseId: null,
			IsProcessInCurrentFolder: null,
			FoldersCount: 1,
			OrganizationUnitId: folder.Id,
			OrganizationUnitFullyQualifiedName: folder.FullyQualifiedName,
			Tags: [],
			Id: q.Id,
		};
	}
	function assetRow(/** @type {any} */ a) {
		const v = a.value;
		const type = a.ValueType;
		const credential = type === 'Credential' || type === 'WindowsCredential';
		return {
			Key: a.Key,
			Name: a.Name,
			CanBeDeleted: true,
			ValueScope: 'Global',
			ValueType: type,
			Value: credential ? `username: ${v.username}` : type === 'Secret' ? '' : type === 'KeyValueList' ? '' : String(v),
			StringValue: type === 'Text' || type === 'DBConnectionString' || type === 'HttpConnectionString' ? String(v) : '',
			BoolValue: type === 'Bool' ? Boolean(v) : false,
			IntValue: type === 'Integer' ? Number(v) : 0,
			CredentialUsername: credential ? v.username : '',
			CredentialPassword: '',
			SecretValue: '',
			ExternalName: null,
			CredentialStoreId: null,
			KeyValueList: type === 'KeyValueList' ? Object.entries(v).map(([Key, Value]) => ({ Key, Value: String(Value) })) : [],
			HasDefaultValue: true,
			Description: a.Description ?? null,
			RobotValues: [],
			UserValues: [],
			Tags: [],
			FoldersCount: 1,
			LastModificationTime: null,
			LastModifierUserId: null,
			CreationTime: formatTime(a.CreationTime),
			CreatorUserId: 1,
			Id: a.Id,
		};
	}

	/**
	 * Folds the changes visible at `at` over a record's base fields (remembered until the record or `at` changes).
	 * @returns {Record<string, any>}
	 */
	function view(/** @type {any} */ record, at = now()) {
		if (record.viewAt === at && record.viewed) return record.viewed;
		const out = { ...record.base };
		let modified = record.base.CreationTime;
		for (const change of /** @type {TimedChange[]} */ (record.changes)) {
			if (change.at > at) break;
			Object.assign(out, change.set);
			modified = change.time;
		}
		out.LastModificationTime = modified;
		record.viewAt = at;
		record.viewed = out;
		return out;
	}
	/** @param {any} record @param {TimedChange[]} changes */
	function addChanges(record, changes) {
		// LastModificationTime of a change: the last 100 ns of its millisecond, so never before a time it wrote then.
		for (const c of changes) c.time = toTime(c.at, subMs ? 9999 : 0);
		record.changes.push(...changes);
		record.changes.sort((/** @type {TimedChange} */ a, /** @type {TimedChange} */ b) => a.at - b.at);
		record.viewed = undefined;
	}
	/** Drops the changes that are not visible yet (a stop or a forced finish replaces the planned future). */
	function dropFuture(/** @type {any} */ record, at = now()) {
		record.changes = record.changes.filter((/** @type {TimedChange} */ c) => c.at <= at);
		record.viewed = undefined;
	}

	/**
	 * Rows keep their own times normalized (seven digits, comparable as text) until `present` writes them out.
	 * Navigation rows are built once per request through `nav`.
	 */
	const JOB_TIMES = ['StartTime', 'EndTime', 'CreationTime', 'LastModificationTime', 'ResumeTime'];
	/** @param {Map<string, any>} cache @param {string} key @param {() => any} build */
	const cached = (cache, key, build) => {
		if (!cache.has(key)) cache.set(key, build());
		return cache.get(key);
	};
	function jobRow(/** @type {any} */ job, at = now(), nav = new Map()) {
		const v = view(job, at);
		const release = releases.get(job.releaseId);
		const robot = v.RobotId != null ? robots.get(v.RobotId) : undefined;
		const folder = folders.get(job.folderId);
		/** @type {Record<string, unknown>} */
		const row = {
			Key: job.Key,
			StartTime: null,
			EndTime: null,
			State: v.State,
			SubState: null,
			JobPriority: v.JobPriority,
			SpecificPriorityValue: v.SpecificPriorityValue,
			Robot: robot ? cached(nav, `robot${robot.Id}`, () => robotRow(robot)) : null,
			Release: release ? cached(nav, `release${release.Id}`, () => releaseRow(release)) : null,
			ResourceOverwrites: null,
			Source: v.Source,
			SourceType: v.SourceType,
			BatchExecutionKey: v.BatchExecutionKey,
			Info: v.Info ?? null,
			CreationTime: null,
			StartingScheduleId: null,
			ReleaseName: v.ReleaseName,
			Type: 'Unattended',
			InputArguments: v.InputArguments ?? null,
			InputFile: null,
			EnvironmentVariables: null,
			OutputArguments: v.OutputArguments ?? null,
			OutputFile: null,
			HostMachineName: v.HostMachineName ?? null,
			HasMediaRecorded: false,
			HasVideoRecorded: false,
			PersistenceId: null,
			ResumeVersion: null,
			StopStrategy: v.StopStrategy ?? null,
			RuntimeType: v.RuntimeType,
			RequiresUserInteraction: false,
			ReleaseVersionId: release ? release.Id + 200000 : null,
			EntryPointPath: null,
			OrganizationUnitId: folder.Id,
			OrganizationUnitFullyQualifiedName: folder.FullyQualifiedName,
			Reference: v.Reference ?? '',
			ProcessType: release ? release.ProcessType : 'Process',
			Machine: robot ? cached(nav, `machine${robot.Id}`, () => machineRow(robot)) : null,
			ProfilingOptions: null,
			ResumeOnSameContext: false,
			LocalSystemAccount: '',
			OrchestratorUserIdentity: null,
			RemoteControlAccess: 'None',
			StartingTriggerId: null,
			MaxExpectedRunningTimeSeconds: null,
			ServerlessJobType: null,
			ParentJobKey: null,
			ResumeTime: null,
			LastModificationTime: null,
			JobError: v.JobError ?? null,
			ErrorCode: v.JobError ? v.JobError.code : null,
			FpsProperties: null,
			TraceId: null,
			ParentSpanId: null,
			RootSpanId: null,
			FpsContext: null,
			Id: job.Id,
		};
		for (const k of JOB_TIMES) row[k] = v[k] ?? null;
		return row;
	}

	function queueItemRow(/** @type {any} */ item, at = now(), nav = new Map()) {
		const v = view(item, at);
		const queue = queues.get(item.queueId);
		const folder = folders.get(queue.folderId);
		const robot = v.RobotId != null ? robots.get(v.RobotId) : undefined;
		return {
			QueueDefinitionId: queue.Id,
			QueueDefinition: cached(nav, `queue${queue.Id}`, () => queueRow(queue)),
			ProcessingException: v.ProcessingException ?? null,
			Error: null,
			Encrypted: false,
			SpecificContent: item.SpecificContent,
			Output: v.Output ?? null,
			OutputData: v.Output ? JSON.stringify({ DynamicProperties: v.Output }) : null,
			Analytics: null,
			AnalyticsData: null,
			Status: v.Status,
			ReviewStatus: 'None',
			ReviewerUserId: null,
			ReviewerUser: null,
			Key: item.Key,
			Reference: item.Reference ?? null,
			ProcessingExceptionType: v.ProcessingException ? v.ProcessingException.Type : null,
			DueDate: item.DueDate ?? null,
			RiskSlaDate: item.RiskSlaDate ?? null,
			Priority: item.Priority,
			Robot: robot ? cached(nav, `robot${robot.Id}`, () => robotRow(robot)) : null,
			RobotId: robot ? robot.Id : null,
			CreatorJobKey: null,
			ExecutorJobKey: null,
			DeferDate: item.DeferDate ?? null,
			StartProcessing: v.StartProcessing ?? null,
			EndProcessing: v.EndProcessing ?? null,
			SecondsInPreviousAttempts: 0,
			AncestorId: item.AncestorId ?? null,
			AncestorUniqueKey: item.AncestorUniqueKey ?? null,
			RetryNumber: item.RetryNumber ?? 0,
			ManualAncestorId: null,
			ManualAncestorUniqueKey: null,
			ManualRetryNumber: 0,
			UniqueKey: item.Key,
			HasVideoRecorded: false,
			SpecificData: JSON.stringify({ DynamicProperties: item.SpecificContent }),
			CreationTime: v.CreationTime,
			Progress: item.Progress ?? null,
			RowVersion: crypto.createHash('sha1').update(`${item.Id}:${v.LastModificationTime}`).digest('base64').slice(0, 12), // changes with every write
			ParentOperationId: item.ParentOperationId ?? null,
			OperationId: null,
			OrganizationUnitId: folder.Id,
			OrganizationUnitFullyQualifiedName: folder.FullyQualifiedName,
			Id: item.Id,
		};
	}

	// ---- jobs --------------------------------------------------------------------------------------------------
	/** The changes that take a job from Pending through Running to its release's outcome. */
	function plannedRun(/** @type {any} */ job, /** @type {any} */ release, /** @type {number} */ createdMs, /** @type {any} */ robot) {
		const startMs = createdMs + release.queueDelayMs;
		const endMs = startMs + release.durationMs;
		const host = robot ?? pickRobot(job.folderId, job.Id);
		/** @type {TimedChange[]} */
		const changes = [
			{ at: startMs, set: { State: 'Running', StartTime: toTime(startMs, ticks(job.Id, 1)), RobotId: host ? host.Id : null, HostMachineName: host ? host.MachineName : 'SIM-HOST-01' } },
		];
		const end = toTime(endMs, ticks(job.Id, 2));
		changes.push({ at: endMs, set: finalFields(release.outcome, end, release) });
		return changes;
	}
	function finalFields(/** @type {string} */ state, /** @type {string} */ endTime, /** @type {any} */ release, extra = /** @type {any} */ ({})) {
		/** @type {Record<string, unknown>} */
		const set = { State: state, EndTime: endTime };
		if (state === 'Successful') {
			set.Info = extra.info ?? 'Job completed';
			const out = extra.outputArguments !== undefined ? extra.outputArguments : release?.outputArguments ?? {};
			set.OutputArguments = typeof out === 'string' ? out : JSON.stringify(out);
		} else if (state === 'Faulted') {
			const err = extra.jobError ?? release?.jobError ?? {};
			const detail = err.detail ?? extra.info ?? 'System.Exception: Simulated failure in Main.xaml.';
			set.Info = extra.info ?? detail;
			set.JobError = {
				code: err.code ?? 'Robot.ExecutionFailed',
				title: err.title ?? 'Job faulted',
				detail,
				category: err.category ?? 'User',
				status: null,
				timestamp: formatTime(endTime),
			};
		} else if (state === 'Stopped') {
			set.Info = extra.info ?? 'Job stopped';
		}
		return set;
	}
	function pickRobot(/** @type {number} */ folderId, /** @type {number} */ seed) {
		const candidates = [...robots.values()].filter((r) => r.folderIds.includes(folderId));
		return candidates.length ? candidates[seed % candidates.length] : undefined;
	}
	/** What other modules do when a job is created (Maestro: a job of a Maestro process is its instance). @type {((job: any, release: any) => void)[]} */
	const jobCreatedHooks = [];
	/** @param {any} release @param {any} folder @param {Record<string, any>} info @param {any} [robot] */
	function createJob(release, folder, info, robot) {
		const id = nextId++;
		const createdMs = now();
		const job = {
			Id: id,
			Key: guid(),
			folderId: folder.Id,
			releaseId: release.Id,
			base: {
				State: 'Pending',
				CreationTime: toTime(createdMs, ticks(id, 0)),
				JobPriority: info.JobPriority ?? release.JobPriority,
				SpecificPriorityValue: info.SpecificPriorityValue ?? release.SpecificPriorityValue,
				Source: info.Source ?? 'Manual',
				SourceType: info.Source ?? 'Manual',
				BatchExecutionKey: info.BatchExecutionKey ?? info.batchKey,
				ReleaseName: release.Name,
				InputArguments: info.InputArguments ?? release.InputArguments ?? null,
				RuntimeType: info.RuntimeType ?? 'Unattended',
				Reference: info.Reference ?? '',
				RobotId: robot ? robot.Id : null,
				HostMachineName: robot ? robot.MachineName : null,
			},
			/** @type {TimedChange[]} */
			changes: [],
		};
		addChanges(job, plannedRun(job, release, createdMs, robot));
		jobs.set(id, job);
		for (const hook of jobCreatedHooks) hook(job, release);
		return job;
	}
	function jobInFolder(/** @type {number} */ id, /** @type {any} */ folder) {
		const job = jobs.get(id);
		if (!job || job.folderId !== folder.Id) throw apiError(404, 'Job does not exist.', 1002);
		return job;
	}
	/** @param {any} job @param {'SoftStop' | 'Kill'} strategy @param {boolean} strict */
	function stopJob(job, strategy, strict) {
		const t = now();
		const state = view(job, t).State;
		if (FINAL_JOB_STATES.includes(state)) {
			if (strict) throw apiError(400, `Job ${job.Id} cannot be stopped: it has already finished (${state}).`, 1671);
			return;
		}
		if (state === 'Stopping' && strategy === 'SoftStop') return;
		dropFuture(job, t);
		const release = releases.get(job.releaseId);
		if (state === 'Running' && strategy === 'SoftStop') {
			const doneMs = t + release.softStopMs;
			addChanges(job, [
				{ at: t, set: { State: 'Stopping', StopStrategy: 'SoftStop' } },
				{ at: doneMs, set: finalFields('Stopped', toTime(doneMs, ticks(job.Id, 2)), release) },
			]);
		} else {
			addChanges(job, [{ at: t, set: { ...finalFields('Stopped', toTime(t, ticks(job.Id, 2)), release), StopStrategy: strategy } }]);
		}
	}

	// ---- queue items -------------------------------------------------------------------------------------------
	/** @param {any} queue @param {Record<string, any>} data the validated QueueItemDataDto */
	function createQueueItem(queue, data) {
		const id = nextId++;
		const createdMs = now();
		const item = {
			Id: id,
			Key: guid(),
			queueId: queue.Id,
			Priority: data.Priority ?? 'Normal',
			SpecificContent: data.SpecificContent ?? {},
			Reference: data.Reference ?? null,
			DeferDate: data.DeferDate ? toTime(data.DeferDate) : null,
			DueDate: data.DueDate ? toTime(data.DueDate) : null,
			RiskSlaDate: data.RiskSlaDate ? toTime(data.RiskSlaDate) : null,
			Progress: data.Progress ?? null,
			ParentOperationId: data.ParentOperationId ?? null,
			base: { Status: 'New', CreationTime: toTime(createdMs, ticks(id, 0)) },
			/** @type {TimedChange[]} */
			changes: [],
		};
		const p = queue.autoProcess;
		if (p) {
			const startMs = Math.max(createdMs, item.DeferDate ? msOf(item.DeferDate) : 0) + (p.startAfterMs ?? 1000);
			const endMs = startMs + (p.durationMs ?? 2000);
			const robot = pickRobot(queue.folderId, id);
			addChanges(item, [
				{ at: startMs, set: { Status: 'InProgress', StartProcessing: toTime(startMs, ticks(id, 1)), RobotId: robot ? robot.Id : null } },
				{ at: endMs, set: queueItemOutcome(p.outcome ?? 'Successful', toTime(endMs, ticks(id, 2)), { output: p.output, processingException: p.processingException }) },
			]);
		}
		queueItems.set(id, item);
		return item;
	}
	/** @param {string} status @param {string} endTime @param {{ output?: any, processingException?: any }} extra */
	function queueItemOutcome(status, endTime, extra) {
		/** @type {Record<string, unknown>} */
		const set = { Status: status, EndProcessing: endTime };
		if (status === 'Successful') set.Output = extra.output ?? null;
		if (status === 'Failed' || status === 'Abandoned') {
			const e = extra.processingException ?? {};
			set.ProcessingException = {
				Reason: e.reason ?? e.Reason ?? (status === 'Abandoned' ? 'Abandoned' : 'Simulated failure'),
				Details: e.details ?? e.Details ?? null,
				Type: e.type ?? e.Type ?? 'ApplicationException',
				AssociatedImageFilePath: null,
				CreationTime: formatTime(endTime),
			};
			set.Output = extra.output ?? null;
		}
		return set;
	}
	/** Why an item may not join `queue` (unique references), or undefined. @param {any} queue @param {string | null | undefined} reference @param {Set<string>} [pending] */
	function duplicateReference(queue, reference, pending) {
		if (!queue.EnforceUniqueReference || reference == null || reference === '') return false;
		if (pending?.has(reference)) return true;
		for (const item of queueItems.values()) {
			if (item.queueId !== queue.Id || item.Reference !== reference) continue;
			const status = view(item).Status;
			if (status !== 'Deleted' && status !== 'Retried') return true;
		}
		return false;
	}
	function queueByName(/** @type {string} */ name, /** @type {any} */ folder) {
		for (const q of queues.values()) if (q.folderId === folder.Id && q.Name === name) return q;
		return undefined;
	}

	// ---- request helpers ---------------------------------------------------------------------------------------
	function jsonBody(/** @type {import('./common').SimRequest} */ req) {
		const type = String(header(req, 'content-type') ?? '');
		if (!type.includes('application/json')) {
			throw apiError(415, `The request entity's media type '${type || '(none)'}' is not supported for this resource; send application/json.`, 1000);
		}
		if (req.body === undefined) throw apiError(400, 'The request body is empty.', 1000);
		return req.body;
	}
	function validated(/** @type {unknown} */ body, /** @type {string} */ schema, schemas = SCHEMAS) {
		try {
			validateBody(body, schema, schemas, schema);
		} catch (error) {
			if (error instanceof BodyError) throw apiError(400, error.message, 1000);
			throw error;
		}
		return /** @type {Record<string, any>} */ (body);
	}
	/** @param {string} raw the text between the parentheses of `Jobs(…)` */
	function keyOf(raw) {
		if (!/^\d+$/.test(raw)) throw apiError(400, `The query specified in the URI is not valid. The key value '${raw}' is not a valid Edm.Int64.`, 1000);
		return Number(raw);
	}
	/**
	 * Answers a collection read with the query options applied.
	 * @param {any} ctx @param {string} entitySet @param {string} typeName @param {any[]} rows
	 * @param {{ maxTop?: number, expandable?: string[], tieBreak?: (a: any, b: any) => number }} [opts]
	 */
	function collection(ctx, entitySet, typeName, rows, opts = {}) {
		const maxTop = options.topLimits?.[entitySet] ?? opts.maxTop ?? 1000;
		const expandable = opts.expandable ?? [];
		const q = odataQuery(() => parseCollectionQuery(ctx.req.query, { typeName, schemas: SCHEMAS, maxTop, expandable, tieBreak: opts.tieBreak }));
		const { page, count, nextSkip } = applyCollectionQuery(rows, q, maxTop);
		/** @type {Record<string, unknown>} */
		const body = { '@odata.context': `${ctx.baseUrl}/odata/$metadata#${entitySet}` };
		if (q.count) body['@odata.count'] = count;
		body.value = page.map((row) => present(shapeRow(row, q, expandable), typeName));
		if (nextSkip !== undefined) {
			const params = new URLSearchParams({ ...ctx.req.query, $skip: String(nextSkip) });
			body['@odata.nextLink'] = `${ctx.baseUrl}/odata/${entitySet}?${params}`;
		}
		return { status: 200, body };
	}
	/** Writes a row's own times the way Orchestrator does (navigation rows are already written out). */
	function present(/** @type {Record<string, any>} */ row, /** @type {string} */ typeName) {
		const props = SCHEMAS[typeName].properties;
		for (const [k, v] of Object.entries(row)) {
			if (typeof v === 'string' && v.length === 28 && props[k]?.t === 'DateTimeOffset') row[k] = formatTime(v);
		}
		return row;
	}
	/** @template T @param {() => T} fn @returns {T} */
	function odataQuery(fn) {
		try {
			return fn();
		} catch (error) {
			if (error instanceof ODataError) throw apiError(400, `The query specified in the URI is not valid. ${error.message}`, 1000);
			throw error;
		}
	}
	function single(/** @type {any} */ ctx, /** @type {string} */ entitySet, /** @type {string} */ typeName, /** @type {Record<string, unknown>} */ row, expandable = /** @type {string[]} */ ([])) {
		const shape = odataQuery(() => parseShape(ctx.req.query, { typeName, schemas: SCHEMAS, maxTop: 1, expandable }));
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#${entitySet}/$entity`, ...present(shapeRow(row, shape, expandable), typeName) } };
	}
	const byKey = (/** @type {any} */ a, /** @type {any} */ b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0);
	const inFolder = (/** @type {Map<number, any>} */ map, /** @type {any} */ folder) => [...map.values()].filter((x) => x.folderId === folder.Id);

	// ---- Orchestrator routes -----------------------------------------------------------------------------------
	/**
	 * @typedef {{ method: string, pattern: RegExp, spec: string, folder: boolean, limited?: string,
	 *   handle: (ctx: any, m: RegExpExecArray) => { status: number, body?: unknown } }} Route
	 */
	/** @type {Route[]} */
	const routes = [
		{
			method: 'GET', pattern: /^\/odata\/Folders$/, spec: 'GET /odata/Folders', folder: false,
			handle: (ctx) => collection(ctx, 'Folders', 'FolderDto', [...folders.values()].map(folderRow)),
		},
		{
			method: 'GET', pattern: /^\/odata\/Releases$/, spec: 'GET /odata/Releases', folder: true,
			handle: (ctx) => collection(ctx, 'Releases', 'ReleaseDto', inFolder(releases, ctx.folder).map(releaseRow)),
		},
		{
			method: 'GET', pattern: /^\/odata\/Jobs$/, spec: 'GET /odata/Jobs', folder: true, limited: 'Jobs',
			handle: (ctx) => {
				const t = now();
				const nav = new Map();
				const rows = inFolder(jobs, ctx.folder).map((j) => jobRow(j, t, nav));
				return collection(ctx, 'Jobs', 'JobDto', rows, { expandable: ['Robot', 'Release', 'Machine'], tieBreak: byKey });
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Jobs\(([^)]*)\)$/, spec: 'GET /odata/Jobs({key})', folder: true,
			handle: (ctx, m) => single(ctx, 'Jobs', 'JobDto', jobRow(jobInFolder(keyOf(m[1]), ctx.folder)), ['Robot', 'Release', 'Machine']),
		},
		{
			method: 'POST', pattern: /^\/odata\/Jobs\/UiPath\.Server\.Configuration\.OData\.StartJobs$/,
			spec: 'POST /odata/Jobs/UiPath.Server.Configuration.OData.StartJobs', folder: true,
			handle: (ctx) => startJobs(ctx),
		},
		{
			method: 'POST', pattern: /^\/odata\/Jobs\(([^)]*)\)\/UiPath\.Server\.Configuration\.OData\.StopJob$/,
			spec: 'POST /odata/Jobs({key})/UiPath.Server.Configuration.OData.StopJob', folder: true,
			handle: (ctx, m) => {
				const id = keyOf(m[1]);
				const body = validated(jsonBody(ctx.req), 'StopJobRequest');
				stopJob(jobInFolder(id, ctx.folder), body.strategy, true);
				return { status: 200 };
			},
		},
		{
			method: 'POST', pattern: /^\/odata\/Jobs\/UiPath\.Server\.Configuration\.OData\.StopJobs$/,
			spec: 'POST /odata/Jobs/UiPath.Server.Configuration.OData.StopJobs', folder: true,
			handle: (ctx) => {
				const body = validated(jsonBody(ctx.req), 'StopJobsRequest');
				if (!body.jobIds.length) throw apiError(400, 'jobIds must not be empty.', 1000);
				const list = body.jobIds.map((/** @type {number} */ id) => jobInFolder(id, ctx.folder));
				for (const job of list) stopJob(job, body.strategy, false);
				return { status: 200 };
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Robots$/, spec: 'GET /odata/Robots', folder: true,
			handle: (ctx) => collection(ctx, 'Robots', 'RobotDto', [...robots.values()].filter((r) => r.folderIds.includes(ctx.folder.Id)).map(robotRow)),
		},
		{
			method: 'GET', pattern: /^\/odata\/Assets$/, spec: 'GET /odata/Assets', folder: true,
			handle: (ctx) => collection(ctx, 'Assets', 'AssetDto', inFolder(assets, ctx.folder).map(assetRow)),
		},
		{
			// The list UiPath's OpenAPI document names in place of the deprecated GET /odata/Assets ("Replaced by GetFiltered").
			method: 'GET', pattern: /^\/odata\/Assets\/UiPath\.Server\.Configuration\.OData\.GetFiltered$/,
			spec: 'GET /odata/Assets/UiPath.Server.Configuration.OData.GetFiltered', folder: true,
			handle: (ctx) => collection(ctx, 'Assets', 'AssetDto', inFolder(assets, ctx.folder).map(assetRow)),
		},
		{
			method: 'GET', pattern: /^\/odata\/Assets\(([^)]*)\)$/, spec: 'GET /odata/Assets({key})', folder: true,
			handle: (ctx, m) => {
				const asset = assets.get(keyOf(m[1]));
				if (!asset || asset.folderId !== ctx.folder.Id) throw apiError(404, 'Asset does not exist.', 1002);
				return single(ctx, 'Assets', 'AssetDto', assetRow(asset));
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/QueueDefinitions$/, spec: 'GET /odata/QueueDefinitions', folder: true,
			handle: (ctx) => collection(ctx, 'QueueDefinitions', 'QueueDefinitionDto', inFolder(queues, ctx.folder).map(queueRow)),
		},
		{
			method: 'POST', pattern: /^\/odata\/Queues\/UiPathODataSvc\.AddQueueItem$/,
			spec: 'POST /odata/Queues/UiPathODataSvc.AddQueueItem', folder: true,
			handle: (ctx) => {
				const body = validated(jsonBody(ctx.req), 'AddQueueItemRequest');
				const data = body.itemData;
				if (!data.Name) throw apiError(400, 'itemData.Name (the queue name) is required.', 1000);
				const queue = queueByName(data.Name, ctx.folder);
				if (!queue) throw apiError(404, 'Queue does not exist.', 1002);
				if (duplicateReference(queue, data.Reference)) throw apiError(409, 'Error creating Transaction. Duplicate Reference.', 1016);
				const item = createQueueItem(queue, data);
				const shape = odataQuery(() => parseShape(ctx.req.query, { typeName: 'QueueItemDto', schemas: SCHEMAS, maxTop: 1, expandable: QUEUE_ITEM_NAV }));
				return { status: 201, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#QueueItems/$entity`, ...present(shapeRow(queueItemRow(item), shape, QUEUE_ITEM_NAV), 'QueueItemDto') } };
			},
		},
		{
			method: 'POST', pattern: /^\/odata\/Queues\/UiPathODataSvc\.BulkAddQueueItems$/,
			spec: 'POST /odata/Queues/UiPathODataSvc.BulkAddQueueItems', folder: true,
			handle: (ctx) => bulkAdd(ctx),
		},
		{
			method: 'GET', pattern: /^\/odata\/QueueItems$/, spec: 'GET /odata/QueueItems', folder: true, limited: 'QueueItems',
			handle: (ctx) => {
				const t = now();
				const nav = new Map();
				const rows = [...queueItems.values()].filter((i) => queues.get(i.queueId).folderId === ctx.folder.Id).map((i) => queueItemRow(i, t, nav));
				return collection(ctx, 'QueueItems', 'QueueItemDto', rows, { maxTop: 100, expandable: QUEUE_ITEM_NAV, tieBreak: byKey });
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/QueueItems\(([^)]*)\)$/, spec: 'GET /odata/QueueItems({key})', folder: true,
			handle: (ctx, m) => {
				const item = queueItems.get(keyOf(m[1]));
				if (!item || queues.get(item.queueId).folderId !== ctx.folder.Id) throw apiError(404, 'Queue item does not exist.', 1002);
				return single(ctx, 'QueueItems', 'QueueItemDto', queueItemRow(item), QUEUE_ITEM_NAV);
			},
		},
	];
	const webhooks = createWebhooks({ now, schemas: SCHEMAS, apiError, validated, jsonBody, collection, single, keyOf, jobs, queueItems, folders, queues, jobRow, queueItemRow, queueRow });
	routes.push(...webhooks.routes);
	const QUEUE_ITEM_NAV = ['QueueDefinition', 'Robot', 'ReviewerUser'];

	function startJobs(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'StartJobsRequest');
		const info = body.startInfo;
		const folder = ctx.folder;
		/** @type {any} */
		let release;
		if (info.ReleaseKey != null) {
			const key = String(info.ReleaseKey).toLowerCase();
			release = inFolder(releases, folder).find((r) => r.Key === key);
			if (!release) throw apiError(404, `Could not find the process associated with release key '${info.ReleaseKey}'.`, 1002);
		} else if (info.ReleaseName != null) {
			release = inFolder(releases, folder).find((r) => r.Name === info.ReleaseName);
			if (!release) throw apiError(404, `Could not find the process named '${info.ReleaseName}'.`, 1002);
		} else {
			throw apiError(400, 'startInfo: either ReleaseKey or ReleaseName is required.', 1000);
		}
		if (info.InputArguments != null) {
			/** @type {unknown} */
			let parsed;
			try {
				parsed = JSON.parse(info.InputArguments);
			} catch {
				parsed = undefined;
			}
			if (!isPlainObject(parsed)) throw apiError(400, 'startInfo.InputArguments must be a JSON object serialized as a string.', 1000);
		}
		const strategy = info.Strategy ?? 'All';
		const folderRobots = [...robots.values()].filter((r) => r.folderIds.includes(folder.Id));
		/** @type {any[]} */
		let targets;
		if (strategy === 'Specific') {
			const ids = info.RobotIds ?? [];
			if (!ids.length) throw apiError(400, 'startInfo.RobotIds must name at least one robot when Strategy is Specific.', 1000);
			const missing = ids.filter((/** @type {number} */ id) => !folderRobots.some((r) => r.Id === id));
			if (missing.length) throw apiError(404, `Robot does not exist: ${missing.join(', ')}.`, 1002);
			targets = ids.map((/** @type {number} */ id) => robots.get(id));
		} else if (strategy === 'All') {
			if (!folderRobots.length) throw apiError(400, 'No robots are available in this folder to run the process (strategy All).', 2818);
			targets = folderRobots;
		} else if (strategy === 'RobotCount') {
			const n = info.NoOfRobots ?? 0;
			if (n < 1) throw apiError(400, 'startInfo.NoOfRobots must be greater than 0 when Strategy is RobotCount.', 1000);
			targets = Array(n).fill(undefined);
		} else {
			const n = info.JobsCount ?? 1;
			if (n < 1 || n > 10000) throw apiError(400, `startInfo.JobsCount must be between 1 and 10000 when Strategy is ${strategy}.`, 1000);
			targets = Array(n).fill(undefined);
		}
		const batchKey = info.BatchExecutionKey ?? guid();
		const created = targets.map((robot) => createJob(release, folder, { ...info, batchKey }, robot));
		const shape = odataQuery(() => parseShape(ctx.req.query, { typeName: 'JobDto', schemas: SCHEMAS, maxTop: 1, expandable: ['Robot', 'Release', 'Machine'] }));
		return {
			status: 201,
			body: {
				'@odata.context': `${ctx.baseUrl}/odata/$metadata#Jobs`,
				value: created.map((j) => present(shapeRow(jobRow(j), shape, ['Robot', 'Release', 'Machine']), 'JobDto')),
			},
		};
	}

	/** Bulk add: the request is checked as a whole, each item on its own so that it can fail alone. */
	const BULK_SCHEMAS = {
		...SCHEMAS,
		BulkAddQueueItemsRequest: {
			...SCHEMAS.BulkAddQueueItemsRequest,
			properties: { ...SCHEMAS.BulkAddQueueItemsRequest.properties, queueItems: { t: 'array:Object' } },
		},
	};
	function bulkAdd(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'BulkAddQueueItemsRequest', BULK_SCHEMAS);
		const queue = queueByName(body.queueName, ctx.folder);
		if (!queue) throw apiError(404, 'Queue does not exist.', 1002);
		/** @type {Record<string, any>[]} */
		const items = body.queueItems ?? [];
		if (items.length > 15000) throw apiError(400, 'A bulk operation accepts at most 15000 queue items.', 1000);
		/** @type {{ Ordinal: number, ErrorCode: string, ErrorMessage: string }[]} */
		const failed = [];
		/** @type {Record<string, any>[]} */
		const accepted = [];
		const pending = new Set();
		for (let i = 0; i < items.length; i++) {
			const data = items[i];
			let problem;
			try {
				checkValue(data, { t: 'ref:QueueItemDataDto' }, `queueItems[${i}]`, SCHEMAS);
				if (data.Name != null && data.Name !== body.queueName) problem = { ErrorCode: 'InvalidArgument', ErrorMessage: `Name '${data.Name}' differs from queueName '${body.queueName}'.` };
				else if (duplicateReference(queue, data.Reference, pending)) problem = { ErrorCode: 'DuplicateReference', ErrorMessage: 'Error creating Transaction. Duplicate Reference.' };
			} catch (error) {
				if (!(error instanceof BodyError)) throw error;
				problem = { ErrorCode: 'InvalidArgument', ErrorMessage: error.message };
			}
			if (problem) {
				failed.push({ Ordinal: i, ...problem });
				if (body.commitType === 'StopOnFirstFailure') break;
				continue;
			}
			if (data.Reference) pending.add(data.Reference);
			accepted.push(data);
		}
		const commit = !(body.commitType === 'AllOrNothing' && failed.length);
		if (commit) for (const data of accepted) createQueueItem(queue, data);
		const added = commit ? accepted.length : 0;
		return {
			status: 200,
			body: {
				'@odata.context': `${ctx.baseUrl}/odata/$metadata#UiPath.Server.Configuration.OData.BulkOperationResponseDtoOfFailedQueueItemDto`,
				Success: failed.length === 0,
				Message: failed.length === 0 ? null : `${failed.length} item(s) failed; ${added} of ${items.length} added (${body.commitType}).`,
				FailedItems: failed,
			},
		};
	}

	// ---- identity routes ---------------------------------------------------------------------------------------
	function connectToken(/** @type {import('./common').SimRequest} */ req, /** @type {Deployment} */ deployment) {
		if (!String(header(req, 'content-type') ?? '').includes('application/x-www-form-urlencoded') || !isPlainObject(req.body)) {
			throw oauthError(400, 'invalid_request', 'The token request must be form-encoded (application/x-www-form-urlencoded).');
		}
		const form = /** @type {Record<string, string>} */ (req.body);
		let clientId = form.client_id;
		let clientSecret = form.client_secret;
		const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
		if (basic) [clientId, clientSecret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map(decodeURIComponent);
		if (!form.grant_type) throw oauthError(400, 'invalid_request', 'grant_type is missing.');
		if (form.grant_type !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type');
		const app = clientId ? externalApps.get(clientId) : undefined;
		if (!app || app.clientSecret !== clientSecret) throw oauthError(400, 'invalid_client');
		const requested = form.scope === undefined ? app.scopes : form.scope.split(' ').filter(Boolean);
		if (!requested.length || requested.some((s) => !app.scopes.includes(s))) throw oauthError(400, 'invalid_scope');
		const { token, lifetime } = issueToken('externalApp', deployment, requested, app.clientId);
		return { status: 200, body: { access_token: token, expires_in: lifetime, token_type: 'Bearer', scope: requested.join(' ') } };
	}

	function legacyToken(/** @type {import('./common').SimRequest} */ req) {
		const body = isPlainObject(req.body) ? /** @type {Record<string, string>} */ (req.body) : {};
		if (body.grant_type !== 'refresh_token') throw oauthError(403, 'unsupported_grant_type', 'Unsupported grant type: ' + body.grant_type);
		const byClient = legacyUsers.filter((u) => u.clientId === body.client_id);
		if (!byClient.length) throw oauthError(401, 'access_denied', 'Unauthorized');
		const user = byClient.find((u) => u.userKey === body.refresh_token);
		if (!user) throw oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.');
		const { token, lifetime } = issueToken('legacy', 'legacy', null, user.email, user);
		const idToken = issueToken('legacy', 'legacy', null, user.email, user).token;
		tokens.delete(idToken); // an id_token is not an access token
		return { status: 200, body: { access_token: token, id_token: idToken, scope: 'openid profile email offline_access', expires_in: lifetime, token_type: 'Bearer' } };
	}

	function legacyUserOf(/** @type {import('./common').SimRequest} */ req) {
		const info = authenticate(req);
		if (info.kind !== 'legacy' || !info.legacyUser) throw apiError(401, NOT_AUTHENTICATED, 0);
		return info.legacyUser;
	}

	function onPremAuthenticate(/** @type {import('./common').SimRequest} */ req) {
		const fail = (/** @type {string} */ message, /** @type {string | null} */ details = null) =>
			new HttpError(400, {
				message,
				errorCode: 1000,
				traceId: traceId(),
				result: null,
				targetUrl: null,
				success: false,
				error: { code: 0, message, details, validationErrors: null },
				unAuthorizedRequest: false,
				__abp: true,
			});
		if (!String(header(req, 'content-type') ?? '').includes('application/json') || !isPlainObject(req.body)) {
			throw fail('Your request is not valid!', 'Send a JSON body: {"tenancyName","usernameOrEmailAddress","password"}.');
		}
		const body = /** @type {Record<string, unknown>} */ (req.body);
		const missing = ['tenancyName', 'usernameOrEmailAddress', 'password'].filter((k) => typeof body[k] !== 'string' || body[k] === '');
		if (missing.length) throw fail('Your request is not valid!', `The following fields are required: ${missing.join(', ')}.`);
		const user = onPremUsers.find(
			(u) => u.tenancyName === body.tenancyName && (u.username === body.usernameOrEmailAddress || u.email === body.usernameOrEmailAddress) && u.password === body.password,
		);
		if (!user) throw fail('Invalid credentials, failed to login.');
		const { token } = issueToken('onPrem', 'onPrem', null, `${user.tenancyName}\\${user.username}`);
		return { status: 200, body: { result: token, targetUrl: null, success: true, error: null, unAuthorizedRequest: false, __abp: true } };
	}

	// ---- dispatch ----------------------------------------------------------------------------------------------
	/** @returns {Base | undefined} */
	function resolveBase(/** @type {string} */ path) {
		const segs = path.split('/');
		if (segs[3] === 'orchestrator_' || services.has(segs[3])) {
			if (segs[1] !== organization || segs[2] !== tenant) {
				throw apiError(404, `Tenant '${segs[2]}' was not found in organization '${segs[1]}'.`, 0);
			}
			const service = segs[3] === 'orchestrator_' ? undefined : segs[3];
			return { kind: 'cloud', service, prefix: `/${segs[1]}/${segs[2]}/${segs[3]}`, rest: '/' + segs.slice(4).join('/'), tenantKey: `cloud:${segs[1]}/${segs[2]}` };
		}
		const apiRoot = (/** @type {string} */ seg) => ['odata', 'api', 'tasks', 'forms'].includes(seg);
		if (apiRoot(segs[1])) return { kind: 'onPrem', prefix: '', rest: path, tenantKey: 'onPrem' };
		if (apiRoot(segs[3])) {
			const known = legacyUsers.some((u) => u.accounts.some((a) => a.accountLogicalName === segs[1] && a.tenants.some((t) => t.serviceInstanceLogicalName === segs[2])));
			if (!known) return undefined;
			return { kind: 'legacy', prefix: `/${segs[1]}/${segs[2]}`, rest: '/' + segs.slice(3).join('/'), tenantKey: `legacy:${segs[1]}/${segs[2]}`, serviceInstance: segs[2] };
		}
		return undefined;
	}

	/** @param {TokenInfo} info @param {Base} base @param {string} path */
	function tokenFitsBase(info, base, path) {
		if (base.kind === 'cloud') return (info.kind === 'externalApp' && info.deployment === 'cloud') || info.kind === 'pat';
		if (base.kind === 'onPrem') return info.deployment === 'onPrem';
		const [, account, service] = path.split('/');
		return (
			info.kind === 'legacy' &&
			!!info.legacyUser?.accounts.some((a) => a.accountLogicalName === account && a.tenants.some((t) => t.serviceInstanceLogicalName === service))
		);
	}

	/** @param {import('./common').SimRequest} req @param {Record<string, unknown>} entry */
	function handle(req, entry) {
		const { method, path } = req;
		if (path === '/identity_/connect/token' || path === '/identity/connect/token') {
			if (method !== 'POST') throw apiError(405, `The requested resource does not support http method '${method}'.`, 0);
			return connectToken(req, path === '/identity_/connect/token' ? 'cloud' : 'onPrem');
		}
		if (path === '/oauth/token') {
			if (method !== 'POST') throw apiError(405, `The requested resource does not support http method '${method}'.`, 0);
			return legacyToken(req);
		}
		if (path === '/cloudrpa/api/getAccountsForUser' && method === 'GET') {
			const user = legacyUserOf(req);
			entry.tokenKind = 'legacy';
			return { status: 200, body: { userEmail: user.email, accounts: user.accounts.map((a) => ({ accountName: a.accountName, accountLogicalName: a.accountLogicalName })) } };
		}
		const sm = /^\/cloudrpa\/api\/account\/([^/]+)\/getAllServiceInstances$/.exec(path);
		if (sm && method === 'GET') {
			const user = legacyUserOf(req);
			entry.tokenKind = 'legacy';
			const account = user.accounts.find((a) => a.accountLogicalName === sm[1]);
			if (!account) throw apiError(404, `Account '${sm[1]}' was not found for this user.`, 1002);
			return {
				status: 200,
				body: account.tenants.map((t) => ({
					serviceInstanceName: t.serviceInstanceName,
					serviceInstanceLogicalName: t.serviceInstanceLogicalName,
					serviceType: 'ORCHESTRATOR',
					serviceUrl: `${sim.url}/${account.accountLogicalName}/${t.serviceInstanceLogicalName}`,
					serviceState: 'ENABLED',
					userRolesInService: ['Administrator'],
				})),
			};
		}
		if (path === '/api/Account/Authenticate') {
			if (method !== 'POST') throw apiError(405, `The requested resource does not support http method '${method}'.`, 0);
			return onPremAuthenticate(req);
		}

		const base = resolveBase(path);
		const notFound = () => apiError(404, `No HTTP resource was found that matches the request URI '${sim.url}${path}'.`, 0);
		if (!base) throw notFound();
		if (base.service) return serviceHandle(req, entry, base, /** @type {Service} */ (services.get(base.service)));
		entry.deployment = base.kind;
		const candidates = routes.map((r) => ({ r, m: r.pattern.exec(base.rest) })).filter((x) => x.m);
		if (!candidates.length) throw notFound();
		const hit = candidates.find((x) => x.r.method === method);
		if (!hit) throw apiError(405, `The requested resource does not support http method '${method}'.`, 0);
		const route = hit.r;
		entry.route = route.spec;

		const token = authenticate(req);
		entry.tokenKind = token.kind;
		entry.scopes = token.scopes;
		if (!tokenFitsBase(token, base, path)) throw apiError(401, NOT_AUTHENTICATED, 0, { 'www-authenticate': 'Bearer' });
		if (base.kind === 'legacy' && header(req, 'X-UIPATH-TenantName') !== base.serviceInstance) {
			throw apiError(400, `The X-UIPATH-TenantName header must name the service instance of this URL ('${base.serviceInstance}').`, 1000);
		}
		const needed = ROUTE_SCOPES[route.spec];
		if (token.scopes && !needed.some((s) => token.scopes?.includes(s))) {
			throw apiError(403, `You are not authorized! This operation requires the scope ${needed.join(' or ')}.`, 0);
		}
		if (route.limited && base.kind !== 'onPrem') {
			const wait = rate.hit(`${base.tenantKey}|${route.limited}`, listLimit);
			if (wait > 0) {
				throw apiError(429, `Rate limit is exceeded for GET /odata/${route.limited}: ${listLimit} requests a minute per tenant. Try again in ${wait} seconds.`, 0, { 'retry-after': String(wait) });
			}
		}
		/** @type {any} */
		let folder;
		if (route.folder) {
			folder = resolveFolder(req);
			entry.folderId = folder.Id;
		}
		return route.handle({ req, base, token, folder, baseUrl: sim.url + base.prefix }, /** @type {RegExpExecArray} */ (hit.m));
	}

	/**
	 * Platform services beside Orchestrator on the same cloud tenant (`/{organization}/{tenant}/{prefix}/`), e.g.
	 * Data Fabric (`datafabric_`) and Maestro (`pims_`), registered by their modules through `core.addService`. Each has
	 * its own routes (with the scopes each needs), its own error body, and no folder header or rate limit of
	 * Orchestrator's. Cloud tokens only (External Application and PAT): on-premises Orchestrator has neither service.
	 * @typedef {{ method: string, pattern: RegExp, name: string, scopes: string[],
	 *   handle: (ctx: any, m: RegExpExecArray) => { status: number, body?: unknown, headers?: Record<string, string> } }} ServiceRoute
	 * @typedef {{ routes: ServiceRoute[], error: (status: number, message: string) => HttpError }} Service
	 */
	/** @type {Map<string, Service>} */
	const services = new Map();
	const knownScopes = () => [...new Set([...ALL_SCOPES, ...[...services.values()].flatMap((v) => v.routes.flatMap((r) => r.scopes))])];
	/** @param {import('./common').SimRequest} req @param {Record<string, unknown>} entry @param {Base} base @param {Service} service */
	function serviceHandle(req, entry, base, service) {
		entry.deployment = base.kind;
		const candidates = service.routes.map((r) => ({ r, m: r.pattern.exec(base.rest) })).filter((x) => x.m);
		if (!candidates.length) throw service.error(404, `No route matches ${req.method} ${base.rest}.`);
		const hit = candidates.find((x) => x.r.method === req.method);
		if (!hit) throw service.error(405, `The method ${req.method} is not allowed for ${base.rest}.`);
		entry.route = `${base.service} ${hit.r.name}`;
		// A missing, expired or non-cloud token: 401 in the service's own error body.
		const unauthenticated = () => Object.assign(service.error(401, 'The request is not authenticated: send a valid cloud access token.'), { headers: { 'www-authenticate': 'Bearer' } });
		let token;
		try {
			token = authenticate(req);
		} catch {
			throw unauthenticated();
		}
		entry.tokenKind = token.kind;
		entry.scopes = token.scopes;
		if (!tokenFitsBase(token, base, req.path)) throw unauthenticated();
		if (token.scopes && !hit.r.scopes.some((s) => token.scopes?.includes(s))) {
			throw service.error(403, `Forbidden: this request needs the scope ${hit.r.scopes.join(' or ')}.`);
		}
		return hit.r.handle({ req, base, token, baseUrl: sim.url + base.prefix }, /** @type {RegExpExecArray} */ (hit.m));
	}

	// Handlers that take a request before it is read: the FileSystem buckets' storage, on Orchestrator's own origin.
	/** @type {Array<(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean>} */
	const rawHandlers = [];
	const server = await startServer({ port: options.port, clock, faults, log, handle, raw: (req, res) => rawHandlers.some((h) => h(req, res)) });

	// ---- seeding -----------------------------------------------------------------------------------------------
	const folderArg = (/** @type {number} */ id) => {
		const f = folders.get(id);
		if (!f) throw new Error(`No folder ${id}`);
		return f;
	};

	const sim = {
		url: server.url,
		port: server.port,
		close: () => (webhooks.close(), server.close()),
		/** Webhook subscriptions and deliveries: see uipath/webhooks.js. */
		webhooks: webhooks.api,
		clock,
		faults,
		log,
		organization,
		tenant,
		/** Base URL of the Orchestrator API for a deployment (no trailing slash). */
		baseUrl(/** @type {Deployment} */ kind = 'cloud', account = '', serviceInstance = '') {
			if (kind === 'cloud') return `${server.url}/${organization}/${tenant}/orchestrator_`;
			if (kind === 'legacy') return `${server.url}/${account}/${serviceInstance}`;
			return server.url;
		},
		/** Clears the request log, queued faults and the rate-limit windows (not the data). */
		reset() {
			log.length = 0;
			faults.clear();
			rate.reset();
		},
		setListLimitPerMinute(/** @type {number} */ n) {
			listLimit = n;
		},

		/** @param {{ displayName: string, parentId?: number, key?: string, description?: string }} f */
		addFolder(f) {
			const parent = f.parentId != null ? folderArg(f.parentId) : undefined;
			const folder = {
				Id: nextId++,
				Key: (f.key ?? guid()).toLowerCase(),
				DisplayName: f.displayName,
				FullyQualifiedName: parent ? `${parent.FullyQualifiedName}/${f.displayName}` : f.displayName,
				ParentId: parent ? parent.Id : null,
				Description: f.description ?? null,
			};
			folders.set(folder.Id, folder);
			return folderRow(folder);
		},
		/**
		 * @param {{ folderId: number, name: string, processKey?: string, processVersion?: string, key?: string,
		 *   durationMs?: number, queueDelayMs?: number, softStopMs?: number, outcome?: 'Successful' | 'Faulted',
		 *   outputArguments?: object, inputArguments?: string,
		 *   inputArgumentsSchema?: { name: string, type?: string, required?: boolean, hasDefault?: boolean }[],
		 *   jobError?: { code?: string, title?: string, detail?: string, category?: string },
		 *   jobPriority?: 'Low' | 'Normal' | 'High', processType?: string }} r
		 *   A release ("process"); `processType` is its ReleaseDto ProcessType (default Process; ProcessOrchestration or
		 *   CaseManagement make it a Maestro process too, see uipath/maestro.js). Its jobs wait `queueDelayMs` (1000) Pending, run `durationMs` (3000), then end with
		 *   `outcome` (Successful, with `outputArguments` as OutputArguments; or Faulted, with `jobError`). A soft stop
		 *   takes `softStopMs` (1000).
		 */
		addRelease(r) {
			const folder = folderArg(r.folderId);
			const typeOf = (/** @type {unknown} */ v) =>
				typeof v === 'number' ? (Number.isInteger(v) ? 'System.Int32' : 'System.Double') : typeof v === 'boolean' ? 'System.Boolean' : typeof v === 'string' ? 'System.String' : 'System.Object';
			const release = {
				Id: nextId++,
				Key: (r.key ?? guid()).toLowerCase(),
				folderId: folder.Id,
				Name: r.name,
				ProcessKey: r.processKey ?? r.name.replace(/_.*$/, ''),
				ProcessVersion: r.processVersion ?? '1.0.0',
				ProcessType: r.processType ?? 'Process',
				InputArguments: r.inputArguments ?? null,
				argumentsInput: r.inputArgumentsSchema
					? JSON.stringify(r.inputArgumentsSchema.map((a) => ({ name: a.name, type: a.type ?? 'System.String, System.Private.CoreLib', required: a.required ?? false, hasDefault: a.hasDefault ?? false })))
					: null,
				argumentsOutput: r.outputArguments
					? JSON.stringify(Object.entries(r.outputArguments).map(([name, v]) => ({ name, type: `${typeOf(v)}, System.Private.CoreLib`, required: false, hasDefault: false })))
					: null,
				outputArguments: r.outputArguments,
				outcome: r.outcome ?? 'Successful',
				jobError: r.jobError,
				durationMs: r.durationMs ?? 3000,
				queueDelayMs: r.queueDelayMs ?? 1000,
				softStopMs: r.softStopMs ?? 1000,
				JobPriority: r.jobPriority ?? 'Normal',
				SpecificPriorityValue: { Low: 15, Normal: 45, High: 85 }[r.jobPriority ?? 'Normal'],
				FeedId: guid(),
				CreationTime: toTime(now()),
			};
			if (!['Successful', 'Faulted'].includes(release.outcome)) throw new Error(`addRelease: outcome must be Successful or Faulted`);
			if (!RELEASE_PROCESS_TYPES.includes(release.ProcessType)) throw new Error(`addRelease: processType must be one of ${RELEASE_PROCESS_TYPES.join(', ')}`);
			releases.set(release.Id, release);
			return releaseRow(release);
		},
		/** @param {{ folderId?: number, folderIds?: number[], name: string, machineName?: string, username?: string, type?: string }} r */
		addRobot(r) {
			const folderIds = r.folderIds ?? (r.folderId != null ? [r.folderId] : []);
			folderIds.forEach(folderArg);
			const type = r.type ?? 'Unattended';
			if (!ROBOT_TYPES.includes(type)) throw new Error(`addRobot: unknown type ${type}`);
			const id = nextId++;
			const robot = {
				Id: id,
				folderIds,
				Name: r.name,
				MachineName: r.machineName ?? `SIM-HOST-${String(id).padStart(2, '0')}`,
				MachineId: id + 300000,
				MachineKey: guid(),
				Username: r.username ?? `sim\\${r.name.toLowerCase()}`,
				UserId: id + 400000,
				Type: type,
				CreationTime: toTime(now()),
			};
			robots.set(id, robot);
			return robotRow(robot);
		},
		/**
		 * @param {{ folderId: number, name: string, description?: string, enforceUniqueReference?: boolean, maxNumberOfRetries?: number,
		 *   autoProcess?: { startAfterMs?: number, durationMs?: number, outcome?: 'Successful' | 'Failed' | 'Abandoned', output?: object,
		 *   processingException?: { reason?: string, details?: string, type?: 'ApplicationException' | 'BusinessException' } } }} q
		 *   `enforceUniqueReference` defaults to true here (Orchestrator's default is false) so duplicate references fail.
		 *   With `autoProcess`, a robot takes each new item after `startAfterMs` (1000) and finishes it `durationMs` (2000) later.
		 */
		addQueue(q) {
			const folder = folderArg(q.folderId);
			const queue = {
				Id: nextId++,
				Key: guid(),
				folderId: folder.Id,
				Name: q.name,
				Description: q.description ?? null,
				EnforceUniqueReference: q.enforceUniqueReference ?? true,
				MaxNumberOfRetries: q.maxNumberOfRetries ?? 0,
				autoProcess: q.autoProcess,
				CreationTime: toTime(now()),
			};
			queues.set(queue.Id, queue);
			return queueRow(queue);
		},
		/**
		 * @param {{ folderId: number, name: string, valueType: string, value: unknown, description?: string }} a
		 *   Credential values are `{ username, password }`; KeyValueList values are plain objects.
		 */
		addAsset(a) {
			const folder = folderArg(a.folderId);
			if (!ASSET_VALUE_TYPES.includes(a.valueType)) throw new Error(`addAsset: unknown valueType ${a.valueType}`);
			const asset = { Id: nextId++, Key: guid(), folderId: folder.Id, Name: a.name, ValueType: a.valueType, value: a.value, Description: a.description, CreationTime: toTime(now()) };
			assets.set(asset.Id, asset);
			return assetRow(asset);
		},
		/**
		 * Seeds a job directly, e.g. thousands of finished jobs for trigger tests.
		 * @param {{ folderId: number, releaseId?: number, releaseName?: string, state?: string, creationTime?: TimeInput,
		 *   startTime?: TimeInput, endTime?: TimeInput, visibleAt?: TimeInput, inputArguments?: string,
		 *   outputArguments?: object | string, info?: string, jobError?: object, robotId?: number, reference?: string,
		 *   hostMachineName?: string, jobPriority?: string, key?: string }} j
		 *   A finished state (default Successful) gets `endTime` (default now); `visibleAt` later than now makes a late
		 *   write: until then the job reads as Running with no EndTime. Other states are kept as given.
		 */
		addJob(j) {
			const folder = folderArg(j.folderId);
			const release = j.releaseId != null ? releases.get(j.releaseId) : undefined;
			if (j.releaseId != null && (!release || release.folderId !== folder.Id)) throw new Error(`addJob: no release ${j.releaseId} in folder ${folder.Id}`);
			const state = j.state ?? 'Successful';
			if (!JOB_STATES.includes(state)) throw new Error(`addJob: unknown state ${state}`);
			const final = FINAL_JOB_STATES.includes(state);
			const endTime = final ? timeOf(j.endTime ?? now()) : j.endTime != null ? timeOf(j.endTime) : null;
			const startTime = j.startTime != null ? timeOf(j.startTime) : state === 'Pending' ? null : toTime(msOf(endTime ?? toTime(now())) - 1000);
			const creationTime = j.creationTime != null ? timeOf(j.creationTime) : toTime(msOf(startTime ?? endTime ?? toTime(now())) - 500);
			const robot = j.robotId != null ? robots.get(j.robotId) : undefined;
			const id = nextId++;
			const job = {
				Id: id,
				Key: (j.key ?? guid()).toLowerCase(),
				folderId: folder.Id,
				releaseId: release ? release.Id : -1,
				base: {
					State: final ? 'Running' : state,
					CreationTime: creationTime,
					StartTime: startTime,
					JobPriority: j.jobPriority ?? 'Normal',
					SpecificPriorityValue: 45,
					Source: 'Manual',
					SourceType: 'Manual',
					BatchExecutionKey: guid(),
					ReleaseName: release ? release.Name : j.releaseName ?? 'Sim.Process',
					InputArguments: j.inputArguments ?? null,
					RuntimeType: 'Unattended',
					Reference: j.reference ?? '',
					RobotId: robot ? robot.Id : null,
					HostMachineName: j.hostMachineName ?? (robot ? robot.MachineName : 'SIM-HOST-01'),
				},
				/** @type {TimedChange[]} */
				changes: [],
			};
			if (final) {
				const visibleMs = j.visibleAt != null ? msOfInput(j.visibleAt) : msOf(/** @type {string} */ (endTime));
				addChanges(job, [{ at: visibleMs, set: finalFields(state, /** @type {string} */ (endTime), release, j) }]);
			}
			jobs.set(id, job);
			return present(jobRow(job), 'JobDto');
		},
		/**
		 * Ends a job now (or makes it end at `visibleAt`), whatever it was doing, with the given EndTime: an EndTime
		 * earlier than `visibleAt` is a late write.
		 * @param {number} id @param {'Successful' | 'Faulted' | 'Stopped'} state
		 * @param {{ endTime?: TimeInput, visibleAt?: TimeInput, outputArguments?: object | string, info?: string, jobError?: object }} [opts]
		 */
		finishJob(id, state, opts = {}) {
			const job = jobs.get(id);
			if (!job) throw new Error(`finishJob: no job ${id}`);
			if (!FINAL_JOB_STATES.includes(state)) throw new Error(`finishJob: ${state} is not a final state`);
			const t = now();
			const visibleMs = opts.visibleAt != null ? msOfInput(opts.visibleAt) : t;
			const endTime = opts.endTime != null ? timeOf(opts.endTime) : toTime(visibleMs);
			dropFuture(job, t);
			/** @type {Record<string, unknown>} */
			const set = finalFields(state, endTime, releases.get(job.releaseId), opts);
			if (!view(job, t).StartTime) set.StartTime = endTime;
			addChanges(job, [{ at: visibleMs, set }]);
			return present(jobRow(job, Math.max(t, visibleMs)), 'JobDto');
		},
		/** @param {number} id */
		getJob(id) {
			const job = jobs.get(id);
			return job ? present(jobRow(job), 'JobDto') : undefined;
		},
		/** Every job as GET /odata/Jobs({Id}) would show it now, with Robot and Release expanded. */
		get jobs() {
			const t = now();
			const nav = new Map();
			return [...jobs.values()].map((j) => present(jobRow(j, t, nav), 'JobDto'));
		},
		/**
		 * @param {{ queueId?: number, folderId?: number, queueName?: string, priority?: string, specificContent?: object,
		 *   reference?: string, deferDate?: TimeInput, dueDate?: TimeInput }} q
		 */
		addQueueItem(q) {
			const queue = q.queueId != null ? queues.get(q.queueId) : [...queues.values()].find((x) => x.Name === q.queueName && (q.folderId == null || x.folderId === q.folderId));
			if (!queue) throw new Error(`addQueueItem: no such queue`);
			const item = createQueueItem(queue, {
				Priority: q.priority ?? 'Normal',
				SpecificContent: q.specificContent ?? {},
				Reference: q.reference,
				DeferDate: q.deferDate != null ? timeOf(q.deferDate) : undefined,
				DueDate: q.dueDate != null ? timeOf(q.dueDate) : undefined,
			});
			return present(queueItemRow(item), 'QueueItemDto');
		},
		/**
		 * @param {number} id @param {string} status
		 * @param {{ output?: object, processingException?: { reason?: string, details?: string, type?: string },
		 *   startTime?: TimeInput, endTime?: TimeInput, visibleAt?: TimeInput, robotId?: number }} [opts]
		 */
		setQueueItemStatus(id, status, opts = {}) {
			const item = queueItems.get(id);
			if (!item) throw new Error(`setQueueItemStatus: no queue item ${id}`);
			if (!QUEUE_ITEM_STATUSES.includes(status)) throw new Error(`setQueueItemStatus: unknown status ${status}`);
			const t = now();
			const visibleMs = opts.visibleAt != null ? msOfInput(opts.visibleAt) : t;
			dropFuture(item, t);
			const current = view(item, t);
			/** @type {Record<string, unknown>} */
			let set = { Status: status };
			if (status === 'InProgress') set.StartProcessing = opts.startTime != null ? timeOf(opts.startTime) : toTime(visibleMs);
			else if (['Successful', 'Failed', 'Abandoned'].includes(status)) {
				const end = opts.endTime != null ? timeOf(opts.endTime) : toTime(visibleMs);
				set = queueItemOutcome(status, end, opts);
				if (!current.StartProcessing) set.StartProcessing = opts.startTime != null ? timeOf(opts.startTime) : end;
			}
			if (opts.robotId != null) set.RobotId = opts.robotId;
			addChanges(item, [{ at: visibleMs, set }]);
			return present(queueItemRow(item, Math.max(t, visibleMs)), 'QueueItemDto');
		},
		/** Every queue item as GET /odata/QueueItems({Id}) would show it now. */
		get queueItems() {
			const t = now();
			const nav = new Map();
			return [...queueItems.values()].map((i) => present(queueItemRow(i, t, nav), 'QueueItemDto'));
		},
		get folders() {
			return [...folders.values()].map(folderRow);
		},
		get releases() {
			return [...releases.values()].map(releaseRow);
		},

		// ---- identity --------------------------------------------------------------------------------------------
		/** @param {{ clientId: string, clientSecret: string, scopes: string[] }} app */
		addExternalApp(app) {
			externalApps.set(app.clientId, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: [...app.scopes] });
			return app;
		},
		/**
		 * @param {{ clientId: string, userKey: string, email?: string, accounts: { accountName?: string, accountLogicalName: string,
		 *   tenants: (string | { serviceInstanceName?: string, serviceInstanceLogicalName: string })[] }[] }} u
		 */
		addLegacyUser(u) {
			/** @type {LegacyUser} */
			const user = {
				clientId: u.clientId,
				userKey: u.userKey,
				email: u.email ?? 'robot.owner@example.com',
				accounts: u.accounts.map((a) => ({
					accountName: a.accountName ?? a.accountLogicalName,
					accountLogicalName: a.accountLogicalName,
					tenants: a.tenants.map((t) =>
						typeof t === 'string'
							? { serviceInstanceName: t, serviceInstanceLogicalName: t }
							: { serviceInstanceName: t.serviceInstanceName ?? t.serviceInstanceLogicalName, serviceInstanceLogicalName: t.serviceInstanceLogicalName },
					),
				})),
			};
			legacyUsers.push(user);
			return user;
		},
		/**
		 * A personal access token, valid on the cloud base. Scopes default to every scope the simulated routes know (OR and
		 * the platform services').
		 * @param {string} token @param {{ scopes?: string[], expiresAt?: TimeInput }} [opts]
		 */
		addPat(token, opts = {}) {
			const expiresAt = opts.expiresAt != null ? msOfInput(opts.expiresAt) : now() + 365 * 86400_000;
			tokens.set(token, { kind: 'pat', deployment: 'cloud', scopes: opts.scopes ?? knownScopes(), expiresAt, expired: false, subject: 'pat' });
			return token;
		},
		/** @param {{ tenancyName: string, username: string, password: string, email?: string }} u */
		addOnPremUser(u) {
			onPremUsers.push({ ...u });
			return u;
		},
		/**
		 * Issues a token without the token call (for tests of other parts).
		 * @param {{ kind?: 'externalApp' | 'onPrem', deployment?: Deployment, scopes?: string[] | null }} [opts]
		 */
		issueToken(opts = {}) {
			const kind = opts.kind ?? 'externalApp';
			const deployment = opts.deployment ?? (kind === 'onPrem' ? 'onPrem' : 'cloud');
			const scopes = opts.scopes === undefined ? (kind === 'onPrem' ? null : knownScopes()) : opts.scopes;
			return issueToken(kind, deployment, scopes, 'issued-by-test').token;
		},
		/** Expires every token issued so far (not PATs unless `includePats`). */
		expireAllTokens(opts = { includePats: false }) {
			for (const info of tokens.values()) if (info.kind !== 'pat' || opts.includePats) info.expired = true;
		},
		/** @param {'externalApp' | 'legacy' | 'onPrem'} kind @param {number} seconds lifetime of tokens issued from now on */
		setTokenLifetime(kind, seconds) {
			if (!(kind in lifetimes)) throw new Error(`setTokenLifetime: unknown kind ${kind}`);
			lifetimes[kind] = seconds;
		},
		/** Every OR scope the simulated routes know. */
		allScopes: ALL_SCOPES,
		/** The OpenAPI operation each Orchestrator route serves ("GET /odata/Jobs"), for the endpoint audit. */
		routeSpecs: () => routes.map((r) => r.spec),
	};
	// Issue 11 (breadth): each module under uipath/ adds its routes to `routes` and its seed helpers to `sim`.
	const core = {
		sim, routes, folders, releases, robots, queues, assets, jobs, queueItems, clock, faults, log, SCHEMAS, QUEUE_ITEM_NAV,
		newId: () => nextId++, now, guid, ticks, apiError, validated, jsonBody, keyOf, collection, single, present, odataQuery,
		inFolder, byKey, folderArg, authenticate, view, addChanges, dropFuture, jobRow, releaseRow, robotRow, machineRow,
		queueRow, queueItemRow, assetRow, createJob, jobInFolder, finalFields, pickRobot, createQueueItem, queueItemOutcome,
		queueByName, duplicateReference, rawHandlers,
		/** @param {(job: any, release: any) => void} hook called with each job createJob makes (StartJobs, RestartJob) */
		onJobCreated: (hook) => void jobCreatedHooks.push(hook),
		/** @param {string} prefix e.g. 'datafabric_' @param {Service} service */
		addService: (prefix, service) => void services.set(prefix, service),
	};
	for (const extend of BREADTH) await extend(core);
	return sim;
}

module.exports = { startUiPathSimulator, TOKEN_LIFETIMES };
