// Queue Item: add work for robots (one call per input item, or every input item in one bulk call), get, get many,
// update, delete.
export * as add from './add.operation';
export * as delete from './delete.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
export * as update from './update.operation';
