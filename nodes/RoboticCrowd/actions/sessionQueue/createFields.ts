// The fields of Run → Create: the workflow, its parameters, and waiting.
import type { INodeProperties } from 'n8n-workflow';

import { checkIntervalOption, fieldsOrJson, optionsCollection, waitFields, waitModeFields } from '../../../shared/parameters';
import { workflowLocator } from '../../descriptions';

const parameterFields = fieldsOrJson('params', {
	choice: {
		displayName: 'Parameters Input',
		description: "How to give the initial values of the workflow's variables",
		fieldsLabel: 'Name/Value Pairs',
		jsonLabel: 'JSON',
	},
	fields: {
		displayName: 'Parameters',
		placeholder: 'Add Parameter',
		pair: { name: 'parameter', displayName: 'Parameter' },
		nameField: { description: 'Variable name in the workflow' },
	},
	json: {
		displayName: 'Parameters (JSON)',
		description: 'An object: each key is a workflow variable, its value the initial value (string, number, array…)',
	},
});

const waitOptions = optionsCollection('createOptions', [
	checkIntervalOption('First pause between checks of the run; it grows by half each time, up to 30 seconds'),
	{
		displayName: 'Return Failed Runs as Output',
		name: 'returnFailed',
		type: 'boolean',
		default: false,
		description: 'Whether a run that ends with status "error" is returned as output instead of failing the node',
	},
], { displayOptions: { show: { waitForCompletion: [true] } } });

const waitModes = waitModeFields(
	[
		['Poll (Keep Running)', 'poll', 'For runs of seconds to minutes: the execution keeps running and reads the run list every Check Interval'],
		['Pause Until the Robot Calls Back', 'callback', "For long runs: paused until the workflow's last step calls the URL passed in the variable below (Robotic Crowd has no completion webhook)"],
	],
	'workflow variable (run parameter)',
);

export const createFields: INodeProperties[] = [workflowLocator, ...parameterFields, ...waitFields('run', 'it as it ended'), ...waitModes, waitOptions];
