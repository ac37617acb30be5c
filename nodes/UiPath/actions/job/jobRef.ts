// The Job field of Get and Stop: a numeric Id or a Key (GUID), read as the job it names.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { findJobByKey, getJob, type Job } from '../../api/jobs';
import type { FolderRef } from '../../transport';

export const jobField: INodeProperties = {
	displayName: 'Job',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234 or a job Key',
	description: "The job's numeric ID, or its Key (GUID)",
};

export async function jobOf(this: IExecuteFunctions, folder: FolderRef, itemIndex: number): Promise<Job> {
	const ref = String(this.getNodeParameter('jobId', itemIndex)).trim();
	if (/^\d+$/.test(ref)) return await getJob(this, Number(ref), folder, itemIndex);
	if (/^[0-9a-fA-F-]{36}$/.test(ref)) {
		const job = await findJobByKey(this, ref, folder, itemIndex);
		if (job) return job;
		throw new NodeOperationError(this.getNode(), `There is no job with Key ${ref} in this folder`, { itemIndex, description: 'Check the Key and the folder.' });
	}
	throw new NodeOperationError(this.getNode(), `"${ref}" is neither a job ID nor a job Key`, {
		itemIndex,
		description: 'Give the numeric Id or the Key (GUID) of the job, e.g. from Start or Get Many.',
	});
}
