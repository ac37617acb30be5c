// The build: compile TypeScript, bundle the third-party code the nodes use into dist/vendor/ (the published package
// has no runtime dependencies, as n8n Cloud verification requires), then copy what n8n loads besides code (icons,
// codex files) into dist/.
const { src, dest, series } = require('gulp');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

// Each vendor/<name>.ts re-exports what the nodes need from one npm package; tsc compiles it to a require() of
// that package, which the bundle then replaces.
const VENDORED = [{ entry: 'vendor/jose.ts', packageName: 'jose' }];

function clean(done) {
	// A stale file from an earlier build (say, a declaration file) would otherwise end up in the tarball.
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		stdio: 'inherit',
	});
	done();
}

/** The package's licence notice, kept at the top of its bundle as its MIT licence asks. */
function licenceBanner(packageName) {
	const root = path.dirname(require.resolve(`${packageName}/package.json`));
	const { version } = require(`${packageName}/package.json`);
	const licenceFile = fs.readdirSync(root).find((name) => /^licen[cs]e/i.test(name));
	if (!licenceFile) throw new Error(`${packageName} ships no licence file to keep in its bundle`);
	const licence = fs.readFileSync(path.join(root, licenceFile), 'utf8').trim().replace(/\*\//g, '* /');
	return `/*!\n * ${packageName} ${version}, bundled into n8n-nodes-rpa.\n *\n${licence
		.split('\n')
		.map((line) => ` * ${line}`.trimEnd())
		.join('\n')}\n */`;
}

async function bundleVendored() {
	const esbuild = require('esbuild');
	for (const { entry, packageName } of VENDORED) {
		const outfile = path.join('dist', entry.replace(/\.ts$/, '.js'));
		fs.rmSync(`${outfile}.map`, { force: true }); // tsc's map describes the file the bundle replaces
		await esbuild.build({
			entryPoints: [entry],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			// jose's Web Crypto build: it uses only the global `crypto` (Node 20+), while its Node build imports
			// node:buffer and node:util, which n8n Cloud's import rule does not allow.
			conditions: ['browser'],
			banner: { js: licenceBanner(packageName) },
			legalComments: 'inline',
			logLevel: 'warning',
		});
	}
}

function copyAssets() {
	// index.js is the package's `main` (dist/index.js); n8n itself reads the `n8n` block of package.json.
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'index.js'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports.build = series(clean, compile, bundleVendored, copyAssets);
exports.default = exports.build;
