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
import { searchWorkflows } from './methods/listSearch';

export class RoboticCrowd implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Robotic Crowd',
		name: 'roboticCrowd',
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(resources),
		description: 'Start Robotic Crowd (AUTORO) workflow runs, wait for them, list and cancel them',
		defaults: { name: 'Robotic Crowd' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'roboticCrowdApi', required: true }],
		properties: resourceProperties(resources, 'sessionQueue'),
	};

	methods = { listSearch: { searchWorkflows } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
