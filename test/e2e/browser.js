#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The browser check: the sandbox (scripts/sandbox/core.js) on free ports with a temporary n8n folder, then headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core) logs into the editor, opens the UiPath and the
 * Robotic Crowd sample workflows, checks that our nodes are on the canvas and that the nodes panel finds
 * "UiPath" and "Robotic Crowd", and saves screenshots to docs/screenshots/ (the README shows them).
 *
 * `node test/e2e/browser.js` (exits non-zero on failure), or `require('./browser').runBrowserCheck()`.
 * Needs the package built (`npm run build`). Installs Chromium with apt-get when it is missing and this runs as root.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const n8n = require('./lib/n8n');
const { startSandbox, REPO_ROOT } = require('../../scripts/sandbox/core');

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** @param {string} line */
const say = (line) => process.stderr.write(`[browser] ${line}\n`);

/** Debian's chromium, installed with apt-get when missing (as root); otherwise a clear message. */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install -y chromium), then run the check again`);
	}
	say(`${CHROMIUM} is missing: apt-get install -y chromium`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 2, 2], env });
	if (install().status !== 0) {
		say('apt-get install failed: apt-get update, then once more');
		spawnSync('apt-get', ['update'], { stdio: ['ignore', 2, 2], env });
		if (install().status !== 0 || !fs.existsSync(CHROMIUM)) throw new Error('apt-get install -y chromium failed (see above)');
	}
}

/**
 * @param {{ screenshotsDir?: string }} [options]
 * @returns {Promise<{ screenshots: string[], ms: number, steps: Array<{ step: string, ms: number }> }>}
 */
async function runBrowserCheck(options = {}) {
	const started = Date.now();
	const screenshotsDir = options.screenshotsDir ?? SCREENSHOTS;
	/** @type {Array<{ step: string, ms: number }>} */
	const steps = [];
	/** @template T @param {string} step @param {() => Promise<T>} fn @returns {Promise<T>} */
	const timed = async (step, fn) => {
		const t = Date.now();
		say(`${step}…`);
		const value = await fn();
		steps.push({ step, ms: Date.now() - t });
		return value;
	};

	ensureChromium();
	const { chromium } = require('playwright-core');
	await fsp.mkdir(screenshotsDir, { recursive: true });
	const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-rpa-browser-'));
	/** @type {Awaited<ReturnType<typeof startSandbox>> | undefined} */
	let sandbox;
	/** @type {import('playwright-core').BrowserContext | undefined} */
	let context;
	/** @type {string[]} */
	const screenshots = [];
	try {
		sandbox = await timed('sandbox on free ports', async () =>
			startSandbox({
				n8nPort: await n8n.freePort(),
				uiPathPort: await n8n.freePort(),
				rcPort: await n8n.freePort(),
				dataDir: path.join(work, 'sandbox'),
				log: (line) => say(`sandbox: ${line}`),
			}),
		);
		const { url, owner } = sandbox;
		context = await timed('Chromium', () =>
			chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
				executablePath: CHROMIUM,
				headless: true,
				args: CHROMIUM_ARGS,
				viewport: { width: 1440, height: 900 },
				timeout: 60_000,
			}),
		);
		context.setDefaultTimeout(30_000);
		const page = context.pages()[0] ?? (await context.newPage());
		const shoot = async (/** @type {string} */ name) => {
			const file = path.join(screenshotsDir, name);
			await page.screenshot({ path: file });
			screenshots.push(file);
			say(`screenshot ${path.relative(REPO_ROOT, file)}`);
		};

		await timed('log into the editor', async () => {
			await page.goto(`${url}/signin`);
			await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(owner.email);
			await page.locator('input[type="password"]').first().fill(owner.password);
			await page.getByRole('button', { name: /sign in/i }).click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		});

		// The sample workflows: each one's node of this package must be on the canvas, with its type.
		for (const [workflowId, nodeName, nodeType, label] of [
			['sbxUiPathStartJb', 'Start job and wait', 'n8n-nodes-rpa.uiPath', 'uipath-workflow'],
			['sbxUiPathTrigger', 'When a job finishes', 'n8n-nodes-rpa.uiPathTrigger', 'uipath-trigger-workflow'],
			['sbxRcStartRunWt1', 'Start run and wait', 'n8n-nodes-rpa.roboticCrowd', 'roboticcrowd-workflow'],
			['sbxRcTrigger0001', 'When a run finishes', 'n8n-nodes-rpa.roboticCrowdTrigger', 'roboticcrowd-trigger-workflow'],
		]) {
			await timed(`open the sample workflow with "${nodeName}"`, async () => {
				await page.goto(`${url}/workflow/${workflowId}`);
				const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
				await node.waitFor({ state: 'visible' });
				const type = await node.getAttribute('data-node-type');
				if (type !== nodeType) throw new Error(`the node "${nodeName}" on the canvas is of type ${type}, not ${nodeType}`);
				await settleCanvas(page, label.includes('trigger'));
				await shoot(`editor-${label}.png`);
			});
		}

		// The nodes panel: search, find the package's node, open it: its actions and triggers.
		// UiPath: Triggers (4) since the Maestro events of the UiPath Trigger (issue 21); 2 before.
		for (const [workflowId, search, mustList, label, ownDescription] of [
			['sbxUiPathStartJb', 'UiPath', ['Start a job', 'Add a queue item', 'Triggers (4)'], 'uipath', 'Start UiPath Orchestrator jobs and wait for them'],
			['sbxRcStartRunWt1', 'Robotic Crowd', ['Start a workflow run', 'Get many runs', 'Triggers (1)'], 'roboticcrowd', 'Start Robotic Crowd (AUTORO) workflow runs'],
		]) {
			await timed(`search the nodes panel for "${search}"`, async () => {
				await page.goto(`${url}/workflow/${workflowId}`);
				await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible' });
				await page.locator('[data-test-id="node-creator-plus-button"]').click();
				await page.locator('input[data-test-id="node-creator-search-bar"]').fill(String(search));
				const item = page.locator('[data-test-id="node-creator-item-name"]').filter({ hasText: new RegExp(`^${search}$`) });
				try {
					await item.first().waitFor({ state: 'visible', timeout: 15_000 });
				} catch {
					const listed = await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
					throw new Error(`the nodes panel's search for "${search}" lists ${JSON.stringify(listed)}, not "${search}"`);
				}
				await item.first().click();
				const panel = page.locator('[data-test-id="node-creator"]');
				for (const text of /** @type {string[]} */ (mustList)) {
					await panel.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
						throw new Error(`the nodes panel's page of "${search}" does not show "${text}":\n${await panel.innerText()}`);
					});
				}
				// The app's page shows the action node's own description, not the trigger's.
				const shown = await panel.innerText();
				if (!shown.includes(String(ownDescription))) throw new Error(`the nodes panel's page of "${search}" does not describe it as "${ownDescription}…":\n${shown}`);
				await page.waitForTimeout(1000); // the panel slides in: let it settle before the picture
				await shoot(`node-panel-${label}.png`);
			});
		}
	} catch (error) {
		// What the page showed when it failed, kept outside the temp folder for a look.
		const page = context?.pages()[0];
		const file = path.join(os.tmpdir(), 'n8n-rpa-browser-failure.png');
		if (page && (await page.screenshot({ path: file }).then(() => true, () => false))) {
			/** @type {Error} */ (error).message += `\n  the page at the failure (${page.url()}): ${file}`;
		}
		throw error;
	} finally {
		await context?.close().catch(() => undefined);
		await sandbox?.stop();
		await fsp.rm(work, { recursive: true, force: true });
	}
	const ms = Date.now() - started;
	say(`passed in ${(ms / 1000).toFixed(1)} s: ${steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join('; ')}`);
	return { screenshots, ms, steps };
}

/**
 * Lets the canvas fade in, and closes what n8n lays over it: the "Production Checklist" that it opens a moment
 * after a published workflow shows.
 * @param {import('playwright-core').Page} page
 * @param {boolean} published
 */
async function settleCanvas(page, published) {
	await page.keyboard.press('Escape');
	const checklistClose = page.locator('[data-test-id="suggested-actions-close"]');
	const appeared = await checklistClose
		.first()
		.waitFor({ state: 'visible', timeout: published ? 5000 : 1000 })
		.then(() => true, () => false);
	if (appeared) await checklistClose.first().click();
	await page.waitForTimeout(700);
}

module.exports = { runBrowserCheck };

if (require.main === module) {
	runBrowserCheck().then(
		(result) => {
			process.stdout.write(`browser check passed in ${(result.ms / 1000).toFixed(1)} s; screenshots:\n${result.screenshots.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n')}\n`);
			process.exit(0);
		},
		(error) => {
			process.stderr.write(`\n[browser] FAILED: ${error && error.message ? error.message : error}\n${error && error.stack ? error.stack.split('\n').slice(1).join('\n') : ''}\n`);
			process.exit(1);
		},
	);
}
