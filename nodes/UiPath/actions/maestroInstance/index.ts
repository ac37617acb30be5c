// Maestro Instance: the runs of Maestro processes (the pims_ service). An instance's ID is the Key of the
// Orchestrator job that started it (Job → Start); the calls about one instance need its folder.
export * as cancel from './cancel.operation';
export * as get from './get.operation';
export * as getIncidents from './getIncidents.operation';
export * as getMany from './getMany.operation';
export * as getVariables from './getVariables.operation';
export * as pause from './pause.operation';
export * as resume from './resume.operation';
