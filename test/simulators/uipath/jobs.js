// @ts-check
'use strict';
/**
 * Jobs, continued (issue 11): RestartJob, ResumeJob and the robot logs of jobs.
 *   POST /odata/Jobs/UiPath.Server.Configuration.OData.RestartJob  {"jobId"}   200 JobDto (a new job, same process
 *        and arguments); 404 1002 unknown job; 400 1673 the job has not finished (simulator's code)
 *   POST /odata/Jobs/UiPath.Server.Configuration.OData.ResumeJob   {"jobKey"}  200 JobDto; 404 1002; 400 1674 the
 *        job is not Suspended (simulator's code)
 *   GET  /odata/RobotLogs   LogDto rows: every job that started logs "<process> execution started", a finished one
 *        "<process> execution ended" (an Error row with the job error first when it faulted), plus seeded rows
 *        (sim.addRobotLog). Filter on JobKey (a Guid literal), Level, TimeStamp; $top at most 1000.
 */
const { toTime, formatTime } = require('./time');
const { parseShape, shapeRow } = require('./odata');
const { checkedAnswer, checkedRows } = require('./answers');

const FINAL = ['Successful', 'Faulted', 'Stopped'];
const JOB_NAV = ['Robot', 'Release', 'Machine'];
/** What a seeded job without a release does when resumed. */
const DEFAULT_RUN = { queueDelayMs: 1000, durationMs: 3000, outcome: 'Successful' };

/** @param {any} core */
module.exports = function registerJobs(core) {
	const { routes, jobs, releases, robots, SCHEMAS, apiError, validated, jsonBody } = core;
	/** @type {any[]} */
	const seededLogs = [];
	let nextLogId = 1_000_000_000;

	/** One job as an answer of a job action: `$expand` / `$select` as the other job routes. */
	function jobAnswer(/** @type {any} */ ctx, /** @type {any} */ job) {
		const shape = core.odataQuery(() => parseShape(ctx.req.query, { typeName: 'JobDto', schemas: SCHEMAS, maxTop: 1, expandable: JOB_NAV }));
		const full = checkedAnswer(core.present(core.jobRow(job), 'JobDto'), 'JobDto', SCHEMAS);
		const row = shapeRow(full, shape, JOB_NAV);
		return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Jobs/$entity`, ...row } };
	}

	function restart(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'RestartJobRequest');
		const job = core.jobInFolder(body.jobId, ctx.folder);
		const v = core.view(job);
		if (!FINAL.includes(v.State)) throw apiError(400, `Job ${job.Id} cannot be restarted: it is ${v.State}. Only a finished job (Successful, Faulted, Stopped) can be restarted.`, 1673);
		const release = releases.get(job.releaseId);
		if (!release) throw apiError(404, `Could not find the process of job ${job.Id}.`, 1002);
		const robot = v.RobotId != null ? robots.get(v.RobotId) : undefined;
		const info = { InputArguments: v.InputArguments, JobPriority: v.JobPriority, SpecificPriorityValue: v.SpecificPriorityValue, RuntimeType: v.RuntimeType, Reference: v.Reference, Source: 'Manual', batchKey: core.guid() };
		return jobAnswer(ctx, core.createJob(release, ctx.folder, info, robot));
	}

	function resume(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'ResumeJobRequest');
		const key = String(body.jobKey).toLowerCase();
		const job = [...jobs.values()].find((j) => j.Key === key && j.folderId === ctx.folder.Id);
		if (!job) throw apiError(404, 'Job does not exist.', 1002);
		const t = core.now();
		const state = core.view(job, t).State;
		if (state !== 'Suspended') throw apiError(400, `Job ${job.Id} cannot be resumed: it is ${state}, not Suspended.`, 1674);
		const release = releases.get(job.releaseId);
		const run = release ?? DEFAULT_RUN;
		core.dropFuture(job, t);
		const runMs = t + run.queueDelayMs;
		const endMs = runMs + run.durationMs;
		core.addChanges(job, [
			{ at: t, set: { State: 'Resumed', ResumeTime: toTime(t, core.ticks(job.Id, 1)) } },
			{ at: runMs, set: { State: 'Running' } },
			{ at: endMs, set: core.finalFields(run.outcome, toTime(endMs, core.ticks(job.Id, 2)), release) },
		]);
		return jobAnswer(ctx, job);
	}

	/** The log rows of one job as it stands at `t`. */
	function jobLogs(/** @type {any} */ job, /** @type {number} */ t) {
		const v = core.view(job, t);
		const robot = v.RobotId != null ? robots.get(v.RobotId) : undefined;
		const rows = [];
		const row = (/** @type {number} */ n, /** @type {string} */ level, /** @type {string} */ message, /** @type {string} */ at) =>
			logRow({ Id: job.Id * 1000 + n, Level: level, Message: message, TimeStamp: at, job, v, robot });
		if (v.StartTime) rows.push(row(1, 'Info', `${v.ReleaseName} execution started`, v.StartTime));
		if (FINAL.includes(v.State) && v.EndTime) {
			if (v.State === 'Faulted') rows.push(row(2, 'Error', `${v.ReleaseName} execution ended in: ${v.JobError?.detail ?? 'an error'}`, v.EndTime));
			rows.push(row(3, v.State === 'Stopped' ? 'Warn' : 'Info', `${v.ReleaseName} execution ended`, v.EndTime));
		}
		for (const log of seededLogs) if (log.jobId === job.Id && log.at <= t) rows.push(logRow({ ...log, job, v, robot }));
		return rows;
	}
	/** @param {{ Id: number, Level: string, Message: string, TimeStamp: string, job: any, v: any, robot?: any }} l */
	function logRow(l) {
		const fields = {
			Level: l.Level,
			WindowsIdentity: l.robot ? l.robot.Username : null,
			ProcessName: l.v.ReleaseName,
			TimeStamp: l.TimeStamp,
			Message: l.Message,
			JobKey: l.job.Key,
			RobotName: l.robot ? l.robot.Name : null,
			HostMachineName: l.v.HostMachineName ?? null,
			MachineId: l.robot ? l.robot.MachineId : null,
			MachineKey: l.robot ? l.robot.MachineKey : null,
			RuntimeType: l.v.RuntimeType ?? 'Unattended',
		};
		const raw = { message: l.Message, level: l.Level === 'Warn' ? 'Warning' : l.Level === 'Info' ? 'Information' : l.Level, logType: 'User', timeStamp: formatTime(l.TimeStamp), fingerprint: core.guid(), windowsIdentity: fields.WindowsIdentity, machineName: fields.HostMachineName, processName: fields.ProcessName, jobId: l.job.Key, robotName: fields.RobotName };
		return { ...fields, RawMessage: JSON.stringify(raw), Id: l.Id };
	}

	routes.push(
		{
			method: 'POST', pattern: /^\/odata\/Jobs\/UiPath\.Server\.Configuration\.OData\.RestartJob$/,
			spec: 'POST /odata/Jobs/UiPath.Server.Configuration.OData.RestartJob', folder: true, handle: restart,
		},
		{
			method: 'POST', pattern: /^\/odata\/Jobs\/UiPath\.Server\.Configuration\.OData\.ResumeJob$/,
			spec: 'POST /odata/Jobs/UiPath.Server.Configuration.OData.ResumeJob', folder: true, handle: resume,
		},
		{
			method: 'GET', pattern: /^\/odata\/RobotLogs$/, spec: 'GET /odata/RobotLogs', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const t = core.now();
				const rows = core.inFolder(jobs, ctx.folder).flatMap((/** @type {any} */ j) => jobLogs(j, t));
				return core.collection(ctx, 'RobotLogs', 'LogDto', checkedRows(rows, 'LogDto', SCHEMAS, core.present));
			},
		},
	);

	Object.assign(core.sim, {
		/**
		 * A log row of a job (besides the started / ended rows every job writes).
		 * @param {{ jobId: number, level?: 'Trace' | 'Debug' | 'Info' | 'Warn' | 'Error' | 'Fatal', message: string, timeStamp?: number | string }} l
		 */
		addRobotLog(l) {
			const job = jobs.get(l.jobId);
			if (!job) throw new Error(`addRobotLog: no job ${l.jobId}`);
			const at = l.timeStamp != null ? (typeof l.timeStamp === 'number' ? l.timeStamp : Date.parse(l.timeStamp)) : core.now();
			const log = { Id: nextLogId++, jobId: job.Id, Level: l.level ?? 'Info', Message: l.message, TimeStamp: toTime(l.timeStamp ?? at), at };
			seededLogs.push(log);
			return log.Id;
		},
		/** Suspends a job now (as a robot waiting on a task or a queue item does); ResumeJob brings it back. @param {number} id */
		suspendJob(id) {
			const job = jobs.get(id);
			if (!job) throw new Error(`suspendJob: no job ${id}`);
			const t = core.now();
			core.dropFuture(job, t);
			core.addChanges(job, [{ at: t, set: { State: 'Suspended' } }]);
			return core.present(core.jobRow(job), 'JobDto');
		},
	});
};
