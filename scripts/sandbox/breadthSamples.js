// @ts-check
'use strict';
/**
 * Two samples of the breadth operations (issue 11): a file into a storage bucket and a job that imports it, and n8n
 * as a queue worker (Queue Transaction Start → the work → Set Result). workflows.js adds them to the samples.
 */
const wf = require('../../test/e2e/lib/workflows');

/** The fields Job → Start's "Using Fields Below" loads for ImportInvoiceFile (seed.js), as the editor saves them. */
const IMPORT_ARGUMENTS = [
	{ id: 'bucketName', displayName: 'bucketName (String)', type: 'string', required: true, removed: false },
	{ id: 'filePath', displayName: 'filePath (String)', type: 'string', required: true, removed: false },
	{ id: 'dryRun', displayName: 'dryRun (Boolean)', type: 'boolean', required: false, removed: true },
].map((f) => ({ ...f, defaultMatch: false, canBeUsedToMatch: false, display: true }));

/**
 * @param {{ node: (name: string, type: string, parameters: Record<string, unknown>, credential: any) => any,
 *   sampleWorkflow: (id: string, name: string, note: string, nodes: any[]) => any,
 *   folder: (path: string) => unknown, json: (value: unknown) => string, bucketId: number }} h
 * @returns {import('./workflows').Sample[]}
 */
function breadthSamples({ node, sampleWorkflow, folder, json, bucketId }) {
	const bucket = { __rl: true, mode: 'list', value: String(bucketId), cachedResultName: 'Invoices Inbox' };
	return [
		{
			kind: 'execute',
			node: 'Import the file',
			workflow: sampleWorkflow(
				'sbxUiPathFileJob',
				'UiPath: upload a file to a bucket, then start a job that reads it',
				'## A file for a robot\nMakes a CSV of invoices, uploads it to the **Invoices Inbox** storage bucket (*Finance*), then starts **ImportInvoiceFile** with the bucket and the file\'s path as input arguments (Define Arguments: *Using Fields Below*, loaded from the process) and waits for its output.\n\nCredential: UiPath Cloud, personal access token.',
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					{
						name: 'Make the CSV file',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: {
							jsCode:
								"const csv = 'invoiceId,amount\\nINV-5001,120.00\\nINV-5002,75.50\\nINV-5003,310.25\\n';\nconst day = new Date().toISOString().slice(0, 10);\nreturn [{ json: { day }, binary: { data: { data: Buffer.from(csv).toString('base64'), mimeType: 'text/csv', fileName: `invoices-${day}.csv` } } }];",
						},
					},
					node(
						'Upload to the bucket',
						'uiPath',
						{ authentication: 'uiPathCloudOAuthApi', resource: 'bucketFile', operation: 'upload', folder: folder('Finance'), bucket, filePath: '=in/invoices-{{ $json.day }}.csv', binaryPropertyName: 'data' },
						'uiPathPat',
					),
					node(
						'Import the file',
						'uiPath',
						{
							authentication: 'uiPathCloudOAuthApi',
							resource: 'job',
							operation: 'start',
							folder: folder('Finance'),
							process: { __rl: true, mode: 'name', value: 'ImportInvoiceFile' },
							strategy: 'ModernJobsCount',
							jobsCount: 1,
							argumentsMode: 'fields',
							inputFields: {
								mappingMode: 'defineBelow',
								value: { bucketName: 'Invoices Inbox', filePath: '={{ $json.FullPath }}' },
								matchingColumns: [],
								schema: IMPORT_ARGUMENTS,
								attemptToConvertTypes: false,
								convertFieldsToString: false,
							},
							waitForCompletion: true,
							waitTimeout: 120,
							startOptions: { pollInterval: 1 },
						},
						'uiPathPat',
					),
				],
			),
			summarize: ([job]) => `${job?.ReleaseName} job ${job?.Id}: ${job?.State}, input ${json(job?.InputArguments)}, output ${json(job?.OutputArguments)}`,
			problem: ([job]) =>
				job?.State !== 'Successful'
					? `expected a Successful job, got ${job?.State}`
					: !/^in\/invoices-\d{4}-\d\d-\d\d\.csv$/.test(String(job?.InputArguments?.filePath))
						? `expected the uploaded file's path as filePath, got ${json(job?.InputArguments)}`
						: undefined,
		},
		{
			kind: 'execute',
			node: 'Set the result',
			workflow: sampleWorkflow(
				'sbxUiPathQueueTx',
				'UiPath: work a queue item as a transaction (n8n as the robot)',
				"## n8n as a queue worker\nTakes the next item of the **Payments** queue (*Finance*) as a transaction (it is In Progress from then on), does the work (here: a Code node books the payment), and sets the item's result: **Successful** with output (Result *Failed* takes a business or application exception instead). An empty queue ends the workflow quietly.\n\nCredential: UiPath Cloud, personal access token.",
				[
					wf.manualTriggerNode('When clicking "Execute workflow"'),
					node('Take the next payment', 'uiPath', { authentication: 'uiPathCloudOAuthApi', resource: 'queueTransaction', operation: 'start', folder: folder('Finance'), queue: { __rl: true, mode: 'name', value: 'Payments' } }, 'uiPathPat'),
					{
						name: 'Do the work',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						parameters: {
							jsCode:
								"// The work a robot would do: here, book the payment.\nreturn $input.all().map(({ json: item }) => ({ json: { Id: item.Id, bookingId: `B-${item.SpecificContent.paymentId}` } }));",
						},
					},
					node(
						'Set the result',
						'uiPath',
						{
							authentication: 'uiPathCloudOAuthApi',
							resource: 'queueTransaction',
							operation: 'setResult',
							folder: folder('Finance'),
							queueItemId: '={{ $json.Id }}',
							result: 'successful',
							output: '={{ JSON.stringify({ bookingId: $json.bookingId }) }}',
						},
						'uiPathPat',
					),
				],
			),
			summarize: ([item]) => `queue item ${item?.Id} (${item?.Reference}): ${item?.Status}, output ${json(item?.Output)}`,
			problem: ([item]) => (item?.Status === 'Successful' ? undefined : `expected a Successful queue item, got ${json(item)}`),
		},
	];
}

module.exports = { breadthSamples };
