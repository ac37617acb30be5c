// Runs this package's nodes through n8n's own engine, the way n8n does, without a server:
// the package is loaded from its package.json `n8n` block (PackageDirectoryLoader), workflows run through
// WorkflowExecute, polls through PollContext, list searches through LoadOptionsContext, and credentials
// go through a helper that applies n8n's rules (defaults, `authenticate`, `preAuthentication` with an
// expirable field, the stored credential updated with the new token).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type ICredentialTestRequest,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-rpa';

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;
let executions = 0;

/** Loads the built package (dist/) as n8n does: by its package.json `n8n` block. Run `npm run build` first. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

/**
 * The tool variant n8n derives from a `usableAsTool` node (its CLI's convertNodeToAiTool): the same node with the
 * name `<name>Tool` (what the `@tool` display option and `getNode().type` see) and the same execute.
 */
function toolVariant(base: INodeType): INodeType {
	const description = { ...base.description, name: `${base.description.name}Tool`, displayName: `${base.description.displayName} Tool` };
	delete description.usableAsTool;
	return Object.assign(Object.create(base) as INodeType, { description });
}

class PackageNodeTypes implements INodeTypes {
	private readonly tools = new Map<string, INodeType>();

	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const name = nodeType.replace(`${PACKAGE_NAME}.`, '');
		const base = name.endsWith('Tool') ? this.loader.nodeTypes[name.slice(0, -'Tool'.length)]?.type : undefined;
		if (base && 'description' in base && (base.description as INodeTypeDescription).usableAsTool) {
			if (!this.tools.has(name)) this.tools.set(name, toolVariant(base as INodeType));
			return this.tools.get(name)!;
		}
		const loaded = this.loader.nodeTypes[name];
		if (!loaded) throw new Error(`Unknown node type ${nodeType}`);
		return loaded.type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.getByName(nodeType);
		return 'nodeVersions' in type ? type.getNodeType(version) : type;
	}

	getKnownTypes() {
		return {};
	}
}

/** One stored credential, as n8n keeps it in its database: data updated by preAuthentication persists. */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** Counts what the credentials helper did, so tests can assert token reuse. */
export interface CredentialStats {
	preAuthentications: number;
	refreshesAfter401: number;
	updates: number;
}

/**
 * n8n's credential rules, reproduced from n8n's CredentialsHelper: defaults filled in from the type's properties;
 * `authenticate` applied (functions called, generic ones resolved as expressions over `$credentials`);
 * `preAuthentication` called when the expirable field is empty or the request got a 401 (then n8n-core retries
 * once), and its result stored back into the credential.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();
	readonly stats: CredentialStats = { preAuthentications: 0, refreshesAfter401: 0, updates: 0 };

	constructor(private readonly loader: PackageDirectoryLoader) {
		super();
	}

	add(credential: StoredCredential) {
		this.store.set(credential.id, structuredClone(credential));
	}

	credentialType(name: string): ICredentialType {
		const loaded = this.loader.credentialTypes[name];
		if (!loaded) throw new Error(`Unknown credential type ${name}`);
		return loaded.type;
	}

	getParentTypes(name: string): string[] {
		const extendsTypes = this.credentialType(name).extends ?? [];
		return extendsTypes.flatMap((t) => [t, ...this.getParentTypes(t)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string) {
		return this.credentialType(type).properties;
	}

	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties = this.credentialType(type).properties;
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null);
		return { ...(withDefaults as ICredentialDataDecryptedObject), ...data };
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} is not in the harness store`);
		}
		return this.withDefaults(type, structuredClone(stored.data));
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${nodeCredentials.id}, ${type}) is not used by this package`);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType(typeName).authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: string) =>
			workflow && node
				? String(
						workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, ''),
					)
				: value;
		for (const [outer, values] of Object.entries(authenticate.properties) as Array<[string, Record<string, string>]>) {
			const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[outer] ??= {});
			for (const [key, value] of Object.entries(values)) target[key] = resolve(value);
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		this.stats.preAuthentications++;
		if (credentialsExpired) this.stats.refreshesAfter401++;
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details) {
			await this.updateCredentials(details, typeName, { ...credentials, ...output } as ICredentialDataDecryptedObject);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored) return;
		this.stats.updates++;
		const properties = this.credentialType(stored.type).properties.map((p) => p.name);
		// n8n stores only the type's own fields.
		stored.data = Object.fromEntries(Object.entries(data).filter(([k]) => properties.includes(k))) as ICredentialDataDecryptedObject;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

/**
 * The run data an execution starts from: `node` on the stack with `items` as its input, each paired to its index
 * (what n8n builds for a workflow's first node). Shared by run(), the loop harness and the binary-item runs.
 */
export function firstRunData(node: INode, items: INodeExecutionData[]): IRunExecutionData {
	return {
		startData: {},
		resultData: { runData: {} },
		// as n8n's createRunExecutionData: the token its resume URLs carry (`?signature=`)
		resumeToken: randomBytes(32).toString('hex'),
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))] }, source: null }],
		},
	} as unknown as IRunExecutionData;
}

export interface NodeSpec {
	/** short node name, e.g. `roboticCrowd` */
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	/** credential type -> stored credential id */
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
	/** n8n's node setting "Retry On Fail": the engine runs the whole node again (maxTries, waitBetweenTries ms) */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	name?: string;
	/** the workflow's time zone setting */
	timezone?: string;
}

export interface RunResult {
	run: IRun;
	/** the node's first output, or [] when the node failed */
	items: INodeExecutionData[];
	/** all outputs of the node's first run */
	outputs: INodeExecutionData[][];
	/** the node's error when the workflow failed */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	/** with `cancelAfterMs`: when the node's execute() settled after the cancel (Date.now()) */
	nodeSettled?: Promise<number>;
}

export interface RunOptions {
	/** cancel the execution this long after it started, as n8n's Stop button does */
	cancelAfterMs?: number;
	/** run as n8n before 2.27 does: the execution has no resume token, so its resume URL has no `signature` */
	withoutResumeToken?: boolean;
}

export class EngineHarness {
	readonly nodeTypes: PackageNodeTypes;
	readonly credentials: HarnessCredentialsHelper;

	private constructor(readonly loader: PackageDirectoryLoader) {
		this.nodeTypes = new PackageNodeTypes(loader);
		this.credentials = new HarnessCredentialsHelper(loader);
	}

	static async create(): Promise<EngineHarness> {
		return new EngineHarness(await loadPackage());
	}

	addCredential(type: string, data: ICredentialDataDecryptedObject, id = type): string {
		this.credentials.add({ id, name: `${type} (${id})`, type, data });
		return id;
	}

	storedCredential(id: string): ICredentialDataDecryptedObject {
		return this.credentials.store.get(id)!.data;
	}

	toNode(spec: NodeSpec): INode {
		return {
			id: 'node-1',
			name: spec.name ?? 'Node',
			type: `${PACKAGE_NAME}.${spec.type}`,
			typeVersion: spec.typeVersion ?? 1,
			position: [0, 0],
			parameters: spec.parameters,
			continueOnFail: spec.continueOnFail,
			...(spec.retryOnFail ? { retryOnFail: true, ...spec.retryOnFail } : {}),
			credentials: Object.fromEntries(
				Object.entries(spec.credentials ?? {}).map(([type, id]) => [type, { id, name: `${type} (${id})` }]),
			),
		};
	}

	private workflow(node: INode, staticData?: IDataObject, timezone?: string): Workflow {
		return new Workflow({
			id: 'harness-workflow',
			name: 'Harness workflow',
			nodes: [node],
			connections: {} as IConnections,
			nodeTypes: this.nodeTypes,
			active: false,
			staticData,
			settings: timezone ? { timezone } : {},
		});
	}

	additionalData(hooks?: ExecutionLifecycleHooks, executionId = 'harness-execution'): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentials,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			formBaseUrl: '',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: '',
			webhookBaseUrl: '',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: '',
			mcpBaseUrl: '',
			mcpTestBaseUrl: '',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('not used');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('not used');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Runs one node of this package as a workflow through WorkflowExecute, with `input` as its incoming items. */
	async run(spec: NodeSpec, input: IDataObject[] = [{}], mode: WorkflowExecuteMode = 'manual', options: RunOptions = {}): Promise<RunResult> {
		const node = this.toNode(spec);
		const nodeSettled = options.cancelAfterMs === undefined ? undefined : this.trackExecute(node);
		const workflow = this.workflow(node, undefined, spec.timezone);
		// Each run is its own execution, with an id unique in the process, as in n8n.
		const executionId = `harness-execution-${++executions}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: [node],
			connections: {},
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const done = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
		const runExecutionData = firstRunData(node, input.map((json) => ({ json })));
		if (options.withoutResumeToken) delete (runExecutionData as { resumeToken?: string }).resumeToken;
		const execute = new WorkflowExecute(this.additionalData(hooks, executionId), mode, runExecutionData);
		const running = execute.processRunExecutionData(workflow);
		// A cancelled execution's promise never settles (n8n does not reject it): its end is the after-hook.
		if (options.cancelAfterMs !== undefined) setTimeout(() => running.cancel(), options.cancelAfterMs);
		else await running;
		const run = await done;
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((o) => o ?? []);
		return {
			run,
			outputs,
			items: outputs[0] ?? [],
			error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
			nodeSettled,
		};
	}

	/** The moment the next execute() of this node's type settles: work left running after a cancel shows here. */
	private trackExecute(node: INode): Promise<number> {
		const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const original = type.execute!;
		return new Promise((resolve) => {
			type.execute = async function (this: IExecuteFunctions) {
				type.execute = original;
				try {
					return await original.call(this);
				} finally {
					resolve(Date.now());
				}
			};
		});
	}

	/** Runs `node.poll()` once through PollContext, as n8n's poll executor does, keeping static data in `state`. */
	async poll(
		spec: NodeSpec,
		state: PollState,
		mode: WorkflowExecuteMode = 'trigger',
	): Promise<INodeExecutionData[] | null> {
		const node = this.toNode(spec);
		// A new Workflow object per poll, fed with the persisted static data, is what a restart looks like too.
		const workflow = this.workflow(node, JSON.parse(JSON.stringify(state.staticData)) as IDataObject);
		const emitted: INodeExecutionData[][][] = [];
		const context = new PollContext(
			workflow,
			node,
			this.additionalData(),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			(data) => emitted.push(data),
			(error) => {
				throw error;
			},
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const result = await nodeType.poll!.call(context);
		// n8n keeps the static data a poll changed only when the poll returned; a thrown poll leaves the old one.
		if (mode !== 'manual') state.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return result ? result[0] : null;
	}

	/** Calls one of the node's listSearch methods through LoadOptionsContext. */
	async listSearch(spec: NodeSpec, method: string, filter?: string, paginationToken?: string) {
		const node = this.toNode(spec);
		const workflow = this.workflow(node);
		// The editor sends the node's current parameters along with a list search.
		const additionalData = { ...this.additionalData(), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.methods?.listSearch?.[method];
		if (!fn) throw new Error(`No listSearch method ${method}`);
		return await fn.call(context, filter, paginationToken);
	}

	/** Calls one of the node's resourceMapping methods (the fields of a resource mapper) as the editor does. */
	async resourceMapping(spec: NodeSpec, method: string) {
		const node = this.toNode(spec);
		const workflow = this.workflow(node);
		const additionalData = { ...this.additionalData(), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.methods?.resourceMapping?.[method];
		if (!fn) throw new Error(`No resourceMapping method ${method}`);
		return await fn.call(context);
	}

	/**
	 * Presses a credential's "Test" button as n8n's CredentialsTester does for a declarative `test` request: the
	 * request goes through n8n-core's httpRequestWithAuthentication with the form's values (`credentialsDecrypted`),
	 * so preAuthentication runs only when the expirable field is empty (the tester's node is the node using the
	 * credential, not the no-op node n8n's helper treats as a test), and again after a 401.
	 * `storedId`: test the stored credential after editing it: the form then carries the stored values, hidden token
	 * fields included (n8n restores them), with `data` as the edits; a new token is saved back, as n8n does.
	 * Returns n8n's answer shape: `{ status: 'OK' | 'Error', message }`.
	 */
	async testCredential(type: string, data: ICredentialDataDecryptedObject, storedId?: string) {
		const credentialType = this.credentials.credentialType(type);
		const test = credentialType.test as ICredentialTestRequest | undefined;
		if (!test) throw new Error(`${type} has no test request`);
		// n8n tests a credential on a node that uses it.
		const nodeName = Object.keys(this.loader.nodeTypes).find((name) =>
			(this.loader.nodeTypes[name].type.description as INodeTypeDescription).credentials?.some((c) => c.name === type),
		);
		const stored = storedId ? this.credentials.store.get(storedId) : undefined;
		const node = this.toNode({ type: nodeName!, parameters: {}, credentials: stored ? { [type]: stored.id } : undefined });
		const workflow = this.workflow(node);
		const context = new LoadOptionsContext(workflow, node, this.additionalData(), 'parameters');
		const credentials = this.credentials.withDefaults(type, { ...structuredClone(stored?.data ?? {}), ...structuredClone(data) });
		const resolve = (value: unknown) =>
			typeof value === 'string'
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const request = test.request;
		try {
			await context.helpers.httpRequestWithAuthentication.call(
				context,
				type,
				{
					method: request.method ?? 'GET',
					url: `${String(resolve(request.baseURL) ?? '')}${String(resolve(request.url))}`,
					qs: request.qs,
					body: request.body,
					headers: request.headers as IDataObject,
					json: true,
				},
				{ credentialsDecrypted: { id: stored?.id ?? 'test', name: 'test', type, data: credentials } },
			);
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			// What n8n's tester answers: the status for an HTTP answer, the code for a network error, else the message.
			const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
			if (cause?.response) {
				// n8n's credentials tester: the first responseCode rule for the status, else the status text.
				const rule = test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === cause.response!.status);
				if (rule) return { status: 'Error', message: (rule.properties as { message: string }).message };
				return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
			}
			return { status: 'Error', message: cause?.code ?? (error as Error).message };
		}
	}
}

export interface PollState {
	staticData: IDataObject;
}
