#!/usr/bin/env node
// n8n's community package scanner (@n8n/scan-community-package) on what would be published, before publishing.
// Its command line only scans a package already on the registry (and checks its provenance); this packs the built
// package (`npm pack`, as the e2e and `npm publish` do), unpacks the tarball into a temp folder and runs the
// scanner's own static analysis on it: `analyzePackage(dir)`, its verdict, and the same ESLint config again to
// count warnings too. It also lints this repository's nodes/ and credentials/ sources the way the scanner lints a
// published package's attested source. Prints every finding; exits 1 on any error or warning.
//
// Usage: npm run build && node scripts/scan-package.js
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const SCANNER_DIR = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
/** A module as the scanner itself resolves it, so both lint with the same ESLint. */
const fromScanner = (name) => require(require.resolve(name, { paths: [SCANNER_DIR] }));
// analyzePackage()'s default file set (scanner.mjs), named so the warning count lints the same files.
const TARBALL_PATTERNS = ['**/*.js', '**/*.ts', '**/*.json'];

/** `npm pack` of the package in `cwd` (default: this repository) into `destination`; returns the tarball's path. */
function pack(destination, cwd = REPO_ROOT) {
	const stdout = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return path.join(destination, filename.replace(/^@/, '').replace(/\//g, '-'));
}

function unpack(tarball, destination) {
	fs.mkdirSync(destination, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1']);
	return destination;
}

/** Lints `files` of `dir` with the scanner's config; returns the counts and the formatted findings. */
async function lintWithScannerConfig(scanner, dir, patterns) {
	const { ESLint } = fromScanner('eslint');
	const glob = fromScanner('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const count = (key) => results.reduce((sum, result) => sum + result[key], 0);
	const formatted = await (await eslint.loadFormatter('stylish')).format(results);
	return { files: files.length, errors: count('errorCount'), warnings: count('warningCount'), formatted };
}

/** One leg of the scan: the scanner's verdict, then every finding (errors and warnings) with the same config. */
async function scanLeg(scanner, label, dir, patterns) {
	const verdict = await scanner.analyzePackage(dir, patterns);
	const findings = await lintWithScannerConfig(scanner, dir, patterns);
	const clean = verdict.passed && findings.errors === 0 && findings.warnings === 0;
	console.log(
		`${clean ? 'ok  ' : 'FAIL'} ${label}: analyzePackage ${verdict.passed ? 'passed' : `failed (${verdict.message})`}; ` +
			`${findings.files} files, ${findings.errors} errors, ${findings.warnings} warnings`,
	);
	if (verdict.details) console.log(verdict.details);
	else if (findings.formatted.trim()) console.log(findings.formatted);
	return clean;
}

async function main() {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run "npm run build" first');
	}
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-scan-'));
	// The scanner makes a temp folder when it loads: keep it inside ours, which is removed at the end.
	process.env.TMPDIR = workDir;
	try {
		const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
		const tarball = pack(workDir);
		const packageDir = unpack(tarball, path.join(workDir, 'package'));
		const { version } = require(path.join(SCANNER_DIR, 'package.json'));
		console.log(`@n8n/scan-community-package ${version} on ${path.basename(tarball)}`);
		const results = [
			// What the issue asks: the scanner's default file set on the unpacked tarball.
			await scanLeg(scanner, `tarball (${TARBALL_PATTERNS.join(', ')})`, packageDir, TARBALL_PATTERNS),
			// What the scanner's command line lints in the provenance-attested source checkout.
			await scanLeg(scanner, 'source (package.json, nodes/, credentials/)', REPO_ROOT, scanner.SOURCE_FILE_PATTERNS),
		];
		return results.every(Boolean);
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

// scripts/pack-verified.js packs and scans the single-service packages with the same steps.
module.exports = { SCANNER_DIR, TARBALL_PATTERNS, pack, unpack, scanLeg };

if (require.main === module) {
	main().then(
		(clean) => {
			console.log(clean ? 'n8n package scan: clean' : 'n8n package scan: problems found (see above)');
			process.exit(clean ? 0 : 1);
		},
		(error) => {
			console.error(`n8n package scan failed to run: ${error.stack ?? error}`);
			process.exit(1);
		},
	);
}
