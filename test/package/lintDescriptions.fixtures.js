// Built classes made up for test/package/lintDescriptions.test.ts, in the shape scripts/lint-descriptions.js
// lints: a well-formed node, the same node with known mistakes in one parameter, and a webhook trigger with and
// without its complete webhookMethods. Plain JavaScript: the test loads it in a separate Node process.
'use strict';

const optionsParameter = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	// five or more options: fewer need not be alphabetized
	options: ['High', 'Low', 'Normal', 'Urgent', 'Whenever'].map((name) => ({ name, value: name })),
	default: 'Normal',
	description: 'How soon the robot picks the item up',
};

// unsorted options, a default that is none of them, a display name not in title case
const badOptionsParameter = {
	...optionsParameter,
	displayName: 'priority level',
	options: [...optionsParameter.options].reverse(),
	default: 'Medium',
	description: 'How urgent the item is',
};

const nodeDescription = (properties) => ({
	displayName: 'UiPath',
	name: 'uiPath',
	icon: { light: 'file:uiPath.svg', dark: 'file:uiPath.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{$parameter["priority"]}}',
	description: 'A node made up for this test',
	defaults: { name: 'UiPath' },
	usableAsTool: true,
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'uiPathCloudOAuthApi', required: true }],
	properties,
});

class RegularNode {
	constructor(properties) {
		this.description = nodeDescription(properties);
	}
	async execute() {
		return [];
	}
}

class WebhookTrigger {
	constructor(webhookMethods) {
		this.description = {
			...nodeDescription([optionsParameter]),
			displayName: 'UiPath Webhook Trigger',
			name: 'uiPathWebhookTrigger',
			group: ['trigger'],
			defaults: { name: 'UiPath Webhook Trigger' },
			usableAsTool: undefined,
			inputs: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		};
		this.webhookMethods = webhookMethods;
	}
	async webhook() {
		return {};
	}
}

const hook = async () => true;
const regular = (properties) => ({ kind: 'node', className: 'UiPath', filePath: 'nodes/UiPath/UiPath.node.ts', instance: new RegularNode(properties) });
const trigger = (group) => ({
	kind: 'node',
	className: 'UiPathWebhookTrigger',
	filePath: 'nodes/UiPathWebhookTrigger/UiPathWebhookTrigger.node.ts',
	instance: new WebhookTrigger({ default: group }),
});

module.exports = {
	good: regular([optionsParameter]),
	badParameter: regular([optionsParameter, badOptionsParameter]),
	completeWebhookTrigger: trigger({ checkExists: hook, create: hook, delete: hook }),
	webhookTriggerWithoutDelete: trigger({ checkExists: hook, create: hook }),
};
