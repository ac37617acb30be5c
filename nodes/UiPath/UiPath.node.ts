import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle, resourceProperties } from '../shared/resources';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { authenticationProperty, uiPathCredentials } from './descriptions';
import { searchBuckets, searchFolders, searchProcesses, searchQueues, searchRobots, searchTaskUsers } from './methods/listSearch';
import { getMappingColumns } from './methods/resourceMapping';

export class UiPath implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'UiPath',
		name: 'uiPath',
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Start UiPath Orchestrator jobs and wait for them, add queue items, read processes, robots and assets',
		defaults: { name: 'UiPath' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: uiPathCredentials,
		properties: [
			authenticationProperty,
			...resourceProperties(resources, 'job'),
		],
	};

	methods = {
		listSearch: { searchFolders, searchProcesses, searchQueues, searchRobots, searchBuckets, searchTaskUsers },
		resourceMapping: { getMappingColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
