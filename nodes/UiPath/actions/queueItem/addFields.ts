// The fields of Queue Item → Add: the queue, one call per item or all in one, the item's content and options.
import type { INodeProperties } from 'n8n-workflow';

import { optionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { checkIntervalOption, fieldsOrJson, optionsCollection, switchWithNumber, waitModeFields } from '../../../shared/parameters';
import { queueLocator } from '../../descriptions';
import { folderField } from '../common';

const contentFields = fieldsOrJson('specificContent', {
	choice: {
		displayName: 'Specific Content',
		description: "How to give the item's data (its Specific Content), which the robot reads",
		fieldsLabel: 'Using Fields Below',
		jsonLabel: 'Using JSON',
	},
	fields: {
		displayName: 'Fields',
		placeholder: 'Add Field',
		pair: { displayName: 'Field', name: 'values' },
		nameField: { placeholder: 'e.g. InvoiceNumber' },
	},
	json: {
		displayName: 'Specific Content (JSON)',
		description: 'An object of the item\'s data, e.g. {"InvoiceNumber": "INV-42", "Amount": 120.5}',
	},
});

/** When and in what order robots take an item: Add sets these, Update changes them. */
export const schedulingFields: INodeProperties[] = [
	{ displayName: 'Defer Date', name: 'deferDate', type: 'dateTime', default: '', description: 'The earliest time a robot may process the item' },
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', description: 'The latest time the item should be processed by' },
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: valueOptions(['High', 'Low', 'Normal']),
		default: 'Normal',
	},
];

const addOptions = optionsCollection('addOptions', [
	checkIntervalOption('With Wait for Processing: first pause between checks of the item; it grows by half each time, up to 30 seconds'),
	...schedulingFields,
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		description: 'Your own reference for the item (at most 128 characters). Queues that enforce unique references refuse a duplicate.',
	},
	{
		displayName: 'Return Failed and Abandoned Items as Output',
		name: 'returnFailed',
		type: 'boolean',
		default: false,
		description: 'Whether an item that ends Failed or Abandoned is returned as output instead of failing the node (with Wait for Processing)',
	},
]);

export const addFields: INodeProperties[] = [
	folderField,
	{ ...queueLocator, description: 'The queue to add the items to' },
	optionsParameter('Mode', 'addMode', [
		['All Input Items in One Call', 'bulk', 'One BulkAddQueueItems call for every input item; each output item says whether its item was added'],
		['One per Input Item', 'perItem', 'One AddQueueItem call per input item; each output item is the queue item created'],
	], { default: 'perItem', noDataExpression: true }),
	optionsParameter('Commit Type', 'commitType', [
		['All or Nothing', 'AllOrNothing', 'If any item fails, none is added'],
		['Process All Independently', 'ProcessAllIndependently', 'Add every item that can be added; report the others'],
		['Stop on First Failure', 'StopOnFirstFailure', 'Add items in order until one fails; the rest are not added'],
	], { default: 'ProcessAllIndependently', displayOptions: { show: { addMode: ['bulk'] } } }),
	...contentFields,
	...switchWithNumber(
		{
			displayName: 'Wait for Processing',
			name: 'waitForProcessing',
			displayOptions: { show: { addMode: ['perItem'] } },
			description: 'Whether to wait until a robot has processed the item (Successful, Failed or Abandoned) and return it with its Output',
		},
		{ displayName: 'Timeout (Seconds)', name: 'waitTimeout', default: 600, description: 'How long to wait before failing with a timeout error. The item stays in the queue.' },
		true,
	),
	...waitModeFields(
		[
			['Poll (Keep Running)', 'poll', 'For items processed within minutes: the execution keeps running and reads the item every Check Interval'],
			['Pause Until Orchestrator Reports the End', 'webhook', "For items that wait long: paused until Orchestrator's queue item webhook fires; needs the OR.Webhooks scope and a URL Orchestrator can reach"],
			['Pause Until the Robot Calls Back', 'callback', "For items that wait long: paused until the robot's last step for the item calls the URL passed in its Specific Content"],
		],
		'Specific Content field',
		{ addMode: ['perItem'], waitForProcessing: [true] },
	),
	addOptions,
];
