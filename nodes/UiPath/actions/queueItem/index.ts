// Queue Item: add work for robots (one call per input item, or every input item in one bulk call), get, get many.
export * as add from './add.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
