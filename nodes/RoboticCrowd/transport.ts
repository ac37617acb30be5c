// Every HTTP call of the Robotic Crowd nodes: base URL, paced to the key's quota, retried within a bound,
// and every failure turned into an n8n error that says what happened and what to do.
import {
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { apiError, describeWithoutAnswer } from '../shared/errors';
import { describeFailure, jsonAnswer, pacerFor, withRetries, type HttpFailure } from '../shared/http';
import { apiBase, type RoboticCrowdCredentialData } from './auth';

export const CREDENTIAL_TYPE = 'roboticCrowdApi';

export type RoboticCrowdContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** path under /v1, e.g. `/session_queues` */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** reads may be re-sent after a timeout or 5xx; a create never is */
	idempotent?: boolean;
	itemIndex?: number;
}

const HINTS: Record<number, { message: string; description: string }> = {
	400: {
		message: 'Robotic Crowd rejected the request as invalid (400)',
		description: 'Check the workflow ID and the parameters sent with it.',
	},
	401: {
		message: 'Robotic Crowd did not accept the token (401)',
		description:
			"Check the credential's access key ID and secret access key, that the n8n host's clock is right (tokens carry nbf/exp), and the token issuer and scopes format settings.",
	},
	403: {
		message: 'The API key is not allowed to do this (403)',
		description:
			'The API key (or the token) lacks the scope this operation needs: session_queue.write to start runs, session_queue.read to list runs and workflows, session_queue.delete to cancel. Edit the API key in Robotic Crowd.',
	},
	404: {
		message: 'Robotic Crowd found no such resource (404)',
		description:
			"Check the ID. Robotic Crowd also answers 404 when the API key's project may not see the resource.",
	},
	406: {
		message: 'Robotic Crowd refused the request format (406)',
		description: 'The request must be JSON. If this persists, report it with the execution data.',
	},
	429: {
		message: "The organisation's request quota is used up (429)",
		description:
			'n8n waited and retried, but the quota stayed exhausted. Lower "Requests per Minute" in the credential to what your contract allows (60 per robot), or spread the work out.',
	},
	500: {
		message: 'Robotic Crowd had an internal error (500)',
		description: 'Try again later. If the request started a run, check the run list before starting it again.',
	},
	503: {
		message: 'Robotic Crowd is unavailable (503)',
		description: 'n8n retried and gave up. Try again later.',
	},
};

function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.slice(0, 500) || undefined;
	if (body && typeof body === 'object') {
		const b = body as IDataObject;
		const text = b.message ?? b.error ?? b.errors;
		if (text !== undefined) return typeof text === 'string' ? text : JSON.stringify(text);
	}
	return undefined;
}

/** The n8n error for a failed call: what happened, what to do, and the API's own message. */
export function toNodeError(ctx: RoboticCrowdContext, failure: HttpFailure, spec: RequestSpec): NodeApiError {
	const hint = failure.status ? HINTS[failure.status] : undefined;
	const text = describeWithoutAnswer(failure, {
		service: 'Robotic Crowd',
		notResent:
			spec.method === 'POST'
				? 'The request was not re-sent, as it may have started a run: check the run list before trying again.'
				: undefined,
		checkReach: "Check the credential's API base URL and the network between n8n and Robotic Crowd.",
	}) ?? { message: hint?.message ?? `Robotic Crowd answered ${failure.status}`, description: hint?.description ?? '' };
	const serverSays = apiMessage(failure.body);
	if (serverSays) text.message = `${text.message}: ${serverSays}`;
	return apiError(ctx.getNode(), failure, text, spec.itemIndex);
}

export async function roboticCrowdRequest<T = IDataObject>(ctx: RoboticCrowdContext, spec: RequestSpec): Promise<T> {
	const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as RoboticCrowdCredentialData;
	const pacer = pacerFor(`roboticCrowd:${credentials.baseUrl}:${credentials.accessKeyId}`, credentials.quotaPerMinute || 60);
	const send = async () => {
		await pacer.acquire();
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: spec.method,
			url: `${apiBase(credentials.baseUrl)}${spec.path}`,
			qs: spec.qs,
			body: spec.body,
			json: true,
			timeout: (credentials.timeoutSeconds || 60) * 1000,
		})) as unknown;
		return jsonAnswer<T>(response);
	};
	return await withRetries(send, { idempotent: spec.idempotent ?? spec.method === 'GET' }, (failure) =>
		toNodeError(ctx, failure, spec),
	);
}

/** For the few calls made without the credential's token (POST /v1/token): the same error, from the raw failure. */
export function nodeErrorFrom(ctx: RoboticCrowdContext, error: unknown, spec: RequestSpec): NodeApiError {
	return toNodeError(ctx, describeFailure(error), spec);
}
