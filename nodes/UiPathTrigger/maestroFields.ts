// The UiPath Trigger's fields for its Maestro events.
import type { INodeProperties } from 'n8n-workflow';

import { multiOptionsParameter } from '../shared/optionsParameter';
import { ENDED_STATES } from './maestroWatch';

const forMaestro = { show: { event: ['maestroInstanceEnded', 'maestroIncidentOpened'] } };

export const maestroTriggerFields: INodeProperties[] = [
	{
		displayName: 'Process Key',
		name: 'maestroProcessKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
		description:
			"Only this Maestro process (its processKey: Maestro Process → Get Many lists them). Leave empty for every process the credential may see.",
		displayOptions: forMaestro,
	},
	multiOptionsParameter('States', 'maestroStates', ENDED_STATES.map((state) => ({ name: state, value: state })), ['Completed', 'Faulted'], {
		description: 'Fire for instances that end in these states. A faulted instance that is retried and ends again fires again.',
		displayOptions: { show: { event: ['maestroInstanceEnded'] } },
	}),
];
