import type { Address, Hex } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { councilCall, decodeCouncilCall, type CouncilDecision } from "../../council/registryCalls.ts";
import { decodeRootRejectionCall, rootRejectionCall, type RootRejection } from "../../council/rootCalls.ts";
import type { CouncilCall } from "../../council/types.ts";

/**
 * Everything the council signs through this app: registry decisions (on the hub) and root
 * rejections (a member chain's output on the hub, or a hub state on that member chain).
 */
export type CouncilAction = CouncilDecision | RootRejection;

export const isRootRejection = (action: CouncilAction): action is RootRejection => action.kind === "rejectOutput" || action.kind === "rejectHubState";

/** The Safe call of an action; `registry` is the hub's SequencerConfigRegistry (root rejections name their oracle). */
export function councilActionCall(registry: Address, action: CouncilAction): CouncilCall {
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
  const { sequencerConfig: registry, outputOracle } = manifest.contracts;
  const memberIds = new Set(manifest.members.map((member) => BigInt(member.chainId)));
  const hub: CouncilChain = {
    chainId: manifest.hub.chainId,
    name: manifest.hub.name,
    accepts: `council decisions on the registry (approve or reject a change, pause or unpause)${outputOracle ? " and rejections of a member chain's output on the OutputOracle" : ""}`,
    decode: (call) => {
      const decision = decodeCouncilCall(registry, call);
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
