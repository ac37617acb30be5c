// Bucket File: the files in a storage bucket, moved as n8n binary data through the URIs Orchestrator hands out.
export * as delete from './delete.operation';
export * as download from './download.operation';
export * as getMany from './getMany.operation';
export * as upload from './upload.operation';
