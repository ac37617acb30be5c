import { listQueues } from '../../api/queues';
import { nameFilteredList } from '../nameFilteredList';

export const { option, description, execute } = nameFilteredList({
	plural: 'queues',
	summary: 'List the queues of a folder with their settings',
	list: listQueues,
});
