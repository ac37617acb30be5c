// n8n's own lint for community node packages (what `n8n-node lint` runs), without the n8n Cloud verification
// profile: this package integrates two services and signs JWTs with `jose`, so it is a self-hosted community
// package. Every other rule stays on.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		// The tests, simulators and scripts are not part of the published package.
		ignores: ['test/**', 'scripts/**', 'jest.config.js', 'gulpfile.js', 'index.js', 'eslint.config.mjs', 'coverage/**'],
	},
	{
		files: ['package.json'],
		rules: {
			// jose signs Robotic Crowd's JWTs on the client (HS256) so the secret never leaves n8n; n8n-workflow has
			// no JWT signer. It is the package's one runtime dependency, which n8n Cloud verification forbids.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
