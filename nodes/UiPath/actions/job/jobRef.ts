// The Job field of Get and Stop: a numeric Id or a Key (GUID), read as the job it names.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findJobByKey, getJob, type Job } from '../../api/jobs';
import type { FolderRef } from '../../transport';
import { textOf } from '../../../shared/text';

export const jobField: INodeProperties = {
	displayName: 'Job',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234 or a job Key',
	description: "The job's numeric ID, or its Key (GUID)",
};

const JOB_KEY = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function notAJob(this: IExecuteFunctions, ref: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), `"${ref}" is neither a job ID nor a job Key`, {
		itemIndex,
		description: 'Give the numeric Id or the Key (GUID) of the job, e.g. from Start or Get Many.',
	});
}

/** The job's Key: as given, or read from the job when the item gives its Id (ResumeJob and RobotLogs want the Key). */
export async function jobKeyOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<string> {
	const ref = textOf(this.getNodeParameter('jobId', itemIndex)).trim();
	if (JOB_KEY.test(ref)) return ref;
	if (/^\d+$/.test(ref)) return (await getJob(this, Number(ref), folder, itemIndex)).Key;
	throw notAJob.call(this, ref, itemIndex);
}

/** The job's Id: as given, or found by its Key (RestartJob wants the Id). */
export async function jobIdOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<number> {
	const ref = textOf(this.getNodeParameter('jobId', itemIndex)).trim();
	if (/^\d+$/.test(ref)) return Number(ref);
	return (await jobOf.call(this, folder, itemIndex)).Id;
}

export async function jobOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<Job> {
	const ref = textOf(this.getNodeParameter('jobId', itemIndex)).trim();
	if (/^\d+$/.test(ref)) return await getJob(this, Number(ref), folder, itemIndex);
	if (/^[0-9a-fA-F-]{36}$/.test(ref)) {
		const job = await findJobByKey(this, ref, folder, itemIndex);
		if (job) return job;
		throw new NodeOperationError(this.getNode(), `There is no job with Key ${ref} in this folder`, { itemIndex, description: 'Check the Key and the folder.' });
	}
	throw notAJob.call(this, ref, itemIndex);
}
