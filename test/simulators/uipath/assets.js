// @ts-check
'use strict';
/**
 * Assets, continued (issue 11): create, update, delete.
 *   POST   /odata/Assets           AssetDto (Name, ValueScope Global, ValueType and the value field of that type)
 *          201 AssetDto. 409 1004 a same-named asset exists in the folder (simulator's code); 400 1000 a value
 *          field missing for its type, PerRobot scope (not simulated).
 *   PUT    /odata/Assets({key})    AssetDto, the whole asset: 200, no body (as the document says). The ValueType
 *          cannot change (400 1000). A Credential whose CredentialPassword is empty or absent keeps its password.
 *   DELETE /odata/Assets({key})    204. 404 1002 unknown asset (also for PUT).
 * Reads never return a password: CredentialPassword and SecretValue are always ''.
 * Value fields per type: Text, DBConnectionString, HttpConnectionString: StringValue; Bool: BoolValue; Integer:
 * IntValue; Credential, WindowsCredential: CredentialUsername + CredentialPassword; Secret: SecretValue;
 * KeyValueList: KeyValueList [{Key, Value}].
 */
const { toTime } = require('./time');
const { checkedAnswer } = require('./answers');

const STRING_TYPES = ['Text', 'DBConnectionString', 'HttpConnectionString'];
const CREDENTIAL_TYPES = ['Credential', 'WindowsCredential'];

/** @param {any} core */
module.exports = function registerAssets(core) {
	const { routes, assets, SCHEMAS, apiError, validated, jsonBody, keyOf } = core;

	/**
	 * The stored value of an asset body, as assetRow reads it. @param {Record<string, any>} body
	 * @param {any} [previous] the asset being replaced (its password stays when none is sent)
	 */
	function valueOf(body, previous) {
		const type = body.ValueType;
		const need = (/** @type {string} */ field) => {
			if (body[field] == null) throw apiError(400, `${field} is required when ValueType is ${type}.`, 1000);
			return body[field];
		};
		if (STRING_TYPES.includes(type)) return String(need('StringValue'));
		if (type === 'Bool') return Boolean(need('BoolValue'));
		if (type === 'Integer') return Number(need('IntValue'));
		if (type === 'Secret') return previous && !body.SecretValue ? previous.value : String(need('SecretValue'));
		if (type === 'KeyValueList') return Object.fromEntries(need('KeyValueList').map((/** @type {any} */ p) => [p.Key, p.Value]));
		if (CREDENTIAL_TYPES.includes(type)) {
			const username = String(need('CredentialUsername'));
			const password = body.CredentialPassword ? String(body.CredentialPassword) : previous ? previous.value.password : undefined;
			if (password === undefined) throw apiError(400, `CredentialPassword is required when ValueType is ${type}.`, 1000);
			return { username, password };
		}
		throw apiError(400, 'ValueType is required.', 1000);
	}
	function checkScope(/** @type {Record<string, any>} */ body) {
		if (body.ValueScope !== 'Global') throw apiError(400, `ValueScope ${body.ValueScope} is not supported here: send Global.`, 1000);
	}
	function assetInFolder(/** @type {string} */ raw, /** @type {any} */ folder) {
		const asset = assets.get(keyOf(raw));
		if (!asset || asset.folderId !== folder.Id) throw apiError(404, 'Asset does not exist.', 1002);
		return asset;
	}
	const sameName = (/** @type {any} */ folder, /** @type {string} */ name, /** @type {number} */ except) =>
		[...assets.values()].some((a) => a.folderId === folder.Id && a.Id !== except && a.Name.toLowerCase() === name.toLowerCase());

	function create(/** @type {any} */ ctx) {
		const body = validated(jsonBody(ctx.req), 'AssetDto');
		checkScope(body);
		if (sameName(ctx.folder, body.Name, -1)) throw apiError(409, `An asset named '${body.Name}' already exists in this folder.`, 1004);
		const asset = { Id: core.newId(), Key: core.guid(), folderId: ctx.folder.Id, Name: body.Name, ValueType: body.ValueType, value: valueOf(body), Description: body.Description ?? undefined, CreationTime: toTime(core.now()) };
		assets.set(asset.Id, asset);
		const row = core.present(core.assetRow(asset), 'AssetDto');
		checkedAnswer(row, 'AssetDto', SCHEMAS);
		return { status: 201, body: { '@odata.context': `${ctx.baseUrl}/odata/$metadata#Assets/$entity`, ...row } };
	}

	function replace(/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) {
		const asset = assetInFolder(m[1], ctx.folder);
		const body = validated(jsonBody(ctx.req), 'AssetDto');
		if (body.Id != null && body.Id !== asset.Id) throw apiError(400, `The Id in the body (${body.Id}) does not match the key of the URL (${asset.Id}).`, 1000);
		checkScope(body);
		if (body.ValueType !== asset.ValueType) throw apiError(400, `The value type of an asset cannot be changed (it is ${asset.ValueType}).`, 1000);
		if (sameName(ctx.folder, body.Name, asset.Id)) throw apiError(409, `An asset named '${body.Name}' already exists in this folder.`, 1004);
		asset.value = valueOf(body, asset);
		asset.Name = body.Name;
		if (body.Description !== undefined) asset.Description = body.Description ?? undefined;
		return { status: 200 };
	}

	routes.push(
		{ method: 'POST', pattern: /^\/odata\/Assets$/, spec: 'POST /odata/Assets', folder: true, handle: create },
		{ method: 'PUT', pattern: /^\/odata\/Assets\(([^)]*)\)$/, spec: 'PUT /odata/Assets({key})', folder: true, handle: replace },
		{
			method: 'DELETE', pattern: /^\/odata\/Assets\(([^)]*)\)$/, spec: 'DELETE /odata/Assets({key})', folder: true,
			handle: (/** @type {any} */ ctx, /** @type {RegExpExecArray} */ m) => {
				assets.delete(assetInFolder(m[1], ctx.folder).Id);
				return { status: 204 };
			},
		},
	);

	Object.assign(core.sim, {
		/** What an asset holds (for tests: the password a robot would get), or undefined. @param {number} id */
		assetValue(id) {
			return assets.get(id)?.value;
		},
	});
};
