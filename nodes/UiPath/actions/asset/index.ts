// Asset: a folder's assets by name, with their value in one `value` field; create, update, delete them.
// Secrets never reach the output.
export * as create from './create.operation';
export * as delete from './delete.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
export * as update from './update.operation';
