// jest globalSetup: tests load the package from dist/ as n8n does, so build it when a source is newer than dist/.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { startTally } = require('./suiteTally');

const root = path.resolve(__dirname, '..');

function newest(dir) {
	let latest = 0;
	if (!fs.existsSync(dir)) return latest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

module.exports = async () => {
	// the folder where the test files record what the suite tried (printed by suite-summary.js)
	startTally();
	const stamp = path.join(root, 'dist', '.built');
	const sources = Math.max(
		...['nodes', 'credentials', 'vendor'].map((dir) => newest(path.join(root, dir))),
		...['package.json', 'gulpfile.js', 'tsconfig.json'].map((file) => fs.statSync(path.join(root, file)).mtimeMs),
	);
	if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) return;
	execFileSync(process.execPath, [path.join(root, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build'], { cwd: root, stdio: 'inherit' });
	fs.writeFileSync(stamp, new Date().toISOString());
};
