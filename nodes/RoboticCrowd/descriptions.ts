// Description pieces the Robotic Crowd node and its trigger share.
import { fromListMode, locatorParameter, numericIdMode } from '../shared/locator';

/** A workflow of the API key's project: from the list, or by its numeric ID. */
export const workflowLocator = locatorParameter('Workflow', 'workflowId', [fromListMode('searchWorkflows'), numericIdMode('workflow', 'e.g. 6391')], {
	description: 'The Robotic Crowd workflow to run',
});
