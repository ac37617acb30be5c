// Every number a user or an expression sets (waits, intervals, limits, counts, lifetimes, quotas) is read here.
// n8n enforces a number field's minimum only in the editor: an expression can give nothing, text, NaN, Infinity,
// 0 or a negative number, which would make a deadline NaN or an interval 0 (a wait that spins), or reach the API.
// Each is refused when read, naming the field, the value given and what it takes; a field whose description
// documents a default for "empty" (the credentials' numbers, Form Layout ID's 0) uses that default instead.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { CredentialRejectedError } from './http';
import { textOf } from './text';

export interface NumberRule {
	/** the field as the user sees it, e.g. "Timeout (Seconds)" */
	label: string;
	/** what the field holds, after "is not", e.g. "a number of seconds to wait" */
	what: string;
	min?: number;
	max?: number;
	integer?: boolean;
	/** what to give instead; said from the range when not given */
	advice?: string;
	/** the default the field documents for an empty value (an expression that gave nothing) */
	whenEmpty?: number;
	/** a number given is shown in quotes too (that field's message always read so) */
	quoted?: boolean;
}

export type NumberCheck = { value: number } | { message: string; description: string };

// Plain decimal notation only: Number() would also take '0x10', '1e999' (Infinity) and whitespace as numbers.
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d{1,3})?$/i;

/** What the field takes, e.g. "a whole number from 30 to 86400". */
export function rangeOf(rule: Pick<NumberRule, 'min' | 'max' | 'integer'>): string {
	const kind = rule.integer ? 'a whole number' : 'a number';
	if (rule.min !== undefined && rule.max !== undefined) return `${kind} from ${rule.min} to ${rule.max}`;
	if (rule.min !== undefined) return `${kind}, ${rule.min} or more`;
	if (rule.max !== undefined) return `${kind}, ${rule.max} or less`;
	return kind;
}

/** The number in `given` if it fits `rule`, or the words of the refusal. */
export function numberFrom(given: unknown, rule: NumberRule): NumberCheck {
	const text = typeof given === 'string' ? given.trim() : undefined;
	const empty = given === undefined || given === null || text === '';
	if (empty && rule.whenEmpty !== undefined) return { value: rule.whenEmpty };
	const value = typeof given === 'number' ? given : text !== undefined && DECIMAL.test(text) ? Number(text) : NaN;
	const inRange = !(rule.min !== undefined && value < rule.min) && !(rule.max !== undefined && value > rule.max);
	if (Number.isFinite(value) && inRange && (!rule.integer || Number.isInteger(value))) return { value };
	const shown = typeof given === 'number' && !rule.quoted ? String(given) : `"${textOf(given)}"`;
	return {
		message: empty ? `${rule.label} is empty, not ${rule.what}` : `${rule.label} ${shown} is not ${rule.what}`,
		description: rule.advice ?? `Give ${rangeOf(rule)}.`,
	};
}

/**
 * A number parameter of an item, checked by `rule` (a dotted name reads an option of a collection, e.g.
 * `startOptions.pollInterval`; `fallback` is used when the field is not set at all).
 */
export function numberParameter(this: IExecuteFunctions, name: string, itemIndex: number, fallback: number, rule: NumberRule): number {
	const checked = numberFrom(this.getNodeParameter(name, itemIndex, fallback), rule);
	if ('value' in checked) return checked.value;
	throw new NodeOperationError(this.getNode(), checked.message, { itemIndex, description: checked.description });
}

/**
 * A number field of a credential: empty is the field's documented default (`whenEmpty`); anything else that does
 * not fit is a credential problem, named with the field (the request core adds which credential to fix).
 */
export function credentialNumber(value: unknown, rule: NumberRule & { whenEmpty: number }): number {
	const checked = numberFrom(value, { ...rule, label: `The credential's ${rule.label}` });
	if ('value' in checked) return checked.value;
	throw new CredentialRejectedError(`${checked.message}: ${checked.description.replace(/^Give/, 'give')}`);
}
