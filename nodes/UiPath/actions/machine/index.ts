// Machine: the tenant's machines and machine templates, with their unattended slots.
export * as getMany from './getMany.operation';
