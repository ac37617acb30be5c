// The UiPath node's resources: each one's operations are its `<resource>/index.ts`.
// Each resource is imported by its index file by name: a stale build of the older one-file-per-resource layout
// (actions/job.js beside actions/job/) would otherwise shadow the folder.
import type { Resource } from '../../shared/resources';
import * as account from './account/index';
import * as asset from './asset/index';
import * as bucket from './bucket/index';
import * as bucketFile from './bucketFile/index';
import * as customApiCall from './customApiCall/index';
import * as entity from './entity/index';
import * as entityRecord from './entityRecord/index';
import * as folder from './folder/index';
import * as job from './job/index';
import * as machine from './machine/index';
import * as maestroInstance from './maestroInstance/index';
import * as maestroProcess from './maestroProcess/index';
import * as processOperations from './process/index';
import * as queue from './queue/index';
import * as processSchedule from './processSchedule/index';
import * as queueItem from './queueItem/index';
import * as queueTransaction from './queueTransaction/index';
import * as robot from './robot/index';
import * as session from './session/index';
import * as task from './task/index';
import * as tenant from './tenant/index';

export const resources: Resource[] = [
	{ name: 'Account', value: 'account', defaultOperation: 'getMany', operations: account },
	{ name: 'Asset', value: 'asset', defaultOperation: 'get', operations: asset },
	{ name: 'Bucket', value: 'bucket', defaultOperation: 'getMany', operations: bucket },
	{ name: 'Bucket File', value: 'bucketFile', defaultOperation: 'getMany', operations: bucketFile },
	{ name: 'Custom API Call', value: 'customApiCall', defaultOperation: 'send', operations: customApiCall },
	{ name: 'Entity (Data Fabric)', value: 'entity', defaultOperation: 'getMany', operations: entity },
	{ name: 'Entity Record (Data Fabric)', value: 'entityRecord', defaultOperation: 'getMany', operations: entityRecord },
	{ name: 'Folder', value: 'folder', defaultOperation: 'getMany', operations: folder },
	{ name: 'Job', value: 'job', defaultOperation: 'start', operations: job },
	{ name: 'Machine', value: 'machine', defaultOperation: 'getMany', operations: machine },
	{ name: 'Maestro Instance', value: 'maestroInstance', defaultOperation: 'getMany', operations: maestroInstance },
	{ name: 'Maestro Process', value: 'maestroProcess', defaultOperation: 'getMany', operations: maestroProcess },
	{ name: 'Process', value: 'process', defaultOperation: 'getMany', operations: processOperations },
	{ name: 'Queue', value: 'queue', defaultOperation: 'getMany', operations: queue },
	{ name: 'Process Schedule', value: 'processSchedule', defaultOperation: 'getMany', operations: processSchedule },
	{ name: 'Queue Item', value: 'queueItem', defaultOperation: 'add', operations: queueItem },
	{ name: 'Queue Transaction', value: 'queueTransaction', defaultOperation: 'start', operations: queueTransaction },
	{ name: 'Robot', value: 'robot', defaultOperation: 'getMany', operations: robot },
	{ name: 'Session', value: 'session', defaultOperation: 'getMany', operations: session },
	{ name: 'Task', value: 'task', defaultOperation: 'get', operations: task },
	{ name: 'Tenant', value: 'tenant', defaultOperation: 'getMany', operations: tenant },
];
