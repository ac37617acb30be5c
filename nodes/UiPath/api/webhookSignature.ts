// What a delivery from Orchestrator must prove: its X-UiPath-Signature over the raw body, its JSON, its Type,
// EventId and Timestamp. The UiPath Webhook Trigger and the UiPath node's durable waits both check deliveries so.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

export type Verdict = { ok: true; event: IDataObject; sentAt: number } | { ok: false; reason: string };

/** base64(HMAC-SHA256(secret, body)): the value of X-UiPath-Signature. */
export function signatureOf(secret: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}

function signatureMatches(secret: string, rawBody: Buffer, header: string): boolean {
	const given = Buffer.from(header.trim().replace(/^sha256=/i, ''));
	const expected = Buffer.from(signatureOf(secret, rawBody));
	// timingSafeEqual needs equal lengths; a length says nothing about the secret.
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Checks signature, then JSON, then that the event has a Type, an EventId and a Timestamp (its age: tooOld). */
export function verifyDelivery(input: {
	rawBody: Buffer | undefined;
	signature: string | undefined;
	secret: string;
}): Verdict {
	const { rawBody, signature, secret } = input;
	if (!rawBody?.length) return { ok: false, reason: 'Empty delivery' };
	if (!signature) return { ok: false, reason: 'Missing X-UiPath-Signature header' };
	if (!signatureMatches(secret, rawBody, signature)) return { ok: false, reason: 'Invalid X-UiPath-Signature' };
	let event: IDataObject;
	try {
		event = JSON.parse(rawBody.toString('utf8')) as IDataObject;
	} catch {
		return { ok: false, reason: 'The delivery is not JSON' };
	}
	if (!event || typeof event !== 'object' || typeof event.Type !== 'string' || !event.EventId) {
		return { ok: false, reason: 'The delivery has no Type or EventId' };
	}
	const sentAt = Date.parse(String(event.Timestamp ?? ''));
	if (Number.isNaN(sentAt)) return { ok: false, reason: 'The delivery has no valid Timestamp' };
	return { ok: true, event, sentAt };
}

/** Why a delivery dated `sentAt` is refused, or undefined. `maxAgeMs` 0 accepts any age; a Timestamp further ahead
 * than the limit (a clock that runs fast) is refused the same way. */
export function tooOld(sentAt: number, now: number, maxAgeMs: number): string | undefined {
	if (maxAgeMs > 0 && Math.abs(now - sentAt) > maxAgeMs) {
		return `Stale delivery: its Timestamp is more than ${maxAgeMs / 1000} s from now`;
	}
	return undefined;
}

