// Turning a failed call into the n8n error users see: the parts that do not depend on the service.
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { HttpFailure } from './http';

export interface Wording {
	/** the service as the user knows it, e.g. "UiPath Orchestrator" */
	service: string;
	/** said when a call that may have started work got no answer (it is not re-sent) */
	notResent?: string;
	/** said when no answer came to a call that may be sent again */
	checkReach: string;
}

/** Message and advice for failures that carry no API answer to word: no token, no answer, or no JSON. */
export function describeWithoutAnswer(failure: HttpFailure, wording: Wording): { message: string; description: string } | undefined {
	if (failure.credentialRejected) {
		return { message: failure.credentialRejected, description: 'Fix the credential, then use its Test button to check it.' };
	}
	if (failure.malformed) {
		return {
			message: `${wording.service} answered with a body that is not valid JSON`,
			description: `This is usually a proxy or an outage in front of ${wording.service}. Try again later.`,
		};
	}
	if (failure.timedOut || failure.noResponse) {
		return {
			message: failure.timedOut ? `${wording.service} did not answer in time` : `Could not reach ${wording.service}`,
			description: wording.notResent ?? wording.checkReach,
		};
	}
	return undefined;
}

/** The n8n error, built from the sanitized failure only: no request, header or token goes into it. */
export function apiError(
	node: INode,
	failure: HttpFailure,
	text: { message: string; description: string },
	itemIndex: number | undefined,
	extra: JsonObject = {},
): NodeApiError {
	return new NodeApiError(
		node,
		{ message: text.message, status: failure.status ?? null, ...extra, body: (failure.body ?? null) as JsonObject } as JsonObject,
		{ ...text, httpCode: failure.status ? String(failure.status) : undefined, itemIndex },
	);
}
