// Bucket: the storage buckets of a folder, where robots and workflows exchange files (see Bucket File).
export * as getMany from './getMany.operation';
