// Tenant: the tenants (service instances) of a legacy account (getAllServiceInstances).
export * as getMany from './getMany.operation';
