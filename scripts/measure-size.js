#!/usr/bin/env node
// The size rules of nodes/ and credentials/: files under 250 lines, functions under 50. Prints the largest files
// and the longest functions (measured with the TypeScript compiler, so arrow functions and methods count too);
// with --check, exits 1 when a rule is broken.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 50;

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function functionsOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found = [];
	const visit = (node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			const name = node.name ? node.name.getText() : ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)';
			found.push({ where: `${path.relative(ROOT, file)}:${start + 1}`, name, lines: end - start + 1 });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return { lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0), functions: found };
}

const files = ['nodes', 'credentials'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
const measured = files.map((file) => ({ file: path.relative(ROOT, file), ...functionsOf(file) }));
const bySize = [...measured].sort((a, b) => b.lines - a.lines);
const functions = measured.flatMap((m) => m.functions).sort((a, b) => b.lines - a.lines);
console.log(`${files.length} files; largest:`);
for (const m of bySize.slice(0, 5)) console.log(`  ${m.lines}\t${m.file}`);
console.log(`${functions.length} functions; longest:`);
for (const f of functions.slice(0, 5)) console.log(`  ${f.lines}\t${f.name}\t${f.where}`);
const bigFiles = measured.filter((m) => m.lines > MAX_FILE_LINES);
const longFunctions = functions.filter((f) => f.lines > MAX_FUNCTION_LINES);
for (const m of bigFiles) console.log(`over ${MAX_FILE_LINES} lines: ${m.file} (${m.lines})`);
for (const f of longFunctions) console.log(`over ${MAX_FUNCTION_LINES} lines: ${f.name} at ${f.where} (${f.lines})`);
if (process.argv.includes('--check') && (bigFiles.length || longFunctions.length)) process.exit(1);
