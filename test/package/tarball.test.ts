// What npm publishes is what n8n installs: the tarball's files, a package.json without runtime dependencies, and a
// dist/ that runs without jose installed (it is bundled into dist/vendor/jose.js at build time).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type * as RoboticCrowdAuth from '../../nodes/RoboticCrowd/auth';

// Any require('jose') from dist/ (or from anything it loads) fails, as it would where only the tarball is installed.
jest.mock('jose', () => {
	throw new Error('dist/ required jose at run time: it must be bundled into dist/vendor/jose.js');
});

const ROOT = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const n8nFiles: string[] = [...packageJson.n8n.credentials, ...packageJson.n8n.nodes];

function packedFiles(): string[] {
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return (packed.files as Array<{ path: string }>).map((file) => file.path).sort();
}

function distJsFiles(dir = path.join(ROOT, 'dist')): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return distJsFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

describe('the npm tarball', () => {
	const files = packedFiles();

	it('holds only dist/, README.md, LICENSE, CHANGELOG.md and package.json', () => {
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
	});

	it('holds every node and credential n8n loads, the bundled jose and its main file', () => {
		for (const file of [...n8nFiles, 'dist/vendor/jose.js', packageJson.main]) expect(files).toContain(file);
	});

	it('holds no declaration files, TypeScript sources or build stamp', () => {
		expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
		expect(files).not.toContain('dist/.built');
	});

	it('has no runtime dependencies in package.json', () => {
		for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
			expect(packageJson[field]).toBeUndefined();
		}
		expect(Object.keys(packageJson.peerDependencies)).toEqual(['n8n-workflow']);
	});
});

describe('dist/ without jose installed', () => {
	it('has no require() or import of jose in any built file', () => {
		const importsJose = /\brequire\s*\(\s*['"]jose(\/[^'"]*)?['"]\s*\)|\bimport\s*\(\s*['"]jose|\bfrom\s*['"]jose(\/[^'"]*)?['"]/;
		const offenders = distJsFiles().filter((file) => importsJose.test(fs.readFileSync(file, 'utf8')));
		expect(offenders.map((file) => path.relative(ROOT, file))).toEqual([]);
	});

	it('loads every node and credential n8n loads', () => {
		for (const file of n8nFiles) {
			const exported = require(path.join(ROOT, file));
			expect(Object.keys(exported)).toHaveLength(1);
		}
	});

	it("signs the Robotic Crowd reference's worked example byte for byte with the bundled jose", async () => {
		const auth: typeof RoboticCrowdAuth = require(path.join(ROOT, 'dist/nodes/RoboticCrowd/auth.js'));
		const secret = '523463041EF9FFA2950D8450FEB34C88BC8692C40C9CF3C99DCDF75E270229E2';
		const claims = {
			iss: 'console.roboticcrowd.com',
			sub: 'IjoiIiwiZ3JhbnRzIjp7Im',
			aud: 'https://api.roboticcrowd.com/',
			nbf: 1450471147,
			exp: 1450473747,
			scopes: ['session_queue.write', 'session_queue.read', 'token'],
		};
		const token = await auth.signJwt(claims, secret);
		const [header, payload, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(claims);
		expect(signature).toBe(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
		expect(signature).toBe('LbICm0Ylbt0UFUGBRP7tqL1tT_RwH1D-XWSt_dfenUg'); // the reference's own token
	});

	it("keeps jose's MIT licence notice at the top of its bundle", () => {
		const bundle = fs.readFileSync(path.join(ROOT, 'dist/vendor/jose.js'), 'utf8');
		const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/jose/package.json'), 'utf8'));
		const header = bundle.slice(0, bundle.indexOf('*/'));
		expect(header).toContain(`jose ${version}`);
		expect(header).toMatch(/Copyright \(c\) 2018 Filip Skokan[\s\S]*Permission is hereby granted/);
	});
});
