import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { sessionQueueFields, sessionQueueOperations } from './actions/sessionQueue';
import { tokenFields, tokenOperations } from './actions/token';
import { workflowFields, workflowOperations } from './actions/workflow';
import { searchWorkflows } from './methods/listSearch';

export class RoboticCrowd implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Robotic Crowd',
		name: 'roboticCrowd',
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Start Robotic Crowd (AUTORO) workflow runs, wait for them, list and cancel them',
		defaults: { name: 'Robotic Crowd' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'roboticCrowdApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Run (Session Queue)', value: 'sessionQueue' },
					{ name: 'Token', value: 'token' },
					{ name: 'Workflow', value: 'workflow' },
				],
				default: 'sessionQueue',
			},
			sessionQueueOperations,
			...sessionQueueFields,
			workflowOperations,
			...workflowFields,
			tokenOperations,
			...tokenFields,
		],
	};

	methods = { listSearch: { searchWorkflows } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
