// Queue Item: add work for robots (one call per input item, or every input item in one bulk call), get one, get many.
// Adding is never re-sent after a timeout: the item may have been added (the transport sees `idempotent: false`).
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { jsonObjectOf, limitOf, namedValuesOf, returnAllFields } from '../../shared/parameters';
import { toInstant } from '../../shared/time';
import { queueLocator } from '../descriptions';
import { odataString, uiPathRequest, type FolderRef } from '../transport';
import { odataList } from '../api/odata';
import { folderField, folderOf, parseJsonField } from './common';

const resource = ['queueItem'];
const op = (...operation: string[]) => ({ resource, operation });

const READ_SCOPES = 'OR.Queues (or OR.Queues.Read)';
const WRITE_SCOPES = 'OR.Queues (or OR.Queues.Write)';
const MAX_REFERENCE = 128;
const COMMIT_TYPE_NAMES: Record<string, string> = {
	AllOrNothing: 'All or Nothing',
	ProcessAllIndependently: 'Process All Independently',
	StopOnFirstFailure: 'Stop on First Failure',
};

export const queueItemOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{ name: 'Add', value: 'add', action: 'Add a queue item', description: 'Add work items to a queue, one per input item or all in one call' },
		{ name: 'Get', value: 'get', action: 'Get a queue item', description: 'Get one queue item by its ID' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many queue items', description: 'List queue items with filters' },
	],
	default: 'add',
};

export const queueItemFields: INodeProperties[] = [
	folderField(op('add', 'get', 'getMany')),
	{
		...queueLocator,
		displayOptions: { show: op('add') },
		description: 'The queue to add the items to',
	},
	{
		displayName: 'Mode',
		name: 'addMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: op('add') },
		options: [
			{
				name: 'All Input Items in One Call',
				value: 'bulk',
				description: 'One BulkAddQueueItems call for every input item; each output item says whether its item was added',
			},
			{
				name: 'One per Input Item',
				value: 'perItem',
				description: 'One AddQueueItem call per input item; each output item is the queue item created',
			},
		],
		default: 'perItem',
	},
	{
		displayName: 'Commit Type',
		name: 'commitType',
		type: 'options',
		displayOptions: { show: { ...op('add'), addMode: ['bulk'] } },
		options: [
			{ name: 'All or Nothing', value: 'AllOrNothing', description: 'If any item fails, none is added' },
			{ name: 'Process All Independently', value: 'ProcessAllIndependently', description: 'Add every item that can be added; report the others' },
			{ name: 'Stop on First Failure', value: 'StopOnFirstFailure', description: 'Add items in order until one fails; the rest are not added' },
		],
		default: 'ProcessAllIndependently',
	},
	{
		displayName: 'Specific Content',
		name: 'specificContentInput',
		type: 'options',
		displayOptions: { show: op('add') },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description: "How to give the item's data (its Specific Content), which the robot reads",
	},
	{
		displayName: 'Fields',
		name: 'specificContent',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...op('add'), specificContentInput: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. InvoiceNumber' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Specific Content (JSON)',
		name: 'specificContentJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...op('add'), specificContentInput: ['json'] } },
		description: 'An object of the item\'s data, e.g. {"InvoiceNumber": "INV-42", "Amount": 120.5}',
	},
	{
		displayName: 'Options',
		name: 'addOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: op('add') },
		options: [
			{
				displayName: 'Defer Date',
				name: 'deferDate',
				type: 'dateTime',
				default: '',
				description: 'The earliest time a robot may process the item',
			},
			{
				displayName: 'Due Date',
				name: 'dueDate',
				type: 'dateTime',
				default: '',
				description: 'The latest time the item should be processed by',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{ name: 'High', value: 'High' },
					{ name: 'Low', value: 'Low' },
					{ name: 'Normal', value: 'Normal' },
				],
				default: 'Normal',
			},
			{
				displayName: 'Reference',
				name: 'reference',
				type: 'string',
				default: '',
				description: 'Your own reference for the item (at most 128 characters). Queues that enforce unique references refuse a duplicate.',
			},
		],
	},
	{
		displayName: 'Queue Item ID',
		name: 'queueItemId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1234',
		displayOptions: { show: op('get') },
		description: 'The numeric ID of the queue item',
	},
	...returnAllFields(op('getMany')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: op('getMany') },
		options: [
			{
				displayName: 'Queue Name',
				name: 'queueName',
				type: 'string',
				default: '',
				description: 'Only items of this queue (its exact name)',
			},
			{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: 'Only items with this reference' },
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Abandoned', value: 'Abandoned' },
					{ name: 'Deleted', value: 'Deleted' },
					{ name: 'Failed', value: 'Failed' },
					{ name: 'In Progress', value: 'InProgress' },
					{ name: 'New', value: 'New' },
					{ name: 'Retried', value: 'Retried' },
					{ name: 'Successful', value: 'Successful' },
				],
				default: [],
			},
		],
	},
];

// ---- building an item ------------------------------------------------------------------------------------------

function queueNameOf(this: IExecuteFunctions, itemIndex: number): string {
	const locator = this.getNodeParameter('queue', itemIndex) as { value?: string } | string;
	const value = String((typeof locator === 'object' ? locator?.value : locator) ?? '').trim();
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
		throw new NodeOperationError(this.getNode(), `${label} is not a date: "${String(value)}"`, {
			itemIndex,
			description: 'Give a date and time such as 2026-03-01T09:00:00Z.',
		});
	}
	return date.toISOString();
}

/** The QueueItemDataDto of one input item. */
function itemDataOf(this: IExecuteFunctions, itemIndex: number, queueName: string): IDataObject {
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

/** SpecificContent and Output are objects in the API; some versions hand them over as JSON strings. */
export function presentQueueItem(item: IDataObject): IDataObject {
	const out: IDataObject = { ...item };
	if (typeof item.SpecificContent === 'string') out.SpecificContent = parseJsonField(item.SpecificContent) as IDataObject;
	if (typeof item.Output === 'string') out.Output = parseJsonField(item.Output) as IDataObject;
	return out;
}

function describeFolder(folder: FolderRef): string {
	if (folder.by === 'path') return `folder "${folder.value}"`;
	if (folder.by === 'id') return `folder ${folder.value}`;
	return `the folder with Key ${folder.value}`;
}

// ---- one per input item ----------------------------------------------------------------------------------------

async function add(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const folder = folderOf.call(this, itemIndex);
	const queueName = queueNameOf.call(this, itemIndex);
	const itemData = itemDataOf.call(this, itemIndex, queueName);
	const created = await uiPathRequest<IDataObject>(this, {
		method: 'POST',
		path: '/odata/Queues/UiPathODataSvc.AddQueueItem',
		body: { itemData },
		folder,
		idempotent: false,
		itemIndex,
		scopes: WRITE_SCOPES,
		notFoundHint: `There is no queue named "${queueName}" in ${describeFolder(folder)}: the name must match exactly.`,
	});
	delete created['@odata.context'];
	return presentQueueItem(created);
}

// ---- all input items in one call ---------------------------------------------------------------------------------

/** Whether this execution adds every input item in one BulkAddQueueItems call (the router hands it all items). */
export function isBulkAdd(this: IExecuteFunctions): boolean {
	if (!this.getInputData().length) return false;
	return (
		this.getNodeParameter('resource', 0) === 'queueItem' &&
		this.getNodeParameter('operation', 0) === 'add' &&
		this.getNodeParameter('addMode', 0, 'perItem') === 'bulk'
	);
}

interface BulkFailure {
	Ordinal?: number | null;
	ErrorCode?: string;
	ErrorMessage?: string;
}

interface BulkAnswer {
	Success?: boolean;
	Message?: string | null;
	FailedItems?: BulkFailure[] | null;
}

/** What became of one input item. */
type Outcome =
	| { added: true; data: IDataObject }
	| {
			added: false;
			message: string;
			description?: string;
			errorCode?: string;
			data?: IDataObject;
			/** whether this item failed itself, rather than not being added because another did */
			own?: boolean;
	  };

/** Our own errors pass through as they are; anything else is wrapped. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function failureText(f: BulkFailure): string {
	return [f.ErrorCode, f.ErrorMessage].filter(Boolean).join(': ') || 'no reason given';
}

/**
 * Adds every input item in one BulkAddQueueItems call and returns one output item per input item: the item's data
 * when it was added, or (with Continue On Fail) an error item saying why it was not. Without Continue On Fail, any item
 * not added fails the node with an error listing which items failed and why.
 */
export async function addAllInOneCall(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const outcomes: Array<Outcome | undefined> = new Array(items.length);
	const commitType = String(this.getNodeParameter('commitType', 0, 'ProcessAllIndependently'));

	// 1. Build every item first: nothing is sent when an item is invalid and the node is to stop on errors.
	let target: { folder: FolderRef; queueName: string; from: number } | undefined;
	const toSend: Array<{ itemIndex: number; data: IDataObject }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const folder = folderOf.call(this, itemIndex);
			const queueName = queueNameOf.call(this, itemIndex);
			target ??= { folder, queueName, from: itemIndex };
			if (folder.by !== target.folder.by || folder.value !== target.folder.value || queueName !== target.queueName) {
				throw new NodeOperationError(
					this.getNode(),
					`Item ${itemIndex} goes to queue "${queueName}" in ${describeFolder(folder)}, but one call adds to one queue: "${target.queueName}" in ${describeFolder(target.folder)} (from item ${target.from})`,
					{ itemIndex, description: 'Use the mode "One per Input Item" to add to several queues, or split the items first.' },
				);
			}
			toSend.push({ itemIndex, data: itemDataOf.call(this, itemIndex, queueName) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
			const e = error as NodeOperationError;
			outcomes[itemIndex] = { added: false, message: e.message, description: e.description ?? undefined, own: true };
		}
	}
	const invalid = outcomes.filter(Boolean).length;
	if (invalid && commitType === 'AllOrNothing') {
		// Continue On Fail, but All or Nothing: sending the valid items alone would add some and not all.
		for (const { itemIndex, data } of toSend) {
			outcomes[itemIndex] = {
				added: false,
				message: `Not sent: ${invalid} other input item(s) could not be turned into queue items, and the commit type is All or Nothing`,
				data,
			};
		}
		toSend.length = 0;
	}

	// 2. One call for every valid item.
	if (toSend.length && target) {
		const { folder, queueName } = target;
		let answer: BulkAnswer | undefined;
		try {
			answer = await uiPathRequest<BulkAnswer>(this, {
				method: 'POST',
				path: '/odata/Queues/UiPathODataSvc.BulkAddQueueItems',
				body: { queueName, commitType, queueItems: toSend.map((s) => s.data) },
				folder,
				idempotent: false,
				scopes: WRITE_SCOPES,
				notFoundHint: `There is no queue named "${queueName}" in ${describeFolder(folder)}: the name must match exactly.`,
			});
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error);
			const e = error as NodeApiError;
			for (const { itemIndex, data } of toSend) {
				outcomes[itemIndex] = { added: false, message: e.message, description: e.description ?? undefined, data, own: true };
			}
		}
		if (answer) mapBulkAnswer(answer, toSend, commitType, outcomes);
	}

	// 3. Report per input item.
	const notAdded = outcomes
		.map((o, itemIndex) => ({ o, itemIndex }))
		.filter((x): x is { o: Extract<Outcome, { added: false }>; itemIndex: number } => !!x.o && !x.o.added);
	if (notAdded.length && !this.continueOnFail()) {
		throw bulkError.call(this, target?.queueName ?? '', commitType, notAdded, items.length);
	}
	return outcomes.map((o, itemIndex) => {
		const queueName = target?.queueName;
		if (o?.added) {
			const fields = { ...o.data };
			delete fields.Name;
			return { json: { added: true, queueName: queueName ?? null, ...fields }, pairedItem: { item: itemIndex } };
		}
		const json: IDataObject = { added: false, error: o?.message ?? 'Not added' };
		if (o?.description) json.description = o.description;
		if (o && 'errorCode' in o && o.errorCode) json.errorCode = o.errorCode;
		if (queueName) json.queueName = queueName;
		if (o?.data?.Reference !== undefined) json.Reference = o.data.Reference;
		return { json, pairedItem: { item: itemIndex } };
	});
}

/** Turns the API's FailedItems (Ordinal = position in the request's queueItems) into an outcome per input item. */
function mapBulkAnswer(
	answer: BulkAnswer,
	sent: Array<{ itemIndex: number; data: IDataObject }>,
	commitType: string,
	outcomes: Array<Outcome | undefined>,
): void {
	const failures = answer.FailedItems ?? [];
	const byOrdinal = new Map<number, BulkFailure>();
	const unattributed: BulkFailure[] = [];
	for (const f of failures) {
		if (typeof f.Ordinal === 'number' && f.Ordinal >= 0 && f.Ordinal < sent.length && !byOrdinal.has(f.Ordinal)) byOrdinal.set(f.Ordinal, f);
		else unattributed.push(f);
	}
	const anyFailure = failures.length > 0 || answer.Success === false;
	const firstFailure = byOrdinal.size ? Math.min(...byOrdinal.keys()) : undefined;
	const failedInputs = [...byOrdinal.keys()].map((ordinal) => `item ${sent[ordinal].itemIndex}`).join(', ');
	sent.forEach(({ itemIndex, data }, ordinal) => {
		const own = byOrdinal.get(ordinal);
		if (own) {
			outcomes[itemIndex] = {
				added: false,
				message: `Not added: ${failureText(own)}`,
				errorCode: own.ErrorCode,
				description: commitType === 'AllOrNothing' ? 'With All or Nothing, no item of this call was added.' : undefined,
				data,
				own: true,
			};
		} else if (commitType === 'AllOrNothing' && anyFailure) {
			outcomes[itemIndex] = {
				added: false,
				message: `Not added: the commit type is All or Nothing and ${failedInputs || 'another item'} failed${unattributed.length ? ` (${unattributed.map(failureText).join('; ')})` : ''}`,
				data,
			};
		} else if (commitType === 'StopOnFirstFailure' && firstFailure !== undefined && ordinal > firstFailure) {
			outcomes[itemIndex] = {
				added: false,
				message: `Not added: the call stopped at the first failure (item ${sent[firstFailure].itemIndex})`,
				data,
			};
		} else if (unattributed.length || (answer.Success === false && !failures.length)) {
			const said = unattributed.length ? unattributed.map(failureText).join('; ') : answer.Message || 'no reason given';
			outcomes[itemIndex] = {
				added: false,
				message: `Unknown whether added: UiPath reported a failure without saying which item it concerns (${said})`,
				description: 'Check the queue in Orchestrator before adding this item again.',
				data,
				own: true,
			};
		} else {
			outcomes[itemIndex] = { added: true, data };
		}
	});
}

function itemList(indexes: number[], most = 20): string {
	const shown = indexes.slice(0, most).join(', ');
	return indexes.length > most ? `${shown} and ${indexes.length - most} more` : shown;
}

function bulkError(
	this: IExecuteFunctions,
	queueName: string,
	commitType: string,
	notAdded: Array<{ o: Extract<Outcome, { added: false }>; itemIndex: number }>,
	total: number,
): NodeOperationError {
	const added = total - notAdded.length;
	const own = notAdded.filter(({ o }) => o.own);
	const others = notAdded.filter(({ o }) => !o.own).map(({ itemIndex }) => itemIndex);
	const mode = COMMIT_TYPE_NAMES[commitType] ?? commitType;
	const failed = own.length === 1 ? `item ${own[0].itemIndex} failed` : `${own.length} items failed`;
	const message =
		added === 0
			? `None of the ${total} items was added to queue "${queueName}" (${mode}): ${failed}`
			: `${notAdded.length} of ${total} items were not added to queue "${queueName}" (${mode}); the other ${added} were added`;
	const MOST = 50;
	const lines = own.slice(0, MOST).map(({ o, itemIndex }) => `item ${itemIndex}: ${o.message.replace(/^Not added: /, '')}`);
	if (own.length > MOST) lines.push(`…and ${own.length - MOST} more`);
	if (others.length) lines.push(`Not added because of ${own.length === 1 ? 'it' : 'them'}: item ${itemList(others)}`);
	lines.push(
		added === 0
			? 'Nothing was added to the queue.'
			: 'The items that were added are in the queue: running the node again would add them again.',
	);
	lines.push('Item numbers count from 0, as n8n\'s item index does. Turn on Continue On Fail to get one output item per input item saying whether it was added.');
	return new NodeOperationError(this.getNode(), message, {
		itemIndex: (own[0] ?? notAdded[0]).itemIndex,
		description: lines.join('\n'),
	});
}

// ---- reading -----------------------------------------------------------------------------------------------------

async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = String(this.getNodeParameter('queueItemId', itemIndex, '')).trim();
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a queue item ID`, {
			itemIndex,
			description: 'A queue item ID is a number, e.g. from Add or Get Many.',
		});
	}
	const item = await uiPathRequest<IDataObject>(this, {
		method: 'GET',
		path: `/odata/QueueItems(${id})`,
		folder: folderOf.call(this, itemIndex),
		itemIndex,
		scopes: READ_SCOPES,
		notFoundHint: `There is no queue item ${id} in this folder: check the ID and the folder (Queue Item → Get Many lists them).`,
	});
	delete item['@odata.context'];
	return presentQueueItem(item);
}

// Queue Ids looked up by name, per node execution.
const queueIdCache = new WeakMap<object, Map<string, number>>();

async function queueIdOf(this: IExecuteFunctions, name: string, folder: FolderRef, itemIndex: number): Promise<number> {
	const cache = queueIdCache.get(this.getInputData()) ?? new Map<string, number>();
	queueIdCache.set(this.getInputData(), cache);
	const cacheKey = `${folder.by}:${folder.value}:${name}`;
	const cached = cache.get(cacheKey);
	if (cached !== undefined) return cached;
	const { value } = await uiPathRequest<{ value: Array<{ Id: number }> }>(this, {
		method: 'GET',
		path: '/odata/QueueDefinitions',
		qs: { $filter: `Name eq ${odataString(name)}`, $top: 1, $select: 'Id,Name' },
		folder,
		itemIndex,
		scopes: READ_SCOPES,
	});
	if (!value?.length) {
		throw new NodeOperationError(this.getNode(), `There is no queue named "${name}" in ${describeFolder(folder)}`, {
			itemIndex,
			description: 'The name must match exactly. The Queue picker of Queue Item → Add lists the queues of a folder.',
		});
	}
	cache.set(cacheKey, value[0].Id);
	return value[0].Id;
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const folder = folderOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const clauses: string[] = [];
	const queueName = String(filters.queueName ?? '').trim();
	if (queueName) clauses.push(`QueueDefinitionId eq ${await queueIdOf.call(this, queueName, folder, itemIndex)}`);
	const statuses = (filters.statuses as string[] | undefined) ?? [];
	if (statuses.length) clauses.push(`(${statuses.map((s) => `Status eq ${odataString(s)}`).join(' or ')})`);
	if (filters.reference) clauses.push(`Reference eq ${odataString(String(filters.reference))}`);
	const qs: IDataObject = { $orderby: 'Id desc' };
	if (clauses.length) qs.$filter = clauses.join(' and ');
	const found = await odataList<IDataObject>(this, '/odata/QueueItems', {
		qs,
		folder,
		limit: limitOf.call(this, itemIndex),
		maxPageSize: 100,
		itemIndex,
		scopes: READ_SCOPES,
	});
	return found.map(presentQueueItem);
}

export const queueItemActions = { add, get, getMany };
