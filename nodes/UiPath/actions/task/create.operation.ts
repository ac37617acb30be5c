import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { numberParameter } from '../../../shared/numbers';
import { optionsParameter, valueOptions } from '../../../shared/optionsParameter';
import { jsonObjectOf } from '../../../shared/parameters';
import { echoSlim, startOnce } from '../../../shared/startOnce';
import { createTask } from '../../api/tasks';
import { folderField, folderOf } from '../common';
import { taskDataField, taskDataOf } from './taskRef';

export const option = { name: 'Create', action: 'Create a task', description: 'Create an Action Center task (generic or form) for a person to handle' };

const forForm = { displayOptions: { show: { taskType: ['form'] } } };

export const description: INodeProperties[] = [
	folderField,
	optionsParameter('Task Type', 'taskType', [
		['Generic', 'generic', 'A task with data, handled in Action Center or by an app'],
		['Form', 'form', 'A task a person fills in through a form.io form'],
	]),
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', typeOptions: { maxLength: 512 } },
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: valueOptions(['Low', 'Medium', 'High', 'Critical']),
		default: 'Medium',
	},
	taskDataField('The data the task carries (a form fills its fields from it)'),
	{ displayName: 'Form Layout (JSON)', name: 'formLayout', type: 'json', default: '', description: 'The form.io JSON of the form; or give a Form Layout ID', ...forForm },
	{ displayName: 'Form Layout ID', name: 'formLayoutId', type: 'number', default: 0, description: 'A form layout stored in Orchestrator; 0 to use the Form Layout JSON', ...forForm },
	{ displayName: 'External Tag', name: 'externalTag', type: 'string', default: '', description: 'A reference of your own, to find the task again' },
];

function formFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	// 0 (the default, also for an expression that gives nothing) means the Form Layout JSON.
	const layoutId = numberParameter.call(this, 'formLayoutId', itemIndex, 0, {
		label: 'Form Layout ID',
		what: 'a form layout ID',
		min: 0,
		integer: true,
		whenEmpty: 0,
		advice: 'Give the numeric ID of a form layout stored in Orchestrator, or 0 to use the Form Layout JSON.',
	});
	if (layoutId > 0) return { formLayoutId: layoutId };
	const layout = String(this.getNodeParameter('formLayout', itemIndex, '') ?? '');
	if (!layout.trim()) {
		throw new NodeOperationError(this.getNode(), 'Form tasks need a form layout', {
			itemIndex,
			description: 'Paste the form.io JSON into Form Layout (JSON), or give a Form Layout ID.',
		});
	}
	const keys = 'A form.io layout is an object, e.g. {"components": [...]}.';
	return { formLayout: jsonObjectOf.call(this, 'formLayout', itemIndex, { label: 'Form Layout (JSON)', example: '{"components": []}', keys }) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const form = this.getNodeParameter('taskType', itemIndex, 'generic') === 'form';
	const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
	if (!title) throw new NodeOperationError(this.getNode(), 'Give the task a title', { itemIndex });
	const externalTag = String(this.getNodeParameter('externalTag', itemIndex, ''));
	const body: IDataObject = {
		title,
		priority: this.getNodeParameter('priority', itemIndex, 'Medium'),
		data: taskDataOf.call(this, itemIndex),
		...(externalTag ? { externalTag } : {}),
		...(form ? formFields.call(this, itemIndex) : {}),
	};
	const folder = folderOf.call(this, itemIndex);
	// Once per item and run of the node: a re-run (Retry On Fail) returns the task an earlier try created.
	return await startOnce<IDataObject>(this, {
		itemIndex,
		request: { form, body, folder },
		send: async () => await createTask(this, form, body, folder, itemIndex),
		markRepeat: (task) => ({ ...task, alreadyCreated: true }),
		// the task echoes its data and form (often the bulk of it): kept once, in the request
		slim: echoSlim({ data: body.data, formLayout: body.formLayout }),
		cannotCheck: {
			message: 'Not created again: an earlier try of this node may already have created the task',
			description: 'That try got no answer or a 5xx. Look for the task with Task → Get Many (by its External Tag, if it has one) before creating it again.',
		},
	});
}
