// Folder: the folders (organization units) the credential can see. Not folder-scoped itself.
export * as getMany from './getMany.operation';
