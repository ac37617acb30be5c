// The subscription's signing secret is derived, never stored: the workflow's static data (which n8n's public API,
// its REST API and every workflow export show) keeps only a random salt and a 3-byte check. The secret is
// HMAC-SHA256 keyed with the credential's secret fields over the workflow id, the node id and that salt, so it
// cannot be computed from what a reader of the workflow sees; each publish draws a new salt, which rotates it.
// A process computes it at its first delivery (receive.ts keeps it in memory from then on).
import { createHmac, randomBytes } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** The fields of both UiPath credentials that hold secrets (client secret, personal access token, user key, password). */
const SECRET_FIELDS = ['clientSecret', 'personalAccessToken', 'refreshToken', 'password'];

export interface DerivedSecret {
	/** the value Orchestrator signs with (X-UiPath-Signature) */
	secret: string;
	/** a short, non-secret fingerprint of the credential's secrets: tells a later process whether they changed */
	check: string;
}

export const newSalt = (): string => randomBytes(16).toString('base64url');

async function credentialOf(ctx: IHookFunctions | IWebhookFunctions): Promise<ICredentialDataDecryptedObject> {
	const type = ctx.getNodeParameter('authentication', 'uiPathCloudOAuthApi') as string;
	return await ctx.getCredentials(type);
}

/** The subscription secret for `salt`, or undefined when the credential has no secret field filled in. */
export async function deriveSecret(ctx: IHookFunctions | IWebhookFunctions, salt: string): Promise<DerivedSecret | undefined> {
	const credential = await credentialOf(ctx);
	const parts = SECRET_FIELDS.filter((field) => typeof credential[field] === 'string' && credential[field] !== '').map(
		(field) => [field, credential[field]],
	);
	if (!parts.length) return undefined;
	const key = JSON.stringify(parts);
	const about = `${ctx.getWorkflow().id}:${ctx.getNode().id}:${salt}`;
	const mac = (label: string) => createHmac('sha256', key).update(`n8n-nodes-rpa/uipath-webhook/${label}:${about}`).digest();
	// 3 bytes: enough to notice an edited credential; a guess at its secrets that matches them proves little (one
	// random guess in 16 million does).
	return { secret: mac('secret').toString('base64'), check: mac('check').subarray(0, 3).toString('base64url') };
}
