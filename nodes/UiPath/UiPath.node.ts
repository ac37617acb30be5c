import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { RESUME_WEBHOOKS } from '../shared/durableWait';
import { actionNodeDescription } from '../shared/nodeDescription';
import { receiveResume } from '../shared/resumeWebhook';
import { operationSubtitle, resourceProperties } from '../shared/resources';
import { uiPathJobWait } from './actions/job/durableJobWait';
import { uiPathQueueItemWait } from './actions/queueItem/durableItemWait';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { authenticationProperty, uiPathCredentials } from './descriptions';
import { searchBuckets, searchEntities, searchFolders, searchProcesses, searchQueues, searchRobots, searchTaskUsers } from './methods/listSearch';
import { getRecordFields } from './methods/entityFields';
import { searchMaestroInstances } from './methods/maestroSearch';
import { getMappingColumns } from './methods/resourceMapping';

export class UiPath implements INodeType {
	description: INodeTypeDescription = {
		...actionNodeDescription('UiPath', 'uiPath', {
			description: 'Start UiPath Orchestrator jobs and wait for them, add queue items, read processes, robots and assets',
			credentials: uiPathCredentials,
			properties: [authenticationProperty, ...resourceProperties(resources, 'job')],
		}),
		// n8n's lint reads these from the class (and checks the icon files, whose paths are relative to this file).
		icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
		subtitle: operationSubtitle(resources),
		usableAsTool: true,
		// The durable waits of Job → Start and Queue Item → Add resume through this (nodes/shared/durableWait.ts)
		webhooks: RESUME_WEBHOOKS,
	};

	methods = {
		listSearch: { searchFolders, searchProcesses, searchQueues, searchRobots, searchBuckets, searchTaskUsers, searchEntities, searchMaestroInstances },
		resourceMapping: { getMappingColumns, getRecordFields },
	};

	execute = router;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveResume(this, [uiPathJobWait, uiPathQueueItemWait]);
	}
}
