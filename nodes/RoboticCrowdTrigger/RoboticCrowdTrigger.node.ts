import { NodeOperationError, type IDataObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { buildQuery, listSessionQueues, type SessionQueue } from '../RoboticCrowd/api/sessionQueues';
import { listWorkflows } from '../RoboticCrowd/api/workflows';
import { workflowLocator } from '../RoboticCrowd/descriptions';
import { searchWorkflows } from '../RoboticCrowd/methods/listSearch';
import { optionalLocator } from '../shared/locator';
import { triggerNodeDescription } from '../shared/nodeDescription';
import { multiOptionsParameter } from '../shared/optionsParameter';
import { textOf } from '../shared/text';
import { QueryCheckFailed, readByPages, readByQuery, type PollRead, type TriggerState } from './runReads';

/**
 * The statuses and workflow to watch, checked: no status, or a workflow that is not there, would never fire and say
 * nothing. The workflow is looked up when the trigger starts (first poll, or Fetch Test Event), not on every poll.
 */
async function watchedOf(ctx: IPollFunctions, lookUp: boolean) {
	const statuses = ctx.getNodeParameter('statuses', []) as string[];
	if (!statuses.length) {
		throw new NodeOperationError(ctx.getNode(), 'Pick at least one status to watch', {
			description: 'With no status chosen the trigger would never fire: choose Success, Error or both.',
		});
	}
	const workflowId = textOf(ctx.getNodeParameter('workflowId', '', { extractValue: true })).trim();
	if (workflowId && !/^\d+$/.test(workflowId)) {
		throw new NodeOperationError(ctx.getNode(), `Workflow "${workflowId}" is not a workflow ID`, {
			description: 'Pick a workflow from the list, or give its numeric ID (shown in the project screen of Robotic Crowd). Leave it empty to watch every workflow.',
		});
	}
	if (workflowId && lookUp && !(await listWorkflows(ctx, Infinity)).some((w) => String(w.id) === workflowId)) {
		throw new NodeOperationError(ctx.getNode(), `There is no workflow ${workflowId} in this project`, {
			description: 'Pick the workflow from the list: the API key sees the workflows of its own project only.',
		});
	}
	return { statuses, workflowId };
}

export class RoboticCrowdTrigger implements INodeType {
	description: INodeTypeDescription = {
		...triggerNodeDescription('Robotic Crowd Trigger', 'roboticCrowdTrigger', {
			// n8n's nodes panel lists the Robotic Crowd node and this trigger as one app and shows the trigger's description
			// for both: so it starts with the Robotic Crowd node's own words.
			description: 'Start Robotic Crowd (AUTORO) workflow runs, wait for them, list and cancel them, and start workflows when runs finish',
			polling: true,
			credentials: [{ name: 'roboticCrowdApi', required: true }],
			properties: [
				multiOptionsParameter(
					'Statuses',
					'statuses',
					[
						{ name: 'Error', value: 'error' },
						{ name: 'Success', value: 'success' },
					],
					['success', 'error'],
					{ required: true, description: 'Fire for runs that finish with these statuses' },
				),
				optionalLocator(workflowLocator, 'Only runs of this workflow. Leave empty for every workflow of the project.'),
			],
		}),
		// n8n's lint reads these from the class (and checks the icon files, whose paths are relative to this file).
		icon: { light: 'file:roboticCrowd.svg', dark: 'file:roboticCrowd.dark.svg' },
		subtitle: '=Runs that end with {{$parameter["statuses"].join(", ")}}',
	};

	methods = { listSearch: { searchWorkflows } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const staticData = this.getWorkflowStaticData('node') as IDataObject & { state?: TriggerState };
		const saved = staticData.state;
		const { statuses, workflowId } = await watchedOf(this, !saved || this.getMode() === 'manual');
		const matches = (run: SessionQueue) =>
			statuses.includes(run.status) && (!workflowId || String(run.workflow?.id) === workflowId);

		// "Fetch test event": the latest finished run, and the cursor stays where it is.
		if (this.getMode() === 'manual') {
			const { session_queues: latest } = await listSessionQueues(this, buildQuery({ status: statuses }), 1, 50);
			const run = latest.find(matches);
			return run ? [[{ json: run }]] : null;
		}

		let read: PollRead | undefined;
		if ((saved?.path ?? 'query') === 'query') {
			// A failed check moves the trigger to the page path; any other error (a 429, an outage) ends the poll.
			const checked = await readByQuery(this, saved, statuses).then(
				(answer) => ({ answer, failed: undefined }),
				async (error: unknown) => (error instanceof QueryCheckFailed ? { answer: undefined, failed: error.message } : await Promise.reject(error)),
			);
			read = checked.answer;
			if (checked.failed) {
				this.logger.warn(`Robotic Crowd Trigger: the run list's query did not answer as expected (${checked.failed}); reading the run list page by page from now on`);
			}
		}
		read ??= await readByPages(this, saved, statuses);
		if (!saved) this.logger.info(`Robotic Crowd Trigger: reading runs by ${read.state.path === 'query' ? 'query' : 'pages of the run list'}`);
		// Only now, with everything read, does the state move (an error above leaves it where it was). The first
		// activation emits nothing: what already finished is history, not news.
		staticData.state = read.state;
		const fresh = saved ? read.fresh.filter(matches) : [];
		if (!fresh.length) return null;
		fresh.sort((a, b) => Date.parse(a.ended_at ?? a.created_at) - Date.parse(b.ended_at ?? b.created_at) || a.id - b.id);
		return [fresh.map((run) => ({ json: run }))];
	}
}
