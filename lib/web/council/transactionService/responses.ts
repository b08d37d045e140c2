import { getAddress, type Address } from "viem";

import { encodeExecSignatures } from "../safeTx.ts";
import type { ExecutedSafeTx } from "../history.ts";
import type { StoredCouncilQueueEntry, StoredCouncilSignature } from "../store.ts";
import type { SafeSignatureKind } from "../../../safe/signatures.ts";

/**
 * The Transaction Service's JSON, field for field as `@safe-global/types-kit` types it
 * (`SafeMultisigTransactionResponse`, `SafeMultisigConfirmationResponse`, `ListResponse`), built
 * from the store and the Safe's execution logs. Fields the service fills from its indexer and we
 * do not keep (gas used, fees, the executing transaction's gas prices) are `null`.
 */

const SIGNATURE_TYPES: Record<SafeSignatureKind, "EOA" | "ETH_SIGN" | "APPROVED_HASH" | "CONTRACT_SIGNATURE"> = {
  ecdsa: "EOA",
  ethSign: "ETH_SIGN",
  approvedHash: "APPROVED_HASH",
  contract: "CONTRACT_SIGNATURE",
};

/**
 * Where a stored transaction stands, beyond the service's `isExecuted`: `queued` (its nonce is
 * still ahead), `executed` (the Safe ran it, successfully or not), `replaced` (another
 * transaction used its nonce; its signatures are stale and are never offered for execution).
 */
export type QueueStatus = "queued" | "executed" | "replaced";

export interface QueueReading {
  /** The Safe's threshold and nonce now. */
  threshold: number;
  nonce: bigint;
  /** The Safe's executions on this chain, by safeTxHash (lower case). */
  executions: ReadonlyMap<string, ExecutedSafeTx>;
}

/** Executions by safeTxHash, for {@link QueueReading}. */
export const executionsByHash = (executions: readonly ExecutedSafeTx[]): Map<string, ExecutedSafeTx> =>
  new Map(executions.map((execution) => [execution.safeTxHash.toLowerCase(), execution]));

export function queueStatus(entry: Pick<StoredCouncilQueueEntry, "safeTxHash" | "safeTx">, reading: QueueReading): QueueStatus {
  if (reading.executions.has(entry.safeTxHash.toLowerCase())) return "executed";
  return BigInt(entry.safeTx.nonce) < reading.nonce ? "replaced" : "queued";
}

export function toConfirmationResponse({ owner, signature, kind, createdAt }: StoredCouncilSignature) {
  return { owner: getAddress(owner), submissionDate: createdAt, transactionHash: null, confirmationType: "CONFIRMATION", signature, signatureType: SIGNATURE_TYPES[kind] };
}

const isoOf = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * One stored transaction as the service answers it. `signatures` packs the collected
 * confirmations for `execTransaction` (sorted by owner, contract data appended) once there are
 * as many as the threshold; `queueStatus` (our addition) says whether it is queued, executed or
 * replaced.
 */
export function toTransactionResponse(entry: StoredCouncilQueueEntry, reading: QueueReading) {
  const execution = reading.executions.get(entry.safeTxHash.toLowerCase());
  const { safeTx } = entry;
  const modified = entry.signatures.at(-1)?.createdAt ?? entry.createdAt;
  const ready = entry.signatures.length >= reading.threshold;
  return {
    safe: getAddress(entry.safe),
    to: getAddress(safeTx.to),
    value: safeTx.value,
    data: safeTx.data === "0x" ? null : safeTx.data,
    operation: safeTx.operation,
    gasToken: getAddress(safeTx.gasToken),
    safeTxGas: safeTx.safeTxGas,
    baseGas: safeTx.baseGas,
    gasPrice: safeTx.gasPrice,
    refundReceiver: getAddress(safeTx.refundReceiver),
    nonce: safeTx.nonce,
    executionDate: execution ? isoOf(execution.timestamp) : null,
    submissionDate: entry.createdAt,
    modified: execution && isoOf(execution.timestamp) > modified ? isoOf(execution.timestamp) : modified,
    blockNumber: execution ? Number(execution.blockNumber) : null,
    transactionHash: execution?.transactionHash ?? null,
    safeTxHash: entry.safeTxHash,
    proposer: entry.proposer ?? entry.signatures[0]?.owner ?? null,
    proposedByDelegate: null,
    executor: execution?.executor ?? null,
    isExecuted: execution !== undefined,
    isSuccessful: execution ? execution.success : null,
    ethGasPrice: null,
    maxFeePerGas: null,
    maxPriorityFeePerGas: null,
    gasUsed: null,
    fee: null,
    origin: entry.origin ?? null,
    confirmationsRequired: reading.threshold,
    confirmations: entry.signatures.map(toConfirmationResponse),
    trusted: true,
    signatures: ready ? encodeExecSignatures(entry.signatures.map(({ owner, signature }) => ({ owner, signature }))) : null,
    queueStatus: queueStatus(entry, reading),
  };
}
export type TransactionResponse = ReturnType<typeof toTransactionResponse>;

/** The service's page: `{ count, next, previous, results }`, links absolute like Django REST framework's. */
export function pageOf<T>(all: readonly T[], url: URL, { limit, offset }: { limit: number; offset: number }) {
  const link = (at: number) => {
    const next = new URL(url);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("offset", String(at));
    return next.toString();
  };
  return {
    count: all.length,
    next: offset + limit < all.length ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: all.slice(offset, offset + limit),
  };
}

/** `GET /v1/safes/{address}/`: the Safe as the service describes it. */
export interface SafeInfoResponse {
  address: Address;
  nonce: string;
  threshold: number;
  owners: Address[];
  singleton: Address;
  masterCopy: Address;
  modules: Address[];
  fallbackHandler: Address;
  guard: Address;
  version: string;
}
