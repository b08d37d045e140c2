import type { Address, Hex } from "viem";
import * as z from "zod/mini";

import { spokeTokenAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import type { PreparedCall } from "../../crosschain/prepare.ts";
import { COMMON_REFUSALS, type RefusalJson } from "../provenCalls/errors.ts";
import { addressJson, chainIdJson, proofJson, proofToJson, uintJson, type UintJson } from "../provenCalls/wire.ts";
import type { ContractWrite } from "../useTransaction.ts";
import type { TransferKind } from "./transfers.ts";

/**
 * A finalization call as `GET /api/bridge/prepare` answers it: `PreparedCall` without the ABI
 * (the browser has it) and with bigints as decimal strings, since JSON has none. Both
 * finalizations take the same arguments: `(id, recipient, amount, blockNumber, accountProof,
 * storageProof)`.
 */
export interface PreparedFinalizationJson {
  kind: TransferKind;
  chainId: number;
  address: Address;
  functionName: "finalizeDeposit" | "finalizeWithdrawal";
  args: [id: UintJson, recipient: Address, amount: UintJson, blockNumber: UintJson, accountProof: Hex[], storageProof: Hex[]];
}

const FUNCTION: Record<TransferKind, PreparedFinalizationJson["functionName"]> = { deposit: "finalizeDeposit", withdrawal: "finalizeWithdrawal" };

/** The API's JSON for a call `prepareFinalizeDeposit` / `prepareFinalizeWithdrawal` returned. */
export function toPreparedJson(kind: TransferKind, call: PreparedCall): PreparedFinalizationJson {
  const [id, recipient, amount, blockNumber, accountProof, storageProof] = call.args as [bigint, Address, bigint, bigint, Hex[], Hex[]];
  return {
    kind,
    chainId: call.chainId,
    address: call.address,
    functionName: FUNCTION[kind],
    args: [id.toString(), recipient, amount.toString(), blockNumber.toString(), proofToJson(accountProof), proofToJson(storageProof)],
  };
}

const preparedSchema = z.object({
  kind: z.enum(["deposit", "withdrawal"]),
  chainId: chainIdJson,
  address: addressJson,
  functionName: z.enum(["finalizeDeposit", "finalizeWithdrawal"]),
  args: z.tuple([uintJson, addressJson, uintJson, uintJson, proofJson, proofJson]),
});

/** The finalization the browser sends with `useTransaction().send`. */
export type FinalizationWrite =
  | ContractWrite<typeof spokeTokenAbi, "finalizeDeposit">
  | ContractWrite<typeof spokeVotePoolAbi, "finalizeWithdrawal">;

/**
 * The API's answer back to a contract write, checked: the kind and the function must agree, so
 * a confused answer never asks the wallet to sign something else. Undefined when malformed.
 */
export function fromPreparedJson(json: unknown): FinalizationWrite | undefined {
  const parsed = preparedSchema.safeParse(json);
  if (!parsed.success || FUNCTION[parsed.data.kind] !== parsed.data.functionName) return undefined;
  const { chainId, address: target, args } = parsed.data;
  const [id, recipient, amount, blockNumber, accountProof, storageProof] = args as [bigint, Address, bigint, bigint, Hex[], Hex[]];
  return parsed.data.kind === "deposit"
    ? { chainId, address: target, abi: spokeTokenAbi, functionName: "finalizeDeposit", args: [id, recipient, amount, blockNumber, accountProof, storageProof] }
    : { chainId, address: target, abi: spokeVotePoolAbi, functionName: "finalizeWithdrawal", args: [id, recipient, amount, blockNumber, accountProof, storageProof] };
}

/** Why the prepare API refused: the code clients branch on, with its HTTP status. */
export const PREPARE_REFUSALS = {
  ...COMMON_REFUSALS,
  /** The chain is the hub, or a member without a bridge (spoke). */
  no_bridge: 404,
  unknown_transfer: 404,
  already_finalized: 409,
} as const;
export type PrepareRefusalCode = keyof typeof PREPARE_REFUSALS;

/** The API's refusal body. `committedBlock` comes with `not_yet_provable` (null: nothing committed yet). */
export type PrepareRefusalJson = RefusalJson<PrepareRefusalCode>;
