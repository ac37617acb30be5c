// The committed source folders of the single-service packages (packages/<name>/) match their definitions, and the
// check notices a folder that does not (what `npm run lint` relies on). Needs dist/, which jest's global setup builds.
import path from 'node:path';

import { packageDefinitions } from '../../scripts/pack-verified';
import { differences } from '../../scripts/verified-sources';

const singles = () => packageDefinitions().filter((d: { combined?: boolean }) => !d.combined);

test('each single-service package has its committed source folder, up to date', () => {
	expect(singles().map((d: { name: string }) => d.name)).toEqual(['n8n-nodes-rpa-uipath', 'n8n-nodes-rpa-robotic-crowd']);
	for (const definition of singles()) expect([definition.name, differences(definition)]).toEqual([definition.name, []]);
});

test('a folder that no longer matches its definition is reported entry by entry', () => {
	const uiPath = singles()[0];
	// Without its webhook trigger, the UiPath package's folder holds files that are no longer part of it.
	const narrower = { ...uiPath, nodes: uiPath.nodes.filter((f: string) => !f.includes('UiPathWebhookTrigger')) };
	const found = differences(narrower);
	expect(found).toContain('package.json differs');
	expect(found).toContain(`${path.join('nodes', 'UiPathWebhookTrigger', 'UiPathWebhookTrigger.node.ts')} is not part of the package`);
	expect(found.some((line: string) => line.endsWith('is missing'))).toBe(false);
});
