// @ts-check
'use strict';
/**
 * Action Center tasks (issue 11): generic (external) and form tasks, all folder-scoped, scopes OR.Tasks(.Read/.Write).
 *   POST /tasks/GenericTasks/CreateTask      TaskCreateRequest (type absent or ExternalTask)     201 TaskDataDto
 *   POST /forms/TaskForms/CreateFormTask     FormTaskCreateRequest (formLayout or formLayoutId)  201 TaskDataDto
 *   GET  /tasks/GenericTasks/GetTaskDataById?taskId        TaskDataDto (camelCase, as the document has it)
 *   GET  /forms/TaskForms/GetTaskFormById?taskId           TaskFormDto (a form task only)
 *   GET  /odata/Tasks, /odata/Tasks({key})                 TaskDto (PascalCase); $expand=AssignedToUser,CreatorUser
 *   POST /odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks    TasksAssignRequest; 200 {"value":[…]}: one
 *        TaskOperationErrorResponse per assignment that failed (unknown task 1002, unknown user 1003, task already
 *        assigned 2501 (use ReassignTasks), task completed 2502); the others are done. ReassignTasks the same,
 *        assigned tasks included.
 *   GET  /odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId=N)   UserLoginInfoDto rows
 *   POST /tasks/GenericTasks/CompleteTask, /forms/TaskForms/CompleteTask   TaskCompletionRequest {taskId, data,
 *        action}; 204. 404 1002 unknown task; 400 2500 not assigned yet; 400 2502 already completed; 400 2503 a
 *        form task completed through GenericTasks or the other way round.
 * (1002 is Orchestrator's code; 1003 and 25xx are this simulator's choice.) Bad or missing taskId: 400 1000.
 * A person completing a task in Action Center is sim.completeTaskAsUser.
 */
const { toTime, formatTime } = require('./time');
const { checkedAnswer, checkedRows } = require('./answers');

const TASK_NAV = ['AssignedToUser', 'CreatorUser', 'LastModifierUser', 'Activities', 'TaskAssignments'];

/** @param {any} core */
module.exports = function registerTasks(core) {
	const { routes, folders, SCHEMAS, apiError, validated, jsonBody } = core;
	/** @type {Map<number, any>} */ const tasks = new Map();
	/** @type {Map<number, any>} */ const users = new Map();

	const userInfo = (/** @type {number | null} */ id) => {
		const u = id != null ? users.get(id) : undefined;
		return u ? { name: u.name, surname: u.surname, userName: u.userName, emailAddress: u.email, displayName: `${u.name} ${u.surname}`, id: u.id } : null;
	};
	const fmt = formatTime;
	/** The camelCase view (TaskDataDto / TaskFormDto). */
	function taskData(/** @type {any} */ t, form = false) {
		const folder = folders.get(t.folderId);
		/** @type {Record<string, unknown>} */
		const row = {
			status: t.Status, data: t.Data, action: t.Action, waitJobState: null, organizationUnitFullyQualifiedName: folder.FullyQualifiedName,
			tags: t.Tags, assignedToUser: userInfo(t.AssignedToUserId), taskSlaDetails: [], completedByUser: userInfo(t.completedBy),
			taskAssignmentCriteria: 'SingleUser', taskAssignees: t.AssignedToUserId != null ? [userInfo(t.AssignedToUserId)] : [],
			isCurrentUserInAllUserAssignedGroup: false, taskSource: t.taskSource, processingTime: null, title: t.Title, type: t.Type,
			priority: t.Priority, assignedToUserId: t.AssignedToUserId, organizationUnitId: t.folderId, externalTag: t.ExternalTag,
			creatorJobKey: null, waitJobKey: null, lastAssignedTime: fmt(t.LastAssignedTime), completionTime: fmt(t.CompletionTime),
			parentOperationId: t.ParentOperationId, key: t.Key, isDeleted: false, deleterUserId: null, deletionTime: null,
			lastModificationTime: fmt(t.LastModificationTime), lastModifierUserId: null, creationTime: fmt(t.CreationTime), creatorUserId: null, id: t.Id,
		};
		if (form) Object.assign(row, { formLayout: t.formLayout ?? null, formLayoutId: t.formLayoutId ?? null, bulkFormLayoutId: null, actionLabel: null });
		return checkedAnswer(row, form ? 'TaskFormDto' : 'TaskDataDto', SCHEMAS);
	}
	/** The PascalCase view (TaskDto of /odata/Tasks). */
	function taskRow(/** @type {any} */ t) {
		return {
			Status: t.Status, AssignedToUser: userInfo(t.AssignedToUserId), TaskAssignmentCriteria: 'SingleUser', CreatorUser: null,
			LastModifierUser: null, TaskCatalogName: t.TaskCatalogName, IsCompleted: t.Status === 'Completed', BulkFormLayoutId: null,
			FormLayoutId: t.formLayoutId ?? null, Encrypted: false, Tags: t.Tags, Action: t.Action, Activities: [], TaskSlaDetail: null,
			TaskAssignments: [], TaskAssigneeName: userInfo(t.AssignedToUserId)?.displayName ?? null, Title: t.Title, Type: t.Type,
			Priority: t.Priority, AssignedToUserId: t.AssignedToUserId, OrganizationUnitId: t.folderId, ExternalTag: t.ExternalTag,
			CreatorJobKey: null, WaitJobKey: null, LastAssignedTime: t.LastAssignedTime, CompletionTime: t.CompletionTime,
			ParentOperationId: t.ParentOperationId, Key: t.Key, IsDeleted: false, DeleterUserId: null, DeletionTime: null,
			LastModificationTime: t.LastModificationTime, LastModifierUserId: null, CreationTime: t.CreationTime, CreatorUserId: null, Id: t.Id,
		};
	}

	function createTask(/** @type {any} */ folder, /** @type {Record<string, any>} */ body, /** @type {'ExternalTask' | 'FormTask'} */ type) {
		const created = toTime(core.now());
		const task = {
			Id: core.newId(), Key: core.guid(), folderId: folder.Id, Type: type, Title: body.title, Priority: body.priority ?? 'Medium',
			Data: body.data ?? {}, TaskCatalogName: body.taskCatalogName ?? null, ExternalTag: body.externalTag ?? null, Tags: body.tags ?? [],
			ParentOperationId: body.parentOperationId ?? null, taskSource: body.taskSource ?? null, Status: 'Unassigned', AssignedToUserId: null,
			Action: null, completedBy: null, formLayout: body.formLayout, formLayoutId: body.formLayoutId, CreationTime: created,
			LastModificationTime: null, LastAssignedTime: null, CompletionTime: null,
		};
		tasks.set(task.Id, task);
		return task;
	}
	function taskIdParam(/** @type {any} */ ctx) {
		const raw = ctx.req.query.taskId;
		if (raw === undefined || !/^\d+$/.test(raw)) throw apiError(400, `The query parameter 'taskId' must be a task Id (Edm.Int64); got '${raw ?? ''}'.`, 1000);
		return Number(raw);
	}
	function taskInFolder(/** @type {number} */ id, /** @type {any} */ folder) {
		const t = tasks.get(id);
		if (!t || t.folderId !== folder.Id) throw apiError(404, 'Task does not exist.', 1002);
		return t;
	}
	function complete(/** @type {any} */ task, /** @type {Record<string, any>} */ body, /** @type {number | null} */ by) {
		if (task.Status === 'Completed') throw apiError(400, `Task ${task.Id} is already completed.`, 2502);
		if (task.Status === 'Unassigned') throw apiError(400, `Task ${task.Id} is not assigned to anyone: assign it before completing it.`, 2500);
		const t = toTime(core.now());
		Object.assign(task, { Status: 'Completed', Action: body.action ?? null, Data: body.data ?? task.Data, completedBy: by, CompletionTime: t, LastModificationTime: t });
	}
	/** @param {any} ctx @param {boolean} reassign */
	function assign(ctx, reassign) {
		const body = validated(jsonBody(ctx.req), 'TasksAssignRequest');
		/** @type {Record<string, unknown>[]} */
		const errors = [];
		for (const a of body.taskAssignments) {
			const fail = (/** @type {number} */ code, /** @type {string} */ message, userId = a.UserId ?? null) =>
				errors.push({ TaskId: a.TaskId ?? null, UserId: userId, ErrorCode: code, ErrorMessage: message, UserNameOrEmail: a.UserNameOrEmail ?? null });
			const task = a.TaskId != null ? tasks.get(a.TaskId) : undefined;
			if (!task || task.folderId !== ctx.folder.Id) {
				fail(1002, 'Task does not exist.');
				continue;
			}
			const who = String(a.UserNameOrEmail ?? '').toLowerCase();
			const user = a.UserId != null ? users.get(a.UserId) : [...users.values()].find((u) => u.userName.toLowerCase() === who || u.email.toLowerCase() === who);
			if (!user) fail(1003, `User ${a.UserId ?? a.UserNameOrEmail ?? '(none given)'} does not exist or has no access to the folder.`);
			else if (task.Status === 'Completed') fail(2502, `Task ${task.Id} is already completed.`, user.id);
			else if (task.Status === 'Pending' && !reassign && task.AssignedToUserId !== user.id) fail(2501, `Task ${task.Id} is already assigned; use ReassignTasks to give it to someone else.`, user.id);
			else {
				const t = toTime(core.now());
				Object.assign(task, { Status: 'Pending', AssignedToUserId: user.id, LastAssignedTime: t, LastModificationTime: t });
			}
		}
		const checked = errors.map((e) => checkedAnswer(e, 'TaskOperationErrorResponse', SCHEMAS));
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Collection(UiPath.Server.Configuration.OData.TaskOperationErrorResponse)`, value: checked } };
	}
	const created = (/** @type {any} */ ctx, /** @type {any} */ task) => ({
		status: 201,
		body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#UiPath.Server.Configuration.OData.TaskDataDto`, ...taskData(task) },
	});

	routes.push(
		{
			method: 'POST', pattern: /^\/tasks\/GenericTasks\/CreateTask$/, spec: 'POST /tasks/GenericTasks/CreateTask', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const body = validated(jsonBody(ctx.req), 'TaskCreateRequest');
				if (body.type != null && body.type !== 'ExternalTask') throw apiError(400, `CreateTask makes ExternalTask tasks; for a ${body.type} use its own endpoint (form tasks: /forms/TaskForms/CreateFormTask).`, 1000);
				return created(ctx, createTask(ctx.folder, body, 'ExternalTask'));
			},
		},
		{
			method: 'POST', pattern: /^\/forms\/TaskForms\/CreateFormTask$/, spec: 'POST /forms/TaskForms/CreateFormTask', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const body = validated(jsonBody(ctx.req), 'FormTaskCreateRequest');
				if (body.formLayout == null && body.formLayoutId == null) throw apiError(400, 'A form task needs formLayout (the form.io layout JSON) or formLayoutId.', 1000);
				return created(ctx, createTask(ctx.folder, body, 'FormTask'));
			},
		},
		{
			method: 'GET', pattern: /^\/tasks\/GenericTasks\/GetTaskDataById$/, spec: 'GET /tasks/GenericTasks/GetTaskDataById', folder: true,
			handle: (/** @type {any} */ ctx) => ({ status: 200, body: taskData(taskInFolder(taskIdParam(ctx), ctx.folder)) }),
		},
		{
			method: 'GET', pattern: /^\/forms\/TaskForms\/GetTaskFormById$/, spec: 'GET /forms/TaskForms/GetTaskFormById', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const task = taskInFolder(taskIdParam(ctx), ctx.folder);
				if (task.Type !== 'FormTask') throw apiError(404, `Task ${task.Id} is not a form task.`, 1002);
				return { status: 200, body: taskData(task, true) };
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Tasks$/, spec: 'GET /odata/Tasks', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const rows = checkedRows(core.inFolder(tasks, ctx.folder).map(taskRow), 'TaskDto', SCHEMAS, core.present);
				return core.collection(ctx, 'Tasks', 'TaskDto', rows, { expandable: TASK_NAV });
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Tasks\(([^)]*)\)$/, spec: 'GET /odata/Tasks({key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				const [row] = checkedRows([taskRow(taskInFolder(core.keyOf(m[1]), ctx.folder))], 'TaskDto', SCHEMAS, core.present);
				return core.single(ctx, 'Tasks', 'TaskDto', row, TASK_NAV);
			},
		},
		{
			method: 'POST', pattern: /^\/odata\/Tasks\/UiPath\.Server\.Configuration\.OData\.AssignTasks$/,
			spec: 'POST /odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks', folder: true, handle: (/** @type {any} */ ctx) => assign(ctx, false),
		},
		{
			method: 'POST', pattern: /^\/odata\/Tasks\/UiPath\.Server\.Configuration\.OData\.ReassignTasks$/,
			spec: 'POST /odata/Tasks/UiPath.Server.Configuration.OData.ReassignTasks', folder: true, handle: (/** @type {any} */ ctx) => assign(ctx, true),
		},
		{
			method: 'GET', pattern: /^\/odata\/Tasks\/UiPath\.Server\.Configuration\.OData\.GetTaskUsers\(organizationUnitId=(\d+)\)$/,
			spec: 'GET /odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId={organizationUnitId})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				if (Number(m[1]) !== ctx.folder.Id) throw apiError(400, 'organizationUnitId must be the folder of the request.', 1100);
				const rows = [...users.values()].filter((u) => u.folderIds.includes(ctx.folder.Id)).map((u) => /** @type {Record<string, unknown>} */ (userInfo(u.id)));
				return core.collection(ctx, 'Users', 'UserLoginInfoDto', checkedRows(rows, 'UserLoginInfoDto', SCHEMAS, core.present), { tieBreak: (/** @type {any} */ a, /** @type {any} */ b) => a.id - b.id });
			},
		},
	);
	for (const [kind, pattern] of /** @type {const} */ ([['ExternalTask', /^\/tasks\/GenericTasks\/CompleteTask$/], ['FormTask', /^\/forms\/TaskForms\/CompleteTask$/]])) {
		const specPath = kind === 'FormTask' ? '/forms/TaskForms/CompleteTask' : '/tasks/GenericTasks/CompleteTask';
		routes.push({
			method: 'POST', pattern, spec: `POST ${specPath}`, folder: true,
			handle: (/** @type {any} */ ctx) => {
				const body = validated(jsonBody(ctx.req), 'TaskCompletionRequest');
				const task = taskInFolder(body.taskId, ctx.folder);
				if (task.Type !== kind) throw apiError(400, `Task ${task.Id} is a ${task.Type}: complete it through ${task.Type === 'FormTask' ? '/forms/TaskForms/CompleteTask' : '/tasks/GenericTasks/CompleteTask'}.`, 2503);
				complete(task, body, task.AssignedToUserId);
				return { status: 204 };
			},
		});
	}

	Object.assign(core.sim, {
		/** An Action Center user with access to `folderIds`. @param {{ userName: string, email?: string, name?: string, surname?: string, folderIds: number[] }} u */
		addUser(u) {
			const id = core.newId();
			const user = { id, userName: u.userName, email: u.email ?? `${u.userName}@example.com`, name: u.name ?? u.userName, surname: u.surname ?? '', folderIds: [...u.folderIds] };
			users.set(id, user);
			return userInfo(id);
		},
		/** @param {{ folderId: number, title: string, type?: 'ExternalTask' | 'FormTask', data?: object, priority?: string, formLayout?: object }} t */
		addTask(t) {
			const folder = folders.get(t.folderId);
			if (!folder) throw new Error(`addTask: no folder ${t.folderId}`);
			const type = t.type ?? 'ExternalTask';
			return taskData(createTask(folder, { title: t.title, data: t.data, priority: t.priority, formLayout: t.formLayout ?? (type === 'FormTask' ? { components: [] } : undefined) }, type));
		},
		/** A person finishes a task in Action Center (assigning it to themselves first if nobody has it). @param {number} taskId @param {{ userId: number, action?: string, data?: object }} c */
		completeTaskAsUser(taskId, c) {
			const task = tasks.get(taskId);
			if (!task) throw new Error(`completeTaskAsUser: no task ${taskId}`);
			if (!users.has(c.userId)) throw new Error(`completeTaskAsUser: no user ${c.userId}`);
			if (task.Status === 'Unassigned') Object.assign(task, { Status: 'Pending', AssignedToUserId: c.userId, LastAssignedTime: toTime(core.now()) });
			complete(task, c, c.userId);
			return taskData(task);
		},
	});
};
