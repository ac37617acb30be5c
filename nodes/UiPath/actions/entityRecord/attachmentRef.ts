// The parameters Upload Attachment and Download Attachment share: the record, its File field, the binary field.
import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { textOf } from '../../../shared/text';
import { entityIdOf, entityLocator, recordIdOf } from './entityRef';
import { recordIdParameter } from './recordFields';

export function attachmentFields(binary: INodeProperties): INodeProperties[] {
	return [
		entityLocator,
		recordIdParameter,
		{
			displayName: 'File Field',
			name: 'fileField',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. scan',
			description: "The name of the entity's File field (case-sensitive)",
		},
		binary,
	];
}

export interface AttachmentRef {
	entityId: string;
	recordId: string;
	field: string;
}

export function attachmentRefOf(this: IExecuteFunctions, itemIndex: number): AttachmentRef {
	const entityId = entityIdOf.call(this, itemIndex);
	const recordId = recordIdOf.call(this, itemIndex);
	const field = textOf(this.getNodeParameter('fileField', itemIndex, '')).trim();
	if (!field) {
		throw new NodeOperationError(this.getNode(), 'Give the File Field', { itemIndex, description: "The name of the entity's File field, as Entity → Get Many lists it (case-sensitive)." });
	}
	return { entityId, recordId, field };
}
