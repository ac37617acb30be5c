// Bad inputs (issue 10, "The suite"): one table of wrong parameters, polls and credentials across both action
// nodes, both polling triggers and every credential kind. Each row expects its own message, naming the parameter or
// the cause and the fix; none may crash the engine. Rows marked `pair` run again with Continue On Fail and two items
// of which only the second is bad: the good one must pass and the bad one carry the error, pairedItem kept.
import type { IDataObject } from 'n8n-workflow';

import type { EngineHarness, NodeSpec } from '../harness/engine';
import * as rc from './roboticCrowd.helpers';
import { cloudCredential, inFolder, legacyCredential, onPremCredential, setUp, uiNode, type UiSim } from './uiPath.helpers';
import { recordTally } from '../suiteTally';

type How =
	| { node: NodeSpec; input?: IDataObject[] }
	| { poll: NodeSpec }
	| { credential: string; data: IDataObject };
interface Row {
	name: string;
	how: () => How;
	/** matched against "message\ndescription" */
	message: RegExp | string;
	/** Continue On Fail with [good, bad] items: the bad parameter is an expression over $json.x */
	pair?: { spec: () => NodeSpec; good: () => unknown; bad: unknown; error: RegExp };
}

let ui: UiSim;
let rcSim: rc.RcSim;
let harness: EngineHarness;
let releaseKey: string;
let jobId: number;
let workflowId: number;
let finishedRunId: number;
let runId: number;
let releaseId: number;
let queueItemId: number;

const EXPLORE = process.env.BAD_INPUTS_EXPLORE === '1';
const ref = (mode: string, value: string) => ({ __rl: true, mode, value });
const start = (parameters: IDataObject = {}, credential = 'cloud') =>
	uiNode({ resource: 'job', operation: 'start', folder: inFolder(), process: ref('key', releaseKey), strategy: 'ModernJobsCount', jobsCount: 1, inputArguments: '{}', ...parameters }, credential);
const jobGet = (jobIdValue: string) => uiNode({ resource: 'job', operation: 'get', folder: inFolder(), jobId: jobIdValue });
const addItem = (parameters: IDataObject = {}) =>
	uiNode({ resource: 'queueItem', operation: 'add', folder: inFolder(), queue: ref('name', 'Invoices'), addMode: 'perItem', specificContentInput: 'json', specificContentJson: '{"n":1}', addOptions: {}, ...parameters });
const apiCall = (parameters: IDataObject) => uiNode({ resource: 'customApiCall', operation: 'send', folder: inFolder(), method: 'GET', path: '/odata/Releases', ...parameters });
const rcCreate = (parameters: IDataObject = {}, credential = 'rc') =>
	rc.rcNode({ resource: 'sessionQueue', operation: 'create', workflowId: ref('id', String(workflowId)), paramsInput: 'json', paramsJson: '{}', ...parameters }, { credentials: { roboticCrowdApi: credential } });
const rcGet = (id: string) => rc.rcNode({ resource: 'sessionQueue', operation: 'get', sessionQueueId: id });
const uiTrigger = (parameters: IDataObject = {}, credential = 'cloud') => ({
	type: 'uiPathTrigger',
	parameters: { authentication: 'uiPathCloudOAuthApi', event: 'jobFinished', folders: { folder: [{ folder: inFolder() }] }, states: ['Successful', 'Faulted'], ...parameters } as never,
	credentials: { uiPathCloudOAuthApi: credential },
});
const rcTrigger = (parameters: IDataObject = {}, credential = 'rc') => ({
	type: 'roboticCrowdTrigger',
	parameters: { statuses: ['success', 'error'], ...parameters } as never,
	credentials: { roboticCrowdApi: credential },
});
/** stores a credential under a fresh id and returns the id */
let credentials = 0;
const stored = (type: string, data: IDataObject) => harness.addCredential(type, data, `bad-${++credentials}`);
/** uiNode picks the on-premises credential type by an id starting with "onprem" */
const storedOnPrem = (data: IDataObject) => harness.addCredential('uiPathOnPremisesApi', data, `onprem-bad-${++credentials}`);

const rows: Row[] = [
	// ── UiPath: Job ──
	{ name: 'Job Start: input arguments not JSON', how: () => ({ node: start({ inputArguments: '{"a": ' }) }), message: /^Input Arguments is not valid JSON/,
		pair: { spec: () => start({ inputArguments: '={{ $json.x }}' }), good: () => '{}', bad: '{"a": ', error: /^Input Arguments is not valid JSON$/ } },
	{ name: 'Job Start: input arguments over 10,000 characters', how: () => ({ node: start({ inputArguments: JSON.stringify({ blob: 'x'.repeat(10_000) }) }) }), message: /^Input Arguments are 10011 characters long; UiPath takes at most 10,000\nPass large data another way/ },
	{ name: 'Job Start: input arguments a JSON array', how: () => ({ node: start({ inputArguments: '[1,2]' }) }), message: /^Input Arguments must be an object\nEach key is an input argument of the process/ },
	{ name: 'Job Start: input arguments with a ${…} literal', how: () => ({ node: start({ inputArguments: '{"id": ${customerId}}' }) }), message: /^Input Arguments is not valid JSON\nUnexpected token '\$'.*Give an object such as/ },
	{ name: 'Job Start: unknown process name', how: () => ({ node: start({ process: ref('name', 'NoSuchProcess') }) }), message: /^There is no process named "NoSuchProcess" in this folder\nProcess → Get Many lists the processes of a folder/ },
	{ name: 'Job Start: unknown release key', how: () => ({ node: start({ process: ref('key', '00000000-0000-0000-0000-000000000001') }) }), message: /^UiPath found no such item \(404\): Could not find the process associated with release key .*\nEither the process is not published to this folder .*check its Organization and Tenant/,
		pair: { spec: () => start({ process: ref('key', '={{ $json.x }}') }), good: () => releaseKey, bad: '00000000-0000-0000-0000-000000000001', error: /^UiPath found no such item \(404\): Could not find the process associated with release key/ } },
	{ name: 'Job Start: empty process', how: () => ({ node: start({ process: ref('key', '') }) }), message: /^The 'Node' node has issues:\n- Parameter "Process" is required\./ },
	{ name: 'Job Start: folder id not a number', how: () => ({ node: start({ folder: ref('id', 'abc') }) }), message: /^The 'Node' node has issues:\n- A folder ID is a number/ },
	{ name: 'Job Start: jobs count 0', how: () => ({ node: start({ jobsCount: 0 }) }), message: /^UiPath rejected the request \(400\): startInfo\.JobsCount must be between 1 and 10000/ },
	{ name: 'Job Start: specific robots without ids', how: () => ({ node: start({ strategy: 'Specific', robotIds: '' }) }), message: /^Robot IDs must be numbers separated by commas\nRobot → Get Many lists the robots/ },
	{ name: 'Job Start: wrong tenant in the credential', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { tenant: 'NoSuchTenant' }))) }), message: /^UiPath found no such item \(404\): Tenant 'NoSuchTenant' was not found in organization 'acme'\.\n.*check its Organization and Tenant/ },
	{ name: 'Job Start: wrong organization in the credential', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { organization: 'nosuchorg' }))) }), message: /^UiPath found no such item \(404\): Tenant 'DefaultTenant' was not found in organization 'nosuchorg'\.\n.*check its Organization and Tenant/ },
	{ name: 'Job Start: wrong client secret', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { clientSecret: 'wrong' }))) }), message: /^UiPath refused to issue a token \(400\): invalid_client\. Check the client ID and client secret of the External Application\.\nFix the credential "uiPathCloudOAuthApi \(bad-\d+\)"/ },
	{ name: 'Job Start: on-premises wrong password', how: () => ({ node: start({}, storedOnPrem(onPremCredential(ui, { password: 'wrong' }))) }), message: /^UiPath refused to issue a token \(400\): .*Check the tenancy name, user name and password\./ },
	{ name: 'Job Start: personal access token refused', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { authMethod: 'personalAccessToken', personalAccessToken: 'expired-pat' }))) }), message: /^UiPath did not accept the credential \(401\): .*\nThe personal access token was refused: it may have expired or been revoked.*Make a new one/ },
	{ name: 'Job Start: API key (legacy) wrong user key', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', legacyCredential(ui, { refreshToken: 'wrong-key' }))) }), message: /^UiPath refused to issue a token \(403\): Unknown or invalid refresh token\. Check the client ID and user key.*\nFix the credential "uiPathCloudOAuthApi \(bad-\d+\)"/ },
	{ name: 'Job Start: on-premises wrong tenancy', how: () => ({ node: start({}, storedOnPrem(onPremCredential(ui, { tenancyName: 'NoTenancy' }))) }), message: /^UiPath refused to issue a token \(400\): .*Check the tenancy name, user name and password\.\nFix the credential "uiPathOnPremisesApi \(onprem-bad-\d+\)"/ },
	{ name: 'Job Get: id of the wrong type', how: () => ({ node: jobGet('abc') }), message: /^"abc" is neither a job ID nor a job Key\nGive the numeric Id or the Key \(GUID\) of the job/, pair: { spec: () => jobGet('={{ $json.x }}'), good: () => String(jobId), bad: 'abc', error: /^"abc" is neither a job ID nor a job Key$/ } },
	{ name: 'Job Get: unknown id', how: () => ({ node: jobGet('999999') }), message: /^UiPath found no such item \(404\): Job does not exist\. \(UiPath error 1002\)\nThere is no job 999999 in this folder: check the ID and the folder\./ },
	{ name: 'Job Get: empty id', how: () => ({ node: jobGet('') }), message: /^The 'Node' node has issues:\n- Parameter "Job" is required\./ },
	{ name: 'Job Get: negative id', how: () => ({ node: jobGet('-5') }), message: /^"-5" is neither a job ID nor a job Key\nGive the numeric Id/ },
	{ name: 'Job Stop: id of the wrong type', how: () => ({ node: uiNode({ resource: 'job', operation: 'stop', folder: inFolder(), jobId: 'abc', stopStrategy: 'SoftStop' }) }), message: /^"abc" is neither a job ID nor a job Key\nGive the numeric Id/ },
	{ name: 'Job Get Logs: id of the wrong type', how: () => ({ node: uiNode({ resource: 'job', operation: 'getLogs', folder: inFolder(), jobId: '1.5', returnAll: true }) }), message: /^"1\.5" is neither a job ID nor a job Key\nGive the numeric Id/ },
	{ name: 'Job Get Many: Created After not a date', how: () => ({ node: uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { createdAfter: 'next tuesday' } }) }), message: '"Created After" is not a date: "next tuesday". Give a date and time such as 2026-03-01T09:00:00Z.\n',
		pair: { spec: () => uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { createdAfter: '={{ $json.x }}' } }), good: () => '2026-01-01T00:00:00Z', bad: 'next tuesday', error: /^"Created After" is not a date: "next tuesday"/ } },
	{ name: 'Job Get Many: Created After an object expression', how: () => ({ node: uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: true, filters: { createdAfter: '={{ { a: 1 } }}' } }) }), message: /^"Created After" is not a date: "\{"a":1\}"\. Give a date and time such as 2026-03-01T09:00:00Z\./ },
	{ name: 'Job Get Many: Limit 0', how: () => ({ node: uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: false, limit: 0 }) }), message: /^Limit 0 is not a number of results to return\nGive a whole number, 1 or more, or turn on Return All\./,
		pair: { spec: () => uiNode({ resource: 'job', operation: 'getMany', folder: inFolder(), returnAll: false, limit: '={{ $json.x }}' }), good: () => 5, bad: 0, error: /^Limit 0 is not a number of results to return$/ } },
	{ name: 'Job Get: an object expression as id', how: () => ({ node: jobGet('={{ { a: 1 } }}') }), message: /^"\{"a":1\}" is neither a job ID nor a job Key\n/ },
	{ name: 'Job Start: Cloud URL without https://', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { cloudUrl: 'cloud.uipath.com' }))) }), message: /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\/ in front, e\.g\. "https:\/\/cloud\.uipath\.com"\nFix the credential "uiPathCloudOAuthApi \(bad-\d+\)"/ },
	{ name: 'Job Start: personal access token, Cloud URL without https://', how: () => ({ node: start({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { authMethod: 'personalAccessToken', personalAccessToken: 'p', cloudUrl: 'cloud.uipath.com/' }))) }), message: /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\/.*\nFix the credential "uiPathCloudOAuthApi \(bad-\d+\)"/ },
	{ name: 'Job Start: on-premises Orchestrator URL without https://', how: () => ({ node: start({}, storedOnPrem(onPremCredential(ui, { orchestratorUrl: 'orch.example.com/' }))) }), message: /^The credential's Orchestrator URL "orch\.example\.com" is not a full URL: it needs https:\/\/ in front, e\.g\. "https:\/\/orch\.example\.com"\nFix the credential "uiPathOnPremisesApi \(onprem-bad-\d+\)"/ },
	// ── UiPath: queues ──
	{ name: 'Queue Item Add: unknown queue', how: () => ({ node: addItem({ queue: ref('name', 'NoSuchQueue') }) }), message: /^UiPath found no such item \(404\): Queue does not exist\..*\nThere is no queue named "NoSuchQueue" in folder "Shared": the name must match exactly\./ },
	{ name: 'Queue Item Add: specific content not JSON', how: () => ({ node: addItem({ specificContentJson: '{n:1' }) }), message: /^Specific Content \(JSON\) is not valid JSON\n.*Give an object such as/,
		pair: { spec: () => addItem({ specificContentJson: '={{ $json.x }}' }), good: () => '{"n":2}', bad: '{n:1', error: /^Specific Content \(JSON\) is not valid JSON$/ } },
	{ name: 'Queue Item Add: specific content a JSON string', how: () => ({ node: addItem({ specificContentJson: '"just text"' }) }), message: /^Specific Content \(JSON\) must be an object\nEach key is a field the robot reads/ },
	{ name: 'Queue Item Add: specific content with ${…}', how: () => ({ node: addItem({ specificContentJson: '{"n": ${n}}' }) }), message: /^Specific Content \(JSON\) is not valid JSON\nUnexpected token '\$'/ },
	{ name: 'Queue Item Add: Defer Date not a date', how: () => ({ node: addItem({ addOptions: { deferDate: 'tomorrow-ish' } }) }), message: /^Defer Date is not a date: "tomorrow-ish"\nGive a date and time such as/ },
	{ name: 'Queue Item Add: Due Date not a date', how: () => ({ node: addItem({ addOptions: { dueDate: 'end of month' } }) }), message: /^Due Date is not a date: "end of month"\nGive a date and time such as/,
		pair: { spec: () => addItem({ addOptions: { dueDate: '={{ $json.x }}' } }), good: () => '2030-01-31T17:00:00Z', bad: 'end of month', error: /^Due Date is not a date: "end of month"$/ } },
	{ name: 'Queue Item Add in bulk: Defer Date not a date', how: () => ({ node: addItem({ addMode: 'bulk', addOptions: { deferDate: 'later' } }) }), message: /^Defer Date is not a date: "later"\nGive a date and time such as/ },
	{ name: 'Queue Item Update: Due Date not a date', how: () => ({ node: uiNode({ resource: 'queueItem', operation: 'update', folder: inFolder(), queueItemId: String(queueItemId), updateFields: { dueDate: '={{ { when: "soon" } }}' } }) }), message: /^"Due Date" is not a date: "\{"when":"soon"\}"\. Give a date and time such as/ },
	{ name: 'Queue Item Get: id of the wrong type', how: () => ({ node: uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: 'abc' }) }), message: /^"abc" is not a queue item ID\nA queue item ID is a number/,
		pair: { spec: () => uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: '={{ $json.x }}' }), good: () => String(queueItemId), bad: 'abc', error: /^"abc" is not a queue item ID$/ } },
	{ name: 'Queue Item Get: unknown id', how: () => ({ node: uiNode({ resource: 'queueItem', operation: 'get', folder: inFolder(), queueItemId: '999999' }) }), message: /^UiPath found no such item \(404\): Queue item does not exist\..*\nThere is no queue item 999999 in this folder: check the ID and the folder/ },
	{ name: 'Queue Transaction Start: unknown queue', how: () => ({ node: uiNode({ resource: 'queueTransaction', operation: 'start', folder: inFolder(), queue: ref('name', 'NoSuchQueue') }) }), message: /^UiPath found no such item \(404\): Queue does not exist\..*\nThere is no queue named "NoSuchQueue" in folder "Shared": pick it from the list/ },
	{ name: 'Queue Transaction Set Result: id of the wrong type', how: () => ({ node: uiNode({ resource: 'queueTransaction', operation: 'setResult', folder: inFolder(), queueItemId: 'x1', result: 'successful' }) }), message: /^"x1" is not a queue item ID\nA queue item ID is a number/ },
	{ name: 'Queue Transaction Set Result: unknown id', how: () => ({ node: uiNode({ resource: 'queueTransaction', operation: 'setResult', folder: inFolder(), queueItemId: '999999', result: 'failed', exceptionType: 'ApplicationException', reason: 'x' }) }), message: /^UiPath found no such item \(404\): Queue item does not exist\..*\nThere is no queue item 999999 in this folder: check the ID \(from Queue Transaction → Start\)/ },
	// ── UiPath: other resources ──
	{ name: 'Asset Get: unknown name', how: () => ({ node: uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: 'NoSuchAsset' }) }), message: /^There is no asset named "NoSuchAsset" in folder "Shared"\nThe name must match exactly/,
		pair: { spec: () => uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: '={{ $json.x }}' }), good: () => 'SapLogin', bad: 'NoSuchAsset', error: /^There is no asset named "NoSuchAsset" in folder "Shared"$/ } },
	{ name: 'Asset Get: empty name', how: () => ({ node: uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: '' }) }), message: /^The 'Node' node has issues:\n- Parameter "Asset Name" is required\./ },
	{ name: 'Asset Create: integer value not a number', how: () => ({ node: uiNode({ resource: 'asset', operation: 'create', folder: inFolder(), assetName: 'N', valueType: 'Integer', intValue: '={{ "abc" }}' }) }), message: /^Integer Value "abc" is not a whole number Orchestrator can store\nInteger assets hold whole numbers \(no decimals\)/ },
	{ name: 'Asset Create: integer value with decimals', how: () => ({ node: uiNode({ resource: 'asset', operation: 'create', folder: inFolder(), assetName: 'N1', valueType: 'Integer', intValue: 1.5 }) }), message: /^Integer Value "1\.5" is not a whole number Orchestrator can store\nInteger assets hold whole numbers \(no decimals\)/ },
	{ name: 'Process Get: id of the wrong type', how: () => ({ node: uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: 'abc' }) }), message: /^"abc" is not a process ID\nA process ID is a number: Process → Get Many lists/,
		pair: { spec: () => uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: '={{ $json.x }}' }), good: () => String(releaseId), bad: 'abc', error: /^"abc" is not a process ID$/ } },
	{ name: 'Process Get: unknown id', how: () => ({ node: uiNode({ resource: 'process', operation: 'get', folder: inFolder(), processId: '999999' }) }), message: /^UiPath found no such item \(404\): Release does not exist\..*\nThere is no process with ID 999999 in this folder/ },
	{ name: 'Process Schedule Enable: id of the wrong type', how: () => ({ node: uiNode({ resource: 'processSchedule', operation: 'enable', folder: inFolder(), scheduleId: 'abc' }) }), message: /^"abc" is not a schedule ID\nA schedule ID is a number/ },
	{ name: 'Process Schedule Enable: unknown id', how: () => ({ node: uiNode({ resource: 'processSchedule', operation: 'enable', folder: inFolder(), scheduleId: '999999' }) }), message: /^UiPath found no such item \(404\): Schedule does not exist: 999999\.\nSchedule 999999 was not found in folder "Shared"/ },
	{ name: 'Custom API Call: a full URL as path', how: () => ({ node: apiCall({ path: 'https://evil.example/steal' }) }), message: /^Path "https:\/\/evil\.example\/steal" is not a route of Orchestrator\nGive the part after the Orchestrator base/,
		pair: { spec: () => apiCall({ path: '={{ $json.x }}' }), good: () => '/odata/Releases', bad: 'https://evil.example/steal', error: /^Path "https:\/\/evil\.example\/steal" is not a route of Orchestrator$/ } },
	{ name: 'Custom API Call: unknown route', how: () => ({ node: apiCall({ path: '/odata/NoSuchThing' }) }), message: /^UiPath found no such item \(404\): .*\nOrchestrator has no route \/odata\/NoSuchThing, or no such record: check the path/ },
	{ name: 'Custom API Call: body not JSON', how: () => ({ node: apiCall({ method: 'POST', path: '/odata/Queues/UiPathODataSvc.AddQueueItem', body: '{oops' }) }), message: /^Body \(JSON\) is not valid JSON\n.*Give an object such as/ },
	{ name: 'Tenant Get Many: unknown account (legacy)', how: () => ({ node: uiNode({ resource: 'tenant', operation: 'getMany', accountLogicalName: 'nope' }, stored('uiPathCloudOAuthApi', legacyCredential(ui))) }), message: /^UiPath found no such item \(404\): Account 'nope' was not found for this user\..*\nThe API key user has no account "nope": Account → Get Many lists/ },
	// ── Robotic Crowd ──
	{ name: 'RC Run Create: params not JSON', how: () => ({ node: rcCreate({ paramsJson: '{"a":' }) }), message: /^Parameters \(JSON\) is not valid JSON\n.*Give an object such as/,
		pair: { spec: () => rcCreate({ paramsJson: '={{ $json.x }}' }), good: () => '{}', bad: '{"a":', error: /^Parameters \(JSON\) is not valid JSON$/ } },
	{ name: 'RC Run Create: params of 2 MB', how: () => ({ node: rcCreate({ paramsJson: JSON.stringify({ blob: 'x'.repeat(2_000_000) }) }) }), message: /^Parameters are 2000011 bytes of JSON; n8n sends at most 1,000,000 to Robotic Crowd\nPass large data another way/ },
	{ name: 'RC Run Get: an array expression as id', how: () => ({ node: rcGet('={{ [1, 2] }}') }), message: /^Run ID "\[1,2\]" is not a number\n/ },
	{ name: 'RC Token Create: no scopes', how: () => ({ node: rc.rcNode({ resource: 'token', operation: 'create', scopes: [], expiresIn: 60 }) }), message: /^Pick at least one scope for the token\nA token without scopes may do nothing/ },
	{ name: 'RC Token Create: lifetime 0', how: () => ({ node: rc.rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: 0 }) }), message: /^Expires In 0 is not a lifetime a token can have\nGive a whole number of seconds, 1 or more/,
		pair: { spec: () => rc.rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: '={{ $json.x }}' }), good: () => 60, bad: 0, error: /^Expires In 0 is not a lifetime a token can have$/ } },
	{ name: 'RC Token Create: negative lifetime', how: () => ({ node: rc.rcNode({ resource: 'token', operation: 'create', scopes: ['session_queue.read'], expiresIn: -5 }) }), message: /^Expires In -5 is not a lifetime a token can have\n/ },
	{ name: 'RC Run Create: API Base URL without https://', how: () => ({ node: rcCreate({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { baseUrl: 'api.roboticcrowd.com' }))) }), message: /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL: it needs https:\/\/ in front, e\.g\. "https:\/\/api\.roboticcrowd\.com"\nFix the credential "roboticCrowdApi \(bad-\d+\)"/ },
	{ name: 'RC Run Create: token endpoint, API Base URL without https://', how: () => ({ node: rcCreate({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { authMethod: 'tokenEndpoint', baseUrl: 'api.roboticcrowd.com/' }))) }), message: /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL: it needs https:\/\/.*\nFix the credential "roboticCrowdApi \(bad-\d+\)"/ },
	{ name: 'RC Run Create: params a JSON array', how: () => ({ node: rcCreate({ paramsJson: '[1]' }) }), message: /^Parameters \(JSON\) must be an object\nEach key is a workflow variable/ },
	{ name: 'RC Run Create: params with ${…}', how: () => ({ node: rcCreate({ paramsJson: '{"c": "${customer}"}' }) }), message: /^Parameter "c" holds a \$\{…\} literal, which Robotic Crowd cannot take\n.*Remove it, or write it differently/ },
	{ name: 'RC Run Create: unknown workflow', how: () => ({ node: rcCreate({ workflowId: ref('id', '999999') }) }), message: /^Robotic Crowd found no such resource \(404\): Workflow 999999 not found\.\nCheck the ID\./ },
	{ name: 'RC Run Create: workflow id of the wrong type', how: () => ({ node: rcCreate({ workflowId: ref('id', 'abc') }) }), message: /^The 'Node' node has issues:\n- A workflow ID is a number/ },
	{ name: 'RC Run Create: empty workflow', how: () => ({ node: rcCreate({ workflowId: ref('id', '') }) }), message: /^The 'Node' node has issues:\n- Parameter "Workflow" is required\./ },
	{ name: 'RC Run Create: wrong secret', how: () => ({ node: rcCreate({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { secretAccessKey: 'wrong-secret' }))) }), message: /^Robotic Crowd did not accept the token \(401\): Invalid JWT signature\.\nCheck the credential's access key ID and secret access key/ },
	{ name: 'RC Run Create: unknown access key id', how: () => ({ node: rcCreate({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { accessKeyId: 'AKIDNOBODY' }))) }), message: /^Robotic Crowd did not accept the token \(401\): Unknown access key \(sub\)\.\nCheck the credential's access key ID and secret access key/ },
	{ name: 'RC Run Create: token endpoint, wrong secret', how: () => ({ node: rcCreate({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { authMethod: 'tokenEndpoint', secretAccessKey: 'wrong' }))) }), message: /^Robotic Crowd refused to issue a token \(401\): Invalid access_key_id or secret_access_key\..*\nFix the credential "roboticCrowdApi \(bad-\d+\)"/ },
	{ name: 'RC Run Get: id of the wrong type', how: () => ({ node: rcGet('abc') }), message: /^Run ID "abc" is not a number\nGive the numeric ID of the session queue/,
		pair: { spec: () => rcGet('={{ $json.x }}'), good: () => String(runId), bad: 'abc', error: /^Run ID "abc" is not a number$/ } },
	{ name: 'RC Run Get: unknown run', how: () => ({ node: rcGet('999999') }), message: /^Run 999999 was not found\nCheck the ID\./,
		pair: { spec: () => rcGet('={{ $json.x }}'), good: () => String(finishedRunId), bad: '999999', error: /^Run 999999 was not found$/ } },
	{ name: 'RC Run Get: empty id', how: () => ({ node: rcGet('') }), message: /^The 'Node' node has issues:\n- Parameter "Run ID" is required\./ },
	{ name: 'RC Run Cancel: already finished', how: () => ({ node: rc.rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: String(finishedRunId) }) }), message: /^Robotic Crowd rejected the request as invalid \(400\): Session queue \d+ has already finished \(success\)\.\nOnly a queued or running run can be cancelled/ },
	{ name: 'RC Run Cancel: unknown run', how: () => ({ node: rc.rcNode({ resource: 'sessionQueue', operation: 'cancel', sessionQueueId: '999999' }) }), message: /^Robotic Crowd found no such resource \(404\): Session queue 999999 not found\.\nCheck the ID\./ },
	{ name: 'RC Run Get Many: Created Before not a date', how: () => ({ node: rc.rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true, filters: { createdBefore: 'soon' } }) }), message: '"Created Before" is not a date: "soon". Give a date and time such as 2026-03-01T09:00:00Z.\n',
		pair: { spec: () => rc.rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true, filters: { createdBefore: '={{ $json.x }}' } }), good: () => '2030-01-01T00:00:00Z', bad: 'soon', error: /^"Created Before" is not a date: "soon"/ } },
	{ name: 'RC Run Get Many: Created After a boolean expression', how: () => ({ node: rc.rcNode({ resource: 'sessionQueue', operation: 'getMany', returnAll: true, filters: { createdAfter: '={{ true }}' } }) }), message: /^"Created After" is not a date: "true"\. Give a date and time such as/ },
	// ── Triggers ──
	{ name: 'UiPath Trigger: no folder', how: () => ({ poll: uiTrigger({ folders: {} }) }), message: 'Pick at least one folder and one state to watch\n' },
	{ name: 'UiPath Trigger: no states', how: () => ({ poll: uiTrigger({ states: [] }) }), message: 'Pick at least one folder and one state to watch\n' },
	{ name: 'UiPath Trigger: unknown queue', how: () => ({ poll: uiTrigger({ event: 'queueItemFinished', folder: inFolder(), queue: ref('name', 'NoSuchQueue'), statuses: ['Successful'] }) }), message: /^There is no queue named "NoSuchQueue" in this folder\nPick the queue from the list, or check its name and the folder\./ },
	{ name: 'UiPath Trigger: wrong client secret', how: () => ({ poll: uiTrigger({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { clientSecret: 'wrong' }))) }), message: /^UiPath refused to issue a token \(400\): invalid_client\. Check the client ID and client secret.*\nFix the credential "uiPathCloudOAuthApi \(bad-\d+\)"/ },
	{ name: 'UiPath Trigger: wrong tenant', how: () => ({ poll: uiTrigger({}, stored('uiPathCloudOAuthApi', cloudCredential(ui, { tenant: 'NoSuchTenant' }))) }), message: /^UiPath found no such item \(404\): Tenant 'NoSuchTenant' was not found in organization 'acme'\.\n.*check the credential's organization or tenant/ },
	{ name: 'Queue Item Add: empty queue', how: () => ({ node: addItem({ queue: ref('name', '') }) }), message: /^The 'Node' node has issues:\n- Parameter "Queue" is required\./ },
	{ name: 'RC Trigger: wrong secret', how: () => ({ poll: rcTrigger({}, stored('roboticCrowdApi', rc.credentialData(rcSim, { secretAccessKey: 'wrong-secret' }))) }), message: /^Robotic Crowd did not accept the token \(401\): Invalid JWT signature\.\nCheck the credential's access key ID and secret access key/ },
	{ name: 'RC Trigger: workflow id not a number', how: () => ({ poll: rcTrigger({ workflowId: ref('id', 'abc') }) }), message: /^Workflow "abc" is not a workflow ID\nPick a workflow from the list, or give its numeric ID/ },
	{ name: 'RC Trigger: unknown workflow', how: () => ({ poll: rcTrigger({ workflowId: ref('id', '999999') }) }), message: /^There is no workflow 999999 in this project\nPick the workflow from the list/ },
	{ name: 'RC Trigger: no statuses', how: () => ({ poll: rcTrigger({ statuses: [] }) }), message: /^Pick at least one status to watch\nWith no status chosen the trigger would never fire/ },
	// ── Credential tests ──
	{ name: 'Credential External App: wrong secret', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { clientSecret: 'wrong' }) }), message: /^UiPath refused to issue a token \(400\): invalid_client\. Check the client ID and client secret of the External Application\.$/ },
	{ name: 'Credential External App: unknown client id', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { clientId: 'nobody' }) }), message: /^UiPath refused to issue a token \(400\): invalid_client\. Check the client ID and client secret/ },
	{ name: 'Credential External App: empty client secret', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { clientSecret: '' }) }), message: /^UiPath refused to issue a token \(400\): invalid_client\. Check the client ID and client secret/ },
	{ name: 'Credential External App: scope not granted', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { scopes: 'OR.Jobs OR.Administration' }) }), message: /^UiPath refused to issue a token \(400\): invalid_scope\. The application is not granted one of the scopes asked for \("OR\.Jobs OR\.Administration"\): add them/ },
	{ name: 'Credential API key: wrong user key', how: () => ({ credential: 'uiPathCloudOAuthApi', data: legacyCredential(ui, { refreshToken: 'wrong-key' }) }), message: /^UiPath refused to issue a token \(403\): Unknown or invalid refresh token\. Check the client ID and user key/ },
	{ name: 'Credential on-premises: wrong password', how: () => ({ credential: 'uiPathOnPremisesApi', data: onPremCredential(ui, { password: 'wrong' }) }), message: /^UiPath refused to issue a token \(400\): Invalid credentials, failed to login\. Check the tenancy name, user name and password\.$/ },
	{ name: 'Credential on-premises: wrong tenancy', how: () => ({ credential: 'uiPathOnPremisesApi', data: onPremCredential(ui, { tenancyName: 'NoTenancy' }) }), message: /^UiPath refused to issue a token \(400\): Invalid credentials, failed to login\. Check the tenancy name, user name and password\.$/ },
	{ name: 'Credential External App: wrong tenant', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { tenant: 'NoSuchTenant' }) }), message: /^No Orchestrator at this address: check the Organization and Tenant/ },
	{ name: 'Credential personal access token: refused', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { authMethod: 'personalAccessToken', personalAccessToken: 'expired-pat' }) }), message: /^UiPath did not accept the token: check the client ID and secret, the personal access token/ },
	{ name: 'Credential Robotic Crowd: signed in n8n, wrong secret', how: () => ({ credential: 'roboticCrowdApi', data: rc.credentialData(rcSim, { secretAccessKey: 'wrong-secret-0123456789' }) }), message: /^Robotic Crowd did not accept the token: check the Access Key ID and Secret Access Key/ },
	{ name: 'Credential Robotic Crowd: token endpoint, wrong secret', how: () => ({ credential: 'roboticCrowdApi', data: rc.credentialData(rcSim, { authMethod: 'tokenEndpoint', secretAccessKey: 'wrong' }) }), message: /^Robotic Crowd refused to issue a token \(401\): Invalid access_key_id or secret_access_key\. Check the Robotic Crowd API credential/ },
	{ name: 'Credential External App: Cloud URL without https://', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { cloudUrl: 'cloud.uipath.com' }) }), message: /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\/ in front/ },
	{ name: 'Credential personal access token: Cloud URL without https://', how: () => ({ credential: 'uiPathCloudOAuthApi', data: cloudCredential(ui, { authMethod: 'personalAccessToken', personalAccessToken: 'p', cloudUrl: 'cloud.uipath.com' }) }), message: /^The credential's Cloud URL "cloud\.uipath\.com" is not a full URL: it needs https:\/\/ in front/ },
	{ name: 'Credential API key: Account URL without https://', how: () => ({ credential: 'uiPathCloudOAuthApi', data: legacyCredential(ui, { accountUrl: 'account.uipath.com' }) }), message: /^The credential's Account URL "account\.uipath\.com" is not a full URL: it needs https:\/\/ in front/ },
	{ name: 'Credential on-premises: Orchestrator URL without https://', how: () => ({ credential: 'uiPathOnPremisesApi', data: onPremCredential(ui, { orchestratorUrl: 'orch.example.com/' }) }), message: /^The credential's Orchestrator URL "orch\.example\.com" is not a full URL: it needs https:\/\/ in front, e\.g\. "https:\/\/orch\.example\.com"$/ },
	{ name: 'Credential Robotic Crowd: signed in n8n, API Base URL without https://', how: () => ({ credential: 'roboticCrowdApi', data: rc.credentialData(rcSim, { baseUrl: 'api.roboticcrowd.com' }) }), message: /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL: it needs https:\/\/ in front/ },
	{ name: 'Credential Robotic Crowd: token endpoint, API Base URL without https://', how: () => ({ credential: 'roboticCrowdApi', data: rc.credentialData(rcSim, { authMethod: 'tokenEndpoint', baseUrl: 'api.roboticcrowd.com' }) }), message: /^The credential's API Base URL "api\.roboticcrowd\.com" is not a full URL: it needs https:\/\/ in front/ },
];

interface Outcome {
	text?: string;
	crashed?: string;
}

async function attempt(how: How): Promise<Outcome> {
	try {
		if ('node' in how) {
			const { error } = await harness.run(how.node, how.input);
			return { text: error ? `${error.message}\n${error.description ?? ''}` : undefined };
		}
		if ('poll' in how) {
			await harness.poll(how.poll, { staticData: {} });
			return {};
		}
		const result = await harness.testCredential(how.credential, how.data);
		return { text: result.status === 'Error' ? result.message : undefined };
	} catch (error) {
		// A poll reports its failure by throwing, as n8n's poll executor expects; only a node error counts as clear.
		const e = error as Error & { description?: string };
		if ('poll' in how && /^Node(Api|Operation)Error$/.test(e.constructor?.name ?? '')) return { text: `${e.message}\n${e.description ?? ''}` };
		// n8n checks required and invalid parameters before it runs a node: the engine refuses, naming the parameter.
		if (e.constructor?.name === 'WorkflowHasIssuesError') return { text: e.message };
		return { crashed: `${e.constructor?.name}: ${e.message}` };
	}
}

const tally = { tried: 0, clear: 0, crashes: 0 };

describe('bad inputs', () => {
	beforeAll(async () => {
		let shared: { Id: number };
		({ sim: ui, harness, shared } = await setUp());
		const release = ui.addRelease({ folderId: shared.Id, name: 'InvoiceProcessing' });
		releaseKey = release.Key;
		releaseId = release.Id;
		ui.addAsset({ folderId: shared.Id, name: 'SapLogin', valueType: 'Text', value: 'sap' });
		jobId = ui.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Successful' }).Id;
		const queue = ui.addQueue({ folderId: shared.Id, name: 'Invoices' });
		queueItemId = ui.addQueueItem({ queueId: queue.Id, specificContent: { n: 0 } }).Id;
		({ sim: rcSim } = await rc.setUp());
		harness.addCredential('roboticCrowdApi', rc.credentialData(rcSim), 'rc');
		workflowId = rcSim.addWorkflow({ name: 'Invoice intake' }).id;
		finishedRunId = rcSim.addRun({ workflow_id: workflowId, status: 'success' }).id;
		runId = rcSim.addRun({ workflow_id: workflowId, status: 'running' }).id;
	});
	afterAll(async () => {
		await ui.close();
		await rcSim.close();
		// part of the suite's one summary line (test/suiteTally.js), printed at the end of the run
		recordTally('badInputs', { badInputsTried: tally.tried, badInputsClear: tally.clear, crashes: tally.crashes });
	});

	it('lists at least 60 distinct cases, 10 of them also with Continue On Fail', () => {
		expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
		expect(rows.length).toBeGreaterThanOrEqual(60);
		expect(rows.filter((r) => r.pair).length).toBeGreaterThanOrEqual(10);
	});

	it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
		tally.tried++;
		const outcome = await attempt(row.how());
		if (EXPLORE) console.log(`ROW ${row.name}\n  ${JSON.stringify(outcome)}`);
		if (outcome.crashed) tally.crashes++;
		expect(outcome.crashed).toBeUndefined();
		expect(outcome.text).toMatch(row.message);
		tally.clear++;
	});

	it.each(rows.filter((r) => r.pair).map((r) => [r.name, r] as const))('%s, with Continue On Fail next to a good item', async (_name, row) => {
		const pair = row.pair!;
		const spec = { ...pair.spec(), continueOnFail: true };
		const { items, error } = await harness.run(spec, [{ x: pair.good() }, { x: pair.bad }]);
		if (EXPLORE) console.log(`PAIR ${row.name}\n  ${JSON.stringify(items.map((i) => i.json)).slice(0, 400)} ${error?.message}`);
		expect(error).toBeUndefined();
		// A list operation answers the good item with several records, each paired with item 0.
		const good = items.filter((i) => (i.pairedItem as { item: number }).item === 0);
		const bad = items.filter((i) => (i.pairedItem as { item: number }).item === 1);
		expect(good.length + bad.length).toBe(items.length);
		expect(good.length).toBeGreaterThanOrEqual(1);
		expect(good.every((i) => i.json.error === undefined)).toBe(true);
		expect(bad).toHaveLength(1);
		expect(items.at(-1)).toBe(bad[0]);
		expect(bad[0].json.error).toMatch(pair.error);
	});
});
