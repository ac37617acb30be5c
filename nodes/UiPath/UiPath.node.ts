import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { authenticationProperty, uiPathCredentials } from './descriptions';
import { assetFields, assetOperations } from './actions/asset';
import { accountOperations, discoveryFields, tenantOperations } from './actions/discovery';
import { folderFields, folderOperations } from './actions/folder';
import { jobFields, jobOperations } from './actions/job';
import { processFields, processOperations } from './actions/process';
import { queueItemFields, queueItemOperations } from './actions/queueItem';
import { robotFields, robotOperations } from './actions/robot';
import { searchFolders, searchProcesses, searchQueues, searchRobots } from './methods/listSearch';

export class UiPath implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UiPath',
		name: 'uiPath',
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Start UiPath Orchestrator jobs and wait for them, add queue items, read processes, robots and assets',
		defaults: { name: 'UiPath' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: uiPathCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Asset', value: 'asset' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Job', value: 'job' },
					{ name: 'Process', value: 'process' },
					{ name: 'Queue Item', value: 'queueItem' },
					{ name: 'Robot', value: 'robot' },
					{ name: 'Tenant', value: 'tenant' },
				],
				default: 'job',
			},
			accountOperations,
			assetOperations,
			folderOperations,
			jobOperations,
			processOperations,
			queueItemOperations,
			robotOperations,
			tenantOperations,
			...assetFields,
			...discoveryFields,
			...folderFields,
			...jobFields,
			...processFields,
			...queueItemFields,
			...robotFields,
		],
	};

	methods = { listSearch: { searchFolders, searchProcesses, searchQueues, searchRobots } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
