// Process: the processes (releases) published to a folder. Their Key is what Job → Start runs.
export * as get from './get.operation';
export * as getMany from './getMany.operation';
