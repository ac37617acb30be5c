'use strict';
/**
 * The lists the editor loads for the UiPath node through n8n's REST API, as the editor asks for them: Job → Start's
 * input arguments as resource-mapper fields (`POST /rest/dynamic-node-parameters/resource-mapper-fields`) and
 * Task → Assign's user picker (`…/resource-locator-results`), in a running n8n against the simulator.
 */
const assert = require('node:assert/strict');

/**
 * @param {any} server a started n8n with its owner set up
 * @param {{ ui: any, cred: { id: string, name: string, type: string } }} world the simulator and a UiPath credential (on-premises: its token may read tasks)
 */
async function checkEditorLists(server, { ui, cred }) {
	const folder = ui.addFolder({ displayName: 'Editor' });
	const release = ui.addRelease({
		folderId: folder.Id,
		name: 'ArgsProcess',
		inputArgumentsSchema: [{ name: 'invoiceId', type: 'System.String, System.Private.CoreLib', required: true }, { name: 'amount', type: 'System.Decimal' }],
	});
	const user = ui.addUser({ userName: 'ann', name: 'Ann', surname: 'Lee', email: 'ann@acme.test', folderIds: [folder.Id] });
	const base = {
		nodeTypeAndVersion: { name: 'n8n-nodes-rpa.uiPath', version: 1 },
		credentials: { [cred.type]: { id: cred.id, name: cred.name } },
	};
	const inFolder = { __rl: true, mode: 'path', value: 'Editor' };
	const mapped = await server.rest('POST', '/dynamic-node-parameters/resource-mapper-fields', {
		...base,
		path: 'parameters.inputFields',
		methodName: 'getMappingColumns',
		currentNodeParameters: { authentication: cred.type, resource: 'job', operation: 'start', folder: inFolder, process: { __rl: true, mode: 'list', value: release.Key }, argumentsMode: 'fields' },
	});
	assert.deepEqual(
		mapped.fields.map((/** @type {any} */ f) => [f.id, f.type, f.required]),
		[['invoiceId', 'string', true], ['amount', 'number', false]],
		`the input arguments as fields: ${JSON.stringify(mapped)}`,
	);
	const users = await server.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		...base,
		path: 'parameters.user',
		methodName: 'searchTaskUsers',
		currentNodeParameters: { authentication: cred.type, resource: 'task', operation: 'assign', folder: inFolder, user: { __rl: true, mode: 'list', value: '' } },
	});
	assert.deepEqual(users.results, [{ name: 'Ann Lee (ann@acme.test)', value: String(user.id) }], `the user picker: ${JSON.stringify(users)}`);
	const asked = ui.log.filter((/** @type {any} */ e) => /\/odata\/Releases$|GetTaskUsers/.test(String(e.path)) && e.status === 200);
	assert.ok(asked.length >= 2, 'the simulator answered the Releases and GetTaskUsers reads');
}

module.exports = { checkEditorLists };
