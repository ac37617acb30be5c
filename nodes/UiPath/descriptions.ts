// Description pieces the UiPath node and the UiPath Trigger share: authentication, folder and queue pickers, the
// job states and queue item statuses.
import type { INodeCredentialDescription, INodePropertyOptions } from 'n8n-workflow';

import { fromListMode, locatorParameter, numericIdMode, typedMode } from '../shared/locator';
import { optionsParameter, valueOptions } from '../shared/optionsParameter';

/** Which credential kind the node uses; each credential shows for its own choice. */
export const authenticationProperty = optionsParameter('Authentication', 'authentication', [
	['Automation Cloud or Automation Suite', 'uiPathCloudOAuthApi'],
	['On-Premises Orchestrator', 'uiPathOnPremisesApi'],
]);

export const uiPathCredentials: INodeCredentialDescription[] = [
	{ name: 'uiPathCloudOAuthApi', required: true, displayOptions: { show: { authentication: ['uiPathCloudOAuthApi'] } } },
	{ name: 'uiPathOnPremisesApi', required: true, displayOptions: { show: { authentication: ['uiPathOnPremisesApi'] } } },
];

/** A folder: from the list (sent as its Key, which never changes), by path, or by Id. */
export const folderLocator = locatorParameter(
	'Folder',
	'folder',
	[
		fromListMode('searchFolders'),
		typedMode('By Path', 'path', 'e.g. Shared/Finance', { hint: 'The full path, folders separated by /' }),
		numericIdMode('folder', 'e.g. 42'),
	],
	{ description: 'The Orchestrator folder to work in' },
);

/** A queue of the chosen folder, by name. */
export const queueLocator = locatorParameter('Queue', 'queue', [
	fromListMode('searchQueues'),
	typedMode('By Name', 'name', 'e.g. InvoicesToProcess'),
]);

export const jobStateOptions = valueOptions(['Faulted', 'Pending', 'Resumed', 'Running', 'Stopped', 'Stopping', 'Successful', 'Suspended', 'Terminating']);

/** Orchestrator's process (release) types, ReleaseDto / JobDto ProcessType; Maestro's are ProcessOrchestration and CaseManagement. */
export const processTypeOptions = valueOptions(
	['Agent', 'Api', 'BusinessRules', 'CaseManagement', 'ProcessOrchestration', 'MCPServer', 'Process', 'TestAutomationProcess', 'WebApp'],
	{ CaseManagement: 'Maestro Case (CaseManagement)', MCPServer: 'MCP Server', ProcessOrchestration: 'Maestro Process (ProcessOrchestration)', TestAutomationProcess: 'Test Automation', BusinessRules: 'Business Rules', Process: 'RPA Process' },
);

export const queueItemStatusOptions = valueOptions(['Abandoned', 'Deleted', 'Failed', 'InProgress', 'New', 'Retried', 'Successful'], {
	InProgress: 'In Progress',
});

/** The options of these values only (the states or statuses a record can end with). */
export const only = (options: INodePropertyOptions[], values: string[]) => options.filter((o) => values.includes(String(o.value)));
