#!/usr/bin/env node
// Moves workflows between n8n-nodes-rpa and its single-service packages (scripts/pack-verified.js builds them).
// n8n names a community node's type after its package (`n8n-nodes-rpa.uiPath`), so a workflow made with one package
// does not run where only another is installed ("Unrecognized node type"): this rewrites the prefix of every node
// of these packages to the target package's (`n8n-nodes-rpa-uipath.uiPath`). Credentials keep their type names.
// A node the target package does not have (a Robotic Crowd node moved to n8n-nodes-rpa-uipath) is refused, by name,
// and nothing is written: half a workflow would fail later, in n8n, with less to go on.
//
//   node scripts/move-workflow.js --to n8n-nodes-rpa-uipath workflow.json > moved.json   (or - for stdin)
//   node scripts/move-workflow.js --to n8n-nodes-rpa-uipath,n8n-nodes-rpa-robotic-crowd all.json > moved.json
//
// Takes one workflow or an array of them (what `n8n export:workflow --all` writes); any object with a `type` and a
// `typeVersion` is a node, wherever it sits (a nested copy of a workflow's nodes too). Needs dist/ (npm run build):
// the node type names are read from the built node classes, `<name>Tool` included for the tool variants.
'use strict';
const fs = require('node:fs');

const { packageDefinitions, nodeTypeNames } = require('./pack-verified');

/** Each package this repository builds → the node type names (after its prefix) it contains. */
function packageNodeTypes() {
	return new Map(packageDefinitions().map((definition) => [definition.name, new Set(nodeTypeNames(definition))]));
}

/**
 * A copy of `data` whose nodes of these packages have `to`'s prefix; the input is left as it was. `to` may name
 * several packages (installed side by side: both single-service ones): each node goes to the first that has it.
 * Throws, naming every node (and its workflow) whose type no `to` contains, or when a `to` is not one of them.
 * @param {unknown} data
 * @param {string | string[]} to
 * @returns {{ data: unknown, moved: number }} moved: how many node types changed
 */
function moveWorkflow(data, to, packages = packageNodeTypes()) {
	const targets = [to].flat();
	const unknown = targets.filter((name) => !packages.has(name));
	if (unknown.length || !targets.length) {
		throw new Error(`"${unknown.join('", "')}" is none of the packages built here: ${[...packages.keys()].join(', ')}`);
	}
	const refused = [];
	let moved = 0;
	const visit = (value, workflowName) => {
		if (Array.isArray(value)) return value.map((item) => visit(item, workflowName));
		if (!value || typeof value !== 'object') return value;
		// a workflow: its name, for the refusal message of its nodes
		const inWorkflow = Array.isArray(value.nodes) && typeof value.name === 'string' ? value.name : workflowName;
		const copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item, inWorkflow)]));
		const type = typeof copy.type === 'string' && 'typeVersion' in copy ? /^(.+)\.([^.]+)$/.exec(copy.type) : null;
		if (!type || !packages.has(type[1])) return copy;
		const target = targets.find((name) => packages.get(name).has(type[2]));
		if (!target) {
			refused.push(`node "${copy.name}" (${copy.type})${workflowName ? ` in workflow "${workflowName}"` : ''}`);
		} else if (type[1] !== target) {
			copy.type = `${target}.${type[2]}`;
			moved++;
		}
		return copy;
	};
	const result = visit(data, undefined);
	if (refused.length) {
		const has = targets.map((name) => `${name} has ${[...packages.get(name)].join(', ')}`).join('; ');
		throw new Error(`${targets.join(' and ')}: no node type for ${refused.length === 1 ? 'this node' : 'these nodes'}, so nothing was moved:\n  ${refused.join('\n  ')}\n` +
			`(${has}.) Install and name the package that has it too (--to a,b), or move the workflow to one that has them all.`);
	}
	return { data: result, moved };
}

module.exports = { moveWorkflow, packageNodeTypes };

if (require.main === module) {
	const args = process.argv.slice(2);
	const toAt = args.indexOf('--to');
	const to = toAt >= 0 ? args[toAt + 1] : undefined;
	const files = args.filter((_, i) => i !== toAt && i !== toAt + 1);
	try {
		if (!to || files.length !== 1) throw new Error('usage: node scripts/move-workflow.js --to <package>[,<package>] <workflow.json | ->');
		const input = fs.readFileSync(files[0] === '-' ? 0 : files[0], 'utf8');
		const { data, moved } = moveWorkflow(JSON.parse(input), to.split(','));
		process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
		process.stderr.write(`move-workflow: ${moved} node${moved === 1 ? '' : 's'} moved to ${to.split(',').join(' and ')}\n`);
	} catch (error) {
		process.stderr.write(`move-workflow: ${error.message}\n`);
		process.exit(1);
	}
}
