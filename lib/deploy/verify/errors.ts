import { BaseError } from "../../errors.ts";
import type { Deviation } from "./compare.ts";

/** Something kept `superchain deploy verify` from reading the deployment at all. */
export class DeploymentVerifyError extends BaseError {
  override name = "DeploymentVerifyError";
}

/** A chain of the manifest did not answer at its RPC URL. */
export class DeploymentChainUnreachableError extends DeploymentVerifyError {
  override name = "DeploymentChainUnreachableError";
  readonly chain: string;
  constructor({ chain, rpcUrl, cause }: { chain: string; rpcUrl: string; cause: unknown }) {
    super(`${chain} does not answer at ${rpcUrl}`, { details: cause instanceof Error ? (cause.message.split("\n")[0] ?? cause.message) : String(cause), cause });
    this.chain = chain;
  }
}

/** A chain's RPC URL serves another chain than the manifest says. */
export class DeploymentChainMismatchError extends DeploymentVerifyError {
  override name = "DeploymentChainMismatchError";
  constructor({ chain, rpcUrl, expected, actual }: { chain: string; rpcUrl: string; expected: number; actual: number }) {
    super(`${rpcUrl} serves chain ${actual}, but the manifest names it ${chain} (chain ${expected})`);
  }
}

/** The deployment left a power where docs/DESIGN.md says it must not be (see `deviations`). */
export class HandoverDeviationError extends DeploymentVerifyError {
  override name = "HandoverDeviationError";
  readonly deviations: readonly Deviation[];
  constructor(deviations: readonly Deviation[]) {
    super(`the deployment's powers differ from the manifest in ${deviations.length} place${deviations.length === 1 ? "" : "s"}`, {
      details: deviations.map((d) => d.message).join("\n"),
    });
    this.deviations = deviations;
  }
}

export type VerifyDeploymentErrorType = DeploymentChainUnreachableError | DeploymentChainMismatchError;
