import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type INodeProperties } from 'n8n-workflow';

import { fetchToken, jsonAnswer } from '../../../shared/http';
import { numberParameter } from '../../../shared/numbers';
import { multiOptionsParameter } from '../../../shared/optionsParameter';
import { followRedirects } from '../../../shared/redirects';
import { buildClaims, requestServerToken, requestTimeoutMsOf, signJwt, type RoboticCrowdCredentialData, type Scope } from '../../auth';
import { CREDENTIAL_TYPE, nodeErrorFrom } from '../../transport';

export const option = { name: 'Create', action: 'Create a token', description: 'Mint a JWT to hand to another system' };

export const description: INodeProperties[] = [
	{
		// An agent that may mint tokens can hand out the key's powers (any scopes, printed in its answer): off unless
		// the user turns it on. Shown only on the tool variant (what an AI agent calls).
		displayName: 'Allow AI Agents to Mint Tokens',
		name: 'allowAiAgents',
		type: 'boolean',
		default: false,
		description:
			'Whether an AI agent using this tool may mint tokens. A token carries the API key\'s powers and appears in the agent\'s conversation.',
		displayOptions: { show: { '@tool': [true] } },
	},
	multiOptionsParameter(
		'Scopes',
		'scopes',
		[
			{ name: 'Cancel Runs (Session_queue.delete)', value: 'session_queue.delete' },
			{ name: 'Mint Tokens (Access_token.create)', value: 'access_token.create' },
			{ name: 'Read Runs and Workflows (Session_queue.read)', value: 'session_queue.read' },
			{ name: 'Start Runs (Session_queue.write)', value: 'session_queue.write' },
		],
		['session_queue.read'],
		{ description: 'What the token may do: only what both the token and the API key allow is granted. Signed in n8n only; a token from /v1/token carries the scopes of the key.' },
	),
	{
		displayName: 'Expires In (Seconds)',
		name: 'expiresIn',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'Tokens cannot be revoked one by one (only the whole API key can), so keep this short',
	},
];

/** The tool variant n8n derives for AI agents is named `<node>Tool`. */
function calledByAnAgent(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/** POST /v1/token: the key and secret go in its body, so no redirect to another origin is followed (redirects.ts). */
function tokenRequest(ctx: IExecuteFunctions, timeout: number) {
	return async (options: IHttpRequestOptions) =>
		await fetchToken(
			async () => jsonAnswer(await followRedirects(async (hop) => await ctx.helpers.httpRequest(hop), { timeout, ...options }, { service: 'Robotic Crowd' })),
			'Robotic Crowd',
			(error) => error as Error,
		);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (calledByAnAgent(this) && this.getNodeParameter('allowAiAgents', itemIndex, false) !== true) {
		throw new NodeOperationError(this.getNode(), 'AI agents may not mint Robotic Crowd tokens with this tool', {
			itemIndex,
			description:
				'Token → Create is off for AI agents: a token carries the API key\'s powers. To allow it, turn on "Allow AI Agents to Mint Tokens" in this tool.',
		});
	}
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as RoboticCrowdCredentialData;
	const scopes = this.getNodeParameter('scopes', itemIndex, []) as Scope[];
	const expiresIn = numberParameter.call(this, 'expiresIn', itemIndex, 600, {
		label: 'Expires In',
		what: 'a lifetime a token can have',
		min: 1,
		integer: true,
		advice: 'Give a whole number of seconds, 1 or more (e.g. 600): a token that expires at once is of no use.',
	});
	if (credentials.authMethod === 'tokenEndpoint') {
		// Minting starts no work, so the call is retried like the credential's own token fetch (a 503, a reset, a
		// timeout, a body that is not JSON); only a 400, 401 or 403 is the server refusing the key.
		let answer: IDataObject;
		try {
			answer = await requestServerToken(tokenRequest(this, requestTimeoutMsOf(credentials)), credentials, expiresIn);
		} catch (error) {
			throw nodeErrorFrom(this, error, { method: 'POST', path: '/token', itemIndex });
		}
		return { ...answer, expires_in: expiresIn, minted_by: 'roboticCrowd' };
	}
	if (!scopes.length) {
		throw new NodeOperationError(this.getNode(), 'Pick at least one scope for the token', {
			itemIndex,
			description: 'A token without scopes may do nothing: choose what it may do in Scopes (e.g. Read Runs and Workflows).',
		});
	}
	const claims = buildClaims(credentials, scopes, expiresIn);
	const token = await signJwt(claims, credentials.secretAccessKey);
	return {
		token,
		expires_at: new Date(claims.exp * 1000).toISOString(),
		scopes: claims.scopes,
		minted_by: 'n8n',
	};
}
