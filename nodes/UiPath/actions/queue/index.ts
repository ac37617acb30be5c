// Queue: the queue definitions of a folder (what Queue Item and Queue Transaction work on).
export * as getMany from './getMany.operation';
