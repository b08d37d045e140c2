/**
 * How a pending transaction is stored in etcd: the store's checked record as JSON, without its
 * sequence number, which is the write's revision and its place in the batch (`revision << 16 |
 * index`), so every replica numbers the log alike.
 */
import type { IKeyValue, IResponseOp, ITxnResponse } from "etcd3";
import type { Address, Hex } from "viem";
import { z } from "zod";

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

const decimal = z.string().regex(/^(?:0|[1-9][0-9]*)$/);
const hex = (bytes?: number) => z.string().regex(bytes === undefined ? /^0x(?:[0-9a-fA-F]{2})*$/ : new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`));

/**
 * The stored JSON: the store's checked record (lib/sequencer/store/records.ts) less its sequence,
 * with the write's place in its batch. Checked on every read: etcd validates nothing, and a value
 * this code did not write must not reach a mempool.
 */
const storedRecordSchema = z.object({
  hash: hex(32),
  chain_id: z.int().positive(),
  sender: hex(20),
  nonce: decimal,
  raw: hex(),
  gas: decimal,
  value: decimal,
  max_fee_per_gas: decimal,
  max_priority_fee_per_gas: decimal,
  size: z.int().nonnegative(),
  received_at: z.int(),
  index: z.int().nonnegative().max(0xffff),
});

export function decodeEntry(key: string, kv: IKeyValue): LogEntry {
  const record = storedRecordSchema.parse(JSON.parse(kv.value.toString()));
  const modRevision = BigInt(kv.mod_revision);
  return {
    key,
    modRevision,
    transaction: {
      hash: record.hash as Hex,
      chainId: record.chain_id,
      sender: record.sender as Address,
      nonce: BigInt(record.nonce),
      raw: record.raw as Hex,
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
