import { listReleases } from '../../api/releases';
import { nameFilteredList } from '../nameFilteredList';

export const { option, description, execute } = nameFilteredList({
	plural: 'processes',
	summary: 'List the processes of a folder, with their release keys and arguments',
	list: listReleases,
});
