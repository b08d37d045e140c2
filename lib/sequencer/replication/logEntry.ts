/**
 * How a pending transaction is stored in etcd: the store's checked record as JSON, without its
 * sequence number, which is the write's revision and its place in the batch (`revision << 16 |
 * index`), so every replica numbers the log alike.
 */
import type { IKeyValue, IResponseOp, ITxnResponse } from "etcd3";
import type { Address, Hex } from "viem";

import type { PendingTransaction } from "../types.ts";

/** Sequence numbers are `revision << 16 | place in the batch`: ordered across every replica. */
export const BATCH_BITS = 16n;

/** A pending transaction as the mirror holds it: its key and the revision of its last write. */
export interface LogEntry {
  key: string;
  transaction: PendingTransaction;
  modRevision: bigint;
}

/** The stored JSON with the write's place in its batch (part of its sequence number). */
export function withIndex(encoded: string, index: number): string {
  return `${encoded.slice(0, -1)},"index":${index}}`;
}

export function nested(response: IResponseOp | undefined): ITxnResponse {
  if (!response?.response_txn) throw new Error("etcd answered a batch without its nested transaction");
  return response.response_txn;
}

interface StoredRecord {
  hash: Hex;
  chain_id: number;
  sender: Address;
  nonce: string;
  raw: Hex;
  gas: string;
  value: string;
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  size: number;
  received_at: number;
  index: number;
}

export function decodeEntry(key: string, kv: IKeyValue): LogEntry {
  const record = JSON.parse(kv.value.toString()) as StoredRecord;
  const modRevision = BigInt(kv.mod_revision);
  return {
    key,
    modRevision,
    transaction: {
      hash: record.hash,
      chainId: record.chain_id,
      sender: record.sender,
      nonce: BigInt(record.nonce),
      raw: record.raw,
      gas: BigInt(record.gas),
      value: BigInt(record.value),
      maxFeePerGas: BigInt(record.max_fee_per_gas),
      maxPriorityFeePerGas: BigInt(record.max_priority_fee_per_gas),
      size: record.size,
      sequence: (modRevision << BATCH_BITS) | BigInt(record.index),
      receivedAt: record.received_at,
    },
  };
}
