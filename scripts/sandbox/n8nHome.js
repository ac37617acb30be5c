// @ts-check
'use strict';
/**
 * A persistent n8n user folder for the sandbox, on top of the e2e library (test/e2e/lib/n8n.js), whose
 * `createN8nHome()` makes a throwaway folder with a random encryption key. Here n8n's data lives in
 * `<dataDir>/n8n` and survives restarts:
 *
 * - `createN8nHome()` is still used for what it does well (installing the package tarball as n8n installs a
 *   community package, the environment, the CLI and server helpers), with its temp folder under `<dataDir>/tmp`;
 * - its environment is pointed at the persistent folder (`N8N_USER_FOLDER`), with the encryption key n8n wrote
 *   there on the first start (`.n8n/config`), and the freshly installed package is moved into that folder's
 *   `.n8n/nodes/`, so every start runs the package as just built.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const n8n = require('../../test/e2e/lib/n8n');

/**
 * @param {{ dataDir: string, port: number, runtime: import('../../test/e2e/lib/n8n').Runtime, tarball: string }} options
 */
async function openN8nHome({ dataDir, port, runtime, tarball }) {
	const userFolder = path.join(dataDir, 'n8n');
	const n8nDir = path.join(userFolder, '.n8n');
	await fsp.mkdir(n8nDir, { recursive: true });
	const fresh = !fs.existsSync(path.join(n8nDir, 'database.sqlite'));
	const home = await n8n.createN8nHome({
		tarball,
		runtime,
		port,
		baseDir: path.join(dataDir, 'tmp'),
		env: {
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: encryptionKeyOf(n8nDir),
			// The editor is opened as http://localhost:<port>; n8n still listens on 127.0.0.1 only.
			N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
			N8N_WEBHOOK_URL: `http://localhost:${port}/`,
		},
	});
	// Move the package createN8nHome installed into the persistent folder, replacing the previous build.
	const nodesDir = path.join(n8nDir, 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	await fsp.rm(path.join(nodesDir, 'node_modules'), { recursive: true, force: true });
	await fsp.rename(path.join(home.nodesDir, 'node_modules'), path.join(nodesDir, 'node_modules'));
	await fsp.copyFile(path.join(home.nodesDir, 'package.json'), path.join(nodesDir, 'package.json'));
	return { home, userFolder, fresh };
}

/**
 * The key n8n encrypts credentials with: the one it wrote to `.n8n/config` on its first start, or a new one.
 * @param {string} n8nDir
 */
function encryptionKeyOf(n8nDir) {
	try {
		const config = JSON.parse(fs.readFileSync(path.join(n8nDir, 'config'), 'utf8'));
		if (typeof config.encryptionKey === 'string' && config.encryptionKey) return config.encryptionKey;
	} catch {
		// no config yet: n8n writes one with the key it is given
	}
	return crypto.randomBytes(24).toString('hex');
}

module.exports = { openN8nHome };
