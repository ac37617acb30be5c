// @ts-check
'use strict';
// Orchestrator keeps times to 100 ns (seven fractional digits: `2020-05-20T14:49:37.9692211Z`), finer than a JS Date.
// The simulator therefore carries every time as a normalized UTC string with exactly seven fractional digits, which
// compares correctly as a plain string, and writes it out the way .NET does (trailing zeros of the fraction dropped).

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an ISO 8601 date-time with a zone (`Z` or `±hh:mm`) into the normalized form, or returns undefined.
 * @param {string} text
 * @returns {string | undefined}
 */
function parseIso(text) {
	const m = ISO.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
	const wholeMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
	const check = new Date(wholeMs);
	// Date.UTC rolls 2026-02-30 over to March: refuse dates that do not exist.
	if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return undefined;
	if (+h > 23 || +mi > 59 || +s > 59) return undefined;
	let offsetMin = 0;
	if (zone !== 'Z') {
		const sign = zone[0] === '-' ? -1 : 1;
		const [oh, om] = zone.slice(1).split(':').map(Number);
		if (oh > 14 || om > 59) return undefined;
		offsetMin = sign * (oh * 60 + om);
	}
	const utc = new Date(wholeMs - offsetMin * 60_000).toISOString().slice(0, 19);
	return `${utc}.${frac.padEnd(7, '0')}Z`;
}

/**
 * Normalizes a time given as epoch milliseconds, a Date or an ISO string; `ticks` (0..9999) adds the 100 ns digits
 * below the millisecond.
 * @param {number | Date | string} value
 * @param {number} [ticks]
 */
function toTime(value, ticks = 0) {
	if (typeof value === 'string') {
		const parsed = parseIso(value);
		if (!parsed) throw new Error(`Not an ISO 8601 date-time with a zone: ${value}`);
		return parsed;
	}
	const ms = value instanceof Date ? value.getTime() : value;
	if (!Number.isFinite(ms)) throw new Error(`Not a time: ${value}`);
	const iso = new Date(Math.floor(ms)).toISOString(); // 2026-01-01T00:00:00.000Z
	return `${iso.slice(0, 23)}${String(ticks).padStart(4, '0')}Z`;
}

/** Epoch milliseconds of a normalized time (the sub-millisecond digits are dropped). @param {string} time */
function msOf(time) {
	return Date.parse(time.slice(0, 23) + 'Z');
}

/** The .NET way of writing a normalized time: `…:37.9692211Z`, `…:37.5Z`, `…:37Z`. @param {string | null} time */
function formatTime(time) {
	if (time == null) return null;
	const frac = time.slice(20, 27).replace(/0+$/, '');
	return time.slice(0, 19) + (frac ? '.' + frac : '') + 'Z';
}

module.exports = { parseIso, toTime, msOf, formatTime };
