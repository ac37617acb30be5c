import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withParsedArguments } from '../../api/jobs';
import { folderField, folderOf } from '../common';
import { jobField, jobOf } from './jobRef';

export const option = { name: 'Get', action: 'Get a job', description: 'Get one job by its ID or Key' };

export const description: INodeProperties[] = [folderField, jobField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return withParsedArguments(await jobOf.call(this, folderOf.call(this, itemIndex), itemIndex));
}
