// Job: start a process (optionally waiting for it), get one, get many, stop. One line per operation.
export * as get from './get.operation';
export * as getMany from './getMany.operation';
export * as start from './start.operation';
export * as stop from './stop.operation';
