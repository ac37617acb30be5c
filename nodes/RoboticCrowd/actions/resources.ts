// The Robotic Crowd node's resources: each one's operations are its `<resource>/index.ts`.
import type { Resource } from '../../shared/resources';
import * as sessionQueue from './sessionQueue/index';
import * as token from './token/index';
import * as workflow from './workflow/index';

export const resources: Resource[] = [
	{ name: 'Run (Session Queue)', value: 'sessionQueue', defaultOperation: 'create', operations: sessionQueue },
	{ name: 'Token', value: 'token', defaultOperation: 'create', operations: token },
	{ name: 'Workflow', value: 'workflow', defaultOperation: 'getMany', operations: workflow },
];
