import type { Address, Hex } from "viem";

import type { SequencerParameters } from "../parameters.ts";

/** The contracts a proposal may call, by role. */
export interface GovernanceContracts {
  governor: Address;
  timelock: Address;
  memberChains: Address;
  sequencerConfig: Address;
}

export type ReleaseKind = "recommended" | "required";

export interface Release {
  major: number;
  minor: number;
  patch: number;
  kind: ReleaseKind;
  /** sha-256 of the sequencer build. */
  digest: Hex;
}

/** Unix seconds; 0 means "as soon as the council's approval allows". */
type Activation = { requestedActivation: bigint };

/**
 * Every action a proposal can carry, as a discriminated union. Sequencer changes (parameters,
 * releases, the council, operators, adding and removing member chains) are scheduled on the
 * SequencerConfigRegistry and wait for the council; the others take effect on execution.
 */
export type GovernanceAction =
  | ({ kind: "setParameters"; chainId: bigint; changes: Partial<SequencerParameters> } & Activation)
  | ({ kind: "approveRelease"; release: Release } & Activation)
  | ({ kind: "replaceCouncil"; council: Address } & Activation)
  | ({ kind: "replaceOperator"; chainId: bigint; operator: Address } & Activation)
  | { kind: "cancelChange"; changeId: bigint }
  | { kind: "unpause"; chainId: bigint }
  | { kind: "updateMinActivationDelay"; seconds: bigint }
  | { kind: "updateApprovalWindow"; seconds: bigint }
  | ({ kind: "addChain"; chainId: bigint; name: string; operator: Address } & Activation)
  | ({ kind: "removeChain"; chainId: bigint } & Activation)
  | { kind: "setVotingDelay"; seconds: bigint }
  | { kind: "setVotingPeriod"; seconds: bigint }
  | { kind: "setProposalThreshold"; amount: bigint }
  | { kind: "updateQuorumNumerator"; percent: bigint }
  | { kind: "setLateQuorumVoteExtension"; seconds: bigint }
  | { kind: "setProposalGuardian"; guardian: Address }
  | { kind: "setVoteSource"; chainId: bigint; source: Address };

/** Calldata the codec does not recognise, kept whole so nothing is hidden from a voter. */
export interface UnknownAction {
  kind: "unknown";
  target: Address;
  value: bigint;
  /** The 4-byte selector, or "0x" for a plain transfer. */
  selector: Hex;
  /** The arguments as raw 32-byte words. */
  words: Hex[];
  data: Hex;
}

export type DecodedAction = GovernanceAction | UnknownAction;

export type ActionKind = GovernanceAction["kind"];

/** One call of a proposal. */
export interface ProposalCall {
  target: Address;
  value: bigint;
  data: Hex;
}

/** What the governor's `propose` takes. */
export interface ProposalInput {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
}
