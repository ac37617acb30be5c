import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestHelper, INodeProperties, Icon } from 'n8n-workflow';

import {
	apiBase,
	buildClaims,
	DEFAULT_AUDIENCE,
	requestServerToken,
	requestTimeoutMsOf,
	scopeForRequest,
	signJwt,
	tokenLifetimeOf,
	type RoboticCrowdCredentialData,
} from '../nodes/RoboticCrowd/auth';

import { readErrorBody, sentences } from '../nodes/shared/errorBody';
import { CredentialRejectedError, describeFailure, jsonAnswer } from '../nodes/shared/http';
import { optionsParameter } from '../nodes/shared/optionsParameter';
import { type Authenticate, credentialTest, showFor, unencryptedHttpField, withBearer } from './shared/classMembers';
import { issuedToken } from './shared/issuedToken';
import { storedTokenFields, tokenForCurrentValues } from './shared/tokenFingerprint';

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
		optionsParameter('Authentication Method', 'authMethod', [
			['Sign Tokens in n8n (Recommended)', 'localJwt', 'Each request gets a short-lived JWT signed here with only the scope it needs'],
			[
				'Request Tokens From Robotic Crowd',
				'tokenEndpoint',
				'POST /v1/token sends the key and secret to Robotic Crowd; the token is reused until it expires',
			],
		]),
		{
			displayName: 'Token Lifetime (Seconds)',
			name: 'lifetimeSeconds',
			type: 'number',
			typeOptions: { minValue: 30, maxValue: 86400 },
			default: 300,
			description: 'How long each token stays valid. Tokens cannot be revoked one by one, so keep this short.',
		},
		optionsParameter(
			'Token Issuer (Iss)',
			'issuer',
			[
				['console.roboticcrowd.com (Current Reference)', 'console'],
				['Access Key ID (2019 Reference)', 'accessKeyId'],
			],
			{ displayOptions: showFor(['localJwt']) },
		),
		optionsParameter(
			'Scopes Claim Format',
			'scopesFormat',
			[
				['Space-Separated String (Current Reference)', 'string'],
				['Array (2019 Reference)', 'array'],
			],
			{ displayOptions: showFor(['localJwt']) },
		),
		{
			displayName: 'Token Audience (Aud)',
			name: 'audience',
			type: 'string',
			default: DEFAULT_AUDIENCE,
			displayOptions: showFor(['localJwt']),
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
		unencryptedHttpField,
		...storedTokenFields,
	];

	// With "Request Tokens From Robotic Crowd", n8n calls this when it has no token yet or a request got a 401,
	// and stores the answer, so one token serves every execution until it expires.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const data = credentials as unknown as RoboticCrowdCredentialData;
		if (data.authMethod !== 'tokenEndpoint') return {};
		return await issuedToken(this, credentials, TOKEN_INPUTS, {
			service: 'Robotic Crowd',
			timeoutMs: requestTimeoutMsOf(data),
			read: jsonAnswer,
			refused: serverTokenRefused,
			issue: async (send) => (await requestServerToken(send, data, tokenLifetimeOf(data))).token,
		});
	}

	authenticate: Authenticate = async (credentials, requestOptions) => {
		const data = credentials as unknown as RoboticCrowdCredentialData;
		// A URL without https:// is named here, also by the Test button (n8n would answer a bare "Invalid URL").
		const base = apiBase(data.baseUrl, data.allowUnencryptedHttp === true);
		// A server token issued for other values is not sent: the 401 makes n8n fetch one for the values in the form.
		const token =
			data.authMethod === 'tokenEndpoint'
				? tokenForCurrentValues(credentials, TOKEN_INPUTS)
				: await signJwt(
						buildClaims(data, [scopeForRequest(requestOptions.method, requestOptions.url)], tokenLifetimeOf(data)),
						data.secretAccessKey,
					);
		return withBearer(requestOptions, token, { base, service: 'Robotic Crowd' });
	};

	test = credentialTest(
		{
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "") + "/v1"}}',
			url: '/workflows',
			qs: { page: 1, per_page: 1 },
		},
		{
			401: "Robotic Crowd did not accept the token: check the Access Key ID and Secret Access Key, the n8n host's clock, and the Token Issuer and Scopes Claim Format settings.",
			403: 'The API key may not list workflows: give it the session_queue.read scope in Robotic Crowd.',
			404: 'No Robotic Crowd API at this address: check the API Base URL (default https://api.roboticcrowd.com).',
		},
	);
}
