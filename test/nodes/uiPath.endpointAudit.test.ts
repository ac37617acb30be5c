// The endpoint audit (issue 21): every Orchestrator operation the simulator serves, and so every one the package can
// call without a test failing on 404, is an operation of UiPath's OpenAPI 3 document; the deprecated ones are named
// in CHANGELOG.md, and the nodes' asset lists no longer reach the one the package used to call.
import fs from 'fs';
import path from 'path';

import { setUp, uiLog, uiNode, inFolder } from './uiPath.helpers';
import { startUiPathSimulator } from '../simulators/uipath';

const ROOT = path.join(__dirname, '..', '..');
const spec = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'simulators', 'uipath', 'openapi', 'uipath-orchestrator-v20.openapi.json'), 'utf8'));
const derived = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'simulators', 'uipath', 'schemas.json'), 'utf8'));

/** "GET /odata/Jobs" → the document's operation object, or undefined. */
const operationOf = (route: string) => {
	const [method, p] = route.split(' ');
	return spec.paths[p]?.[method.toLowerCase()];
};

describe('the endpoint audit against the OpenAPI 3 document', () => {
	test('every Orchestrator route of the simulator is a documented operation with its scopes', async () => {
		const sim = await startUiPathSimulator();
		try {
			const routes: string[] = sim.routeSpecs();
			expect(routes.length).toBeGreaterThan(50);
			expect(routes.filter((r) => !operationOf(r))).toEqual([]);
			expect(routes.filter((r) => !derived.scopes[r])).toEqual([]);
		} finally {
			await sim.close();
		}
	});

	test('the deprecated operations the simulator knows are those the document marks, each named in CHANGELOG.md', () => {
		const marked = Object.keys(derived.scopes).filter((r) => operationOf(r)?.deprecated);
		expect(derived.deprecated).toEqual(marked);
		const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
		const deprecatedSection = /### Deprecated\n([\s\S]*?)\n### /.exec(changelog)?.[1] ?? '';
		expect(derived.deprecated.filter((r: string) => !deprecatedSection.includes(`\`${r}\``))).toEqual([]);
	});

	test('Asset → Get Many and the lookup by name call GetFiltered, never a deprecated operation', async () => {
		const { sim, harness, shared } = await setUp();
		try {
			sim.addAsset({ folderId: shared.Id, name: 'SapLogin', valueType: 'Text', value: 'sap' });
			const many = await harness.run(uiNode({ resource: 'asset', operation: 'getMany', folder: inFolder(), returnAll: true }));
			const one = await harness.run(uiNode({ resource: 'asset', operation: 'get', folder: inFolder(), assetName: 'SapLogin' }));
			expect([many.error, one.error]).toEqual([undefined, undefined]);
			expect(many.items.map((i) => i.json.Name)).toEqual(['SapLogin']);
			expect(one.items[0].json).toMatchObject({ Name: 'SapLogin', value: 'sap' });
			const routes = uiLog(sim).map((e) => (e as { route?: string }).route).filter(Boolean);
			expect(routes.filter((r) => r === 'GET /odata/Assets/UiPath.Server.Configuration.OData.GetFiltered')).toHaveLength(2);
			expect(routes.filter((r) => derived.deprecated.includes(r))).toEqual([]);
		} finally {
			await sim.close();
		}
	});

	test('an Orchestrator that predates GetFiltered (no such route) is asked by the older list', async () => {
		const { sim, harness, shared } = await setUp();
		try {
			sim.addAsset({ folderId: shared.Id, name: 'SapLogin', valueType: 'Text', value: 'sap' });
			const missing = { message: `No HTTP resource was found that matches the request URI.`, errorCode: 0 };
			sim.faults.add({ method: 'GET', path: /GetFiltered/, status: 404, body: missing, times: 10 });
			const many = await harness.run(uiNode({ resource: 'asset', operation: 'getMany', folder: inFolder(), returnAll: true }));
			expect(many.error).toBeUndefined();
			expect(many.items.map((i) => i.json.Name)).toEqual(['SapLogin']);
			const lists = uiLog(sim).filter((e) => e.method === 'GET' && /\/odata\/Assets/.test(e.path));
			expect(lists.map((e) => [e.path.replace(/\?.*/, '').replace(/^.*\/odata/, '/odata'), e.status])).toEqual([
				['/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered', 404],
				['/odata/Assets', 200],
			]);
		} finally {
			await sim.close();
		}
	});
});
