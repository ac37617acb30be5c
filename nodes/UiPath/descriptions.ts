// Description pieces the UiPath node and the UiPath Trigger share.
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Which credential kind the node uses; each credential shows for its own choice. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Automation Cloud or Automation Suite', value: 'uiPathCloudOAuthApi' },
		{ name: 'On-Premises Orchestrator', value: 'uiPathOnPremisesApi' },
	],
	default: 'uiPathCloudOAuthApi',
};

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
