// Description pieces the UiPath node and the UiPath Trigger share: authentication, folder and queue pickers, the
// job states and queue item statuses.
import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { optionsParameter } from '../shared/optionsParameter';

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
export const folderLocator: INodeProperties = {
	displayName: 'Folder',
	name: 'folder',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Orchestrator folder to work in',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFolders', searchable: true },
		},
		{
			displayName: 'By Path',
			name: 'path',
			type: 'string',
			placeholder: 'e.g. Shared/Finance',
			hint: 'The full path, folders separated by /',
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 42',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A folder ID is a number' } }],
		},
	],
};

/** A queue of the chosen folder, by name. */
export const queueLocator: INodeProperties = {
	displayName: 'Queue',
	name: 'queue',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchQueues', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. InvoicesToProcess' },
	],
};

const asOptions = (values: string[], names: Record<string, string> = {}): INodePropertyOptions[] =>
	values.map((value) => ({ name: names[value] ?? value, value }));

export const jobStateOptions = asOptions(['Faulted', 'Pending', 'Resumed', 'Running', 'Stopped', 'Stopping', 'Successful', 'Suspended', 'Terminating']);

export const queueItemStatusOptions = asOptions(['Abandoned', 'Deleted', 'Failed', 'InProgress', 'New', 'Retried', 'Successful'], {
	InProgress: 'In Progress',
});

/** The options of these values only (the states or statuses a record can end with). */
export const only = (options: INodePropertyOptions[], values: string[]) => options.filter((o) => values.includes(String(o.value)));
