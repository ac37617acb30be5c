// @ts-check
'use strict';
/**
 * Machines and robot sessions (issue 11).
 *   GET /odata/Machines   tenant-wide (no folder header, as the document says): ExtendedMachineDto rows, the machines
 *       seeded with sim.addMachine and the host machine of every robot.
 *   GET /odata/Sessions   folder-scoped SessionDto rows, one per robot session of the folder (sim.addSession):
 *       State Available / Disconnected as seeded, Busy while the robot runs a job; IsUnresponsive when its last
 *       heartbeat (ReportingTime) is older than 120 s. `$expand=Robot,Job` adds the robot and the running job.
 */
const { toTime } = require('./time');
const { checkedRows } = require('./answers');

const SESSION_NAV = ['Robot', 'Job'];

/** @param {any} core */
module.exports = function registerMachines(core) {
	const { routes, robots, jobs, folders, SCHEMAS } = core;
	/** @type {Map<number, any>} */ const machines = new Map();
	/** @type {Map<number, any>} */ const sessions = new Map();

	function machineRow(/** @type {any} */ m) {
		return {
			LicenseKey: null, Name: m.Name, Description: m.Description ?? null, Type: m.Type, Scope: 'Default', NonProductionSlots: 0,
			UnattendedSlots: m.UnattendedSlots, HeadlessSlots: 0, TestAutomationSlots: 0, HostingSlots: 0, AppTestSlots: 0,
			PerformanceTestSlots: 0, AutomationCloudSlots: 0, AutomationCloudTestAutomationSlots: 0, Key: m.Key,
			EndpointDetectionStatus: 'NotAvailable', RobotVersions: [], RobotUsers: [], AutomationType: 'Any', TargetFramework: 'Any',
			ServerlessLicensingModel: null, UpdatePolicy: null, ClientSecret: null, Tags: [], MaintenanceWindow: null, VpnSettings: null,
			Id: m.Id, UpdateInfo: null,
		};
	}
	function allMachines() {
		const out = new Map(machines);
		for (const r of robots.values()) {
			if (!out.has(r.MachineId)) out.set(r.MachineId, { Id: r.MachineId, Key: r.MachineKey, Name: r.MachineName, Type: 'Template', UnattendedSlots: 1 });
		}
		return [...out.values()];
	}
	/** The job a robot runs at `t`, if any. */
	function runningJob(/** @type {any} */ robot, /** @type {number} */ t) {
		for (const j of jobs.values()) {
			const v = core.view(j, t);
			if (v.RobotId === robot.Id && ['Running', 'Stopping', 'Terminating', 'Resumed'].includes(v.State)) return j;
		}
		return undefined;
	}
	function sessionRow(/** @type {any} */ s, /** @type {any} */ folder, /** @type {number} */ t) {
		const robot = robots.get(s.robotId);
		const job = s.state === 'Disconnected' ? undefined : runningJob(robot, t);
		const robotWithLicense = { ...core.robotRow(robot), License: null, User: null };
		return {
			Robot: robotWithLicense, HostMachineName: robot.MachineName, MachineId: robot.MachineId, MachineName: robot.MachineName,
			State: job ? 'Busy' : s.state, Job: job ? core.present(core.jobRow(job, t), 'JobDto') : null, ReportingTime: s.reportingTime ?? toTime(t),
			Info: null, IsUnresponsive: s.reportingTime ? t - Date.parse(s.reportingTime.slice(0, 23) + 'Z') > 120_000 : false,
			LicenseErrorCode: null, OrganizationUnitId: folder.Id, FolderName: folder.DisplayName, RobotSessionType: 'LongLived',
			Version: '24.10.0', Source: null, DebugModeExpirationDate: null, UpdateInfo: null, InstallationId: s.installationId,
			Platform: 'Windows', EndpointDetection: null, Id: s.Id,
		};
	}

	routes.push(
		{
			method: 'GET', pattern: /^\/odata\/Machines$/, spec: 'GET /odata/Machines', folder: false,
			handle: (/** @type {any} */ ctx) => {
				return core.collection(ctx, 'Machines', 'ExtendedMachineDto', checkedRows(allMachines().map(machineRow), 'ExtendedMachineDto', SCHEMAS, core.present));
			},
		},
		{
			method: 'GET', pattern: /^\/odata\/Sessions$/, spec: 'GET /odata/Sessions', folder: true,
			handle: (/** @type {any} */ ctx) => {
				const t = core.now();
				const rows = [...sessions.values()].filter((s) => robots.get(s.robotId).folderIds.includes(ctx.folder.Id)).map((s) => sessionRow(s, ctx.folder, t));
				return core.collection(ctx, 'Sessions', 'SessionDto', checkedRows(rows, 'SessionDto', SCHEMAS, core.present), { expandable: SESSION_NAV });
			},
		},
	);

	Object.assign(core.sim, {
		/** A machine (template) of the tenant. @param {{ name: string, type?: 'Standard' | 'Template', unattendedSlots?: number, description?: string }} m */
		addMachine(m) {
			const machine = { Id: core.newId(), Key: core.guid(), Name: m.name, Type: m.type ?? 'Template', UnattendedSlots: m.unattendedSlots ?? 1, Description: m.description };
			machines.set(machine.Id, machine);
			return machineRow(machine);
		},
		/**
		 * A robot's session: the robot is connected (Available) or was (Disconnected); it reads Busy while running a job.
		 * @param {{ robotId: number, state?: 'Available' | 'Disconnected', reportingTime?: number | string }} s
		 */
		addSession(s) {
			const robot = robots.get(s.robotId);
			if (!robot) throw new Error(`addSession: no robot ${s.robotId}`);
			const session = { Id: core.newId(), robotId: robot.Id, state: s.state ?? 'Available', reportingTime: s.reportingTime != null ? toTime(s.reportingTime) : undefined, installationId: core.guid() };
			sessions.set(session.Id, session);
			const folder = folders.get(robot.folderIds[0]);
			return folder ? core.present(sessionRow(session, folder, core.now()), 'SessionDto') : session;
		},
	});
};
