// The Robotic Crowd configuration of the shared request core: base URL, pacing to the key's quota, the retry rule
// for calls that start work, and the hints per status.
import type {
	NodeApiError,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { readErrorBody } from '../shared/errorBody';
import { describeFailure } from '../shared/http';
import { pacerFor } from '../shared/pacer';
import { serviceError, serviceRequest, type ServiceConfig } from '../shared/transport';
import { apiBase, quotaOf, requestTimeoutMsOf } from './auth';

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
	/** the operation's own end (a wait's deadline): see ServiceRequest */
	signal?: AbortSignal;
}

const roboticCrowd: ServiceConfig<RequestSpec> = {
	service: 'Robotic Crowd',
	credentialType: () => CREDENTIAL_TYPE,
	baseUrl: (credentials) => apiBase(credentials.baseUrl as string, credentials.allowUnencryptedHttp === true),
	// The quota is counted per organisation: keys that name one organisation share one pacer; otherwise one per key.
	pacer: (credentials) => {
		const quota = quotaOf(credentials);
		const org = String(credentials.organization ?? '').trim();
		return pacerFor(`roboticCrowd:${String(credentials.baseUrl)}:${org ? `org:${org}` : `key:${String(credentials.accessKeyId)}`}`, quota.perMinute, quota.sharedBy);
	},
	timeoutMs: requestTimeoutMsOf,
	// One rule for both services: only a 429 proves a run was not created (the quota is checked first). A 503 may
	// come from a proxy after Robotic Crowd created the run, so a create is not re-sent after it.
	startsWorkRetryStatuses: [429],
	hints: {
		byStatus: {
			400: {
				message: 'Robotic Crowd rejected the request as invalid (400)',
				description: (spec) =>
					spec.method === 'DELETE'
						? 'Only a queued or running run can be cancelled: a finished one answers 400. Session Queue → Get shows its status.'
						: spec.method === 'POST'
							? 'Check the workflow ID and the parameters sent with it.'
							: 'Check the filters and paging values sent.',
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
				description: "Check the ID. Robotic Crowd also answers 404 when the API key's project may not see the resource.",
			},
			406: {
				message: 'Robotic Crowd refused the request format (406)',
				description: 'The request must be JSON. If this persists, report it with the execution data.',
			},
			429: {
				message: "The organisation's request quota is used up (429)",
				description:
					'n8n waited two minutes for the quota to free up, but it stayed used up. Set "Requests per Minute" in the credential to what your contract allows (60 per robot); in queue mode set "Processes Sharing This Quota" to the number of n8n processes that use keys of this organisation; or spread the work out.',
			},
			500: {
				message: 'Robotic Crowd had an internal error (500)',
				description: 'Try again later. If the request started a run, check the run list before starting it again.',
			},
			503: {
				message: 'Robotic Crowd is unavailable (503)',
				description: (spec) =>
					spec.method === 'POST'
						? 'The request was not re-sent, as a 503 can come after the run was started: check the run list before trying again.'
						: 'n8n retried and gave up. Try again later.',
			},
		},
		otherwise: (status) => ({ message: `Robotic Crowd answered ${status}` }),
	},
	readBody: (body) => ({ message: readErrorBody(body).message }),
	notResent: (spec) =>
		spec.method === 'POST'
			? 'The request was not re-sent, as it may have started a run: check the run list before trying again.'
			: undefined,
	checkReach: "Check the credential's API base URL and the network between n8n and Robotic Crowd.",
};

/** Every HTTP call of the Robotic Crowd nodes made with the credential's token goes through here. */
export async function roboticCrowdRequest<T = IDataObject>(ctx: RoboticCrowdContext, spec: RequestSpec): Promise<T> {
	return await serviceRequest<T, RequestSpec>(ctx, roboticCrowd, spec);
}

/** For the few calls made without the credential's token (POST /v1/token): the same error, from the raw failure. */
export function nodeErrorFrom(ctx: RoboticCrowdContext, error: unknown, spec: RequestSpec): NodeApiError {
	return serviceError(ctx.getNode(), roboticCrowd, describeFailure(error), spec);
}
