// A parameter's value as text for a message or a lookup. An expression may give an object or an array, which
// String() would show as "[object Object]": such values are shown as JSON instead.

export function textOf(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object' && !(value instanceof Date)) {
		try {
			return JSON.stringify(value);
		} catch {
			return Object.prototype.toString.call(value);
		}
	}
	return String(value);
}
