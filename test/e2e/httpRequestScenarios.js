'use strict';
/**
 * The package's credentials in n8n's own HTTP Request node (`n8n-nodes-base.httpRequest`, Authentication:
 * Predefined Credential Type): a folder-less Orchestrator call with each UiPath credential and a Robotic Crowd call,
 * checked against what the simulators received (an authenticated request) and what the node output.
 */
const assert = require('node:assert/strict');
const wf = require('./lib/workflows');

/** An HTTP Request node (v4.2) using one of the package's credentials as a predefined credential type. */
function httpRequestNode(/** @type {string} */ url, /** @type {{ id: string, name: string, type: string }} */ credential) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: credential.type, options: {} },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/**
 * @param {{ rc: any, ui: any, cred: Record<'rc' | 'cloud' | 'onPrem', { id: string, name: string, type: string }> }} world
 */
function httpRequestExecutions({ rc, ui, cred }) {
	const executable = (/** @type {string} */ name, /** @type {any} */ tested) => wf.linearWorkflow({ name, nodes: [wf.manualTriggerNode(), tested] });
	/** The Folders call the node made through a credential: its simulator log entry, after `from`. */
	const foldersCall = (/** @type {number} */ from) => ui.log.slice(from).find((/** @type {any} */ e) => e.method === 'GET' && String(e.path).endsWith('/odata/Folders'));
	let mark = 0;
	const uiPathCase = (/** @type {'cloud' | 'onPrem'} */ which, /** @type {string} */ url, /** @type {string} */ tokenKind) => ({
		workflow: executable(`HTTP Request node: GET /odata/Folders with the ${cred[which].type} credential`, httpRequestNode(url, cred[which])),
		before: () => {
			mark = ui.log.length;
		},
		check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
			assert.equal(result.exitCode, 0);
			const call = foldersCall(mark);
			assert.ok(call, `a GET /odata/Folders reached the simulator: ${JSON.stringify(ui.log.slice(mark).map((/** @type {any} */ e) => `${e.method} ${e.path} ${e.status}`))}`);
			assert.equal(call.status, 200, `GET /odata/Folders answered ${call.status}`);
			assert.equal(call.tokenKind, tokenKind, 'authenticated with the credential\'s token');
			assert.match(String(call.headers.authorization), /^Bearer \S+$/);
			assert.equal(call.headers['x-uipath-folderpath'], undefined, 'no folder header: a folder-less call');
			const [answer] = out('HTTP Request');
			assert.ok(answer.value.some((/** @type {any} */ f) => f.DisplayName === 'Shared'), `the node output the answer: ${JSON.stringify(answer).slice(0, 300)}`);
		},
	});
	return [
		uiPathCase('cloud', `${ui.url}/${ui.organization}/${ui.tenant}/orchestrator_/odata/Folders`, 'externalApp'),
		uiPathCase('onPrem', `${ui.url}/odata/Folders`, 'onPrem'),
		{
			workflow: executable('HTTP Request node: GET /v1/workflows with the roboticCrowdApi credential', httpRequestNode(`${rc.url}/v1/workflows?page=1&per_page=5`, cred.rc)),
			before: () => {
				mark = rc.log.length;
			},
			check: (/** @type {any} */ result, /** @type {(n: string) => any[]} */ out) => {
				assert.equal(result.exitCode, 0);
				const call = rc.log.slice(mark).find((/** @type {any} */ e) => e.method === 'GET' && e.path === '/v1/workflows');
				assert.ok(call, 'a GET /v1/workflows reached the simulator');
				assert.equal(call.status, 200);
				// The JWT was signed in n8n with the one scope a read needs.
				assert.equal(call.claims?.scopes, 'session_queue.read', `claims ${JSON.stringify(call.claims)}`);
				const items = out('HTTP Request');
				assert.ok(JSON.stringify(items).includes('Invoice intake'), `the node output the workflows: ${JSON.stringify(items).slice(0, 300)}`);
			},
		},
	];
}

module.exports = { httpRequestExecutions };
