// The UiPath configuration of the shared request core: base URL per deployment, the folder header, pacing of the
// rate-limited list calls, the retry rule for calls that start work, and the hints per status and errorCode.
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { readErrorBody } from '../shared/errorBody';
import { credentialNumber } from '../shared/numbers';
import { pacerFor } from '../shared/pacer';
import { serviceRequest, type ServiceConfig } from '../shared/transport';
import { CLOUD_CREDENTIAL, orchestratorBaseUrl, platformServiceBaseUrl, type PlatformService, type UiPathCredentialType } from './auth';

export type UiPathContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** A folder as the user named it: its numeric Id, its path (Shared/Finance) or its Key (GUID). */
export interface FolderRef {
	by: 'id' | 'path' | 'key';
	value: string;
}

/** A Folder parameter (resource locator) as the transport sends it; undefined when it is empty. */
export function folderRefFrom(locator: { mode?: string; value?: unknown } | undefined): FolderRef | undefined {
	const value = String(locator?.value ?? '').trim();
	if (!value) return undefined;
	return { by: locator?.mode === 'list' ? 'key' : locator?.mode === 'path' ? 'path' : 'id', value };
}

export interface UiPathRequest {
	method: IHttpRequestMethods;
	/** path after the Orchestrator base, e.g. `/odata/Jobs` */
	path: string;
	/** a UiPath platform service beside Orchestrator on the same tenant: `path` is after its base (Data Fabric) */
	platformService?: PlatformService;
	/** a full URL instead of base + path (the legacy cloud's account discovery lives on another host) */
	url?: string;
	qs?: IDataObject;
	body?: IDataObject;
	folder?: FolderRef;
	/** reads may be re-sent after a timeout or 5xx; starting jobs and adding queue items never are */
	idempotent?: boolean;
	itemIndex?: number;
	/** the application scope(s) this call needs, named in a 403 */
	scopes?: string;
	/** what to do when UiPath answers 404 */
	notFoundHint?: string;
	/** answer is not JSON (e.g. 200 with no body) */
	expectEmpty?: boolean;
	/** bytes sent as they are, with their Content-Type (a multipart upload): see ServiceRequest */
	rawBody?: { data: Buffer; contentType: string };
	/** the answer as bytes with its headers (a file download): see ServiceRequest */
	binaryAnswer?: boolean;
	/** the operation's own end (a wait's deadline): see ServiceRequest */
	signal?: AbortSignal;
}

/** Which credential the node uses: its "Authentication" parameter, or the cloud one. */
export function credentialTypeOf(ctx: UiPathContext): UiPathCredentialType {
	try {
		return ctx.getNodeParameter('authentication', 0, CLOUD_CREDENTIAL) as UiPathCredentialType;
	} catch {
		return CLOUD_CREDENTIAL;
	}
}

/** OData string literal: quoted with ' and a ' inside doubled. */
export function odataString(value: string): string {
	return `'${String(value).replace(/'/g, "''")}'`;
}

export function folderHeaders(folder: FolderRef | undefined): Record<string, string> {
	if (!folder || folder.value === '') return {};
	const value = String(folder.value).trim();
	if (folder.by === 'id') return { 'X-UIPATH-OrganizationUnitId': value };
	if (folder.by === 'key') return { 'X-UIPATH-FolderKey': value };
	// HTTP headers carry ASCII only: other paths go base64-encoded as UTF-16LE, as Orchestrator expects.
	return /^[\x20-\x7e]*$/.test(value)
		? { 'X-UIPATH-FolderPath': value }
		: { 'X-UIPATH-FolderPath-Encoded': Buffer.from(value, 'utf16le').toString('base64') };
}

/** The list calls Automation Cloud rate-limits per tenant. */
const LIST_CALLS = /^\/odata\/(Jobs|QueueItems)\/?$/;

/**
 * The cloud credential's "Job and Queue Item Lists per Minute" (0: no pacing): empty is its default, 100. The
 * on-premises credential has no such field, and its list calls are not paced.
 */
function listCallsPerMinuteOf(credentials: IDataObject): number {
	if (!('listCallsPerMinute' in credentials)) return 0;
	const rule = { label: 'Job and Queue Item Lists per Minute', what: 'a number of list calls a minute', min: 0, integer: true, whenEmpty: 100 };
	return credentialNumber(credentials.listCallsPerMinute, rule);
}

/** What to look for when a call that starts work may have been carried out without an answer reaching n8n. */
function notResentAdvice(request: UiPathRequest): string | undefined {
	if (request.method !== 'POST' || request.idempotent !== false) return undefined;
	if (request.path.includes('StartJobs')) {
		return 'A job may already have been started: look for it with Job → Get Many (this process, created in the last minutes) before starting it again. The request was not re-sent.';
	}
	if (request.path.includes('QueueItems')) {
		return 'The item may already be in the queue: look for it with Queue Item → Get Many (its Reference) before adding it again. The request was not re-sent.';
	}
	return 'The request was not re-sent, as it may have been carried out: check Orchestrator before trying again.';
}

const uiPath: ServiceConfig<UiPathRequest> = {
	service: 'UiPath Orchestrator',
	credentialType: credentialTypeOf,
	baseUrl: (credentials, request) =>
		request.platformService ? platformServiceBaseUrl(credentials, request.platformService) : orchestratorBaseUrl(credentials),
	pacer: (credentials, request, base) => {
		if (request.method !== 'GET' || !LIST_CALLS.test(request.path)) return undefined;
		const perMinute = listCallsPerMinuteOf(credentials);
		return perMinute > 0 ? pacerFor(`uipath:${base}:lists`, perMinute) : undefined;
	},
	headers: (request) => ({ Accept: 'application/json', ...folderHeaders(request.folder) }),
	timeoutMs: () => 60_000,
	// One rule for both services: a 503 can come from a proxy after Orchestrator took the call, so only a 429 proves
	// a job start or a queue item add was not carried out.
	startsWorkRetryStatuses: [429],
	hints: {
		byErrorCode: {
			1100: {
				message: 'UiPath found no such folder (UiPath error 1100)',
				description:
					'The Folder field names a folder that does not exist or that the credential may not see: pick it from the list, or check the path (e.g. Shared/Finance) or ID. Folder → Get Many lists the folders the credential can see.',
			},
			1101: {
				message: 'This operation needs a folder (UiPath error 1101)',
				description: 'Pick a folder in the Folder field: from the list, by path (e.g. Shared/Finance) or by ID.',
			},
		},
		byStatus: {
			400: { message: 'UiPath rejected the request (400)' },
			401: {
				message: 'UiPath did not accept the credential (401)',
				description: (_request, credentials) =>
					credentials.authMethod === 'personalAccessToken'
						? 'The personal access token was refused: it may have expired or been revoked, or belong to another organization. Make a new one in your UiPath user preferences and paste it into the credential.'
						: 'n8n got a new token and tried once more. Check the credential, and that its user or application may use this tenant.',
			},
			403: {
				message: 'The credential is not allowed to do this (403)',
				description: (request) =>
					request.scopes
						? `This operation needs the application scope ${request.scopes}: grant it to the External Application and add it to the credential's Scopes, or give the user the matching permission in this folder.`
						: "The credential's user or application lacks a permission or scope for this operation in this folder.",
			},
			404: {
				message: 'UiPath found no such item (404)',
				description: (request) =>
					request.notFoundHint ??
					"Check the ID and the folder. If they are right, check the credential's organization or tenant: UiPath answers 404 for another tenant's paths too.",
			},
			409: { message: 'UiPath reports a conflict (409)' },
			429: {
				message: 'UiPath rate limit reached (429)',
				description:
					'n8n waited and retried, but the limit held. Automation Cloud allows 100 job and queue item list calls a minute per tenant: spread the work out or use fewer list calls.',
			},
		},
		otherwise: (status) => ({
			message: status ? `UiPath Orchestrator answered ${status}` : 'The call to UiPath failed',
			description: status && status >= 500 ? 'Try again later.' : '',
		}),
	},
	readBody: readErrorBody,
	errorCodeSuffix: (errorCode) => (String(errorCode) === '0' ? undefined : `(UiPath error ${errorCode})`),
	notResent: notResentAdvice,
	checkReach: "Check the credential's URL and the network between n8n and Orchestrator.",
};

/** Every HTTP call of the UiPath nodes goes through here. */
export async function uiPathRequest<T = IDataObject>(ctx: UiPathContext, request: UiPathRequest): Promise<T> {
	return await serviceRequest<T, UiPathRequest>(ctx, uiPath, request);
}
