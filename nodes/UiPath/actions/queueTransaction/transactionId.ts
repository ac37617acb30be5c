// The Transaction field of Set Result and Set Progress: the Id of the queue item Start returned.
import type { INodeProperties } from 'n8n-workflow';

import { queueItemIdField } from '../queueItem/itemId';

export const transactionIdField: INodeProperties = {
	...queueItemIdField,
	description: 'The numeric ID of the queue item that Queue Transaction → Start returned: drag its ID field from the input here',
};
