// Where each UiPath deployment's API lives and how its tokens are obtained. The paths after the base URL are the
// same everywhere (the seed says so too); only authentication differs.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { readErrorBody, sentences } from '../shared/errorBody';
import { credentialUrl } from '../shared/credentialUrl';
import { CredentialRejectedError } from '../shared/http';

export const CLOUD_CREDENTIAL = 'uiPathCloudOAuthApi';
export const ON_PREMISES_CREDENTIAL = 'uiPathOnPremisesApi';
export type UiPathCredentialType = typeof CLOUD_CREDENTIAL | typeof ON_PREMISES_CREDENTIAL;

export const DEFAULT_SCOPES =
	'OR.Jobs OR.Execution OR.Folders.Read OR.Queues OR.Assets.Read OR.Robots.Read OR.Monitoring.Read';

export interface CloudCredentialData {
	authMethod: 'externalApp' | 'apiKey' | 'personalAccessToken';
	cloudUrl: string;
	organization: string;
	tenant: string;
	identityUrl?: string;
	clientId: string;
	clientSecret: string;
	scopes: string;
	refreshToken: string;
	accountLogicalName: string;
	tenantLogicalName: string;
	accountUrl: string;
	platformUrl: string;
	personalAccessToken: string;
	allowUnencryptedHttp?: boolean;
	accessToken?: string;
}

export interface OnPremisesCredentialData {
	authMethod: 'password' | 'externalApp';
	orchestratorUrl: string;
	tenancyName: string;
	username: string;
	password: string;
	clientId: string;
	clientSecret: string;
	scopes: string;
	identityUrl?: string;
	ignoreSslIssues: boolean;
	allowUnencryptedHttp?: boolean;
	accessToken?: string;
}

export type UiPathCredentialData = (CloudCredentialData & { kind?: 'cloud' }) | (OnPremisesCredentialData & { kind?: 'onPremises' });

export function isOnPremises(data: IDataObject): boolean {
	return 'orchestratorUrl' in data;
}

/** A URL field of the credential (see credentialUrl.ts), with the credential's switch for http://. */
function fieldUrl(data: IDataObject, name: string, label: string, fallback?: string): string {
	return credentialUrl(data[name], label, fallback, data.allowUnencryptedHttp === true);
}

/** The base every Orchestrator path (`/odata/...`, `/api/...`) is appended to. */
export function orchestratorBaseUrl(data: IDataObject): string {
	if (isOnPremises(data)) return fieldUrl(data, 'orchestratorUrl', 'Orchestrator URL');
	const cloud = data as unknown as CloudCredentialData;
	if (cloud.authMethod === 'apiKey') {
		return `${fieldUrl(data, 'platformUrl', 'Platform URL', 'https://platform.uipath.com')}/${cloud.accountLogicalName}/${cloud.tenantLogicalName}`;
	}
	return `${fieldUrl(data, 'cloudUrl', 'Cloud URL', 'https://cloud.uipath.com')}/${cloud.organization}/${cloud.tenant}/orchestrator_`;
}

/** UiPath platform services the node calls beside Orchestrator, by their path prefix on the tenant. */
export type PlatformService = 'datafabric_' | 'pims_';
const PLATFORM_SERVICE_NAMES: Record<PlatformService, string> = { datafabric_: 'Data Fabric', pims_: 'Maestro' };

/**
 * The base of a platform service on the credential's tenant (Automation Cloud and Automation Suite:
 * `<Cloud URL>/<organization>/<tenant>/datafabric_`). Standalone Orchestrator has no such service, and the legacy
 * API key's tokens are Orchestrator's only.
 */
export function platformServiceBaseUrl(data: IDataObject, service: PlatformService): string {
	const cloud = data as unknown as CloudCredentialData;
	if (isOnPremises(data) || cloud.authMethod === 'apiKey') {
		const name = PLATFORM_SERVICE_NAMES[service];
		throw new CredentialRejectedError(
			`${name} is a service of UiPath Automation Cloud and Automation Suite, not of a standalone Orchestrator, and the legacy API key reaches Orchestrator only: use a UiPath Cloud OAuth API credential with an External Application (or a personal access token)`,
		);
	}
	return `${fieldUrl(data, 'cloudUrl', 'Cloud URL', 'https://cloud.uipath.com')}/${cloud.organization}/${cloud.tenant}/${service}`;
}

/** The identity server that issues tokens to External Applications. */
export function identityTokenUrl(data: IDataObject): string {
	if (isOnPremises(data)) {
		const onPrem = data as unknown as OnPremisesCredentialData;
		const identity = onPrem.identityUrl?.trim() ? fieldUrl(data, 'identityUrl', 'Identity URL') : `${fieldUrl(data, 'orchestratorUrl', 'Orchestrator URL')}/identity`;
		return `${identity}/connect/token`;
	}
	const cloud = data as unknown as CloudCredentialData;
	const identity = cloud.identityUrl?.trim() ? fieldUrl(data, 'identityUrl', 'Identity URL') : `${fieldUrl(data, 'cloudUrl', 'Cloud URL', 'https://cloud.uipath.com')}/identity_`;
	return `${identity}/connect/token`;
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** Asks for a token as each authentication way requires. Returns undefined when the way needs no token call. */
export async function fetchAccessToken(httpRequest: HttpRequest, data: IDataObject): Promise<string | undefined> {
	const skipSslCertificateValidation = isOnPremises(data) && data.ignoreSslIssues === true;
	if (data.authMethod === 'personalAccessToken') return undefined;
	if (data.authMethod === 'externalApp') {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(data.clientId ?? ''),
			client_secret: String(data.clientSecret ?? ''),
			scope: String(data.scopes || DEFAULT_SCOPES).trim().replace(/\s+/g, ' '),
		});
		const answer = (await httpRequest({
			method: 'POST',
			url: identityTokenUrl(data),
			body: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			skipSslCertificateValidation,
			json: true,
		})) as IDataObject;
		return String(answer.access_token);
	}
	if (data.authMethod === 'apiKey') {
		const cloud = data as unknown as CloudCredentialData;
		const answer = (await httpRequest({
			method: 'POST',
			url: `${fieldUrl(data, 'accountUrl', 'Account URL', 'https://account.uipath.com')}/oauth/token`,
			body: { grant_type: 'refresh_token', client_id: cloud.clientId, refresh_token: cloud.refreshToken },
			json: true,
		})) as IDataObject;
		return String(answer.access_token);
	}
	// On-premises user name and password.
	const onPrem = data as unknown as OnPremisesCredentialData;
	const answer = (await httpRequest({
		method: 'POST',
		url: `${fieldUrl(data, 'orchestratorUrl', 'Orchestrator URL')}/api/Account/Authenticate`,
		body: { tenancyName: onPrem.tenancyName, usernameOrEmailAddress: onPrem.username, password: onPrem.password },
		skipSslCertificateValidation,
		json: true,
	})) as IDataObject;
	return String(answer.result);
}

/** Turns a failed token request into a message that says which field to check; never includes a secret. */
export function explainTokenFailure(error: unknown, data: IDataObject): CredentialRejectedError {
	const response = (error as { response?: { status?: number; data?: IDataObject } }).response ??
		(error as { cause?: { response?: { status?: number; data?: IDataObject } } }).cause?.response;
	const body = (response?.data && typeof response.data === 'object' ? response.data : {}) as IDataObject;
	const code = typeof body.error === 'string' ? body.error : '';
	const said = readErrorBody(response?.data).message ?? (error as Error).message;
	let advice: string;
	if (data.authMethod === 'externalApp') {
		advice =
			code === 'invalid_scope'
				? `The application is not granted one of the scopes asked for ("${String(data.scopes || DEFAULT_SCOPES)}"): add them to the External Application, or ask for fewer.`
				: code === 'invalid_client'
					? 'Check the client ID and client secret of the External Application.'
					: `Check the identity URL (${identityTokenUrl(data)}), client ID, client secret and scopes.`;
	} else if (data.authMethod === 'apiKey') {
		advice = 'Check the client ID and user key (API access in the Automation Cloud admin page).';
	} else {
		advice = 'Check the tenancy name, user name and password.';
	}
	return new CredentialRejectedError(
		sentences(`UiPath refused to issue a token${response?.status ? ` (${response.status})` : ''}: ${said}`, advice),
	);
}
