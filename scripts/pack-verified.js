#!/usr/bin/env node
// Builds, beside the combined n8n-nodes-rpa, one package per orchestrator (n8n-nodes-rpa-uipath, -robotic-crowd):
// n8n's verification guidelines want a verified package to integrate one service. Both come from this source tree
// and dist/: each holds its service's node and credential entry files, exactly the dist/ files their requires reach
// (code of the other service would be code n8n reviews for nothing), and the codex and icons of its node folders.
// Type names stay the combined package's. Each is assembled, packed (`npm pack`), unpacked and checked: every
// require of its .js resolves inside it (or to the peer n8n-workflow, or a Node built-in); the scanner's
// analyzePackage on the tarball, as scripts/scan-package.js runs it; its TypeScript sources linted with the
// scanner's source rules and with `n8n-node lint`'s config, whose import check fails on a source left out.
// Usage: npm run pack:verified [-- --out <dir>]   (without --out: a temp folder, deleted at the end)
'use strict';
const fs = require('node:fs');
const { isBuiltin } = require('node:module');
const os = require('node:os');
const path = require('node:path');

const scan = require('./scan-package');
const REPO_ROOT = path.resolve(__dirname, '..');
const COMBINED = require('../package.json');
const REPO_URL = COMBINED.homepage.replace(/#.*$/, '');

// Which entry of the combined package's n8n block goes to which package, by the file name's service prefix.
const SERVICES = [
	{ name: 'n8n-nodes-rpa-uipath', service: 'UiPath Orchestrator', entry: /\/UiPath[A-Za-z]*\.(node|credentials)\.js$/, keywords: ['uipath', 'orchestrator'],
		description: 'n8n nodes for UiPath Orchestrator (Automation Cloud, Automation Suite, on-premises): start jobs, feed queues, wait for robots, and trigger when they finish.' },
	{ name: 'n8n-nodes-rpa-robotic-crowd', service: 'Robotic Crowd (AUTORO)', entry: /\/RoboticCrowd[A-Za-z]*\.(node|credentials)\.js$/, keywords: ['robotic-crowd', 'autoro'],
		description: 'n8n nodes for Robotic Crowd (AUTORO): start workflow runs, wait for them, and trigger when they finish.' },
];

/** The three packages and their entry files; throws when an entry of the combined one has no package, or two. */
function packageDefinitions() {
	for (const file of [...COMBINED.n8n.nodes, ...COMBINED.n8n.credentials]) {
		const owners = SERVICES.filter((s) => s.entry.test(file)).map((s) => s.name);
		if (owners.length !== 1) throw new Error(`${file} belongs to ${owners.join(' and ') || 'no single-service package'}`);
	}
	const pick = (files, s) => files.filter((f) => s.entry.test(f));
	return [
		{ name: COMBINED.name, combined: true, nodes: COMBINED.n8n.nodes, credentials: COMBINED.n8n.credentials },
		...SERVICES.map((s) => ({ ...s, nodes: pick(COMBINED.n8n.nodes, s), credentials: pick(COMBINED.n8n.credentials, s) })),
	];
}

/** The descriptions of the node (or credential) classes of `files` in this repository's dist/ (n8n-workflow loads). */
function classesOf(files) {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run "npm run build" first');
	const instances = files.flatMap((file) => Object.values(require(path.join(REPO_ROOT, file))).map((Class) => new Class()));
	return instances.map((instance) => instance.description ?? instance);
}

/** The node type names (after the package prefix) n8n registers: each node, and `<name>Tool` when usable as a tool. */
function nodeTypeNames(definition) {
	return classesOf(definition.nodes).flatMap((d) => (d.usableAsTool ? [d.name, `${d.name}Tool`] : [d.name]));
}

const REQUIRE = /\brequire\(\s*(["'])([^"']+)\1\s*\)/g;
const resolveIn = (fromFile, request) => [request, `${request}.js`, `${request}.json`, path.join(request, 'index.js')]
	.map((candidate) => path.resolve(path.dirname(fromFile), candidate)).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());

/** The dist/ files the entries reach through relative requires, plus the codex and icon files of the node folders. */
function filesOf(definition) {
	const seen = new Set();
	const stack = [...definition.nodes, ...definition.credentials].map((f) => path.join(REPO_ROOT, f));
	while (stack.length) {
		const file = stack.pop();
		if (seen.has(file)) continue;
		seen.add(file);
		for (const [, , request] of fs.readFileSync(file, 'utf8').matchAll(REQUIRE)) {
			if (!request.startsWith('.')) continue;
			const target = resolveIn(file, request);
			if (!target) throw new Error(`${path.relative(REPO_ROOT, file)} requires ${request}, which is not in dist/`);
			stack.push(target);
		}
	}
	for (const dir of new Set(definition.nodes.map((entry) => path.dirname(path.join(REPO_ROOT, entry))))) {
		for (const name of fs.readdirSync(dir)) if (/\.(svg|png|node\.json)$/.test(name)) seen.add(path.join(dir, name));
	}
	return [...seen].map((f) => path.relative(REPO_ROOT, f)).sort();
}

/** What would break the installed package (checked on the unpacked tarball): a relative require that finds no file
 * in it, a require of a package it lacks (it has n8n-workflow and Node's), a require() it cannot follow, a missing icon. */
function requireProblems(packageDir) {
	const problems = [];
	const jsFiles = fs.readdirSync(packageDir, { recursive: true }).filter((f) => f.endsWith('.js'));
	for (const rel of jsFiles) {
		const file = path.join(packageDir, rel);
		const source = fs.readFileSync(file, 'utf8');
		const requests = [...source.matchAll(REQUIRE)].map((m) => m[2]);
		if ((source.match(/\brequire\(/g) ?? []).length !== requests.length) problems.push(`${rel}: a require() of no string literal`);
		for (const request of requests) {
			const target = request.startsWith('.') && resolveIn(file, request);
			if (request.startsWith('.') && (!target || path.relative(packageDir, target).startsWith('..'))) {
				problems.push(`${rel}: require("${request}") resolves to no file of the package`);
			} else if (!request.startsWith('.') && request !== 'n8n-workflow' && !isBuiltin(request)) {
				problems.push(`${rel}: require("${request}"), a package this one does not have`);
			}
		}
		for (const [, icon] of source.matchAll(/'file:([^']+)'/g))
			if (!fs.existsSync(path.resolve(path.dirname(file), icon))) problems.push(`${rel}: icon file:${icon} is missing`);
	}
	return { problems, jsFiles: jsFiles.length };
}

/** The package's README: what it is, installing it, and its rows of the combined README's node table. */
function readmeFor(definition) {
	const combined = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').replace(/\]\(#/g, `](${REPO_URL}#`);
	const names = new Set(nodeTypeNames(definition));
	const lines = combined.slice(combined.indexOf('## Nodes and operations')).split('\n');
	const start = lines.findIndex((line) => line.startsWith('|'));
	const table = lines.slice(start, lines.findIndex((line, i) => i > start && !line.startsWith('|')));
	let mine = false;
	const rows = table.slice(2).filter((row) => {
		const type = /^\| \*\*[^*]+\*\* \(`(\w+)`\)/.exec(row);
		if (type) mine = names.has(type[1]);
		return mine;
	});
	const credentials = classesOf(definition.credentials).map((c) => `- **${c.displayName}** (\`${c.name}\`)`);
	return `# ${definition.name}

n8n community nodes for **${definition.service}**. ${definition.description.replace(/^[^:]*: /, 'They ')}

Built from the [n8n-nodes-rpa](${REPO_URL}) repository: the ${definition.service} nodes and credentials of its combined
package \`${COMBINED.name}\`, same type names, on their own, because n8n verifies packages that integrate one service.

## Installing

- **Self-hosted n8n**: **Settings → Community Nodes → Install**, enter \`${definition.name}\` (or \`npm install\` it in \`~/.n8n/nodes\`).
- **n8n Cloud**: once n8n has verified the package, search for it in the nodes panel.

Install this package **or** \`${COMBINED.name}\`, not both: they define the same credential types, which n8n keys by name.
Workflows made with \`${COMBINED.name}\` name its node types (\`${COMBINED.name}.<node>\`): in a checkout of the repository,
\`node scripts/move-workflow.js --to ${definition.name} workflow.json > moved.json\` rewrites them. Credentials need no change.

## Nodes and operations

${table.slice(0, 2).concat(rows).join('\n')}

## Credentials

${credentials.join('\n')}

How to set them up, and everything else: [the n8n-nodes-rpa documentation](${REPO_URL}#readme). Licence: MIT.
`;
}

/** The text of a single-service package's package.json: the combined one's fields, its own name and n8n block. */
function packageJsonOf(definition) {
	const { version, license, author, homepage, repository, engines, peerDependencies } = COMBINED;
	const packageJson = { name: definition.name, version, description: definition.description,
		keywords: ['n8n-community-node-package', 'n8n', 'rpa', ...definition.keywords], license, author, homepage, repository,
		files: ['dist', 'README.md', 'LICENSE', 'CHANGELOG.md'], engines,
		n8n: { n8nNodesApiVersion: COMBINED.n8n.n8nNodesApiVersion, credentials: definition.credentials, nodes: definition.nodes },
		peerDependencies };
	return `${JSON.stringify(packageJson, null, 2)}\n`;
}

/** A codex names the node's full type ("n8n-nodes-rpa.uiPath"): in a single-service package the prefix is its own. */
const codexFor = (definition, text) => String(text).replace(`"${COMBINED.name}.`, `"${definition.name}.`);

/** package.json, README, LICENSE, CHANGELOG and the dist/ files of one single-service package, in `dir`. */
function assemble(definition, dir) {
	const files = filesOf(definition);
	for (const rel of files) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		const content = fs.readFileSync(path.join(REPO_ROOT, rel));
		fs.writeFileSync(path.join(dir, rel), rel.endsWith('.node.json') ? codexFor(definition, content) : content);
	}
	fs.writeFileSync(path.join(dir, 'package.json'), packageJsonOf(definition));
	fs.writeFileSync(path.join(dir, 'README.md'), readmeFor(definition));
	for (const name of ['LICENSE', 'CHANGELOG.md']) fs.copyFileSync(path.join(REPO_ROOT, name), path.join(dir, name));
	return files;
}

/** The package's TypeScript sources (of each copied .js; codex and icons as published) with its package.json. */
function sourceView(packageDir, files, dir) {
	for (const rel of files) {
		const target = rel.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const from = rel.endsWith('.js') ? path.join(REPO_ROOT, target) : path.join(packageDir, rel);
		if (!fs.existsSync(from)) throw new Error(`${rel} has no source ${target}`);
		fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
		fs.copyFileSync(from, path.join(dir, target));
	}
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(dir, 'package.json'));
	// n8n-node lint resolves every import: n8n-workflow from this repository's node_modules (ESLint skips the folder)
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return dir;
}

/** `n8n-node lint`'s config (@n8n/node-cli/eslint: n8n Cloud rules, imports resolved) on `dir`; true when clean. */
async function nodeCliLint(dir, log) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: require('@n8n/node-cli/eslint').config });
	const results = await eslint.lintFiles(['.']);
	const [errors, warnings] = ['errorCount', 'warningCount'].map((key) => results.reduce((sum, r) => sum + r[key], 0));
	log(`${errors + warnings ? 'FAIL' : 'ok  '} n8n-node lint, sources: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	if (errors + warnings) log(await (await eslint.loadFormatter('stylish')).format(results));
	return errors + warnings === 0;
}

/**
 * Assembles, packs and checks both single-service packages. `out`: where the package folders and tarballs stay
 * (default: a temp folder, deleted at the end, tarballs included). Returns per package its tarball and figures.
 * @param {{ out?: string, log?: (line: string) => void }} [options]
 */
async function packVerified({ out, log = console.log } = {}) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-verified-'));
	const outDir = path.resolve(out ?? path.join(work, 'out'));
	const tmpdir = process.env.TMPDIR;
	// The scanner makes a temp folder when it loads: keep it inside ours, which is removed at the end.
	process.env.TMPDIR = work;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	if (tmpdir === undefined) delete process.env.TMPDIR;
	else process.env.TMPDIR = tmpdir; // restored: a caller (the e2e) makes its temp folders after this
	const results = [];
	try {
		for (const definition of packageDefinitions().filter((d) => !d.combined)) {
			const packageDir = path.join(outDir, definition.name);
			fs.rmSync(packageDir, { recursive: true, force: true });
			const files = assemble(definition, packageDir);
			const tarball = scan.pack(outDir, packageDir);
			const unpacked = scan.unpack(tarball, path.join(work, definition.name, 'package'));
			const published = fs.readdirSync(unpacked, { recursive: true }).filter((f) => fs.statSync(path.join(unpacked, f)).isFile());
			const [size, unpackedBytes] = [fs.statSync(tarball).size, published.reduce((sum, f) => sum + fs.statSync(path.join(unpacked, f)).size, 0)];
			log(`\n${path.basename(tarball)}: ${published.length} files, ${(size / 1024).toFixed(1)} kB packed, ${(unpackedBytes / 1024).toFixed(1)} kB unpacked (${files.length} from dist/)`);
			const { problems, jsFiles } = requireProblems(unpacked);
			log(`${problems.length ? 'FAIL' : 'ok  '} requires: ${jsFiles} .js files, ${problems.length ? problems.length + ' problems' : 'every require resolves inside the package'}`);
			for (const problem of problems) log(`  ${problem}`);
			const tarballClean = await scan.scanLeg(scanner, `scanner, tarball (${scan.TARBALL_PATTERNS.join(', ')})`, unpacked, scan.TARBALL_PATTERNS);
			const sources = sourceView(unpacked, files, path.join(work, definition.name, 'source'));
			const sourceClean = await scan.scanLeg(scanner, 'scanner, sources (package.json, nodes/, credentials/)', sources, scanner.SOURCE_FILE_PATTERNS);
			const lintClean = await nodeCliLint(sources, log);
			// The scanner's command line lints the source at the package.json of that name, in the attested commit.
			const sourceRoot = scanner.findPackageRoot(REPO_ROOT, definition.name);
			const committed = sourceRoot ? await scan.scanLeg(scanner, `scanner, committed source ${path.relative(REPO_ROOT, sourceRoot)}/`, sourceRoot, scanner.SOURCE_FILE_PATTERNS) : false;
			const stale = require('./verified-sources').differences(definition);
			if (!sourceRoot || stale.length) log(`FAIL committed source of ${definition.name}: ${sourceRoot ? stale.join('; ') : 'no package.json of that name'} (run node scripts/verified-sources.js --write)`);
			results.push({ name: definition.name, tarball, files: published.length, size, unpackedBytes, problems, sourceRoot,
				passed: problems.length === 0 && tarballClean && sourceClean && lintClean && committed && stale.length === 0 });
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return results;
}

module.exports = { packageDefinitions, nodeTypeNames, filesOf, packageJsonOf, codexFor, requireProblems, packVerified };

if (require.main === module) {
	const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
	packVerified({ out }).then((results) => {
		const failed = results.filter((r) => !r.passed).map((r) => r.name);
		console.log(failed.length ? `\nverified packages: problems in ${failed.join(', ')}` : '\nverified packages: clean');
		process.exit(failed.length ? 1 : 0);
	}, (error) => {
		console.error(`pack-verified failed to run: ${error.stack ?? error}`);
		process.exit(1);
	});
}
