// Entity Record (Data Fabric): the records of an entity.
export * as get from './get.operation';
export * as getMany from './getMany.operation';
