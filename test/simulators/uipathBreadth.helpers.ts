// Shared set-up of the simulator tests for the breadth routes (issue 11): a folder tree, a release, robots, a queue,
// and a request helper that speaks HTTP to the simulator with a token holding every scope.
import { startUiPathSimulator } from './uipath';

export type Sim = Awaited<ReturnType<typeof startUiPathSimulator>>;
export type Answer = { status: number; body: any; text: string; headers: Headers };
export type ApiOptions = { body?: unknown; folder?: Record<string, string> | null; token?: string; headers?: Record<string, string> };

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const JOBS = '/odata/Jobs/UiPath.Server.Configuration.OData';
export const BUCKETS = (id: number, action: string) => `/odata/Buckets(${id})/UiPath.Server.Configuration.OData.${action}`;

export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
	const res = await fetch(url, init);
	const text = await res.text();
	let body: any = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		/* not JSON */
	}
	return { status: res.status, body, text, headers: res.headers };
}

export async function seeded(options: Parameters<typeof startUiPathSimulator>[0] = {}) {
	const sim = await startUiPathSimulator(options);
	sim.clock.freeze(T0);
	const shared = sim.addFolder({ displayName: 'Shared' });
	const finance = sim.addFolder({ displayName: 'Finance', parentId: shared.Id });
	const release = sim.addRelease({
		folderId: finance.Id,
		name: 'Invoices_Prod',
		inputArgumentsSchema: [{ name: 'invoiceId', type: 'System.String', required: true }, { name: 'dryRun', type: 'System.Boolean' }],
		outputArguments: { total: 3 },
	});
	const faulty = sim.addRelease({ folderId: finance.Id, name: 'Broken_Prod', outcome: 'Faulted', jobError: { detail: 'Selector not found' } });
	const bot1 = sim.addRobot({ folderId: finance.Id, name: 'bot1' });
	const bot2 = sim.addRobot({ folderId: finance.Id, name: 'bot2' });
	const queue = sim.addQueue({ folderId: finance.Id, name: 'Invoices' });
	const token = sim.issueToken();
	const base = sim.baseUrl('cloud');
	const api = (method: string, path: string, opts: ApiOptions = {}) =>
		request(base + path, {
			method,
			headers: {
				authorization: `Bearer ${opts.token ?? token}`,
				...(opts.folder === null ? {} : (opts.folder ?? { 'X-UIPATH-OrganizationUnitId': String(finance.Id) })),
				...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
				...opts.headers,
			},
			body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
		});
	return { sim, shared, finance, release, faulty, bot1, bot2, queue, token, base, api };
}
