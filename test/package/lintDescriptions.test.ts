// scripts/lint-descriptions.js lints the descriptions as built (what builder functions return, which the source
// lint cannot see). Here it lints made-up classes (lintDescriptions.fixtures.js): a good one must pass, and known
// mistakes must be reported, each with the JSON path of the property that holds it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Problem {
	ruleId: string;
	severity: number;
	message: string;
	where: string;
}

// ESLint loads eslint.config.mjs with import(), which jest's module runtime refuses: lint in a plain Node process,
// with one ESLint instance for all the fixtures. Without jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base
// takes every file for a node and a trigger file.
function lintFixtures(): Record<string, { problems: Problem[]; text: string }> {
	const program = `
		const { createLinter, lintBuilt } = require(${JSON.stringify(path.resolve(__dirname, '../../scripts/lint-descriptions.js'))});
		const fixtures = require(${JSON.stringify(path.resolve(__dirname, 'lintDescriptions.fixtures.js'))});
		(async () => {
			const eslint = createLinter();
			const results = {};
			for (const [name, fixture] of Object.entries(fixtures)) results[name] = await lintBuilt(eslint, fixture);
			process.stdout.write(JSON.stringify(results));
		})();`;
	const env = { ...process.env, NODE_ENV: undefined };
	return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8', env }));
}

describe('lint-descriptions', () => {
	const results = lintFixtures();
	const found = (name: string) => results[name].problems.map((p) => `${p.ruleId} at ${p.where}`);

	it('finds no problem in a well-formed built node, its connection types written as NodeConnectionTypes.Main', () => {
		expect(found('good')).toEqual([]);
		expect(results.good.text).toContain('inputs: [NodeConnectionTypes.Main]');
	});

	it('reports unsorted options, a default not among them and a miscased display name, with their paths', () => {
		expect(found('badParameter')).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base/node-param-options-type-unsorted-items at description.properties[1].options',
				'n8n-nodes-base/node-param-default-wrong-for-options at description.properties[1].default',
				'n8n-nodes-base/node-param-display-name-miscased at description.properties[1].displayName',
			]),
		);
		expect(results.badParameter.problems.every((p) => p.severity === 2 && p.where.startsWith('description.properties[1]'))).toBe(true);
	});

	it('judges a webhook trigger by the webhookMethods the built class has', () => {
		expect(found('completeWebhookTrigger')).toEqual([]);
		expect(found('webhookTriggerWithoutDelete')).toEqual(['@n8n/community-nodes/webhook-lifecycle-complete at webhookMethods.default']);
	});
});
