// Custom API Call: any Orchestrator route the node does not cover yet, with its credential, folder and retries.
export * as send from './send.operation';
