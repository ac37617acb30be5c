// What Run → Create sends: the workflow ID and the parameters, checked before anything is sent.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonObjectOf, namedValuesOf } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';

/**
 * The longest Parameters n8n sends, as UTF-8 bytes of JSON. The API documents no limit; 1 MB is the request body
 * limit a web server or proxy commonly applies in front of an API (nginx's default), and a run refused there after
 * sending would leave it unknown whether it started. Larger data belongs in a file or store the workflow reads.
 */
const MAX_PARAMS_BYTES = 1_000_000;

/** The API misbehaves on a `${…}` literal inside a parameter value, so it is refused before anything is sent. */
function findTemplateLiteral(value: unknown, path: string): string | undefined {
	if (typeof value === 'string') return /\$\{[^}]*\}/.test(value) ? path : undefined;
	if (Array.isArray(value)) {
		for (const [i, v] of value.entries()) {
			const found = findTemplateLiteral(v, `${path}[${i}]`);
			if (found) return found;
		}
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			const found = findTemplateLiteral(v, path ? `${path}.${k}` : k);
			if (found) return found;
		}
	}
	return undefined;
}

export function readParams(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const params =
		this.getNodeParameter('paramsInput', itemIndex) === 'json'
			? jsonObjectOf.call(this, 'paramsJson', itemIndex, {
					label: 'Parameters (JSON)',
					example: '{"customer": "ACME", "rows": [1, 2]}',
					keys: 'Each key is a workflow variable and its value the initial value, e.g. {"customer": "ACME"}.',
				})
			: namedValuesOf.call(this, (this.getNodeParameter('params.parameter', itemIndex, []) as IDataObject[]) ?? [], itemIndex, {
					message: 'A parameter has no name',
					description: 'Give each parameter the name of a variable of the workflow, or remove it.',
				});
	const offending = findTemplateLiteral(params, '');
	if (offending) {
		throw new NodeOperationError(this.getNode(), `Parameter "${offending}" holds a \${…} literal, which Robotic Crowd cannot take`, {
			itemIndex,
			description:
				'Robotic Crowd treats ${…} inside a parameter value as a workflow variable and misbehaves or fails. Remove it, or write it differently (for example "$ {name}").',
		});
	}
	const bytes = Buffer.byteLength(JSON.stringify(params));
	if (bytes > MAX_PARAMS_BYTES) {
		throw new NodeOperationError(this.getNode(), `Parameters are ${bytes} bytes of JSON; n8n sends at most 1,000,000 to Robotic Crowd`, {
			itemIndex,
			description: 'Pass large data another way: put it in a file or store the workflow reads, and give its location as a parameter.',
		});
	}
	return params;
}

export function workflowIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = textOf(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true })).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `Workflow "${raw}" is not a workflow ID`, {
			itemIndex,
			description: 'Pick a workflow from the list, or give its numeric ID (shown in the project screen of Robotic Crowd).',
		});
	}
	return Number(raw);
}
