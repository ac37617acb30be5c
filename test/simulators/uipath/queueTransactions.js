// @ts-check
'use strict';
/**
 * Queue items and transactions, continued (issue 11): n8n as a queue worker, and items edited or deleted.
 *   PUT    /odata/QueueItems({key})   QueueItemDataDto; only Progress, Priority, DueDate, DeferDate and
 *          SpecificContent change (the document says so; other fields are accepted and ignored). 200, no body.
 *          404 1002 unknown item; 409 1000 the item is not New (a robot has it, or it is done).
 *   DELETE /odata/QueueItems({key})   a New item becomes Deleted: 204. 404 1002; 400 1675 not New (simulator's code).
 *   POST   /odata/Queues/UiPathODataSvc.StartTransaction {"transactionData":{"Name",…}}  200 QueueItemDto: the
 *          next New item (deferral passed; High before Normal before Low, then earliest DueDate, then oldest), now
 *          InProgress; 204 when the queue has none. With SpecificContent, a new item is added and started at once.
 *          Reference + ReferenceFilterOption (Equals, StartsWith) narrow the choice. 404 1002 unknown queue.
 *   POST   /odata/Queues({key})/UiPathODataSvc.SetTransactionResult  {"transactionResult":{…}} (key: the item Id)
 *          200, no body: Successful with Output, or Failed with ProcessingException (BusinessException /
 *          ApplicationException). 404 1002; 409 1677 the item is not InProgress (simulator's code; the document lists 409).
 *   POST   /odata/QueueItems({key})/UiPathODataSvc.SetTransactionProgress {"progress"}  200, no body; 404 1002;
 *          400 1676 the item is not InProgress (simulator's code).
 *   GET    /odata/QueueItems({key})/UiPath.Server.Configuration.OData.GetItemLastRetry,
 *          /odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key=<Key>)  the last retry of an item (the item
 *          itself when it was never retried); 404 1002.
 * Retries: an ApplicationException failure (the default type) of an item whose queue allows MaxNumberOfRetries more
 * than its RetryNumber ends that item as Retried and adds a New copy with AncestorId, AncestorUniqueKey and
 * RetryNumber + 1. BusinessException failures are final. Not simulated: review status.
 */
const { toTime } = require('./time');
const { parseShape, shapeRow } = require('./odata');
const { checkedAnswer } = require('./answers');

const PRIORITY_ORDER = { High: 0, Normal: 1, Low: 2 };

/** @param {any} core */
module.exports = function registerQueueTransactions(core) {
	const { routes, queues, queueItems, SCHEMAS, QUEUE_ITEM_NAV, apiError, validated, jsonBody, keyOf } = core;

	function itemInFolder(/** @type {string} */ raw, /** @type {any} */ folder) {
		const item = queueItems.get(keyOf(raw));
		if (!item || queues.get(item.queueId).folderId !== folder.Id) throw apiError(404, 'Queue item does not exist.', 1002);
		return item;
	}
	/** Marks a change now, so LastModificationTime moves. */
	const touch = (/** @type {any} */ item, set = {}) => core.addChanges(item, [{ at: core.now(), set }]);

	function update(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const item = itemInFolder(m[1], ctx.folder);
		const body = validated(jsonBody(ctx.req), 'QueueItemDataDto');
		const status = core.view(item).Status;
		if (status !== 'New') throw apiError(409, `Queue item ${item.Id} cannot be updated: it is ${status}; only New items can be edited.`, 1000);
		if (body.Priority != null) item.Priority = body.Priority;
		if (body.SpecificContent != null) item.SpecificContent = body.SpecificContent;
		if (body.Progress !== undefined) item.Progress = body.Progress;
		if (body.DueDate !== undefined) item.DueDate = body.DueDate ? toTime(body.DueDate) : null;
		if (body.DeferDate !== undefined) item.DeferDate = body.DeferDate ? toTime(body.DeferDate) : null;
		touch(item);
		return { status: 200 };
	}

	function remove(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const item = itemInFolder(m[1], ctx.folder);
		const t = core.now();
		const status = core.view(item, t).Status;
		if (status !== 'New') throw apiError(400, `Queue item ${item.Id} cannot be deleted: it is ${status}; only New items can be deleted.`, 1675);
		core.dropFuture(item, t);
		touch(item, { Status: 'Deleted' });
		return { status: 204 };
	}

	/** The next item a worker gets from `queue`, or undefined. @param {any} queue @param {Record<string, any>} data */
	function nextItem(queue, data) {
		const t = core.now();
		const ref = data.Reference;
		const refOk = (/** @type {string | null} */ r) =>
			ref == null || (r != null && (data.ReferenceFilterOption === 'StartsWith' ? r.startsWith(ref) : r === ref));
		const open = [...queueItems.values()].filter((i) => {
			if (i.queueId !== queue.Id || core.view(i, t).Status !== 'New' || !refOk(i.Reference)) return false;
			return !i.DeferDate || Date.parse(i.DeferDate.slice(0, 23) + 'Z') <= t;
		});
		const due = (/** @type {any} */ i) => i.DueDate ?? '9999';
		open.sort((a, b) => {
			const p = PRIORITY_ORDER[/** @type {'High'} */ (a.Priority)] - PRIORITY_ORDER[/** @type {'High'} */ (b.Priority)];
			if (p) return p;
			if (due(a) !== due(b)) return due(a) < due(b) ? -1 : 1;
			return a.base.CreationTime < b.base.CreationTime ? -1 : a.base.CreationTime > b.base.CreationTime ? 1 : a.Id - b.Id;
		});
		return open[0];
	}

	function startTransaction(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'QueuesStartTransactionRequest');
		const data = body.transactionData;
		if (!data.Name) throw apiError(400, 'transactionData.Name (the queue name) is required.', 1000);
		const queue = core.queueByName(data.Name, ctx.folder);
		if (!queue) throw apiError(404, 'Queue does not exist.', 1002);
		let item;
		if (data.SpecificContent != null) {
			if (core.duplicateReference(queue, data.Reference)) throw apiError(409, 'Error creating Transaction. Duplicate Reference.', 1016);
			item = core.createQueueItem(queue, { SpecificContent: data.SpecificContent, Reference: data.Reference, DueDate: data.DueDate, ParentOperationId: data.ParentOperationId });
		} else {
			item = nextItem(queue, data);
			if (!item) return { status: 204 };
		}
		const t = core.now();
		core.dropFuture(item, t);
		core.addChanges(item, [{ at: t, set: { Status: 'InProgress', StartProcessing: toTime(t, core.ticks(item.Id, 1)), RobotId: null } }]);
		return itemAnswer(ctx, item);
	}
	/** One queue item as an answer, `$expand` / `$select` applied after the whole row was checked. */
	function itemAnswer(/** @type {any} */ ctx, /** @type {any} */ item) {
		const shape = core.odataQuery(() => parseShape(ctx.req.query, { typeName: 'QueueItemDto', schemas: SCHEMAS, maxTop: 1, expandable: QUEUE_ITEM_NAV }));
		const full = checkedAnswer(core.present(core.queueItemRow(item), 'QueueItemDto'), 'QueueItemDto', SCHEMAS);
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#QueueItems/$entity`, ...shapeRow(full, shape, QUEUE_ITEM_NAV) } };
	}
	/** The newest item of `item`'s retry chain. */
	function lastRetry(/** @type {any} */ item) {
		let last = item;
		for (let next = item; next; next = [...queueItems.values()].find((i) => i.AncestorId === last.Id)) last = next;
		return last;
	}
	/** An ApplicationException failure the queue still retries: the item ends Retried and a New copy takes its place. */
	function retryOf(/** @type {any} */ item, /** @type {string} */ type) {
		const queue = queues.get(item.queueId);
		if (type !== 'ApplicationException' || (item.RetryNumber ?? 0) >= queue.MaxNumberOfRetries) return false;
		const copy = core.createQueueItem(queue, { Priority: item.Priority, SpecificContent: item.SpecificContent, DueDate: item.DueDate, DeferDate: item.DeferDate, ParentOperationId: item.ParentOperationId });
		Object.assign(copy, { Reference: item.Reference, AncestorId: item.Id, AncestorUniqueKey: item.Key, RetryNumber: (item.RetryNumber ?? 0) + 1 });
		return true;
	}

	function setResult(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const item = itemInFolder(m[1], ctx.folder);
		const body = validated(jsonBody(ctx.req), 'QueueSetTransactionResultRequest');
		const result = body.transactionResult;
		const t = core.now();
		const status = core.view(item, t).Status;
		if (status !== 'InProgress') throw apiError(409, `Transaction ${item.Id} is not in progress (it is ${status}): its result was already set or it was never started.`, 1677);
		const end = toTime(t, core.ticks(item.Id, 2));
		if (result.Progress !== undefined) item.Progress = result.Progress;
		core.dropFuture(item, t);
		if (result.IsSuccessful) {
			core.addChanges(item, [{ at: t, set: { Status: 'Successful', EndProcessing: end, Output: result.Output ?? null } }]);
		} else {
			const e = result.ProcessingException ?? {};
			const type = e.Type ?? 'ApplicationException';
			const set = core.queueItemOutcome('Failed', end, { output: result.Output, processingException: { reason: e.Reason ?? null, details: e.Details ?? null, type } });
			if (retryOf(item, type)) set.Status = 'Retried';
			core.addChanges(item, [{ at: t, set }]);
		}
		return { status: 200 };
	}

	function setProgress(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const item = itemInFolder(m[1], ctx.folder);
		const body = validated(jsonBody(ctx.req), 'QueueSetTransactionProgressRequest');
		const status = core.view(item).Status;
		if (status !== 'InProgress') throw apiError(400, `Transaction ${item.Id} is not in progress (it is ${status}); progress is set while a transaction runs.`, 1676);
		item.Progress = body.progress ?? null;
		touch(item);
		return { status: 200 };
	}

	routes.push(
		{
			method: 'GET', pattern: /^\/odata\/QueueItems\(([^)]*)\)\/UiPath\.Server\.Configuration\.OData\.GetItemLastRetry$/,
			spec: 'GET /odata/QueueItems({key})/UiPath.Server.Configuration.OData.GetItemLastRetry', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => itemAnswer(ctx, lastRetry(itemInFolder(m[1], ctx.folder))),
		},
		{
			method: 'GET', pattern: /^\/odata\/QueueItems\/UiPathODataSvc\.GetItemLastRetryByKey\(key=([^)]*)\)$/,
			spec: 'GET /odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key={key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				const key = m[1].replace(/^'|'$/g, '').toLowerCase();
				const item = [...queueItems.values()].find((i) => i.Key === key && queues.get(i.queueId).folderId === ctx.folder.Id);
				if (!item) throw apiError(404, 'Queue item does not exist.', 1002);
				return itemAnswer(ctx, lastRetry(item));
			},
		},
		{ method: 'PUT', pattern: /^\/odata\/QueueItems\(([^)]*)\)$/, spec: 'PUT /odata/QueueItems({key})', folder: true, handle: update },
		{ method: 'DELETE', pattern: /^\/odata\/QueueItems\(([^)]*)\)$/, spec: 'DELETE /odata/QueueItems({key})', folder: true, handle: remove },
		{
			method: 'POST', pattern: /^\/odata\/Queues\/UiPathODataSvc\.StartTransaction$/,
			spec: 'POST /odata/Queues/UiPathODataSvc.StartTransaction', folder: true, handle: startTransaction,
		},
		{
			method: 'POST', pattern: /^\/odata\/Queues\(([^)]*)\)\/UiPathODataSvc\.SetTransactionResult$/,
			spec: 'POST /odata/Queues({key})/UiPathODataSvc.SetTransactionResult', folder: true, handle: setResult,
		},
		{
			method: 'POST', pattern: /^\/odata\/QueueItems\(([^)]*)\)\/UiPathODataSvc\.SetTransactionProgress$/,
			spec: 'POST /odata/QueueItems({key})/UiPathODataSvc.SetTransactionProgress', folder: true, handle: setProgress,
		},
	);
};
