// The Get Many operation most resources share: the records of a folder (or of the tenant), by name, with
// Return All / Limit and a "Name Contains" filter. An operation file names what it lists and the API call.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../shared/parameters';
import type { FolderRef, UiPathContext } from '../transport';
import { containsFilter, containsQuery, folderField, folderOf } from './common';

type FolderList = (ctx: UiPathContext, qs: IDataObject, folder: FolderRef, limit: number, itemIndex: number) => Promise<IDataObject[]>;
type TenantList = (ctx: UiPathContext, qs: IDataObject, limit: number, itemIndex: number) => Promise<IDataObject[]>;

interface NameFilteredList {
	/** what is listed, plural and lower case: "assets" */
	plural: string;
	/** the operation's description in the Operation list */
	summary: string;
	/** the API call: folder-scoped, or tenant-wide with `tenantWide: true` */
	list: FolderList | TenantList;
	tenantWide?: boolean;
	/** shapes each record for the output */
	present?: (record: IDataObject) => IDataObject;
}

export function nameFilteredList(spec: NameFilteredList) {
	const filter = containsFilter({
		displayName: 'Name Contains',
		name: 'name',
		description: `Only ${spec.plural} whose name contains this text`,
	});
	const description: INodeProperties[] = [...(spec.tenantWide ? [] : [folderField]), ...returnAllFields(), filter];
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
		const qs = containsQuery.call(this, itemIndex, { name: 'name', field: 'Name' });
		const limit = limitOf.call(this, itemIndex);
		const records = spec.tenantWide
			? await (spec.list as TenantList)(this, qs, limit, itemIndex)
			: await (spec.list as FolderList)(this, qs, folderOf.call(this, itemIndex), limit, itemIndex);
		return spec.present ? records.map(spec.present) : records;
	}
	return {
		option: { name: 'Get Many', action: `Get many ${spec.plural}`, description: spec.summary },
		description,
		execute,
	};
}
