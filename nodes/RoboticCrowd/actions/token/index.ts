// Token: mint a JWT for another system (the only output that carries a token).
export * as create from './create.operation';
