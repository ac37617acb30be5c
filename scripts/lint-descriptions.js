#!/usr/bin/env node
// n8n's lint only sees node parameters and class descriptions written as object literals, so whatever a builder
// function produces escapes it. This lints the descriptions as built: it loads each node and credential from dist/
// (as n8n does), writes its description back as TypeScript that looks hand-written, and lints that text with the
// repo's eslint.config.mjs under the real source file's path. Run `npm run build` first.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ESLint } = require('eslint');
const { NodeConnectionTypes } = require('n8n-workflow');

const ROOT = path.join(__dirname, '..');
const INLINE_WIDTH = 100;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CONNECTION_KEYS = Object.fromEntries(Object.entries(NodeConnectionTypes).map(([key, value]) => [value, key]));
// The lint requires NodeConnectionTypes.Main etc. in a description's inputs and outputs, not the string 'main'.
const CONNECTION_PATH = /^description\.(inputs|outputs)\[\d+\](\.type)?$/;
const NODE_FIELD_TYPES = { description: 'INodeTypeDescription' };
const CREDENTIAL_FIELD_TYPES = { properties: 'INodeProperties[]', icon: 'Icon', test: 'ICredentialTestRequest', authenticate: 'IAuthenticateGeneric' };
// Rules that cannot judge a generated snapshot. Empty so far: every rule of the repo's config applies to it.
const OFF_FOR_SNAPSHOTS = {};
// The one exception (CONTRIBUTING.md, "Durable waits"): webhook-lifecycle-complete takes any `webhooks` entry for
// a webhook trigger's and asks for checkExists/create/delete. A node whose webhooks are all restart webhooks (the
// resume URL of its own paused execution, as n8n's Wait, Form and GitHub nodes have) registers nothing with a
// service, so the rule does not apply to it; a node with any other webhook is still held to it.
const onlyRestartWebhooks = (instance) => {
	const hooks = instance.description?.webhooks;
	return Array.isArray(hooks) && hooks.length > 0 && hooks.every((hook) => hook.restartWebhook === true) && !instance.webhookMethods;
};
const exempt = (instance, ruleId) => ruleId === '@n8n/community-nodes/webhook-lifecycle-complete' && onlyRestartWebhooks(instance);

const ESCAPES = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const quote = (text) =>
	`'${text.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
const keyText = (key) => (IDENTIFIER.test(key) ? key : quote(key));
const childPath = (parent, key) => (typeof key === 'number' ? `${parent}[${key}]` : IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${quote(key)}]`);
const isObject = (value) => value !== null && typeof value === 'object';
const entriesOf = (value) => (Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value).filter(([, v]) => v !== undefined));

function primitiveText(value, where) {
	if (typeof value === 'string') {
		if (CONNECTION_PATH.test(where) && CONNECTION_KEYS[value]) return `NodeConnectionTypes.${CONNECTION_KEYS[value]}`;
		return quote(value);
	}
	if (typeof value === 'bigint') return `${value}n`;
	return String(value); // number, boolean, null, undefined (an array hole)
}

/** The value on one line, if it holds only primitives and fits; otherwise null. */
function inlineText(value, where) {
	if (!isObject(value)) return typeof value === 'function' ? null : primitiveText(value, where);
	const entries = entriesOf(value);
	if (entries.some(([, v]) => isObject(v) && entriesOf(v).length > 0)) return null;
	const parts = [];
	for (const [key, v] of entries) {
		const text = isObject(v) ? (Array.isArray(v) ? '[]' : '{}') : inlineText(v, childPath(where, key));
		if (text === null) return null;
		parts.push(Array.isArray(value) ? text : `${keyText(key)}: ${text}`);
	}
	if (Array.isArray(value)) return `[${parts.join(', ')}]`;
	return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/**
 * Appends the lines of `prefix value suffix` to `lines`, each with the JSON path of what it writes, so a problem's
 * line leads back to the property (and the builder that made it). Functions are stubbed as methods (`stub`) or
 * left out with a comment.
 */
function emit(lines, { prefix, value, where, depth, suffix, stub, seen = new Set(), param }) {
	const tabs = '\t'.repeat(depth);
	// the innermost node parameter (an object with a name and a type) a line belongs to, to name in reports
	if (isObject(value) && typeof value.name === 'string' && typeof value.type === 'string') param = value.name;
	const name = prefix.replace(/(: | = )$/, '');
	const label = name || where;
	if (typeof value === 'function') {
		if (stub) lines.push({ text: `${tabs}${name ? `async ${name}()` : 'async function ()'} { return null; }${suffix}`, where, param });
		else lines.push({ text: `${tabs}// ${label}: a function in the built object, left out`, where, param });
		return;
	}
	if (isObject(value) && seen.has(value)) {
		lines.push({ text: `${tabs}// ${label}: refers back to an enclosing object, left out`, where, param });
		return;
	}
	const inline = inlineText(value, where);
	if (inline !== null && (!isObject(value) || tabs.length * 4 + prefix.length + inline.length <= INLINE_WIDTH)) {
		lines.push({ text: `${tabs}${prefix}${inline}${suffix}`, where, param });
		return;
	}
	const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
	lines.push({ text: `${tabs}${prefix}${open}`, where, param });
	seen.add(value);
	for (const [key, child] of entriesOf(value)) {
		const childPrefix = typeof key === 'number' ? '' : `${keyText(key)}: `;
		emit(lines, { prefix: childPrefix, value: child, where: childPath(where, key), depth: depth + 1, suffix: ',', stub, seen, param });
	}
	seen.delete(value);
	lines.push({ text: `${tabs}${close}${suffix}`, where, param });
}

/** The methods a class defines (execute, poll, webhook, ...), up its prototype chain. */
function methodNames(instance) {
	const names = new Set();
	for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
		for (const name of Object.getOwnPropertyNames(proto)) {
			const descriptor = Object.getOwnPropertyDescriptor(proto, name);
			if (name !== 'constructor' && typeof descriptor.value === 'function') names.add(name);
		}
	}
	return [...names].filter((name) => !Object.hasOwn(instance, name));
}

/**
 * A node class as source: its description, its other fields (methods, webhookMethods) with their functions as
 * method stubs, and a stub for each method it has (execute, poll, webhook, ...), so rules that tell a trigger, a
 * webhook trigger or a tool apart judge the same kind of node.
 */
function nodeLines(className, node) {
	const lines = [{ text: '', where: '(class)' }, { text: `export class ${className} implements INodeType {`, where: '(class)' }];
	for (const field of new Set(['description', ...Object.keys(node)])) {
		const value = node[field];
		const type = NODE_FIELD_TYPES[field];
		const prefix = `${keyText(field)}${type ? `: ${type}` : ''} = `;
		emit(lines, { prefix, value, where: field, depth: 1, suffix: ';', stub: field !== 'description' });
		lines.push({ text: '', where: '(class)' });
	}
	for (const name of methodNames(node)) emit(lines, { prefix: `${keyText(name)}: `, value: () => null, where: `${name}()`, depth: 1, suffix: '', stub: true });
	lines.push({ text: '}', where: '(class)' });
	const text = lines.map((line) => line.text).join('\n');
	const valueImport = /\bNodeConnectionTypes\./.test(text) ? 'NodeConnectionTypes, ' : '';
	const header = `import { ${valueImport}type INodeType, type INodeTypeDescription } from 'n8n-workflow';`;
	return [{ text: header, where: '(imports)' }, ...lines];
}

/** A credential class as source: its plain-data fields; its functions (authenticate, ...) are left out. */
function credentialLines(className, credential) {
	const lines = [{ text: '', where: '(class)' }, { text: `export class ${className} implements ICredentialType {`, where: '(class)' }];
	const used = new Set(['ICredentialType']);
	for (const [field, value] of Object.entries(credential)) {
		const type = typeof value === 'function' ? undefined : CREDENTIAL_FIELD_TYPES[field];
		if (type) used.add(type.replace('[]', ''));
		emit(lines, { prefix: `${keyText(field)}${type ? `: ${type}` : ''} = `, value, where: field, depth: 1, suffix: ';', stub: false });
		lines.push({ text: '', where: '(class)' });
	}
	for (const name of methodNames(credential)) lines.push({ text: `\t// ${name}(): a method of the built class, left out`, where: `${name}()` });
	lines.push({ text: '}', where: '(class)' });
	return [{ text: `import type { ${[...used].join(', ')} } from 'n8n-workflow';`, where: '(imports)' }, ...lines];
}

/** The TypeScript text of a built node or credential, and its lines with the JSON path (and parameter) each writes. */
function snapshotSource({ kind, className, instance }) {
	const lines = kind === 'node' ? nodeLines(className, instance) : credentialLines(className, instance);
	return { text: `${lines.map((line) => line.text).join('\n')}\n`, lines };
}

function createLinter() {
	// Under NODE_ENV=test (jest sets it) eslint-plugin-n8n-nodes-base takes every file for a node and a trigger file.
	if (process.env.NODE_ENV === 'test') throw new Error('lint-descriptions: unset NODE_ENV=test, it changes what the n8n rules check');
	return new ESLint({ cwd: ROOT, overrideConfig: { rules: OFF_FOR_SNAPSHOTS } });
}

/** Lints one built class as if it were `filePath`; each problem carries the JSON path it came from. */
async function lintBuilt(eslint, { kind, className, instance, filePath }) {
	const { text, lines } = snapshotSource({ kind, className, instance });
	const [result] = await eslint.lintText(text, { filePath: path.resolve(ROOT, filePath) });
	const problems = result.messages.filter((message) => !exempt(instance, message.ruleId)).map((message) => ({
		ruleId: message.ruleId ?? '(parse)',
		severity: message.fatal ? 2 : message.severity,
		message: message.message,
		line: message.line,
		where: lines[message.line - 1]?.where ?? '(file)',
		parameter: lines[message.line - 1]?.param,
	}));
	return { filePath, text, problems };
}

/** Every node and credential package.json names, loaded from dist/ and instantiated as n8n does. */
function builtClasses(root = ROOT) {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const listed = [...n8n.nodes.map((file) => ['node', file]), ...n8n.credentials.map((file) => ['credential', file])];
	return listed.map(([kind, distFile]) => {
		const className = path.basename(distFile).split('.')[0];
		const Class = require(path.join(root, distFile))[className];
		if (typeof Class !== 'function') throw new Error(`${distFile} exports no class ${className}`);
		const filePath = distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		return { kind, className, instance: new Class(), filePath };
	});
}

function report(results) {
	let errors = 0;
	for (const { filePath, problems } of results) {
		console.log(`${filePath} (built): ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
		for (const p of problems) {
			const parameter = p.parameter ? `, parameter '${p.parameter}'` : '';
			console.log(`  ${p.severity === 2 ? 'error' : 'warning'}  ${p.ruleId}  ${p.message}\n      at ${p.where}${parameter} (snapshot line ${p.line})`);
			if (p.severity === 2) errors++;
		}
	}
	return errors;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('no dist/: run `npm run build` first');
	const eslint = createLinter();
	const results = [];
	for (const built of builtClasses()) results.push(await lintBuilt(eslint, built));
	const errors = report(results);
	if (results.some((r) => r.problems.length)) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-descriptions-'));
		for (const r of results) fs.writeFileSync(path.join(dir, r.filePath.replace(/\//g, '__')), r.text);
		console.log(`The linted snapshots: ${dir}`);
	}
	if (errors) process.exitCode = 1;
}

module.exports = { snapshotSource, createLinter, lintBuilt, builtClasses };

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
