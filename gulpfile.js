// The build: compile TypeScript, then copy what n8n loads besides code (icons, codex files) into dist/.
const { src, dest, series } = require('gulp');
const { execFileSync } = require('node:child_process');

function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		stdio: 'inherit',
	});
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.build = series(compile, copyAssets);
exports.default = exports.build;
