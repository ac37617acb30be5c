// n8n's Date & Time fields give wall-clock strings without an offset ("2026-11-20T11:00:00"), meant in the
// workflow's time zone. The APIs want UTC: convert here, without a date library.
import { textOf } from './text';

const OFFSET_SUFFIX = /(Z|[+-]\d\d:?\d\d)$/i;

/** The offset of `timeZone` from UTC at `instant`, in ms (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(instant))
			.map((p) => [p.type, Number(p.value)]),
	);
	const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A Date & Time value as an instant: with an offset as written, without one in `timeZone`. */
export function toInstant(value: string | Date, timeZone = 'UTC'): Date {
	if (value instanceof Date) return value;
	const text = String(value).trim();
	if (OFFSET_SUFFIX.test(text) || !/^\d{4}-\d\d-\d\d/.test(text)) return new Date(text);
	const wallClock = Date.parse(`${text.length === 10 ? `${text}T00:00:00` : text}Z`);
	// The offset depends on the instant (summer time): take it at the first guess, then correct once.
	const guess = wallClock - offsetAt(wallClock, timeZone);
	return new Date(wallClock - offsetAt(guess, timeZone));
}

/**
 * A Date & Time field's value as an ISO 8601 instant (UTC). A value that is not a date (often an expression of the
 * wrong type) fails with a message that names the field, instead of JavaScript's "Invalid time value".
 */
export function isoInstant(value: unknown, timeZone: string | undefined, field: string): string {
	const instant = toInstant(value instanceof Date ? value : String(value), timeZone);
	if (Number.isNaN(instant.getTime())) {
		throw new Error(`"${field}" is not a date: "${textOf(value)}". Give a date and time such as 2026-03-01T09:00:00Z.`);
	}
	return instant.toISOString();
}
