// n8n's own lint for community node packages (what `n8n-node lint` runs), with the n8n Cloud verification
// profile: no runtime dependencies, no imports beyond what n8n Cloud allows, no restricted globals. jose, the
// JWT signer, is bundled into dist/ at build time (vendor/jose.ts, gulpfile.js). Every rule is on.
import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		// The tests, simulators and scripts are not part of the published package.
		ignores: ['test/**', 'scripts/**', 'packages/**', 'jest.config.js', 'gulpfile.js', 'eslint.config.mjs', 'coverage/**'],
	},
];
