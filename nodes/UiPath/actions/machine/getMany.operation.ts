import { listMachines } from '../../api/machines';
import { nameFilteredList } from '../nameFilteredList';

export const { option, description, execute } = nameFilteredList({
	plural: 'machines',
	summary: "List the tenant's machines and machine templates (tenant-wide: no folder)",
	list: listMachines,
	tenantWide: true,
});
