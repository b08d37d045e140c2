import { decodeAbiParameters, type AbiParameter, type Hex } from "viem";

import { sequencerConfigRegistryAbi } from "../../contracts/index.ts";
import { pickMasked, type SequencerParameters } from "../parameters.ts";
import { RELEASE_KINDS } from "./encode.ts";
import type { GovernanceAction } from "./types.ts";

/** The registry's `ChangeKind`, in enum order (new kinds are appended on-chain, so indexes never move). */
export const CHANGE_KINDS = ["setParameters", "approveRelease", "replaceCouncil", "replaceOperator", "addChain", "removeChain"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * The change kind of the registry's enum value `kind`. Throws a RangeError for a value this build
 * does not know (a newer registry), rather than showing the change as something it is not.
 */
export function changeKindOf(kind: number): ChangeKind {
  const name = CHANGE_KINDS[kind];
  if (name === undefined) throw new RangeError(`unknown change kind ${kind}`);
  return name;
}

/** The registry's `ChangeStatus`, in enum order (`expired` and `active` are derived on-chain). */
export const CHANGE_STATUSES = [
  "unknown",
  "awaitingCouncil",
  "approved",
  "rejected",
  "cancelled",
  "expired",
  "active",
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

// The payload layouts are the ABI's own struct types, taken from the functions that schedule them.
function scheduleInput(name: "scheduleParameters" | "scheduleRelease", index: number): AbiParameter {
  const fn = sequencerConfigRegistryAbi.find((item) => item.type === "function" && item.name === name);
  const input = fn?.type === "function" ? fn.inputs[index] : undefined;
  if (!input) throw new Error(`the registry ABI has no input ${index} of ${name}`);
  return input;
}
const PARAMETERS_TUPLE = scheduleInput("scheduleParameters", 2);
const RELEASE_TUPLE = scheduleInput("scheduleRelease", 0);
const ADDRESS = { type: "address" } as const;

/** A scheduled change as `getChange` returns it (the fields this module reads). */
export interface RegistryChange {
  kind: number;
  chainId: bigint;
  requestedActivation: number;
  payload: Hex;
}

/**
 * The governance action a scheduled change carries, decoded from its stored payload: what the
 * council is asked to approve, in the same terms as the proposal that scheduled it.
 */
export function changeToAction(change: RegistryChange): GovernanceAction {
  const requestedActivation = BigInt(change.requestedActivation);
  const kind = changeKindOf(change.kind);
  switch (kind) {
    case "setParameters": {
      const [mask, parameters] = decodeAbiParameters([{ type: "uint8" }, PARAMETERS_TUPLE], change.payload);
      return {
        kind,
        chainId: change.chainId,
        changes: pickMasked(parameters as SequencerParameters, Number(mask)),
        requestedActivation,
      };
    }
    case "approveRelease": {
      const [decoded] = decodeAbiParameters([RELEASE_TUPLE], change.payload);
      const release = decoded as { major: number; minor: number; patch: number; kind: number; digest: Hex };
      const releaseKind = RELEASE_KINDS[release.kind];
      if (releaseKind === undefined) throw new RangeError(`unknown release kind ${release.kind}`);
      return { kind, release: { ...release, kind: releaseKind }, requestedActivation };
    }
    case "replaceCouncil": {
      const [council] = decodeAbiParameters([ADDRESS], change.payload);
      return { kind, council, requestedActivation };
    }
    case "replaceOperator": {
      const [operator] = decodeAbiParameters([ADDRESS], change.payload);
      return { kind, chainId: change.chainId, operator, requestedActivation };
    }
    case "addChain": {
      const [name, operator] = decodeAbiParameters([{ type: "string" }, ADDRESS], change.payload);
      return { kind, chainId: change.chainId, name, operator, requestedActivation };
    }
    case "removeChain":
      return { kind, chainId: change.chainId, requestedActivation };
  }
}
