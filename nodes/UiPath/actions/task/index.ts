// Task: Action Center tasks (generic and form tasks) of a folder: a person in the loop of a workflow.
export * as assign from './assign.operation';
export * as complete from './complete.operation';
export * as create from './create.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
