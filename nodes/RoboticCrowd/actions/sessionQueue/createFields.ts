// The fields of Run → Create: the workflow, its parameters, and waiting.
import type { INodeProperties } from 'n8n-workflow';

const workflowField: INodeProperties = {
	displayName: 'Workflow',
	name: 'workflowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchWorkflows', searchable: true } },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6391',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A workflow ID is a number' } }],
		},
	],
	description: 'The Robotic Crowd workflow to run',
};

const parameterFields: INodeProperties[] = [
	{
		displayName: 'Parameters Input',
		name: 'paramsInput',
		type: 'options',
		options: [
			{ name: 'Name/Value Pairs', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
		description: "How to give the initial values of the workflow's variables",
	},
	{
		displayName: 'Parameters',
		name: 'params',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show: { paramsInput: ['fields'] } },
		options: [
			{
				name: 'parameter',
				displayName: 'Parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Variable name in the workflow' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'paramsJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { paramsInput: ['json'] } },
		description: 'An object: each key is a workflow variable, its value the initial value (string, number, array…)',
	},
];

const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to wait until the run finishes and return it as it ended',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'How long to wait before failing with a timeout error. The run itself goes on.',
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitForCompletion: [true] } },
		options: [
			{
				displayName: 'Check Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description: 'First pause between checks of the run; it grows by half each time, up to 30 seconds',
			},
			{
				displayName: 'Return Failed Runs as Output',
				name: 'returnFailed',
				type: 'boolean',
				default: false,
				description: 'Whether a run that ends with status "error" is returned as output instead of failing the node',
			},
		],
	},
];

export const createFields: INodeProperties[] = [workflowField, ...parameterFields, ...waitFields];
