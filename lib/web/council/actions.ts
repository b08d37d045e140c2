import type { Address, Hex } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { councilCall, decodeCouncilCall, type CouncilDecision } from "../../council/registryCalls.ts";
import { decodeProposalVetoCall, proposalVetoCall, type ProposalVeto } from "../../council/proposalVeto.ts";
import { decodeRootRejectionCall, rootRejectionCall, type RootRejection } from "../../council/rootCalls.ts";
import type { CouncilCall } from "../../council/types.ts";

/**
 * Everything the council signs through this app: registry decisions and proposal vetoes (on the
 * hub) and root rejections (a member chain's output on the hub, or a hub state on that member chain).
 */
export type CouncilAction = CouncilDecision | RootRejection | ProposalVeto;

export const isRootRejection = (action: CouncilAction): action is RootRejection => action.kind === "rejectOutput" || action.kind === "rejectHubState";

/** The Safe call of an action; `registry` is the hub's SequencerConfigRegistry (root rejections name their oracle). */
export function councilActionCall(registry: Address, action: CouncilAction): CouncilCall {
  if (action.kind === "vetoProposal") return proposalVetoCall(action);
  return isRootRejection(action) ? rootRejectionCall(action) : councilCall(registry, action);
}

/** The call an action makes, as a signer reads it: `approveChange(5)`, `rejectOutputs(901, 120, 0x1234…abcd)`. */
export function councilActionCallText(action: CouncilAction): string {
  const root = (hex: Hex) => `${hex.slice(0, 6)}…${hex.slice(-4)}`;
  switch (action.kind) {
    case "rejectOutput":
      return `rejectOutputs(${action.chainId}, ${action.blockNumber}, ${root(action.stateRoot)})`;
    case "rejectHubState":
      return `rejectHubStates(${action.blockNumber}, ${root(action.stateRoot)})`;
    case "approveChange":
    case "rejectChange":
      return `${action.kind}(${action.changeId})`;
    case "vetoProposal":
      // The governor's cancel takes the proposal's whole call; the id it hashes to names it.
      return `cancel(…) of proposal ${action.proposalId}`;
    default:
      return `${action.kind}(${action.chainId})`;
  }
}

/** What the council signs through this app on one chain where its Safe lives. */
export interface CouncilChain {
  chainId: number;
  name: string;
  /** What is collected here, in words (for refusals). */
  accepts: string;
  /** The action a Safe call is, when it is one collected on this chain for this deployment; else `undefined`. */
  decode(call: { to: Address; data: Hex }): CouncilAction | undefined;
}

/**
 * The chains the council Safe signs on through this app, and exactly what it may sign on each:
 * on the hub, registry decisions and rejections of a member chain's outputs on the deployment's
 * OutputOracle; on each member chain with a HubStateOracle, rejections of hub states on that
 * oracle. Anything else — another contract, another function, another chain's oracle — decodes
 * to `undefined`.
 *
 * @example
 * councilChains(manifest).find((chain) => chain.chainId === 901)?.decode(call) // { kind: "rejectHubState", … }
 */
export function councilChains(manifest: Pick<Manifest, "hub" | "members" | "contracts">): CouncilChain[] {
  const { sequencerConfig: registry, outputOracle, governor } = manifest.contracts;
  const memberIds = new Set(manifest.members.map((member) => BigInt(member.chainId)));
  const hub: CouncilChain = {
    chainId: manifest.hub.chainId,
    name: manifest.hub.name,
    accepts: `council decisions on the registry (approve or reject a change, pause or unpause), vetoes of a proposal (the governor's cancel)${outputOracle ? " and rejections of a member chain's output on the OutputOracle" : ""}`,
    decode: (call) => {
      const decision = decodeCouncilCall(registry, call) ?? decodeProposalVetoCall(governor, call);
      if (decision) return decision;
      const rejection = outputOracle && decodeRootRejectionCall(outputOracle, call);
      return rejection?.kind === "rejectOutput" && memberIds.has(rejection.chainId) ? rejection : undefined;
    },
  };
  const members = manifest.members.flatMap((member): CouncilChain[] => {
    const oracle = member.hubStateOracle;
    if (oracle === undefined) return [];
    return [
      {
        chainId: member.chainId,
        name: member.name,
        accepts: `rejections of a hub state on ${member.name}'s HubStateOracle ${oracle}`,
        decode: (call) => {
          const rejection = decodeRootRejectionCall(oracle, call);
          return rejection?.kind === "rejectHubState" ? rejection : undefined;
        },
      },
    ];
  });
  return [hub, ...members];
}
