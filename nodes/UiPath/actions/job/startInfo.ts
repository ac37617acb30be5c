// The startInfo of StartJobs, read from one item: release key (a name is looked up once per execution),
// strategy and robots, input arguments (inputArguments.ts), options.
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { numberParameter } from '../../../shared/numbers';
import { findReleaseKey } from '../../api/releases';
import type { FolderRef } from '../../transport';
import { inputArgumentsOf } from './inputArguments';

const RELEASE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Release keys looked up by name, per node execution: a batch of items starting the same process asks once.
const releaseKeyCache = new WeakMap<object, Map<string, string>>();

export async function releaseKeyOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<string> {
	const locator = this.getNodeParameter('process', itemIndex) as { mode: string; value: string };
	const value = String(locator?.value ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), 'Pick a process', { itemIndex, description: 'Choose the process to run from the list, or give its name or release key.' });
	}
	// Switching the locator's mode keeps its value: a name left under "From List" or "By Release Key" is looked up
	// as a name rather than sent as a key (which UiPath answers with error 1002).
	if (locator.mode !== 'name' && RELEASE_KEY.test(value)) return value;
	const cache = releaseKeyCache.get(this.getInputData()) ?? new Map<string, string>();
	releaseKeyCache.set(this.getInputData(), cache);
	const cacheKey = `${folder.by}:${folder.value}:${value}`;
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	const key = await findReleaseKey(this, value, folder, itemIndex);
	if (!key) {
		const notAKey = locator.mode === 'name' ? '' : `"${value}" is not a release key (a GUID), and t`;
		throw new NodeOperationError(this.getNode(), `${notAKey || 'T'}here is no process named "${value}" in this folder`, {
			itemIndex,
			description: notAKey
				? 'Pick the process from the list again, or switch the Process field to By Name. Process → Get Many lists the processes of a folder.'
				: 'Process → Get Many lists the processes of a folder; the name must match exactly. A process must be published to the folder before it can run.',
		});
	}
	cache.set(cacheKey, key);
	return key;
}

/**
 * A count of jobs or robots: a whole number. Its range is Orchestrator's to say (1 to 10,000 jobs): its 400 names
 * the field and the range, and starts nothing.
 */
function countOf(this: IExecuteFunctions, name: string, label: string, itemIndex: number): number {
	return numberParameter.call(this, name, itemIndex, 1, { label, what: 'a whole number', integer: true, advice: `Give the ${label.toLowerCase()} as a whole number, 1 or more.` });
}

/** Which robots run it: the strategy and what it needs. */
function robotsOf(this: IExecuteFunctions, itemIndex: number, strategy: string): IDataObject {
	if (strategy === 'ModernJobsCount' || strategy === 'JobsCount') return { JobsCount: countOf.call(this, 'jobsCount', 'Jobs Count', itemIndex) };
	if (strategy === 'RobotCount') return { NoOfRobots: countOf.call(this, 'noOfRobots', 'Number of Robots', itemIndex) };
	// As the seed sends All: no robot list, Orchestrator uses every robot of the folder.
	if (strategy === 'All') return { RobotIds: [], NoOfRobots: 0 };
	if (strategy !== 'Specific') return {};
	const ids = String(this.getNodeParameter('robotIds', itemIndex, ''))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!ids.length || ids.some((id) => !/^\d+$/.test(id))) {
		throw new NodeOperationError(this.getNode(), 'Robot IDs must be numbers separated by commas', {
			itemIndex,
			description: 'Robot → Get Many lists the robots of the folder and their IDs.',
		});
	}
	return { RobotIds: ids.map(Number) };
}

export function startInfoOf(this: IExecuteFunctions, itemIndex: number, releaseKey: string): IDataObject {
	const strategy = this.getNodeParameter('strategy', itemIndex) as string;
	const options = this.getNodeParameter('startOptions', itemIndex, {}) as IDataObject;
	const startInfo: IDataObject = { ReleaseKey: releaseKey, Strategy: strategy, ...robotsOf.call(this, itemIndex, strategy) };
	const inputArguments = inputArgumentsOf.call(this, itemIndex);
	if (inputArguments !== undefined) startInfo.InputArguments = inputArguments;
	if (options.jobPriority) startInfo.JobPriority = options.jobPriority;
	if (options.runtimeType) startInfo.RuntimeType = options.runtimeType;
	if (options.reference) {
		const reference = String(options.reference);
		if (reference.length > 128) {
			throw new NodeOperationError(this.getNode(), 'Reference is longer than 128 characters', { itemIndex });
		}
		startInfo.Reference = reference;
	}
	return startInfo;
}
