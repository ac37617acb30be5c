import { listBuckets } from '../../api/buckets';
import { nameFilteredList } from '../nameFilteredList';

export const { option, description, execute } = nameFilteredList({
	plural: 'buckets',
	summary: 'List the storage buckets of a folder with their IDs and storage providers',
	list: listBuckets,
});
