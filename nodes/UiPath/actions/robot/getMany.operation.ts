import { listRobots } from '../../api/folders';
import { nameFilteredList } from '../nameFilteredList';

export const { option, description, execute } = nameFilteredList({
	plural: 'robots',
	summary: 'List the robots of a folder with their IDs and machines',
	list: listRobots,
});
