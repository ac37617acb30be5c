import { instanceChange } from './instanceChange';

export const { option, description, execute } = instanceChange('resume', {
	name: 'Resume',
	action: 'Resume a maestro instance',
	description: 'Resume a paused instance',
});
