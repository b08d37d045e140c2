import type { Address } from "viem";

import type { GovernanceContracts, ParameterBounds, SequencerParameters } from "../../governance/index.ts";

/**
 * Everything the new-proposal form needs from the chain, read once on the server: the bounds the
 * contracts enforce (never retyped in the UI), the values in force (for before → after), and the
 * governor's settings. Plain data (bigints included) so it crosses into the client component as is.
 */
export interface ProposeContext {
  hubChainId: number;
  contracts: GovernanceContracts & { token: Address };
  /** Member chains as the manifest names them. */
  chains: ReadonlyArray<{ chainId: number; name: string }>;
  /** `parameterBounds()` of the SequencerConfigRegistry. */
  parameterBounds: ParameterBounds;
  /** The parameters in force now: scope 0 is the global default, else a chain's effective configuration. */
  current: ReadonlyArray<{ scope: number; parameters: SequencerParameters }>;
  registry: {
    minActivationDelay: bigint;
    approvalWindow: bigint;
    maxActivationDelay: bigint;
    minApprovalWindow: bigint;
    maxApprovalWindow: bigint;
    maxActivationLead: bigint;
  };
  governor: {
    votingDelay: bigint;
    votingPeriod: bigint;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    quorumDenominator: bigint;
    lateQuorumVoteExtension: bigint;
    proposalGuardian: Address;
    /** The timelock's minimum delay between queue and execute. */
    timelockDelay: bigint;
  };
  token: { symbol: string; decimals: number };
  /** The hub's latest block timestamp when the page loaded (the chain's "now", which devnets move). */
  now: bigint;
}

/** The parameters in force for a scope (0 = the global default), when the page read them. */
export function currentParameters(context: Pick<ProposeContext, "current">, scope: bigint): SequencerParameters | undefined {
  return context.current.find((entry) => BigInt(entry.scope) === scope)?.parameters;
}

/** A chain's manifest name, for sentences such as "Set base-local block time …". */
export function chainNameOf(context: Pick<ProposeContext, "chains">, chainId: bigint): string | undefined {
  return context.chains.find((chain) => BigInt(chain.chainId) === chainId)?.name;
}
