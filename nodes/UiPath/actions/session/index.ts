// Session: the robot sessions of a folder: which robots are connected, and which of them are free.
export * as getMany from './getMany.operation';
