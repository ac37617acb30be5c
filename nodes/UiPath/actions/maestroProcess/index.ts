// Maestro Process: the BPMN / agentic processes of UiPath Maestro (the pims_ service), with their instance counts.
// A Maestro process is an Orchestrator process (release) of type ProcessOrchestration: Job → Start starts an instance.
export * as getIncidents from './getIncidents.operation';
export * as getMany from './getMany.operation';
