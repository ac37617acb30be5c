import { instanceChange } from './instanceChange';

export const { option, description, execute } = instanceChange('pause', {
	name: 'Pause',
	action: 'Pause a maestro instance',
	description: 'Pause a running instance once its running steps have completed',
});
