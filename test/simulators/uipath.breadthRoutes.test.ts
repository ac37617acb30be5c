// Every breadth route (issue 11) over HTTP: the scopes its OpenAPI description names (403 without them), the folder
// header (400 1101 without one, except the tenant-wide Machines), unknown keys (404 1002) and strict bodies (400 1000).
import { seeded, BUCKETS, JOBS } from './uipathBreadth.helpers';
import { checkedAnswer } from './uipath/answers';
const derived = require('./uipath/schemas.json');

type Case = { spec: string; path: string; body?: unknown; badBody?: unknown; missing?: string; missingBody?: unknown; folder?: false };

/** Paths use ids that exist (`{id}` tokens are filled in by the test) unless the case is about a missing one. */
function cases(ids: { job: number; jobKey: string; item: number; bucket: number; asset: number; release: number; schedule: number; task: number; folder: number }): Case[] {
	const bucket = (a: string) => BUCKETS(ids.bucket, a);
	return [
		{ spec: `POST ${JOBS}.RestartJob`, path: `${JOBS}.RestartJob`, body: { jobId: ids.job }, badBody: { jobId: 'x' }, missingBody: { jobId: 999999 } },
		{ spec: `POST ${JOBS}.ResumeJob`, path: `${JOBS}.ResumeJob`, body: { jobKey: ids.jobKey }, badBody: { jobKey: 'not-a-guid' }, missingBody: { jobKey: '00000000-0000-0000-0000-000000000000' } },
		{ spec: 'GET /odata/RobotLogs', path: '/odata/RobotLogs' },
		{ spec: 'PUT /odata/QueueItems({key})', path: `/odata/QueueItems(${ids.item})`, body: { Priority: 'High' }, badBody: { Priority: 'Urgent' }, missing: '/odata/QueueItems(999999)' },
		{ spec: 'DELETE /odata/QueueItems({key})', path: `/odata/QueueItems(${ids.item})`, missing: '/odata/QueueItems(999999)' },
		{ spec: 'GET /odata/QueueItems({key})/UiPath.Server.Configuration.OData.GetItemLastRetry', path: `/odata/QueueItems(${ids.item})/UiPath.Server.Configuration.OData.GetItemLastRetry`, missing: '/odata/QueueItems(999999)/UiPath.Server.Configuration.OData.GetItemLastRetry' },
		{ spec: 'GET /odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key={key})', path: '/odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key=00000000-0000-0000-0000-000000000000)', missing: '/odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key=00000000-0000-0000-0000-000000000000)' },
		{ spec: 'POST /odata/Queues/UiPathODataSvc.StartTransaction', path: '/odata/Queues/UiPathODataSvc.StartTransaction', body: { transactionData: { Name: 'Invoices' } }, badBody: { transactionData: { Name: 'Invoices', Robot: 1 } }, missingBody: { transactionData: { Name: 'NoSuchQueue' } } },
		{ spec: 'POST /odata/Queues({key})/UiPathODataSvc.SetTransactionResult', path: `/odata/Queues(${ids.item})/UiPathODataSvc.SetTransactionResult`, body: { transactionResult: { IsSuccessful: true } }, badBody: { transactionResult: { IsSuccessful: 'yes' } }, missing: '/odata/Queues(999999)/UiPathODataSvc.SetTransactionResult' },
		{ spec: 'POST /odata/QueueItems({key})/UiPathODataSvc.SetTransactionProgress', path: `/odata/QueueItems(${ids.item})/UiPathODataSvc.SetTransactionProgress`, body: { progress: 'x' }, badBody: { Progress: 'x' }, missing: '/odata/QueueItems(999999)/UiPathODataSvc.SetTransactionProgress' },
		{ spec: 'GET /odata/Buckets', path: '/odata/Buckets' },
		{ spec: 'GET /odata/Buckets({key})', path: `/odata/Buckets(${ids.bucket})`, missing: '/odata/Buckets(999999)' },
		{ spec: 'GET /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetFiles', path: bucket('GetFiles'), missing: BUCKETS(999999, 'GetFiles') },
		{ spec: 'GET /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetDirectories', path: bucket('GetDirectories'), missing: BUCKETS(999999, 'GetDirectories') },
		{ spec: 'GET /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetFile', path: `${bucket('GetFile')}?path=a.txt`, missing: `${bucket('GetFile')}?path=nope.txt` },
		{ spec: 'GET /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetReadUri', path: `${bucket('GetReadUri')}?path=a.txt`, missing: `${bucket('GetReadUri')}?path=nope.txt` },
		{ spec: 'GET /odata/Buckets({key})/UiPath.Server.Configuration.OData.GetWriteUri', path: `${bucket('GetWriteUri')}?path=b.txt`, missing: `${BUCKETS(999999, 'GetWriteUri')}?path=b.txt` },
		{ spec: 'DELETE /odata/Buckets({key})/UiPath.Server.Configuration.OData.DeleteFile', path: `${bucket('DeleteFile')}?path=a.txt`, missing: `${bucket('DeleteFile')}?path=nope.txt` },
		{ spec: 'POST /odata/Assets', path: '/odata/Assets', body: { Name: 'New', ValueScope: 'Global', ValueType: 'Text', StringValue: 'x' }, badBody: { Name: 'New', ValueScope: 'Global', ValueType: 'Txt' } },
		{ spec: 'PUT /odata/Assets({key})', path: `/odata/Assets(${ids.asset})`, body: { Name: 'Limit', ValueScope: 'Global', ValueType: 'Integer', IntValue: 5 }, badBody: { Name: 'Limit', ValueScope: 'Global', ValueType: 'Integer', IntValue: '5' }, missing: '/odata/Assets(999999)' },
		{ spec: 'DELETE /odata/Assets({key})', path: `/odata/Assets(${ids.asset})`, missing: '/odata/Assets(999999)' },
		{ spec: 'GET /odata/Releases({key})', path: `/odata/Releases(${ids.release})`, missing: '/odata/Releases(999999)' },
		{ spec: 'GET /odata/ProcessSchedules', path: '/odata/ProcessSchedules' },
		{ spec: 'GET /odata/ProcessSchedules({key})', path: `/odata/ProcessSchedules(${ids.schedule})`, missing: '/odata/ProcessSchedules(999999)' },
		{ spec: 'POST /odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled', path: '/odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled', body: { enabled: false, scheduleIds: [ids.schedule] }, badBody: { enabled: 'no', scheduleIds: [ids.schedule] } },
		{ spec: 'GET /odata/Machines', path: '/odata/Machines', folder: false },
		{ spec: 'GET /odata/Sessions', path: '/odata/Sessions' },
		{ spec: 'POST /tasks/GenericTasks/CreateTask', path: '/tasks/GenericTasks/CreateTask', body: { title: 'Approve' }, badBody: { Title: 'Approve' } },
		{ spec: 'GET /tasks/GenericTasks/GetTaskDataById', path: `/tasks/GenericTasks/GetTaskDataById?taskId=${ids.task}`, missing: '/tasks/GenericTasks/GetTaskDataById?taskId=999999' },
		{ spec: 'POST /tasks/GenericTasks/CompleteTask', path: '/tasks/GenericTasks/CompleteTask', body: { taskId: ids.task, action: 'Approve' }, badBody: { taskId: ids.task, verdict: 'Approve' }, missingBody: { taskId: 999999 } },
		{ spec: 'POST /forms/TaskForms/CreateFormTask', path: '/forms/TaskForms/CreateFormTask', body: { title: 'Review', formLayout: { components: [] } }, badBody: { title: 'Review', priority: 'Urgent' } },
		{ spec: 'GET /forms/TaskForms/GetTaskFormById', path: '/forms/TaskForms/GetTaskFormById?taskId=999999', missing: '/forms/TaskForms/GetTaskFormById?taskId=999999' },
		{ spec: 'POST /forms/TaskForms/CompleteTask', path: '/forms/TaskForms/CompleteTask', body: { taskId: 999999 }, badBody: { taskId: '1' }, missingBody: { taskId: 999999 } },
		{ spec: 'GET /odata/Tasks', path: '/odata/Tasks' },
		{ spec: 'GET /odata/Tasks({key})', path: `/odata/Tasks(${ids.task})`, missing: '/odata/Tasks(999999)' },
		{ spec: 'POST /odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks', path: '/odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks', body: { taskAssignments: [] }, badBody: { taskAssignments: [{ TaskId: ids.task, AssignmentCriteria: 'Everyone' }] } },
		{ spec: 'POST /odata/Tasks/UiPath.Server.Configuration.OData.ReassignTasks', path: '/odata/Tasks/UiPath.Server.Configuration.OData.ReassignTasks', body: { taskAssignments: [] }, badBody: { assignments: [] } },
		{
			spec: 'GET /odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId={organizationUnitId})',
			path: `/odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId=${ids.folder})`,
		},
	];
}

async function world() {
	const s = await seeded();
	const job = s.sim.addJob({ folderId: s.finance.Id, releaseId: s.release.Id, state: 'Suspended' });
	const item = s.sim.addQueueItem({ queueId: s.queue.Id, specificContent: { n: 1 } });
	const bucket = s.sim.addBucket({ folderId: s.finance.Id, name: 'Inbox' });
	s.sim.putBucketFile(bucket.Id, 'a.txt', 'hello', 'text/plain');
	const asset = s.sim.addAsset({ folderId: s.finance.Id, name: 'Limit', valueType: 'Integer', value: 3 });
	const schedule = s.sim.addSchedule({ releaseId: s.release.Id, name: 'Nightly' });
	const task = s.sim.addTask({ folderId: s.finance.Id, title: 'Check' });
	const ids = { job: job.Id, jobKey: job.Key, item: item.Id, bucket: bucket.Id, asset: asset.Id, release: s.release.Id, schedule: schedule.Id, task: task.id, folder: s.finance.Id };
	return { ...s, ids, list: cases(ids) };
}

const methodOf = (spec: string) => spec.split(' ')[0];

describe('breadth routes: scopes, folders, keys, bodies', () => {
	let w: Awaited<ReturnType<typeof world>>;
	beforeAll(async () => {
		w = await world();
	});
	afterAll(() => w.sim.close());

	test('every route is derived from the OpenAPI document, with the scopes its description names', () => {
		for (const c of w.list) expect([c.spec, derived.scopes[c.spec]]).toEqual([c.spec, expect.arrayContaining([expect.stringMatching(/^OR\./)])]);
	});

	test('a token without the scope gets 403 naming the scopes the document asks for', async () => {
		const narrow = w.sim.issueToken({ scopes: ['OR.Folders.Read'] });
		for (const c of w.list) {
			const res = await w.api(methodOf(c.spec), c.path, { token: narrow, body: c.body });
			const needed: string[] = derived.scopes[c.spec];
			expect([c.spec, res.status, res.body.message]).toEqual([c.spec, 403, `You are not authorized! This operation requires the scope ${needed.join(' or ')}.`]);
		}
		// the read scope alone opens a read route and not a write route
		const reader = w.sim.issueToken({ scopes: ['OR.Administration.Read', 'OR.Tasks.Read'] });
		expect((await w.api('GET', '/odata/Buckets', { token: reader })).status).toBe(200);
		expect((await w.api('DELETE', `${BUCKETS(w.ids.bucket, 'DeleteFile')}?path=a.txt`, { token: reader })).status).toBe(403);
		expect((await w.api('POST', '/tasks/GenericTasks/CreateTask', { token: reader, body: { title: 'x' } })).status).toBe(403);
	});

	test('folder-scoped routes answer 400 1101 without a folder header; Machines is tenant-wide', async () => {
		for (const c of w.list) {
			const res = await w.api(methodOf(c.spec), c.path, { folder: null, body: c.body });
			if (c.folder === false) expect([c.spec, res.status]).toEqual([c.spec, 200]);
			else expect([c.spec, res.status, res.body.errorCode]).toEqual([c.spec, 400, 1101]);
		}
		const unknown = await w.api('GET', '/odata/Buckets', { folder: { 'X-UIPATH-FolderPath': 'Shared/Nowhere' } });
		expect([unknown.status, unknown.body.errorCode]).toEqual([400, 1100]);
	});

	test('unknown keys are 404 with errorCode 1002', async () => {
		for (const c of w.list.filter((x) => x.missing || x.missingBody)) {
			const res = await w.api(methodOf(c.spec), c.missing ?? c.path, { body: c.missingBody ?? c.body });
			expect([c.spec, res.status, res.body.errorCode]).toEqual([c.spec, 404, 1002]);
			expect(res.body.message).toMatch(/does not exist|Could not find/);
		}
		// in another folder the same key is unknown too
		const other = w.sim.addFolder({ displayName: 'Other' });
		const res = await w.api('GET', `/odata/Buckets(${w.ids.bucket})`, { folder: { 'X-UIPATH-OrganizationUnitId': String(other.Id) } });
		expect([res.status, res.body.errorCode]).toEqual([404, 1002]);
	});

	test('bodies are checked against the request DTO: 400 1000 naming the property; 415 without JSON', async () => {
		for (const c of w.list.filter((x) => x.badBody)) {
			const res = await w.api(methodOf(c.spec), c.path, { body: c.badBody });
			expect([c.spec, res.status, res.body.errorCode]).toEqual([c.spec, 400, 1000]);
			expect(res.body.message).toMatch(/does not exist on type|Cannot convert the value|not a valid member of the enumeration|is required/);
		}
		const notJson = await w.api('POST', '/odata/Assets', { body: 'Name=x', headers: { 'content-type': 'text/plain' } });
		expect(notJson.status).toBe(415);
		const none = await w.api('POST', '/tasks/GenericTasks/CreateTask', { headers: { 'content-type': 'application/json' } });
		expect([none.status, none.body.errorCode]).toEqual([400, 1000]);
	});

	test('the on-premises base serves the /tasks and /forms roots too', async () => {
		w.sim.addOnPremUser({ tenancyName: 'Default', username: 'admin', password: 'pw' });
		const auth = await fetch(`${w.sim.url}/api/Account/Authenticate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ tenancyName: 'Default', usernameOrEmailAddress: 'admin', password: 'pw' }),
		}).then((r) => r.json());
		const res = await fetch(`${w.sim.url}/tasks/GenericTasks/GetTaskDataById?taskId=${w.ids.task}`, {
			headers: { authorization: `Bearer ${auth.result}`, 'X-UIPATH-OrganizationUnitId': String(w.finance.Id) },
		});
		expect(res.status).toBe(200);
		expect((await res.json()).title).toBe('Check');
	});
});

describe('breadth answers and the OpenAPI document', () => {
	test('every property the breadth routes write is a property of the DTO in the spec (nested DTOs too)', async () => {
		const w = await world();
		try {
			w.sim.addSession({ robotId: w.bot1.Id });
			w.sim.addMachine({ name: 'Pool' });
			w.sim.addUser({ userName: 'ann', folderIds: [w.finance.Id] });
			await w.api('POST', `${JOBS}.StartJobs`, { body: { startInfo: { ReleaseKey: w.release.Key, Strategy: 'Specific', RobotIds: [w.bot1.Id] } } });
			w.sim.clock.advance(1500);
			const checks: [string, string][] = [
				['/odata/RobotLogs', 'LogDto'],
				['/odata/Buckets', 'BucketDto'],
				[`${BUCKETS(w.ids.bucket, 'GetFiles')}?recursive=true`, 'BlobFileDto'],
				['/odata/ProcessSchedules', 'ProcessScheduleDto'],
				['/odata/Machines', 'ExtendedMachineDto'],
				['/odata/Sessions?$expand=Robot,Job', 'SessionDto'],
				['/odata/Tasks?$expand=AssignedToUser', 'TaskDto'],
				[`/odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId=${w.finance.Id})`, 'UserLoginInfoDto'],
			];
			const singles: [string, string][] = [
				[`/odata/Releases(${w.release.Id})?$expand=EntryPoint`, 'ReleaseDto'],
				[`${BUCKETS(w.ids.bucket, 'GetReadUri')}?path=a.txt`, 'BlobFileAccessDto'],
				[`/tasks/GenericTasks/GetTaskDataById?taskId=${w.ids.task}`, 'TaskDataDto'],
			];
			const nested: Record<string, string> = { Robot: 'RobotWithLicenseDto', Job: 'JobDto', EntryPoint: 'EntryPointDto', Headers: 'ResponseDictionaryDto', AssignedToUser: 'UserLoginInfoDto', assignedToUser: 'UserLoginInfoDto' };
			const unknown: string[] = [];
			const visit = (row: Record<string, unknown>, schema: string, where: string) => {
				for (const [k, v] of Object.entries(row)) {
					if (k.startsWith('@odata')) continue;
					if (!derived.schemas[schema].properties[k]) unknown.push(`${where}.${k}`);
					else if (v && typeof v === 'object' && !Array.isArray(v) && nested[k] && derived.schemas[nested[k]]) visit(v as Record<string, unknown>, nested[k], `${where}.${k}`);
				}
			};
			for (const [route, schema] of checks) {
				const res = await w.api('GET', route);
				expect([route, res.status, res.body.value.length > 0]).toEqual([route, 200, true]);
				for (const row of res.body.value) visit(row, schema, schema);
			}
			for (const [route, schema] of singles) {
				const res = await w.api('GET', route);
				expect([route, res.status]).toEqual([route, 200]);
				visit(res.body, schema, schema);
			}
			expect(unknown).toEqual([]);
		} finally {
			await w.sim.close();
		}
	});

	test('an answer that does not fit its DTO is a simulator bug, not a silent pass', () => {
		const schemas = derived.schemas;
		expect(() => checkedAnswer({ Name: 'b', Identifier: '00000000-0000-0000-0000-000000000000', Secret: 'x' }, 'BucketDto', schemas)).toThrow(/answer does not fit BucketDto: The property 'Secret' does not exist/);
		expect(() => checkedAnswer({ Level: 'Warning' }, 'LogDto', schemas)).toThrow(/not a valid member of the enumeration/);
		expect(() => checkedAnswer({ Uri: 'u', Headers: { Keys: 'x-ms-blob-type' } }, 'BlobFileAccessDto', schemas)).toThrow(/Collection\(String\)/);
	});
});
