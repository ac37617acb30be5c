// Robot: the robots of a folder. Their IDs are what Job → Start takes with the Specific Robots strategy.
export * as getMany from './getMany.operation';
