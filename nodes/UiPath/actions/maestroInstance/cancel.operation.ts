import { instanceChange } from './instanceChange';

export const { option, description, execute } = instanceChange('cancel', {
	name: 'Cancel',
	action: 'Cancel a maestro instance',
	description: 'Cancel a running, paused or faulted instance',
});
