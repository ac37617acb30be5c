// The numeric ID fields of operations on one record (a queue item, process, task, schedule, run): one field
// shape and one check, so each refuses a non-number with its own words before any request is sent.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { textOf } from './text';

export function numericIdField(field: { displayName: string; name: string; placeholder: string; description: string }): INodeProperties {
	return { ...field, type: 'string', required: true, default: '' };
}

interface IdRefusal {
	/** the error's message for what was given ('' when the field is empty) */
	message: (raw: string) => string;
	/** where the user finds a valid ID */
	hint: string;
}

/** The ID's digits, trimmed; anything else is refused with the operation's own message. */
export function numericIdOf(this: IExecuteFunctions, itemIndex: number, name: string, refusal: IdRefusal): string {
	const raw = textOf(this.getNodeParameter(name, itemIndex, '')).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), refusal.message(raw), { itemIndex, description: refusal.hint });
	}
	return raw;
}
