// One of everything in the Shared folder, for scripts/operation-report.js.
'use strict';

/** @param {any} sim @param {{ Id: number }} shared */
function seedWorld(sim, shared) {
	sim.addExternalApp({ clientId: 'narrow-app', clientSecret: 'narrow-secret-1', scopes: ['OR.Folders.Read'] });
	const release = sim.addRelease({
		folderId: shared.Id,
		name: 'InvoiceProcessing',
		queueDelayMs: 100,
		durationMs: 300,
		inputArgumentsSchema: [{ name: 'invoiceId', type: 'System.String', required: true }],
		outputArguments: { total: 42 },
	});
	const robot = sim.addRobot({ folderId: shared.Id, name: 'bot-1' });
	const finished = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Successful' });
	const faulted = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Faulted' });
	const running = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Running' });
	const suspended = sim.addJob({ folderId: shared.Id, releaseId: release.Id, state: 'Suspended' });
	sim.addRobotLog({ jobId: faulted.Id, level: 'Error', message: 'Selector not found' });
	sim.addRobotLog({ jobId: faulted.Id, level: 'Info', message: 'Opened the invoice' });
	const queue = sim.addQueue({ folderId: shared.Id, name: 'Invoices' });
	const item = sim.addQueueItem({ queueId: queue.Id, specificContent: { invoiceId: 'INV-1' }, reference: 'INV-1' });
	const item2 = sim.addQueueItem({ queueId: queue.Id, specificContent: { invoiceId: 'INV-2' }, reference: 'INV-2' });
	sim.addAsset({ folderId: shared.Id, name: 'Mailbox', valueType: 'Text', value: 'a@acme.test' });
	const bucket = sim.addBucket({ folderId: shared.Id, name: 'Inbox' });
	sim.putBucketFile(bucket.Id, 'in/a.txt', Buffer.from('hello'), 'text/plain');
	sim.addMachine({ name: 'Pool' });
	sim.addSession({ robotId: robot.Id });
	const schedule = sim.addSchedule({ releaseId: release.Id, name: 'Nightly' });
	const user = sim.addUser({ userName: 'ann', email: 'ann@acme.test', folderIds: [shared.Id] });
	const task = sim.addTask({ folderId: shared.Id, title: 'Approve' });
	return { release, robot, finished, faulted, running, suspended, queue, item, item2, bucket, schedule, user, task };
}

module.exports = { seedWorld };
