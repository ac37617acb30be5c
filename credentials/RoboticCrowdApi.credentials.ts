import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	apiBase,
	buildClaims,
	DEFAULT_AUDIENCE,
	requestServerToken,
	scopeForRequest,
	signJwt,
	type RoboticCrowdCredentialData,
} from '../nodes/RoboticCrowd/auth';
import { readErrorBody, sentences } from '../nodes/shared/errorBody';
import { CredentialRejectedError, describeFailure, fetchToken, jsonAnswer } from '../nodes/shared/http';
import { storedToken, tokenForCurrentValues, tokenIssuedForField } from './shared/tokenFingerprint';
import { oneTokenAtATime } from './shared/tokenSingleFlight';

/** The fields a server-issued token depends on: changing any of them drops the stored token. */
const TOKEN_INPUTS = ['accessKeyId', 'secretAccessKey', 'baseUrl', 'authMethod', 'lifetimeSeconds'] as const;

/** The key was refused at POST /v1/token: the API's own message and what to check. */
function serverTokenRefused(error: unknown): CredentialRejectedError {
	const { status, body } = describeFailure(error);
	const said = readErrorBody(body).message;
	return new CredentialRejectedError(
		sentences(
			`Robotic Crowd refused to issue a token${status ? ` (${status})` : ''}${said ? `: ${said}` : ''}`,
			'Check the Robotic Crowd API credential: its access key ID and secret access key, and that the API key may mint tokens (access_token.create)',
		),
	);
}

export class RoboticCrowdApi implements ICredentialType {
	name = 'roboticCrowdApi';

	displayName = 'Robotic Crowd API';

	icon: Icon = { light: 'file:../nodes/RoboticCrowd/roboticCrowd.svg', dark: 'file:../nodes/RoboticCrowd/roboticCrowd.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-rpa/n8n-nodes-rpa#robotic-crowd-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The access_key_id of an API key made in the project settings of Robotic Crowd (AUTORO)',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown once, when the API key is made. With the default method it never leaves n8n.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.roboticcrowd.com',
		},
		{
			displayName: 'Authentication Method',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'Sign Tokens in n8n (Recommended)',
					value: 'localJwt',
					description: 'Each request gets a short-lived JWT signed here with only the scope it needs',
				},
				{
					name: 'Request Tokens From Robotic Crowd',
					value: 'tokenEndpoint',
					description: 'POST /v1/token sends the key and secret to Robotic Crowd; the token is reused until it expires',
				},
			],
			default: 'localJwt',
		},
		{
			displayName: 'Token Lifetime (Seconds)',
			name: 'lifetimeSeconds',
			type: 'number',
			typeOptions: { minValue: 30, maxValue: 86400 },
			default: 300,
			description: 'How long each token stays valid. Tokens cannot be revoked one by one, so keep this short.',
		},
		{
			displayName: 'Token Issuer (Iss)',
			name: 'issuer',
			type: 'options',
			options: [
				{ name: 'console.roboticcrowd.com (Current Reference)', value: 'console' },
				{ name: 'Access Key ID (2019 Reference)', value: 'accessKeyId' },
			],
			default: 'console',
			displayOptions: { show: { authMethod: ['localJwt'] } },
		},
		{
			displayName: 'Scopes Claim Format',
			name: 'scopesFormat',
			type: 'options',
			options: [
				{ name: 'Space-Separated String (Current Reference)', value: 'string' },
				{ name: 'Array (2019 Reference)', value: 'array' },
			],
			default: 'string',
			displayOptions: { show: { authMethod: ['localJwt'] } },
		},
		{
			displayName: 'Token Audience (Aud)',
			name: 'audience',
			type: 'string',
			default: DEFAULT_AUDIENCE,
			displayOptions: { show: { authMethod: ['localJwt'] } },
		},
		{
			displayName: 'Requests per Minute',
			name: 'quotaPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				"Your organisation's quota: 60 a minute for each robot in your contract. n8n spaces requests so a long batch stays under it.",
		},
		{
			displayName: 'Processes Sharing This Quota',
			name: 'processesSharingQuota',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description:
				'In queue mode, how many n8n processes (workers, plus main if a Robotic Crowd Trigger uses this organisation) send requests under this quota: each keeps to Requests per Minute divided by this. With 1, each process still slows down on its own when the server answers 429.',
		},
		{
			displayName: 'Organization (Quota Key)',
			name: 'organization',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			description:
				'Any name for the organisation this API key belongs to. Credentials that give the same name share one quota in each n8n process, as Robotic Crowd counts it. Empty: this key is paced on its own.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long to wait for an answer. A run start that times out is not re-sent (it may have started).',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		tokenIssuedForField,
	];

	// With "Request Tokens From Robotic Crowd", n8n calls this when it has no token yet or a request got a 401,
	// and stores the answer, so one token serves every execution until it expires.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const data = credentials as unknown as RoboticCrowdCredentialData;
		if (data.authMethod !== 'tokenEndpoint') return {};
		// Retried like a read; only a 400/401/403 blames the key.
		const send = async (options: IHttpRequestOptions) =>
			await fetchToken(
				async () => jsonAnswer(await this.helpers.httpRequest({ timeout: (Number(data.timeoutSeconds) || 60) * 1000, ...options })),
				'Robotic Crowd',
				(error) => serverTokenRefused(error),
			);
		// Simultaneous 401s of many executions make one token request in this process, not one each.
		return await oneTokenAtATime(credentials, TOKEN_INPUTS, async () => {
			const { token } = await requestServerToken(send, data, data.lifetimeSeconds);
			return storedToken(token, credentials, TOKEN_INPUTS);
		});
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const data = credentials as unknown as RoboticCrowdCredentialData;
		// A URL without https:// is named here, also by the Test button (n8n would answer a bare "Invalid URL").
		apiBase(data.baseUrl);
		// A server token issued for other values is not sent: the 401 makes n8n fetch one for the values in the form.
		const token =
			data.authMethod === 'tokenEndpoint'
				? tokenForCurrentValues(credentials, TOKEN_INPUTS)
				: await signJwt(
						buildClaims(data, [scopeForRequest(requestOptions.method, requestOptions.url)], data.lifetimeSeconds),
						data.secretAccessKey,
					);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "") + "/v1"}}',
			url: '/workflows',
			qs: { page: 1, per_page: 1 },
		},
		// What n8n shows when the test request fails: by status, instead of the bare status text.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: "Robotic Crowd did not accept the token: check the Access Key ID and Secret Access Key, the n8n host's clock, and the Token Issuer and Scopes Claim Format settings.",
				},
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The API key may not list workflows: give it the session_queue.read scope in Robotic Crowd.' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No Robotic Crowd API at this address: check the API Base URL (default https://api.roboticcrowd.com).' },
			},
		],
	};
}
