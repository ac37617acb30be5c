// Pause, Resume and Cancel: one POST on the instance the Instance field names, with an optional comment (shown in
// its action history). Maestro allows each in some states only and refuses the others with a 400 naming the state.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/parameters';
import { textOf } from '../../../shared/text';
import { withStateAdvice } from '../../api/conflicts';
import { changeInstance, type InstanceAction } from '../../api/maestro';
import { instanceField, instanceFolderField, instanceTargetOf } from './instanceRef';

const ADVICE: Record<InstanceAction, string> = {
	pause: 'Pause works on a Running instance only (it pauses once the running steps have completed). A Paused one is paused already; a Completed, Cancelled or Faulted one has ended. Maestro Instance → Get shows its state (latestRunStatus).',
	resume: 'Resume works on a Paused instance only; a Pausing one becomes Paused in a moment. Maestro Instance → Get shows its state (latestRunStatus).',
	cancel: 'Cancel works on a Running, Paused or Faulted instance; a Pending one cannot be cancelled yet, and a Completed or Cancelled one has ended. Maestro Instance → Get shows its state (latestRunStatus).',
};

/** The option, fields and execute of one of the three operations. */
export function instanceChange(action: InstanceAction, summary: { name: string; action: string; description: string }) {
	const description: INodeProperties[] = [
		instanceFolderField,
		instanceField,
		optionsCollection('changeOptions', [
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: "Why: shown in the instance's action history" },
		]),
	];
	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const { instanceId, folderKey } = await instanceTargetOf.call(this, itemIndex);
		const options = this.getNodeParameter('changeOptions', itemIndex, {}) as IDataObject;
		const comment = textOf(options.comment).trim() || undefined;
		const answer = await withStateAdvice(this, itemIndex, async () => await changeInstance(this, action, instanceId, folderKey, comment, itemIndex), ADVICE[action]);
		return { ...answer, action, comment: comment ?? null };
	}
	return { option: summary, description, execute };
}
