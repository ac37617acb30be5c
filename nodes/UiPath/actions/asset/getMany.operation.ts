import { listAssets } from '../../api/folders';
import { nameFilteredList } from '../nameFilteredList';
import { presentAsset } from './presentAsset';

export const { option, description, execute } = nameFilteredList({
	plural: 'assets',
	summary: 'List the assets of a folder',
	list: listAssets,
	present: presentAsset,
});
