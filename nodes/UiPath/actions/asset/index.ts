// Asset: read a folder's assets by name, with their value in one `value` field. Secrets never reach the output.
export * as get from './get.operation';
export * as getMany from './getMany.operation';
