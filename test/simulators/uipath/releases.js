// @ts-check
'use strict';
/**
 * Processes and their triggers (issue 11).
 *   GET  /odata/Releases({key})   ReleaseDto with Arguments {Input, Output} (JSON strings of argument metadata:
 *        name, type, required, hasDefault) and EntryPointPath; `$expand=EntryPoint` adds the EntryPointDto (Path,
 *        InputArguments, OutputArguments). 404 1002 unknown release.
 *   GET  /odata/ProcessSchedules  ProcessScheduleDto rows: time triggers (StartProcessCron, Quartz syntax) and queue
 *        triggers (QueueDefinitionId / QueueDefinitionName, ItemsActivationThreshold …).
 *   GET  /odata/ProcessSchedules({key})   one schedule; 404 1002.
 *   POST /odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled
 *        {"enabled","scheduleIds":[…],"multistatusEnabled"}  200 {"value":true}. An unknown id: 404 with the
 *        document's ErrorResult body ({"Message","ErrorCode":1002,"TraceId","ResourceIds"}), nothing changed; with
 *        multistatusEnabled, 207 {"<id>": ErrorResult} for the unknown ones and the known ones changed. 400 ErrorResult
 *        when scheduleIds is empty. A disabled schedule has no StartProcessNextOccurrence.
 */
const crypto = require('node:crypto');
const { HttpError } = require('../common');
const { toTime } = require('./time');
const { checkedAnswer, checkedRows } = require('./answers');

/** @param {any} core */
module.exports = function registerReleases(core) {
	const { routes, releases, queues, SCHEMAS, apiError, validated, jsonBody, keyOf } = core;
	/** @type {Map<number, any>} */
	const schedules = new Map();

	function releaseWithEntryPoint(/** @type {any} */ r) {
		const row = core.releaseRow(r);
		row.EntryPoint = { UniqueId: r.entryPointKey, Path: row.EntryPointPath, InputArguments: r.argumentsInput, OutputArguments: r.argumentsOutput, DataVariation: null, Id: row.EntryPointId };
		return row;
	}
	function scheduleRow(/** @type {any} */ s) {
		const release = releases.get(s.releaseId);
		const queue = s.queueId != null ? queues.get(s.queueId) : undefined;
		return {
			Key: s.Key, Enabled: s.Enabled, Name: s.Name, ReleaseId: release.Id, ReleaseKey: release.Key, ReleaseName: release.Name,
			EntryPointPath: null, PackageName: release.ProcessKey, EnvironmentName: null, EnvironmentId: null, JobPriority: null,
			SpecificPriorityValue: null, RuntimeType: 'Unattended', StartProcessCron: queue ? '' : s.cron,
			StartProcessCronDetails: queue ? '' : JSON.stringify({ type: 5, advancedCronExpression: s.cron }), StartProcessCronSummary: queue ? '' : s.cronSummary,
			StartProcessNextOccurrence: s.Enabled && !queue ? s.nextOccurrence : null, StartStrategy: s.startStrategy, ExecutorRobots: [],
			StopProcessExpression: '', StopStrategy: null, KillProcessExpression: null, ExternalJobKey: null, ExternalJobKeyScheduler: null,
			TimeZoneId: s.timeZoneId, TimeZoneIana: s.timeZoneIana, UseCalendar: false, CalendarId: null, CalendarName: null, CalendarKey: null,
			StopProcessDate: null, InputArguments: s.inputArguments, InputFile: null, QueueDefinitionId: queue ? queue.Id : null,
			QueueDefinitionName: queue ? queue.Name : null, ActivateOnJobComplete: queue ? true : null,
			ItemsActivationThreshold: queue ? s.itemsActivationThreshold : null, ItemsPerJobActivationTarget: queue ? s.itemsPerJob : null,
			MaxJobsForActivation: queue ? s.maxJobs : null, ResumeOnSameContext: false, Description: s.Description, MachineRobots: [], Tags: [],
			AlertPendingExpression: null, AlertRunningExpression: null, RunAsMe: false, ConsecutiveJobFailuresThreshold: 0,
			JobFailuresGracePeriodInHours: 0, IsConnected: false, Id: s.Id,
		};
	}
	/** The document's ErrorResult body (SetEnabled answers errors with it). */
	const errorResult = (/** @type {string} */ message, /** @type {number} */ code, /** @type {number[]} */ ids) =>
		checkedAnswer({ Message: message, ErrorCode: code, TraceId: `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-01`, ResourceIds: ids, Details: null }, 'ErrorResult', SCHEMAS);

	function setEnabled(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'ProcessSetEnabledRequest');
		const ids = /** @type {number[]} */ (body.scheduleIds ?? []);
		if (!ids.length) throw new HttpError(400, errorResult('scheduleIds must name at least one schedule.', 1000, []));
		const found = (/** @type {number} */ id) => schedules.get(id)?.folderId === ctx.folder.Id;
		const missing = ids.filter((id) => !found(id));
		if (missing.length && !body.multistatusEnabled) throw new HttpError(404, errorResult(`Schedule does not exist: ${missing.join(', ')}.`, 1002, missing));
		for (const id of ids) if (found(id)) schedules.get(id).Enabled = Boolean(body.enabled);
		if (missing.length) return { status: 207, body: Object.fromEntries(missing.map((id) => [String(id), errorResult('Schedule does not exist.', 1002, [id])])) };
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Edm.Boolean`, value: true } };
	}

	routes.push(
		{
			method: 'GET', pattern: /^\/odata\/Releases\(([^)]*)\)$/, spec: 'GET /odata/Releases({key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				const release = releases.get(keyOf(m[1]));
				if (!release || release.folderId !== ctx.folder.Id) throw apiError(404, 'Release does not exist.', 1002);
				const [row] = checkedRows([releaseWithEntryPoint(release)], 'ReleaseDto', SCHEMAS, core.present);
				return core.single(ctx, 'Releases', 'ReleaseDto', row, ['EntryPoint']);
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/ProcessSchedules$/, spec: 'GET /odata/ProcessSchedules', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const rows = checkedRows(core.inFolder(schedules, ctx.folder).map(scheduleRow), 'ProcessScheduleDto', SCHEMAS, core.present);
				return core.collection(ctx, 'ProcessSchedules', 'ProcessScheduleDto', rows);
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/ProcessSchedules\(([^)]*)\)$/, spec: 'GET /odata/ProcessSchedules({key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				const s = schedules.get(keyOf(m[1]));
				if (!s || s.folderId !== ctx.folder.Id) throw apiError(404, 'Schedule does not exist.', 1002);
				return core.single(ctx, 'ProcessSchedules', 'ProcessScheduleDto', checkedRows([scheduleRow(s)], 'ProcessScheduleDto', SCHEMAS, core.present)[0]);
			},
		},
		{
			method: 'POST', pattern: /^\/odata\/ProcessSchedules\/UiPath\.Server\.Configuration\.OData\.SetEnabled$/,
			spec: 'POST /odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled', folder: true, handle: setEnabled,
		},
	);

	Object.assign(core.sim, {
		/**
		 * A trigger of a release: a time trigger (`cron`, Quartz syntax) or, with `queueId`, a queue trigger.
		 * @param {{ releaseId: number, name: string, enabled?: boolean, cron?: string, cronSummary?: string,
		 *   nextOccurrence?: number | string, timeZoneId?: string, queueId?: number, itemsActivationThreshold?: number,
		 *   itemsPerJob?: number, maxJobs?: number, inputArguments?: string, description?: string }} s
		 */
		addSchedule(s) {
			const release = releases.get(s.releaseId);
			if (!release) throw new Error(`addSchedule: no release ${s.releaseId}`);
			if (s.queueId != null && queues.get(s.queueId)?.folderId !== release.folderId) throw new Error(`addSchedule: no queue ${s.queueId} in the release's folder`);
			const schedule = {
				Id: core.newId(), Key: core.guid(), folderId: release.folderId, releaseId: release.Id, Name: s.name, Enabled: s.enabled ?? true,
				cron: s.cron ?? '0 0 8 ? * MON-FRI *', cronSummary: s.cronSummary ?? 'At 08:00, Monday through Friday',
				nextOccurrence: s.nextOccurrence != null ? toTime(s.nextOccurrence) : toTime(core.now() + 3600_000),
				timeZoneId: s.timeZoneId ?? 'UTC', timeZoneIana: s.timeZoneId ?? 'Etc/UTC', startStrategy: 1, queueId: s.queueId,
				itemsActivationThreshold: s.itemsActivationThreshold ?? 1, itemsPerJob: s.itemsPerJob ?? 1, maxJobs: s.maxJobs ?? 1,
				inputArguments: s.inputArguments ?? null, Description: s.description ?? null,
			};
			schedules.set(schedule.Id, schedule);
			return core.present(scheduleRow(schedule), 'ProcessScheduleDto');
		},
	});
	// Entry points get a stable key per release (the release rows do not carry one).
	for (const r of releases.values()) r.entryPointKey ??= core.guid();
	const addRelease = core.sim.addRelease;
	core.sim.addRelease = (/** @type {any} */ r) => {
		const row = addRelease(r);
		releases.get(row.Id).entryPointKey = core.guid();
		return row;
	};
};
