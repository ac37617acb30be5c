// Workflow: the project's workflows (what a run can start).
export * as getMany from './getMany.operation';
