// Shared set-up for the UiPath engine tests: a simulator seeded with a folder, an External Application, a
// legacy user, an on-premises user, and a harness holding one credential of each kind.
import { EngineHarness } from '../harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startUiPathSimulator } = require('../simulators/uipath.js');

export type UiSim = Awaited<ReturnType<typeof startUiPathSimulator>>;
export type UiLogEntry = {
	method: string;
	path: string;
	query: Record<string, string>;
	body: any;
	status: number;
	headers: Record<string, string>;
	tokenKind?: string;
	folderId?: number;
	fault?: unknown;
};

export const APP = { clientId: 'n8n-app', clientSecret: 'app-secret-123', scopes: ['OR.Jobs', 'OR.Execution', 'OR.Folders.Read', 'OR.Queues', 'OR.Assets.Read', 'OR.Robots.Read', 'OR.Monitoring.Read'] };
export const LEGACY = { clientId: 'legacy-client', userKey: 'legacy-user-key-xyz', account: 'acmeaccount', tenant: 'AcmeDefault' };
export const ON_PREM = { tenancyName: 'Default', username: 'admin', password: 'on-prem-pass!' };

export async function setUp(options: Record<string, unknown> = {}) {
	const sim = (await startUiPathSimulator(options)) as UiSim;
	sim.addExternalApp(APP);
	sim.addLegacyUser({ clientId: LEGACY.clientId, userKey: LEGACY.userKey, accounts: [{ accountLogicalName: LEGACY.account, tenants: [LEGACY.tenant] }] });
	sim.addOnPremUser(ON_PREM);
	const shared = sim.addFolder({ displayName: 'Shared' });
	const harness = await EngineHarness.create();
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim), 'cloud');
	harness.addCredential('uiPathOnPremisesApi', onPremCredential(sim), 'onprem');
	return { sim, harness, shared };
}

/** An External Application with OR.Webhooks too, stored as the credential `hooks` (durable waits, webhook triggers). */
export const HOOKS_APP = { clientId: 'hooks-app', clientSecret: 'hooks-secret-1', scopes: [...APP.scopes, 'OR.Webhooks'] };
export function addHooksCredential(sim: UiSim, harness: EngineHarness, app = HOOKS_APP): void {
	sim.addExternalApp(app);
	harness.addCredential('uiPathCloudOAuthApi', cloudCredential(sim, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') }), 'hooks');
}

export function cloudCredential(sim: UiSim, overrides: Record<string, unknown> = {}) {
	return {
		authMethod: 'externalApp',
		cloudUrl: sim.url,
		organization: sim.organization,
		tenant: sim.tenant,
		clientId: APP.clientId,
		clientSecret: APP.clientSecret,
		...overrides,
	};
}

export function legacyCredential(sim: UiSim, overrides: Record<string, unknown> = {}) {
	return {
		authMethod: 'apiKey',
		clientId: LEGACY.clientId,
		refreshToken: LEGACY.userKey,
		accountLogicalName: LEGACY.account,
		tenantLogicalName: LEGACY.tenant,
		accountUrl: sim.url,
		platformUrl: sim.url,
		...overrides,
	};
}

export function onPremCredential(sim: UiSim, overrides: Record<string, unknown> = {}) {
	return { orchestratorUrl: sim.url, authMethod: 'password', ...ON_PREM, ...overrides };
}

export const uiLog = (sim: UiSim) => sim.log as UiLogEntry[];

/** A UiPath node spec; `credential` picks which stored credential (and so which Authentication) it uses. */
export function uiNode(parameters: Record<string, unknown>, credential: 'cloud' | 'onprem' | string = 'cloud', extra: Record<string, unknown> = {}) {
	const type = credential === 'onprem' || credential.startsWith('onprem') ? 'uiPathOnPremisesApi' : 'uiPathCloudOAuthApi';
	return {
		type: 'uiPath',
		parameters: { authentication: type, ...parameters } as never,
		credentials: { [type]: credential },
		...extra,
	};
}

export const inFolder = (path = 'Shared') => ({ __rl: true, mode: 'path', value: path });

/** The Data Fabric scopes (Entity, Entity Record). */
export const DATA_FABRIC_SCOPES = ['DataFabric.Schema.Read', 'DataFabric.Data.Read', 'DataFabric.Data.Write'];
/** A resource locator in By ID mode. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** setUp() plus an External Application with `extraScopes` beside APP's, stored as the cloud credential `name`. */
export async function setUpWithScopes(extraScopes: string[], name: string, options: Record<string, unknown> = {}) {
	const world = await setUp(options);
	const app = { clientId: `${name}-app`, clientSecret: `${name}-secret-1`, scopes: [...APP.scopes, ...extraScopes] };
	world.sim.addExternalApp(app);
	world.harness.addCredential('uiPathCloudOAuthApi', cloudCredential(world.sim, { clientId: app.clientId, clientSecret: app.clientSecret, scopes: app.scopes.join(' ') }), name);
	return world;
}
