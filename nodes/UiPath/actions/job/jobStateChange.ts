// Restart and Resume: one call on the job the Job field names, which Orchestrator allows in some states only.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withStateAdvice } from '../../api/conflicts';
import { withParsedArguments, type Job } from '../../api/jobs';
import type { FolderRef } from '../../transport';
import { folderOf } from '../common';

type JobRefOf<R> = (this: IExecuteFunctions, folder: FolderRef, itemIndex: number) => Promise<R>;
type JobCall<R> = (ctx: IExecuteFunctions, ref: R, folder: FolderRef, itemIndex: number) => Promise<Job>;

/** The operation's execute: the job as `refOf` reads it (Id or Key), the call, and what to do when its state refuses. */
export function jobStateChange<R>(refOf: JobRefOf<R>, call: JobCall<R>, stateAdvice: string) {
	return async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const folder = folderOf.call(this, itemIndex);
		const ref = await refOf.call(this, folder, itemIndex);
		const job = await withStateAdvice(this, itemIndex, async () => await call(this, ref, folder, itemIndex), stateAdvice);
		return withParsedArguments(job);
	};
}
