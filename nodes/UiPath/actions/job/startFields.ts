// The fields of Job → Start: which process, how many jobs on which robots, its input, and waiting.
import type { INodeProperties } from 'n8n-workflow';

import { fromListMode, locatorParameter, typedMode } from '../../../shared/locator';
import { optionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { checkIntervalOption, optionsCollection, waitFields, waitModeFields } from '../../../shared/parameters';
import { folderField } from '../common';

const releaseKeyValidation = [{ type: 'regex' as const, properties: { regex: '^[0-9a-fA-F-]{36}$', errorMessage: 'A release key is a GUID' } }];

const processField = locatorParameter(
	'Process',
	'process',
	[
		fromListMode('searchProcesses'),
		typedMode('By Name', 'name', 'e.g. InvoiceProcessing'),
		typedMode('By Release Key', 'key', 'e.g. 5b1c3e43-8a1f-4c3b-9f0e-2d6a7c4b8e11', { validation: releaseKeyValidation }),
	],
	{ description: 'The process (release) to run' },
);

/** How many jobs or robots, for the strategies that ask for a number. */
const countField = (displayName: string, name: string, strategies: string[]): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	displayOptions: { show: { strategy: strategies } },
});

const robotFields: INodeProperties[] = [
	optionsParameter('Strategy', 'strategy', [
		['All Robots', 'All', 'One job on each robot of the folder (classic folders)'],
		['Jobs Count (Classic)', 'JobsCount', 'Start a number of jobs (classic folders)'],
		['Jobs Count (Modern Folders)', 'ModernJobsCount', 'Start a number of jobs; Orchestrator picks the robots'],
		['Robot Count', 'RobotCount', 'Run on a number of robots'],
		['Specific Robots', 'Specific', 'One job on each of the given robots'],
	], { default: 'ModernJobsCount' }),
	countField('Jobs Count', 'jobsCount', ['ModernJobsCount', 'JobsCount']),
	{
		displayName: 'Robot IDs',
		name: 'robotIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12, 15',
		displayOptions: { show: { strategy: ['Specific'] } },
		description: 'IDs of the robots to run on, separated by commas (Robot → Get Many lists them)',
	},
	countField('Number of Robots', 'noOfRobots', ['RobotCount']),
];

const startOptions = optionsCollection('startOptions', [
	checkIntervalOption('With Wait for Completion: first pause between checks of the job; it grows by half each time, up to 30 seconds'),
	{
		displayName: 'Priority',
		name: 'jobPriority',
		type: 'options',
		options: valueOptions(['Low', 'Normal', 'High']),
		default: 'Normal',
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		description: 'Your own reference for the job (at most 128 characters), to find it again',
	},
	{
		displayName: 'Return Faulted and Stopped Jobs as Output',
		name: 'returnFailed',
		type: 'boolean',
		default: false,
		description: 'Whether a job that ends Faulted or Stopped is returned as output instead of failing the node',
	},
	{
		displayName: 'Runtime Type',
		name: 'runtimeType',
		type: 'options',
		options: valueOptions(['Attended', 'Development', 'Headless', 'NonProduction', 'Serverless', 'TestAutomation', 'Unattended']),
		default: 'Unattended',
		description: 'The kind of licence the robot runs the job with',
	},
]);

// Using JSON stays the default, so workflows saved before the fields existed run as they did.
const inputArgumentFields: INodeProperties[] = [
	optionsParameter('Define Arguments', 'argumentsMode', [
		['Using Fields Below', 'fields', "The process's declared input arguments, each a typed field"],
		['Using JSON', 'json', 'An object of input arguments'],
	], { default: 'json' }),
	{
		displayName: 'Input Arguments',
		name: 'inputArguments',
		type: 'json',
		default: '{}',
		displayOptions: { show: { argumentsMode: ['json'] } },
		description: "An object of the process's input arguments, e.g. {\"customerId\": 42}. Sent as the JSON string Orchestrator wants (at most 10,000 characters).",
	},
	{
		displayName: 'Input Arguments',
		name: 'inputFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		displayOptions: { show: { argumentsMode: ['fields'] } },
		description: "The input arguments the process declares, loaded from Orchestrator; required ones are marked",
		typeOptions: {
			loadOptionsDependsOn: ['folder.value', 'process.value'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: 'add',
				fieldWords: { singular: 'argument', plural: 'arguments' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This process declares no input arguments',
			},
		},
	},
];

export const startFields: INodeProperties[] = [
	folderField,
	processField,
	...robotFields,
	...inputArgumentFields,
	...waitFields('job', 'it with its output arguments'),
	...waitModeFields(
		[
			['Poll (Keep Running)', 'poll', 'For jobs of seconds to minutes: the execution keeps running and reads the job every Check Interval'],
			['Pause Until Orchestrator Reports the End', 'webhook', "For long jobs: paused until Orchestrator's job webhook fires; needs the OR.Webhooks scope and a URL Orchestrator can reach"],
			['Pause Until the Robot Calls Back', 'callback', "For long jobs: paused until the process's last step calls the URL passed in the input argument below"],
		],
		'input argument',
	),
	startOptions,
];
