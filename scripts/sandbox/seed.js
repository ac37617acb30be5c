// @ts-check
'use strict';
/**
 * The sandbox's two loopback services: the UiPath Orchestrator and Robotic Crowd simulators of test/simulators/,
 * started on fixed ports and seeded with sample data. They keep everything in memory, so the sandbox seeds them
 * afresh at every start; the names, folder paths, keys and Robotic Crowd workflow ids below never change, so the
 * credentials and workflows stored in n8n keep working from one start to the next.
 *
 * Jobs and runs move in real time: a job waits a second or two Pending, runs a few seconds (one process takes
 * 45 s), then ends Successful with output arguments or Faulted with an error.
 */
const { startUiPathSimulator } = require('../../test/simulators/uipath');
const { startRoboticCrowdSimulator } = require('../../test/simulators/roboticCrowd');

/** Logins the seeded services accept; the credentials in workflows.js use them. Sandbox values, not secrets. */
const LOGINS = Object.freeze({
	uiPath: {
		organization: 'acme',
		tenant: 'DefaultTenant',
		externalApp: {
			clientId: 'sandbox-external-app',
			clientSecret: 'sandbox-external-app-secret',
			scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Assets.Read', 'OR.Robots.Read', 'OR.Monitoring.Read'],
		},
		personalAccessToken: 'rt_sandbox_personal_access_token_0001',
		legacy: {
			clientId: 'sandbox-legacy-client',
			userKey: 'sandbox-legacy-user-key',
			accountLogicalName: 'acmecorp',
			tenantLogicalName: 'AcmeDefault',
		},
		onPremises: { tenancyName: 'Default', username: 'admin', password: 'Sandbox-onprem-1' },
	},
	roboticCrowd: { accessKeyId: 'SANDBOXKEY000001', secretAccessKey: 'sandbox-rc-secret-0123456789abcdef' },
});

/** UiPath folders (fixed Keys, so a folder picked "from the list" in the editor is still there after a restart). */
const FOLDERS = [
	{ displayName: 'Shared', key: '5a1d0000-0000-4000-8000-000000000001', description: 'Processes everyone uses' },
	{ displayName: 'Finance', key: '5a1d0000-0000-4000-8000-000000000002', description: 'Invoices, payments, month-end' },
	{ displayName: 'HR', key: '5a1d0000-0000-4000-8000-000000000003', description: 'Onboarding and payroll' },
];

/** UiPath processes ("releases"): how long their jobs take and how they end. */
const PROCESSES = [
	{ folder: 'Shared', name: 'HelloWorld', key: '9e1e0000-0000-4000-8000-000000000001', queueDelayMs: 500, durationMs: 2000, outputArguments: { greeting: 'Hello from the UiPath sandbox' } },
	{
		folder: 'Finance',
		name: 'InvoiceProcessing',
		key: '9e1e0000-0000-4000-8000-000000000002',
		queueDelayMs: 1500,
		durationMs: 4000,
		inputArgumentsSchema: [{ name: 'invoiceId', required: true }, { name: 'amount', type: 'System.Double, System.Private.CoreLib' }],
		outputArguments: { total: 1250.5, currency: 'EUR', approved: true, approver: 'j.doe' },
	},
	{ folder: 'Finance', name: 'MonthEndClose', key: '9e1e0000-0000-4000-8000-000000000003', queueDelayMs: 2000, durationMs: 45000, outputArguments: { period: '2026-10', closed: true, journalEntries: 412 } },
	{
		folder: 'Finance',
		name: 'PaymentReconciliation',
		key: '9e1e0000-0000-4000-8000-000000000004',
		queueDelayMs: 1000,
		durationMs: 3000,
		outcome: /** @type {const} */ ('Faulted'),
		jobError: { code: 'Robot.SelectorNotFound', title: 'Selector not found', detail: 'UiPath.Core.SelectorNotFoundException: Could not find the "Reconcile" button in the bank portal.' },
	},
	{
		folder: 'Finance',
		name: 'ImportInvoiceFile',
		key: '9e1e0000-0000-4000-8000-000000000007',
		queueDelayMs: 1000,
		durationMs: 3000,
		inputArgumentsSchema: [
			{ name: 'bucketName', type: 'System.String, System.Private.CoreLib', required: true },
			{ name: 'filePath', type: 'System.String, System.Private.CoreLib', required: true },
			{ name: 'dryRun', type: 'System.Boolean, System.Private.CoreLib', hasDefault: true },
		],
		outputArguments: { rowsImported: 3, rejected: 0 },
	},
	{ folder: 'HR', name: 'EmployeeOnboarding', key: '9e1e0000-0000-4000-8000-000000000005', queueDelayMs: 1000, durationMs: 5000, outputArguments: { employeeId: 'E-1042', accountsCreated: 3, welcomeMailSent: true } },
	{
		folder: 'HR',
		name: 'PayrollExport',
		key: '9e1e0000-0000-4000-8000-000000000006',
		queueDelayMs: 1000,
		durationMs: 2500,
		outcome: /** @type {const} */ ('Faulted'),
		jobError: { code: 'Robot.ExecutionFailed', title: 'Job faulted', detail: 'System.IO.IOException: The file payroll-2026-11.csv is locked by another process.' },
	},
];

/** Robotic Crowd workflows (fixed ids: the sample workflows name them). */
const RC_WORKFLOWS = [
	{ id: 101, name: 'Invoice intake', description: 'Reads invoices from the shared mailbox', queueDelayMs: 1500, durationMs: 4000 },
	{ id: 102, name: 'Bank statement download', description: 'Downloads statements from the bank portal', queueDelayMs: 1000, durationMs: 3000, outcome: /** @type {const} */ ('error') },
	{ id: 103, name: 'Monthly sales report', description: 'Builds the sales report (slow)', queueDelayMs: 2000, durationMs: 30000 },
	{ id: 104, name: 'Lead enrichment', description: 'Looks up company data for new leads', queueDelayMs: 1000, durationMs: 2500 },
];

const HOUR = 3600_000;

/**
 * Starts both simulators on 127.0.0.1 and seeds them.
 * @param {{ uiPathPort: number, rcPort: number }} ports 0 picks a free port
 */
async function startSimulators(ports) {
	const ui = await startUiPathSimulator({ port: ports.uiPathPort, organization: LOGINS.uiPath.organization, tenant: LOGINS.uiPath.tenant });
	/** @type {Awaited<ReturnType<typeof startRoboticCrowdSimulator>>} */
	let rc;
	try {
		rc = await startRoboticCrowdSimulator({ port: ports.rcPort, quotaPerMinute: 1000 });
	} catch (error) {
		await ui.close();
		throw error;
	}
	const seeded = { uiPath: seedUiPath(ui), roboticCrowd: seedRoboticCrowd(rc) };
	// The request logs grow with every call: keep the last few thousand entries of a long-running sandbox.
	const trimLogs = setInterval(() => {
		for (const log of [ui.log, rc.log]) if (log.length > 5000) log.splice(0, log.length - 2000);
	}, 60_000);
	trimLogs.unref();
	/** @type {NodeJS.Timeout | undefined} */
	let activityTimer;
	return {
		ui,
		rc,
		seeded,
		/**
		 * Background activity for the triggers: every `seconds`, one UiPath job (of a random process) and one Robotic
		 * Crowd run start and finish a few seconds later, as if scheduled robots were at work.
		 * @param {number} seconds
		 */
		startActivity(seconds) {
			if (!(seconds > 0)) return;
			activityTimer = setInterval(() => backgroundWork(ui, rc, seeded), seconds * 1000);
			activityTimer.unref();
		},
		async close() {
			clearInterval(trimLogs);
			if (activityTimer) clearInterval(activityTimer);
			await Promise.allSettled([ui.close(), rc.close()]);
		},
	};
}

/** @param {any} ui */
function seedUiPath(ui) {
	const { externalApp, personalAccessToken, legacy, onPremises } = LOGINS.uiPath;
	ui.addExternalApp(externalApp);
	ui.addPat(personalAccessToken);
	ui.addLegacyUser({
		clientId: legacy.clientId,
		userKey: legacy.userKey,
		email: 'robot.owner@acme.example',
		accounts: [{ accountName: 'Acme Corp', accountLogicalName: legacy.accountLogicalName, tenants: [{ serviceInstanceName: 'Default Tenant', serviceInstanceLogicalName: legacy.tenantLogicalName }] }],
	});
	ui.addOnPremUser({ ...onPremises, email: 'admin@acme.example' });

	/** @type {Record<string, any>} */
	const folders = {};
	for (const f of FOLDERS) folders[f.displayName] = ui.addFolder(f);

	const robots = [
		ui.addRobot({ folderIds: [folders.Shared.Id, folders.Finance.Id], name: 'FinanceBot01', machineName: 'ACME-RPA-01' }),
		ui.addRobot({ folderIds: [folders.Shared.Id, folders.Finance.Id], name: 'FinanceBot02', machineName: 'ACME-RPA-02' }),
		ui.addRobot({ folderIds: [folders.Shared.Id, folders.HR.Id], name: 'HrBot01', machineName: 'ACME-RPA-03' }),
	];

	/** @type {Array<{ release: any, folder: any, spec: (typeof PROCESSES)[number] }>} */
	const processes = [];
	for (const p of PROCESSES) {
		const folder = folders[p.folder];
		const release = ui.addRelease({ folderId: folder.Id, ...p });
		processes.push({ release, folder, spec: p });
	}

	ui.addQueue({
		folderId: folders.Finance.Id,
		name: 'Invoices',
		description: 'Invoices waiting to be posted',
		autoProcess: { startAfterMs: 1500, durationMs: 3000, outcome: 'Successful', output: { posted: true } },
	});
	ui.addQueue({
		folderId: folders.HR.Id,
		name: 'NewHires',
		description: 'People starting next month',
		autoProcess: { startAfterMs: 2000, durationMs: 4000, outcome: 'Successful', output: { accountsCreated: 3 } },
	});

	// Worked by n8n (the queue-transaction sample), so no sandbox robot takes its items.
	ui.addQueue({ folderId: folders.Finance.Id, name: 'Payments', description: 'Payments n8n works through as a queue worker', maxNumberOfRetries: 1 });
	for (let i = 0; i < 40; i++) {
		ui.addQueueItem({ folderId: folders.Finance.Id, queueName: 'Payments', reference: `PAY-${3000 + i}`, specificContent: { paymentId: `PAY-${3000 + i}`, iban: `DE44 5001 0517 5407 3249 ${String(31 + i).padStart(2, '0')}`, amount: 80 + i * 15 } });
	}
	// Seeding is the same at every start, so the bucket's Id (which the file sample names) is too.
	const inbox = ui.addBucket({ folderId: folders.Finance.Id, name: 'Invoices Inbox', description: 'Invoice files for the import robot' });

	const assets = [
		{ folder: 'Shared', name: 'BankPortalUrl', valueType: 'Text', value: 'https://bank.example.com/portal', description: 'Where the finance robots log in' },
		{ folder: 'Shared', name: 'MaxRetries', valueType: 'Integer', value: 3 },
		{ folder: 'Shared', name: 'MaintenanceMode', valueType: 'Bool', value: false },
		{ folder: 'Shared', name: 'BankPortalLogin', valueType: 'Credential', value: { username: 'robot.finance', password: 'sandbox-only' } },
		{ folder: 'Finance', name: 'ApprovalThreshold', valueType: 'Integer', value: 10000 },
		{ folder: 'HR', name: 'HrSystemUrl', valueType: 'Text', value: 'https://hr.example.com' },
	];
	for (const a of assets) ui.addAsset({ folderId: folders[a.folder].Id, name: a.name, valueType: a.valueType, value: a.value, description: a.description });

	// History: finished jobs of the last two days, oldest first (most end as their process does, a few otherwise).
	const now = Date.now();
	let n = 0;
	let jobs = 0;
	for (let hoursAgo = 47; hoursAgo >= 1; hoursAgo -= 2) {
		for (const { release, folder, spec } of processes) {
			if ((hoursAgo + n) % 3 !== 0) {
				n++;
				continue;
			}
			const state = spec.outcome === 'Faulted' ? (n % 4 === 0 ? 'Successful' : 'Faulted') : n % 11 === 0 ? 'Stopped' : n % 7 === 0 ? 'Faulted' : 'Successful';
			const endTime = now - hoursAgo * HOUR + (n % 50) * 60_000;
			ui.addJob({
				folderId: folder.Id,
				releaseId: release.Id,
				state,
				endTime,
				startTime: endTime - spec.durationMs,
				robotId: robots[n % robots.length].Id,
				inputArguments: spec.name === 'InvoiceProcessing' ? JSON.stringify({ invoiceId: `INV-${900 + n}` }) : undefined,
				reference: `history-${n}`,
			});
			jobs++;
			n++;
		}
	}

	// History: queue items of the last day, processed or failed.
	for (let i = 0; i < 12; i++) {
		const item = ui.addQueueItem({ folderId: folders.Finance.Id, queueName: 'Invoices', reference: `INV-${800 + i}`, specificContent: { invoiceId: `INV-${800 + i}`, amount: 100 + i * 37.5 } });
		const endTime = now - (24 - i * 2) * HOUR;
		if (i % 4 === 3) ui.setQueueItemStatus(item.Id, 'Failed', { endTime, startTime: endTime - 3000, processingException: { reason: 'Vendor not found in ERP', type: 'BusinessException' } });
		else ui.setQueueItemStatus(item.Id, 'Successful', { endTime, startTime: endTime - 3000, output: { posted: true } });
	}
	const entity = seedDataFabric(ui);
	const maestro = seedMaestro(ui, folders.Finance);
	ui.reset(); // seeding made no requests, but start the log clean anyway

	return {
		folders: FOLDERS.map((f) => f.displayName),
		processes: processes.map(({ release, folder, spec }) => ({ folderId: folder.Id, folder: folder.DisplayName, releaseId: release.Id, name: spec.name, outcome: spec.outcome ?? 'Successful', durationMs: spec.durationMs })),
		queues: ['Finance/Invoices', 'Finance/Payments', 'HR/NewHires'],
		buckets: [{ folder: 'Finance', name: 'Invoices Inbox', id: /** @type {number} */ (inbox.Id) }],
		assets: assets.length,
		robots: robots.map((r) => r.Name),
		jobs,
		queueItems: 12,
		entities: [entity],
		maestro,
	};
}

/**
 * Maestro: OrderToCash, an agentic process in Finance (an Orchestrator release of type ProcessOrchestration) whose
 * instances end Completed 6 s after they start, with a history of three instances (one faulted, with an incident).
 * @param {any} ui @param {any} finance
 */
function seedMaestro(ui, finance) {
	const release = ui.addRelease({ folderId: finance.Id, name: 'OrderToCash', key: '9e1e0000-0000-4000-8000-0000000000a1', processType: 'ProcessOrchestration', maestroAutoEnd: { afterMs: 6000 } });
	const hour = 3_600_000;
	for (const [hoursAgo, state] of /** @type {const} */ ([[5, 'Completed'], [3, 'Faulted'], [1, 'Completed']])) {
		const started = Date.now() - hoursAgo * hour;
		const instance = ui.maestro.startInstance({ processKey: release.Key, startedAt: started });
		const incident = { errorCode: 'CreditCheckFailed', errorMessage: 'The credit check agent could not reach the rating service', at: started + 60_000 };
		ui.maestro.setInstanceState(instance.instanceId, state, state === 'Faulted' ? { at: started + 60_000, incident } : { at: started + 120_000 });
	}
	return { process: 'OrderToCash', processKey: /** @type {string} */ (release.Key), folder: 'Finance', instances: 3 };
}

/** Data Fabric: an Orders entity (text, number, date, choice set) with records, for the Entity Record samples. @param {any} ui */
function seedDataFabric(ui) {
	ui.dataFabric.addChoiceSet('OrderStatus', [{ name: 'New' }, { name: 'Shipped' }, { name: 'Invoiced' }]);
	const orders = ui.dataFabric.addEntity({
		id: 'de1e0000-0000-4000-8000-000000000001',
		name: 'Orders',
		displayName: 'Orders',
		description: 'Customer orders the finance robots invoice',
		fields: [
			{ name: 'orderNumber', type: 'text', required: true, unique: true },
			{ name: 'customer', type: 'text', required: true },
			{ name: 'amount', type: 'number' },
			{ name: 'orderDate', type: 'date' },
			{ name: 'status', type: 'choiceSet', choiceSet: 'OrderStatus' },
		],
	});
	const rows = Array.from({ length: 25 }, (_, i) => ({
		orderNumber: `SO-${4100 + i}`,
		customer: ['Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'][i % 5],
		amount: 150 + i * 42.5,
		orderDate: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
		status: i % 3,
	}));
	ui.dataFabric.addRecords(orders.id, rows);
	return { name: 'Orders', id: /** @type {string} */ (orders.id), records: rows.length };
}

/** @param {any} rc */
function seedRoboticCrowd(rc) {
	rc.addApiKey(LOGINS.roboticCrowd);
	for (const w of RC_WORKFLOWS) rc.addWorkflow(w);
	// Run ids grow with the clock, so ids never repeat across restarts (the trigger remembers runs by id).
	let id = Math.floor(Date.now() / 100) - 17_000_000_000;
	const now = Date.now();
	for (let i = 0; i < 30; i++) {
		const workflow = RC_WORKFLOWS[i % RC_WORKFLOWS.length];
		const created = now - (30 - i) * 45 * 60_000;
		const status = workflow.outcome === 'error' ? 'error' : i % 9 === 0 ? 'error' : 'success';
		rc.addRun({ id: id++, workflow_id: workflow.id, status, created_at: created, started_at: created + 1000, params: workflow.id === 101 ? { customer: `Customer ${i}` } : {} });
	}
	rc.reset();
	return { workflows: RC_WORKFLOWS.map((w) => ({ id: w.id, name: w.name, outcome: w.outcome ?? 'success', durationMs: w.durationMs })), runs: 30 };
}

/**
 * One round of background work: a job of a random process and a run of a random workflow, finishing in seconds.
 * @param {any} ui @param {any} rc @param {{ uiPath: ReturnType<typeof seedUiPath>, roboticCrowd: ReturnType<typeof seedRoboticCrowd> }} seeded
 */
function backgroundWork(ui, rc, seeded) {
	const quick = seeded.uiPath.processes.filter((p) => p.durationMs < 10_000);
	const p = quick[Math.floor(Math.random() * quick.length)];
	const now = Date.now();
	ui.addJob({ folderId: p.folderId, releaseId: p.releaseId, state: p.outcome, startTime: now, endTime: now + p.durationMs, reference: 'scheduled' });
	const quickRuns = seeded.roboticCrowd.workflows.filter((w) => w.durationMs < 10_000);
	rc.addRun({ workflow_id: quickRuns[Math.floor(Math.random() * quickRuns.length)].id });
}

module.exports = { startSimulators, LOGINS, FOLDERS, PROCESSES, RC_WORKFLOWS };
