// One input item as the QueueItemDataDto UiPath adds: queue name, priority, specific content, reference, dates.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonObjectOf, namedValuesOf } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { toInstant } from '../../../shared/time';

const MAX_REFERENCE = 128;

export function queueNameOf(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('queue', itemIndex) as { value?: string } | string;
	const value = textOf(typeof locator === 'object' ? locator?.value : locator).trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), 'Pick a queue', {
			itemIndex,
			description: 'Choose the queue from the list, or give its name.',
		});
	}
	return value;
}

function specificContentOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	if (this.getNodeParameter('specificContentInput', itemIndex, 'fields') === 'json') {
		return jsonObjectOf.call(this, 'specificContentJson', itemIndex, {
			label: 'Specific Content (JSON)',
			example: '{"InvoiceNumber": "INV-42", "Amount": 120.5}',
			keys: 'Each key is a field the robot reads from the item, e.g. {"InvoiceNumber": "INV-42"}.',
		});
	}
	const pairs = ((this.getNodeParameter('specificContent', itemIndex, {}) as IDataObject).values ?? []) as IDataObject[];
	return namedValuesOf.call(this, pairs, itemIndex, {
		message: 'A Specific Content field has no name',
		description: 'Give every field a name, or remove the empty one.',
	});
}

function dateOf(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const date = toInstant(String(value), this.getTimezone());
	if (Number.isNaN(date.getTime())) {
		throw new NodeOperationError(this.getNode(), `${label} is not a date: "${textOf(value)}"`, {
			itemIndex,
			description: 'Give a date and time such as 2026-03-01T09:00:00Z.',
		});
	}
	return date.toISOString();
}

/** The QueueItemDataDto of one input item. */
export function itemDataOf(this: IExecuteFunctions, itemIndex: number, queueName: string): IDataObject {
	const options = this.getNodeParameter('addOptions', itemIndex, {}) as IDataObject;
	const data: IDataObject = { Name: queueName };
	if (options.priority) data.Priority = options.priority;
	data.SpecificContent = specificContentOf.call(this, itemIndex);
	if (options.reference !== undefined && options.reference !== '') {
		const reference = String(options.reference);
		if (reference.length > MAX_REFERENCE) {
			throw new NodeOperationError(this.getNode(), `Reference is ${reference.length} characters long; UiPath takes at most 128`, { itemIndex });
		}
		data.Reference = reference;
	}
	if (options.deferDate) data.DeferDate = dateOf.call(this, options.deferDate, 'Defer Date', itemIndex);
	if (options.dueDate) data.DueDate = dateOf.call(this, options.dueDate, 'Due Date', itemIndex);
	return data;
}
