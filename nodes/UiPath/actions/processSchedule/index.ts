// Process Schedule: Orchestrator's time and queue triggers of a folder; list them, switch them on or off.
export * as disable from './disable.operation';
export * as enable from './enable.operation';
export * as getMany from './getMany.operation';
