// What Run → Create sends: the workflow ID and the parameters, checked before anything is sent.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonObjectOf, namedValuesOf } from '../../../shared/parameters';

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
	return params;
}

export function workflowIdOf(this: IExecuteFunctions, itemIndex: number): number {
	const raw = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true })).trim();
	if (!/^\d+$/.test(raw)) {
		throw new NodeOperationError(this.getNode(), `Workflow "${raw}" is not a workflow ID`, {
			itemIndex,
			description: 'Pick a workflow from the list, or give its numeric ID (shown in the project screen of Robotic Crowd).',
		});
	}
	return Number(raw);
}
