#!/usr/bin/env node
// The committed source folder of each single-service package, packages/<name>/: its package.json as published, its
// codex files as published (their type prefix is the package's), and symlinks to the TypeScript sources and icons it is
// built from. `npx @n8n/scan-community-package <name>` lints the source at the package.json of that name in the
// commit that npm's provenance names; without these folders it would find none and fail. Symlinks, not copies: the
// sources are this tree's, so only the file list can go stale, and `npm run lint` checks it (this script, no flag).
// Usage: node scripts/verified-sources.js [--write]   (needs dist/: the file list is the require graph of dist/)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const verified = require('./pack-verified');
const REPO_ROOT = path.resolve(__dirname, '..');
const PACKAGES = path.join(REPO_ROOT, 'packages');

/** What packages/<name>/ should hold: relative path → { link } (a symlink's target) or { text }. */
function expectedEntries(definition) {
	const dir = path.join(PACKAGES, definition.name);
	const entries = new Map([['package.json', { text: verified.packageJsonOf(definition) }]]);
	for (const rel of verified.filesOf(definition)) {
		const source = rel.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		if (rel.endsWith('.node.json')) entries.set(source, { text: verified.codexFor(definition, fs.readFileSync(path.join(REPO_ROOT, rel))) });
		else entries.set(source, { link: path.relative(path.dirname(path.join(dir, source)), path.join(REPO_ROOT, source)) });
	}
	return entries;
}

/** What packages/<name>/ holds now, in the same form. */
function actualEntries(definition) {
	const dir = path.join(PACKAGES, definition.name);
	const entries = new Map();
	if (!fs.existsSync(dir)) return entries;
	for (const rel of fs.readdirSync(dir, { recursive: true })) {
		const file = path.join(dir, rel);
		const stat = fs.lstatSync(file);
		if (stat.isSymbolicLink()) entries.set(rel, { link: fs.readlinkSync(file) });
		else if (stat.isFile()) entries.set(rel, { text: fs.readFileSync(file, 'utf8') });
	}
	return entries;
}

/** How packages/<name>/ differs from what it should hold (empty when up to date). */
function differences(definition) {
	const [expected, actual] = [expectedEntries(definition), actualEntries(definition)];
	const found = [];
	for (const [rel, want] of expected) {
		const have = actual.get(rel);
		if (!have) found.push(`${rel} is missing`);
		else if (want.link !== have.link || want.text !== have.text) found.push(`${rel} differs`);
	}
	for (const rel of actual.keys()) if (!expected.has(rel)) found.push(`${rel} is not part of the package`);
	return found;
}

/** Rewrites packages/<name>/ from scratch. */
function write(definition) {
	const dir = path.join(PACKAGES, definition.name);
	fs.rmSync(dir, { recursive: true, force: true });
	for (const [rel, entry] of expectedEntries(definition)) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		if (entry.link) fs.symlinkSync(entry.link, path.join(dir, rel));
		else fs.writeFileSync(path.join(dir, rel), entry.text);
	}
}

module.exports = { differences, write };

if (require.main === module) {
	const definitions = verified.packageDefinitions().filter((d) => !d.combined);
	if (process.argv.includes('--write')) {
		for (const definition of definitions) write(definition);
		console.log(`packages/: wrote ${definitions.map((d) => d.name).join(', ')}`);
	}
	let stale = 0;
	for (const definition of definitions) {
		const found = differences(definition);
		stale += found.length;
		for (const line of found) console.log(`packages/${definition.name}/${line}`);
	}
	if (stale) console.log('packages/ is out of date with the package definitions: run node scripts/verified-sources.js --write');
	else console.log(`packages/: ${definitions.length} single-service source folders up to date`);
	process.exit(stale ? 1 : 0);
}
