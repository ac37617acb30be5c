// @ts-check
'use strict';
/**
 * Samples of the UiPath platform beyond Orchestrator (issue 21): the Orders entity of Data Fabric, and the OrderToCash
 * Maestro process started and waited for, and its ended instances as trigger events. workflows.js adds them.
 */
const wf = require('../../test/e2e/lib/workflows');

const PKG = 'n8n-nodes-rpa';

/**
 * @param {{ node: (name: string, type: string, parameters: Record<string, unknown>, credential: any) => any,
 *   sampleWorkflow: (id: string, name: string, note: string, nodes: any[]) => any, credentialOf: (name: any) => any,
 *   folder: (path: string) => unknown, json: (value: unknown) => string,
 *   entity: { name: string, id: string }, maestro: { process: string, processKey: string } }} h
 * @returns {import('./workflows').Sample[]}
 */
function platformSamples({ node, sampleWorkflow, credentialOf, folder, json, entity, maestro }) {
	const orders = { __rl: true, mode: 'list', value: entity.id, cachedResultName: entity.name };
	return [
		{
			kind: 'execute',
			node: 'Read the orders',
			workflow: sampleWorkflow(
				'sbxUiPathDfRead1',
				'UiPath Data Fabric: read the records of an entity',
				'## Records of a Data Fabric entity\nReads the first 10 records of the **Orders** entity (order number, customer, amount, date, status from a choice set), ordered by ID.\n\nCredential: UiPath Cloud, personal access token (scope `DataFabric.Data.Read`).',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node('Read the orders', 'uiPath', { authentication: 'uiPathCloudOAuthApi', resource: 'entityRecord', operation: 'getMany', entity: orders, returnAll: false, limit: 10 }, 'uiPathPat'),
				],
			),
			summarize: (items) => `${items.length} Orders records, first ${items[0]?.orderNumber} (${items[0]?.customer}, ${items[0]?.amount})`,
			problem: (items) => (items.length === 10 && items.every((r) => typeof r.orderNumber === 'string') ? undefined : `expected 10 Orders records, got ${items.length}`),
		},
		{
			kind: 'execute',
			node: 'Start and wait',
			workflow: sampleWorkflow(
				'sbxUiPathMaestro',
				'UiPath Maestro: start a process and wait for its instance',
				'## A Maestro process, start to end\n**OrderToCash** (*Finance*) is a Maestro (agentic) process: Job → Start starts it like any process, and Wait for Completion then follows its **Maestro instance** (the job\'s Key) until it ends, about 6 s in the sandbox. The output is the job with `maestroInstance` (state, runs, times).\n\nCredential: UiPath Cloud, personal access token (scope `PIMS`).',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node(
						'Start and wait',
						'uiPath',
						{
							authentication: 'uiPathCloudOAuthApi',
							resource: 'job',
							operation: 'start',
							folder: folder('Finance'),
							process: { __rl: true, mode: 'name', value: maestro.process },
							strategy: 'ModernJobsCount',
							jobsCount: 1,
							inputArguments: '{}',
							waitForCompletion: true,
							waitTimeout: 120,
							startOptions: { pollInterval: 1 },
						},
						'uiPathPat',
					),
				],
			),
			summarize: ([job]) => `${job?.ReleaseName} instance ${job?.maestroInstanceId}: ${job?.maestroInstance?.latestRunStatus}`,
			problem: ([job]) => (job?.maestroInstance?.latestRunStatus === 'Completed' && job?.maestroInstanceId === job?.Key ? undefined : `expected a Completed Maestro instance, got ${json(job?.maestroInstance)}`),
		},
		{
			kind: 'trigger',
			node: 'When an instance ends',
			workflow: sampleWorkflow(
				'sbxUiPathMaeTrig',
				'UiPath Trigger: each Maestro instance that ends',
				'## Each ended Maestro instance\nPolls every minute and fires once for each instance of **OrderToCash** that ends Completed or Faulted (a retried instance that faults again fires again). Start one with the Maestro sample to see it here.\n\n**Fetch test event** shows the latest ended instance.',
				[
					{
						name: 'When an instance ends',
						type: `${PKG}.uiPathTrigger`,
						typeVersion: 1,
						parameters: {
							authentication: 'uiPathCloudOAuthApi',
							event: 'maestroInstanceEnded',
							maestroProcessKey: maestro.processKey,
							maestroStates: ['Completed', 'Faulted'],
							pollTimes: { item: [{ mode: 'everyMinute' }] },
						},
						credentials: credentialOf('uiPathPat'),
					},
					wf.setNode('Message', { message: '={{ $json.packageId }} instance {{ $json.instanceId }} ended {{ $json.latestRunStatus }}' }),
				],
			),
			summarize: ([instance]) => `${instance?.packageId} instance ${instance?.instanceId}: ${instance?.latestRunStatus}`,
			problem: ([instance]) => (['Completed', 'Faulted'].includes(instance?.latestRunStatus) ? undefined : `expected an ended instance, got ${json(instance)}`),
		},
	];
}

module.exports = { platformSamples };
