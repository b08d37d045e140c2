import { BaseError, ContractFunctionRevertedError } from "viem";

/**
 * The custom error a contract call reverted with (e.g. `"RootTimestampInFuture"`), read from the
 * decoded revert anywhere in viem's error chain; `undefined` for anything else. Callers branch on
 * this name, never on message text.
 *
 * @example
 * if (revertName(error) === "GovernorNonexistentProposal") return undefined;
 */
export function revertName(error: unknown): string | undefined {
  const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}
