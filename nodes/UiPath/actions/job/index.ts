// Job: start a process (optionally waiting for it), get one, get many, stop, restart, resume, its logs.
export * as get from './get.operation';
export * as getLogs from './getLogs.operation';
export * as getMany from './getMany.operation';
export * as restart from './restart.operation';
export * as resume from './resume.operation';
export * as start from './start.operation';
export * as stop from './stop.operation';
