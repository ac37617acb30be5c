// What every node of this package has in common in its description: version 1, defaults named after the node,
// one main output; an action node takes input, a trigger takes none. The node class itself writes its icon, its
// subtitle and whether it is usable as a tool: n8n's lint looks for those there.
import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

/** What differs from node to node: its words, credentials and fields, and for a trigger how it is fed. */
type NodeSpecifics = Pick<INodeTypeDescription, 'description' | 'credentials' | 'properties'> &
	Partial<Pick<INodeTypeDescription, 'polling' | 'webhooks'>>;

function shared(displayName: string, name: string) {
	return {
		displayName,
		name,
		version: 1,
		defaults: { name: displayName },
		outputs: [NodeConnectionTypes.Main],
	};
}

export function actionNodeDescription(displayName: string, name: string, specifics: NodeSpecifics): INodeTypeDescription {
	return { ...shared(displayName, name), group: ['transform'], inputs: [NodeConnectionTypes.Main], ...specifics };
}

export function triggerNodeDescription(displayName: string, name: string, specifics: NodeSpecifics): INodeTypeDescription {
	return { ...shared(displayName, name), group: ['trigger'], inputs: [], ...specifics };
}
