// Account: the accounts of a legacy API key's user (getAccountsForUser).
export * as getMany from './getMany.operation';
