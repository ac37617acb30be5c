import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { RESUME_WEBHOOKS } from '../shared/durableWait';
import { receiveResume } from '../shared/resumeWebhook';
import { roboticCrowdRunWait } from './actions/sessionQueue/durableRunWait';
import { actionNodeDescription } from '../shared/nodeDescription';
import { operationSubtitle, resourceProperties } from '../shared/resources';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { searchWorkflows } from './methods/listSearch';

export class RoboticCrowd implements INodeType {
	description: INodeTypeDescription = {
		...actionNodeDescription('Robotic Crowd', 'roboticCrowd', {
			description: 'Start Robotic Crowd (AUTORO) workflow runs, wait for them, list and cancel them',
			credentials: [{ name: 'roboticCrowdApi', required: true }],
			properties: resourceProperties(resources, 'sessionQueue'),
		}),
		// n8n's lint reads these from the class (and checks the icon files, whose paths are relative to this file).
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		subtitle: operationSubtitle(resources),
		usableAsTool: true,
		// Run → Create's durable waits resume through this (nodes/shared/durableWait.ts)
		webhooks: RESUME_WEBHOOKS,
	};

	methods = { listSearch: { searchWorkflows } };

	execute = router;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveResume(this, [roboticCrowdRunWait]);
	}
}
