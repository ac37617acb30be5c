// Run (Session Queue): one run of a Robotic Crowd workflow. One line per operation.
export * as cancel from './cancel.operation';
export * as create from './create.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
