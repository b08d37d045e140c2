/**
 * A transaction as the store keeps it: the row's columns, and the checks and conversions between
 * a {@link PendingTransaction} and a row.
 */
import type { SQLOutputValue } from "node:sqlite";

import type { Address, Hex } from "viem";

import type { PendingTransaction } from "../types.ts";
import { StoreInvalidTransactionError } from "./errors.ts";

export const INT64_MAX = (1n << 63n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX = /^0x[0-9a-fA-F]*$/;

/** The columns of a stored transaction, in the order the statements name them. */
export const TRANSACTION_COLUMNS =
  "sequence, hash, chain_id, sender, nonce, raw, gas, value, max_fee_per_gas, max_priority_fee_per_gas, size, received_at";

/**
 * A transaction's row, checked and encoded by the store, in a form JSON carries to the writer
 * thread as is: one string per batch costs the event loop far less to post than a structured
 * clone of its objects (measured: about 11 µs per write).
 */
export interface TransactionRecord {
  /** Decimal; bound as an integer. */
  sequence: string;
  hash: string;
  chain_id: number;
  sender: string;
  /** uint256 values are unsigned decimal TEXT: they may exceed SQLite's signed 64-bit INTEGER. */
  nonce: string;
  /** Hex; stored as a BLOB. */
  raw: Hex;
  gas: string;
  value: string;
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  size: number;
  received_at: number;
  [column: string]: number | string;
}

/** The row of a transaction, checked: a value the store cannot represent throws {@link StoreInvalidTransactionError}. */
export function encodeTransaction(transaction: PendingTransaction): TransactionRecord {
  checkHash("hash", transaction.hash);
  checkChainId(transaction.chainId);
  if (!ADDRESS.test(transaction.sender)) throw new StoreInvalidTransactionError({ field: "sender", reason: `${transaction.sender} is not an address` });
  if (!HEX.test(transaction.raw) || transaction.raw.length % 2 !== 0) throw new StoreInvalidTransactionError({ field: "raw", reason: "not whole bytes of hex" });
  if (transaction.sequence < 0n || transaction.sequence > INT64_MAX) {
    throw new StoreInvalidTransactionError({ field: "sequence", reason: `${transaction.sequence} is outside 0…2^63-1` });
  }
  if (!Number.isSafeInteger(transaction.size) || transaction.size < 0) throw new StoreInvalidTransactionError({ field: "size", reason: `${transaction.size} is not a size` });
  if (!Number.isSafeInteger(transaction.receivedAt)) throw new StoreInvalidTransactionError({ field: "receivedAt", reason: `${transaction.receivedAt} is not a timestamp in ms` });
  return {
    sequence: transaction.sequence.toString(),
    hash: transaction.hash,
    chain_id: transaction.chainId,
    sender: transaction.sender,
    nonce: uint256("nonce", transaction.nonce),
    raw: transaction.raw,
    gas: uint256("gas", transaction.gas),
    value: uint256("value", transaction.value),
    max_fee_per_gas: uint256("maxFeePerGas", transaction.maxFeePerGas),
    max_priority_fee_per_gas: uint256("maxPriorityFeePerGas", transaction.maxPriorityFeePerGas),
    size: transaction.size,
    received_at: transaction.receivedAt,
  };
}

export function decodeTransaction(row: Record<string, SQLOutputValue>): PendingTransaction {
  const raw = row["raw"] as Uint8Array;
  return {
    hash: row["hash"] as Hex,
    chainId: Number(row["chain_id"]),
    sender: row["sender"] as Address,
    nonce: BigInt(row["nonce"] as string),
    raw: `0x${Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("hex")}`,
    gas: BigInt(row["gas"] as string),
    value: BigInt(row["value"] as string),
    maxFeePerGas: BigInt(row["max_fee_per_gas"] as string),
    maxPriorityFeePerGas: BigInt(row["max_priority_fee_per_gas"] as string),
    size: Number(row["size"]),
    sequence: row["sequence"] as bigint,
    receivedAt: Number(row["received_at"]),
  };
}

function uint256(field: string, value: bigint): string {
  if (value < 0n || value > UINT256_MAX) throw new StoreInvalidTransactionError({ field, reason: `${value} is not a uint256` });
  return value.toString();
}

export function checkHash(field: string, hash: string): void {
  if (!HASH.test(hash)) throw new StoreInvalidTransactionError({ field, reason: `${hash} is not a 32-byte hash` });
}

export function checkChainId(chainId: number): void {
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new StoreInvalidTransactionError({ field: "chainId", reason: `${chainId} is not a chain id` });
}

