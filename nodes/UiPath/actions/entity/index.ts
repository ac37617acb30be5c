// Entity (Data Fabric): the tenant's entities, with their fields.
export * as getMany from './getMany.operation';
