import { toInstant } from '../../nodes/shared/time';

describe('Date & Time values in the workflow time zone', () => {
	it('keeps values that carry an offset', () => {
		expect(toInstant('2026-11-20T11:00:00Z', 'Asia/Tokyo').toISOString()).toBe('2026-11-20T11:00:00.000Z');
		expect(toInstant('2026-11-20T11:00:00+09:00', 'Europe/Berlin').toISOString()).toBe('2026-11-20T02:00:00.000Z');
	});

	it('reads wall-clock values in the given zone, summer time included', () => {
		expect(toInstant('2026-11-20T11:00:00', 'Asia/Tokyo').toISOString()).toBe('2026-11-20T02:00:00.000Z');
		expect(toInstant('2026-07-01T12:00:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
		expect(toInstant('2026-01-01T12:00:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T11:00:00.000Z');
		expect(toInstant('2026-11-20', 'America/New_York').toISOString()).toBe('2026-11-20T05:00:00.000Z');
		expect(toInstant('2026-11-20T11:00:00', 'UTC').toISOString()).toBe('2026-11-20T11:00:00.000Z');
	});
});
