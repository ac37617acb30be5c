// @ts-check
'use strict';
// Derives `schemas.json` (the few OpenAPI schemas and scopes the simulator needs) from UiPath's Orchestrator OpenAPI
// document, so the simulator follows the spec without loading 2 MB at start-up.
// Usage: node test/simulators/uipath/extract-spec.js [path/to/another/openapi.json] (default: openapi/ beside this file)
// test/simulators/uipath.test.ts checks that schemas.json still matches the document kept in the repository.
const fs = require('node:fs');
const path = require('node:path');

const SCHEMAS = [
	'JobDto', 'ReleaseDto', 'SimpleReleaseDto', 'FolderDto', 'RobotDto', 'SimpleRobotDto', 'MachineDto', 'AssetDto',
	'QueueItemDto', 'QueueDefinitionDto', 'StartJobsRequest', 'StartProcessDto', 'StopJobRequest', 'StopJobsRequest',
	'AddQueueItemRequest', 'QueueItemDataDto', 'BulkAddQueueItemsRequest', 'BulkOperationResponseDtoOfFailedQueueItemDto',
	'FailedQueueItemDto', 'JobErrorDto', 'ProcessingExceptionDto', 'ArgumentMetadata',
	// issue 11 (breadth): jobs, logs, queue transactions, buckets, assets, schedules, machines, sessions, tasks
	'RestartJobRequest', 'ResumeJobRequest', 'LogDto', 'QueuesStartTransactionRequest', 'TransactionDataDto',
	'QueueSetTransactionResultRequest', 'TransactionResultDto', 'QueueSetTransactionProgressRequest', 'BucketDto',
	'TagDto', 'BlobFileDto', 'BlobFileAccessDto', 'ResponseDictionaryDto', 'ProcessScheduleDto', 'ProcessSetEnabledRequest',
	'ODataValueOfBoolean', 'ErrorResult', 'ExtendedMachineDto', 'UpdateInfoDto', 'SessionDto', 'RobotWithLicenseDto',
	'TaskCreateRequest', 'FormTaskCreateRequest', 'TaskSourceDto', 'TaskDataDto', 'TaskFormDto', 'TaskDto', 'UserLoginInfoDto',
	'TaskCompletionRequest', 'TasksAssignRequest', 'TaskAssignmentRequest', 'TaskOperationErrorResponse',
	'ODataValueOfIEnumerableOfTaskOperationErrorResponse', 'CustomKeyValuePair', 'EntryPointDto',
	// webhooks: the subscription, the event types, and the payloads the simulator delivers
	'WebhookDto', 'WebhookEventDto', 'WebhookEventTypeDto', 'PingEventDto', 'JobsCreatedEventDto', 'JobStartedEventDto',
	'JobCompletedEventDto', 'JobFaultedEventDto', 'JobStoppingEventDto', 'JobsStoppedEventDto', 'SimpleJobEventDto',
	'WrappedJobDto', 'SimpleRobotEventDto', 'SimpleMachineDto', 'SimpleReleaseEventDto', 'QueueItemAddedEventDto',
	'QueueItemStartedEventDto', 'QueueItemCompletedEventDto', 'QueueItemFailedEventDto', 'QueueItemsAbandonedEventDto',
	'QueueItemSimpleEventDto', 'QueueDefinitionEventDto',
];
const OPERATIONS = [
	['get', '/odata/Folders'], ['get', '/odata/Releases'], ['get', '/odata/Releases({key})'], ['get', '/odata/Jobs'], ['get', '/odata/Jobs({key})'],
	['post', '/odata/Jobs/UiPath.Server.Configuration.OData.StartJobs'],
	['post', '/odata/Jobs({key})/UiPath.Server.Configuration.OData.StopJob'],
	['post', '/odata/Jobs/UiPath.Server.Configuration.OData.StopJobs'], ['get', '/odata/Robots'], ['get', '/odata/Assets'],
	['get', '/odata/Assets({key})'], ['get', '/odata/QueueDefinitions'], ['post', '/odata/Queues/UiPathODataSvc.AddQueueItem'],
	['post', '/odata/Queues/UiPathODataSvc.BulkAddQueueItems'], ['get', '/odata/QueueItems'], ['get', '/odata/QueueItems({key})'],
	// issue 11 (breadth)
	['post', '/odata/Jobs/UiPath.Server.Configuration.OData.RestartJob'], ['post', '/odata/Jobs/UiPath.Server.Configuration.OData.ResumeJob'],
	['get', '/odata/RobotLogs'], ['put', '/odata/QueueItems({key})'], ['delete', '/odata/QueueItems({key})'],
	['post', '/odata/Queues/UiPathODataSvc.StartTransaction'], ['post', '/odata/Queues({key})/UiPathODataSvc.SetTransactionResult'],
	['post', '/odata/QueueItems({key})/UiPathODataSvc.SetTransactionProgress'], ['get', '/odata/Buckets'], ['get', '/odata/Buckets({key})'],
	['get', '/odata/QueueItems({key})/UiPath.Server.Configuration.OData.GetItemLastRetry'],
	['get', '/odata/QueueItems/UiPathODataSvc.GetItemLastRetryByKey(key={key})'],
	['get', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.GetFiles'],
	['get', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.GetDirectories'],
	['get', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.GetFile'],
	['get', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.GetReadUri'],
	['get', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.GetWriteUri'],
	['delete', '/odata/Buckets({key})/UiPath.Server.Configuration.OData.DeleteFile'], ['post', '/odata/Assets'],
	['put', '/odata/Assets({key})'], ['delete', '/odata/Assets({key})'],
	['get', '/odata/ProcessSchedules'], ['get', '/odata/ProcessSchedules({key})'],
	['post', '/odata/ProcessSchedules/UiPath.Server.Configuration.OData.SetEnabled'], ['get', '/odata/Machines'],
	['get', '/odata/Sessions'], ['post', '/tasks/GenericTasks/CreateTask'], ['get', '/tasks/GenericTasks/GetTaskDataById'],
	['post', '/tasks/GenericTasks/CompleteTask'], ['post', '/forms/TaskForms/CreateFormTask'], ['get', '/forms/TaskForms/GetTaskFormById'],
	['post', '/forms/TaskForms/CompleteTask'], ['get', '/odata/Tasks'], ['get', '/odata/Tasks({key})'],
	['post', '/odata/Tasks/UiPath.Server.Configuration.OData.AssignTasks'],
	['post', '/odata/Tasks/UiPath.Server.Configuration.OData.ReassignTasks'],
	['get', '/odata/Tasks/UiPath.Server.Configuration.OData.GetTaskUsers(organizationUnitId={organizationUnitId})'],
	['get', '/odata/Webhooks'], ['post', '/odata/Webhooks'], ['get', '/odata/Webhooks({key})'], ['delete', '/odata/Webhooks({key})'],
	['get', '/odata/Webhooks/UiPath.Server.Configuration.OData.GetEventTypes'],
	// issue 21: the asset list UiPath names in place of the deprecated GET /odata/Assets
	['get', '/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered'],
];

/** @param {any} v one OpenAPI property schema */
function property(v) {
	/** @type {Record<string, unknown>} */
	const out = {};
	if (v.$ref) out.t = 'ref:' + v.$ref.split('/').pop();
	else if (v.type === 'array') out.t = 'array:' + (v.items.$ref ? 'ref:' + v.items.$ref.split('/').pop() : edm(v.items));
	else out.t = edm(v);
	if (v.enum) out.enum = v.enum;
	for (const k of ['maxLength', 'minLength', 'maximum', 'minimum']) if (v[k] !== undefined) out[k] = v[k];
	return out;
}
/** @param {any} v */
function edm(v) {
	if (v.type === 'integer') return v.format === 'int64' ? 'Int64' : 'Int32';
	if (v.type === 'boolean') return 'Boolean';
	if (v.type === 'number') return 'Double';
	if (v.type === 'object') return 'Object';
	if (v.type === 'string') {
		if (v.enum) return 'Enum';
		/** @type {Record<string, string>} */
		const formats = { 'date-time': 'DateTimeOffset', uuid: 'Guid', byte: 'Binary' };
		return formats[v.format] ?? 'String';
	}
	throw new Error(`unhandled schema ${JSON.stringify(v)}`);
}

/** @param {any} doc the parsed OpenAPI document */
function extract(doc) {
	/** @type {Record<string, unknown>} */
	const schemas = {};
	for (const name of SCHEMAS) {
		const s = doc.components.schemas[name];
		if (!s) throw new Error(`schema ${name} missing`);
		// allOf: a DTO that extends another (ExtendedMachineDto is MachineDto plus UpdateInfo)
		const parts = [...(s.allOf ?? []).map((/** @type {any} */ p) => doc.components.schemas[p.$ref.split('/').pop()]), s];
		schemas[name] = {
			required: parts.flatMap((p) => p.required ?? []),
			properties: Object.fromEntries(parts.flatMap((p) => Object.entries(p.properties ?? {})).map(([k, v]) => [k, property(v)])),
		};
	}
	/** @type {Record<string, string[]>} */
	const scopes = {};
	/** @type {string[]} operations the document marks deprecated: CHANGELOG.md names each the package calls */
	const deprecated = [];
	for (const [method, p] of OPERATIONS) {
		const op = doc.paths[p]?.[method];
		if (!op) throw new Error(`operation ${method} ${p} missing`);
		const m = /OAuth required scopes: ([^\n]*?)\.?\n/.exec(op.description);
		if (!m) throw new Error(`no scopes in ${method} ${p}`);
		scopes[`${method.toUpperCase()} ${p}`] = m[1].split(' or ').map((x) => x.trim());
		if (op.deprecated) deprecated.push(`${method.toUpperCase()} ${p}`);
	}
	return { source: `${doc.info.title} (OpenAPI ${doc.openapi})`, scopes, deprecated, schemas };
}

module.exports = { extract };

if (require.main === module) {
	const specPath = process.argv[2] ?? path.join(__dirname, 'openapi', 'uipath-orchestrator-v20.openapi.json');
	const out = extract(JSON.parse(fs.readFileSync(specPath, 'utf8')));
	fs.writeFileSync(path.join(__dirname, 'schemas.json'), JSON.stringify(out, null, '\t') + '\n');
	console.log(`wrote schemas.json from ${specPath}`);
}
