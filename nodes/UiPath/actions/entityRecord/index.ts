// Entity Record (Data Fabric): the records of an entity: read, query, create, update and delete them, one per
// input item or every input item in batch calls; upload and download the files of their File fields.
export * as create from './create.operation';
export * as createMany from './createMany.operation';
export * as delete from './delete.operation';
export * as deleteMany from './deleteMany.operation';
export * as downloadAttachment from './downloadAttachment.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
export * as update from './update.operation';
export * as updateMany from './updateMany.operation';
export * as uploadAttachment from './uploadAttachment.operation';
