// Orchestrator refuses a change to something in the wrong state with a 400 or 409 whose message names the state;
// the node adds what to do about it.
import { NodeApiError, type IExecuteFunctions } from "n8n-workflow";

import { asNodeError } from "../../shared/router";

/** Runs `call`; a 400 or 409 it fails with gets `description` as its advice. */
export async function withStateAdvice<T>(
  ctx: IExecuteFunctions,
  itemIndex: number,
  call: () => Promise<T>,
  description: string,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (
      error instanceof NodeApiError &&
      (error.httpCode === "400" || error.httpCode === "409")
    )
      error.description = description;
    throw asNodeError(ctx, error, itemIndex);
  }
}
