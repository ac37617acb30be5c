// Robotic Crowd authenticates every call with a JWT signed by the API key's secret (HS256). We sign locally by
// default so the secret never leaves n8n, give each token only the scope its request needs, and keep it short.
import { SignJWT } from '../../vendor/jose';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { credentialUrl } from '../shared/credentialUrl';
import { credentialNumber } from '../shared/numbers';

export const DEFAULT_AUDIENCE = 'https://api.roboticcrowd.com/';
export const CURRENT_ISSUER = 'console.roboticcrowd.com';
// A token is valid from a minute before it is signed, so an n8n host whose clock runs a little ahead of Robotic
// Crowd's is not refused (nbf in the future); it still expires `lifetime` seconds after signing.
export const CLOCK_TOLERANCE_SECONDS = 60;

export type Scope = 'session_queue.write' | 'session_queue.read' | 'session_queue.delete' | 'access_token.create';

export interface RoboticCrowdCredentialData {
	accessKeyId: string;
	secretAccessKey: string;
	baseUrl: string;
	authMethod: 'localJwt' | 'tokenEndpoint';
	lifetimeSeconds: number;
	issuer: 'console' | 'accessKeyId';
	scopesFormat: 'string' | 'array';
	audience: string;
	quotaPerMinute: number;
	timeoutSeconds: number;
	allowUnencryptedHttp?: boolean;
	accessToken?: string;
}

// The credential's numbers, checked when read: empty is each field's documented default; anything else that does
// not fit names the field (a quota of 0 or NaN would stall the pacer, a timeout of 0 fail every request).
type Numbers = Partial<Record<'lifetimeSeconds' | 'timeoutSeconds' | 'quotaPerMinute' | 'processesSharingQuota', unknown>>;

export function tokenLifetimeOf(credentials: Numbers): number {
	return credentialNumber(credentials.lifetimeSeconds, { label: 'Token Lifetime (Seconds)', what: 'a token lifetime', min: 30, max: 86_400, integer: true, whenEmpty: 300 });
}

export function requestTimeoutMsOf(credentials: Numbers): number {
	return credentialNumber(credentials.timeoutSeconds, { label: 'Request Timeout (Seconds)', what: 'a number of seconds to wait for an answer', min: 1, max: 3600, whenEmpty: 60 }) * 1000;
}

/** Requests per Minute and Processes Sharing This Quota. */
export function quotaOf(credentials: Numbers): { perMinute: number; sharedBy: number } {
	return {
		perMinute: credentialNumber(credentials.quotaPerMinute, { label: 'Requests per Minute', what: 'a number of requests a minute', min: 1, integer: true, whenEmpty: 60 }),
		sharedBy: credentialNumber(credentials.processesSharingQuota, { label: 'Processes Sharing This Quota', what: 'a number of processes', min: 1, integer: true, whenEmpty: 1 }),
	};
}

export interface JwtClaims {
	iss: string;
	sub: string;
	aud: string;
	nbf: number;
	exp: number;
	scopes: string[] | string;
}

/** Signs the claims exactly in the documented order (header `{"alg":"HS256","typ":"JWT"}`). */
export async function signJwt(claims: JwtClaims, secret: string): Promise<string> {
	return await new SignJWT({ ...claims })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.sign(new TextEncoder().encode(secret));
}

/** The older reference calls the token-minting scope `token`; the newer one `access_token.create`. */
function scopeName(scope: Scope, format: RoboticCrowdCredentialData['scopesFormat']): string {
	return scope === 'access_token.create' && format === 'array' ? 'token' : scope;
}

export function buildClaims(
	credentials: Pick<RoboticCrowdCredentialData, 'accessKeyId' | 'issuer' | 'scopesFormat' | 'audience'>,
	scopes: Scope[],
	lifetimeSeconds: number,
	nowSeconds = Math.floor(Date.now() / 1000),
): JwtClaims {
	const names = scopes.map((s) => scopeName(s, credentials.scopesFormat));
	return {
		iss: credentials.issuer === 'accessKeyId' ? credentials.accessKeyId : CURRENT_ISSUER,
		sub: credentials.accessKeyId,
		aud: credentials.audience || DEFAULT_AUDIENCE,
		nbf: nowSeconds - CLOCK_TOLERANCE_SECONDS,
		exp: nowSeconds + lifetimeSeconds,
		scopes: credentials.scopesFormat === 'array' ? names : names.join(' '),
	};
}

/** The one scope a request needs, read off its method and path. */
export function scopeForRequest(method: string | undefined, url: string): Scope {
	const verb = (method ?? 'GET').toUpperCase();
	if (verb === 'DELETE') return 'session_queue.delete';
	if (verb === 'POST' && /\/session_queues\/?$/.test(url.split('?')[0])) return 'session_queue.write';
	if (verb === 'POST' && /\/token\/?$/.test(url.split('?')[0])) return 'access_token.create';
	return 'session_queue.read';
}

/** The API's base; `allowUnencrypted` is the credential's switch for http:// (see credentialUrl.ts). */
export function apiBase(baseUrl: string, allowUnencrypted = false): string {
	return `${credentialUrl(baseUrl, 'API Base URL', 'https://api.roboticcrowd.com', allowUnencrypted)}/v1`;
}

/**
 * Asks Robotic Crowd to mint a token (POST /v1/token). This call authenticates with the key and secret in its body,
 * not with a token, so it goes through the plain HTTP helper.
 */
export async function requestServerToken(
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>,
	credentials: Pick<RoboticCrowdCredentialData, 'baseUrl' | 'accessKeyId' | 'secretAccessKey' | 'allowUnencryptedHttp'>,
	expiresSeconds: number,
): Promise<IDataObject & { token: string }> {
	const answer = (await httpRequest({
		method: 'POST',
		url: `${apiBase(credentials.baseUrl, credentials.allowUnencryptedHttp === true)}/token`,
		body: {
			access_key_id: credentials.accessKeyId,
			secret_access_key: credentials.secretAccessKey,
			expires: expiresSeconds,
		},
		json: true,
	})) as IDataObject;
	const token = answer?.token ?? answer?.access_token ?? answer?.jwt;
	if (typeof token !== 'string' || !token) throw new Error('Robotic Crowd answered POST /v1/token without a token');
	return { ...answer, token };
}
