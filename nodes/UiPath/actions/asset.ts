// Asset: read a folder's assets by name, with their value in one convenient `value` field. Passwords and secrets
// are never part of the output.
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllFields } from '../../shared/parameters';
import { odataString, uiPathRequest, type FolderRef } from '../transport';
import { odataList } from '../api/odata';
import { containsFilter, folderField, folderOf } from './common';

const resource = ['asset'];
const op = (...operation: string[]) => ({ resource, operation });
const ASSET_SCOPES = 'OR.Assets (or OR.Assets.Read)';

export const assetOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource } },
	options: [
		{ name: 'Get', value: 'get', action: 'Get an asset', description: 'Get one asset of a folder by its name' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many assets', description: 'List the assets of a folder' },
	],
	default: 'get',
};

export const assetFields: INodeProperties[] = [
	folderField(op('get', 'getMany')),
	{
		displayName: 'Asset Name',
		name: 'assetName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. InvoiceMailbox',
		displayOptions: { show: op('get') },
		description: 'The exact name of the asset. Credential assets give their user name only, never the password.',
	},
	...returnAllFields(op('getMany')),
	containsFilter(op('getMany'), {
		displayName: 'Name Contains',
		name: 'name',
		description: 'Only assets whose name contains this text',
	}),
];

/** Fields that could hold a secret: Orchestrator leaves them empty on this API, and they never reach the output. */
const SECRET_FIELDS = ['CredentialPassword', 'SecretValue', 'Password'];

function valueOf(asset: IDataObject): unknown {
	switch (asset.ValueType) {
		case 'Text':
		case 'DBConnectionString':
		case 'HttpConnectionString':
			return asset.StringValue ?? null;
		case 'Bool':
			return asset.BoolValue ?? null;
		case 'Integer':
			return asset.IntValue ?? null;
		case 'Credential':
		case 'WindowsCredential':
			return asset.CredentialUsername ?? null;
		case 'KeyValueList': {
			const pairs = Array.isArray(asset.KeyValueList) ? (asset.KeyValueList as IDataObject[]) : [];
			return Object.fromEntries(pairs.map((p) => [String(p.Key), p.Value ?? null]));
		}
		case 'Secret':
			// A secret's value is only given to robots.
			return null;
		default:
			return asset.Value ?? null;
	}
}

/** The asset as Orchestrator returns it, plus `value`, minus anything that could be a secret. */
export function presentAsset(asset: IDataObject): IDataObject {
	const out: IDataObject = { ...asset, value: valueOf(asset) as IDataObject[keyof IDataObject] };
	for (const field of SECRET_FIELDS) delete out[field];
	return out;
}

function describeFolder(folder: FolderRef): string {
	if (folder.by === 'path') return `folder "${folder.value}"`;
	if (folder.by === 'id') return `folder ${folder.value}`;
	return `folder with Key ${folder.value}`;
}

async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('assetName', itemIndex, '')).trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'Give the name of the asset', { itemIndex });
	}
	const folder = folderOf.call(this, itemIndex);
	const { value } = await uiPathRequest<{ value: IDataObject[] }>(this, {
		method: 'GET',
		path: '/odata/Assets',
		qs: { $filter: `Name eq ${odataString(name)}`, $top: 1 },
		folder,
		itemIndex,
		scopes: ASSET_SCOPES,
	});
	if (!value?.length) {
		throw new NodeOperationError(this.getNode(), `There is no asset named "${name}" in ${describeFolder(folder)}`, {
			itemIndex,
			description:
				'The name must match exactly, and the asset must be shared with this folder. Asset → Get Many lists the assets of a folder.',
		});
	}
	return presentAsset(value[0]);
}

async function getMany(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { $orderby: 'Name asc,Id asc' };
	if (filters.name) qs.$filter = `contains(Name,${odataString(String(filters.name))})`;
	const assets = await odataList<IDataObject>(this, '/odata/Assets', {
		qs,
		folder: folderOf.call(this, itemIndex),
		limit: limitOf.call(this, itemIndex),
		itemIndex,
		scopes: ASSET_SCOPES,
	});
	return assets.map(presentAsset);
}

export const assetActions = { get, getMany };
