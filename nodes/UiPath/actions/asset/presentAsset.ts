// An asset as the output shows it: its value in one `value` field, and nothing that could be a secret.
import type { IDataObject } from 'n8n-workflow';

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
