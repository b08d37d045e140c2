import { numberToHex, parseTransaction, type TransactionSerialized } from "viem";

import type { PendingTransaction } from "../types.ts";

const TYPES = { legacy: "0x0", eip2930: "0x1", eip1559: "0x2", eip4844: "0x3", eip7702: "0x4" } as const;

/**
 * A transaction still in the sequencer's mempool, in the JSON-RPC shape of
 * `eth_getTransactionByHash` (block fields null), so wallets can show it as pending.
 */
export function pendingTransactionJson(tx: PendingTransaction): Record<string, unknown> {
  const parsed = parseTransaction(tx.raw as TransactionSerialized);
  const type = parsed.type ?? "legacy";
  const fees =
    type === "legacy" || type === "eip2930"
      ? { gasPrice: numberToHex(parsed.gasPrice ?? 0n) }
      : {
          gasPrice: numberToHex(parsed.maxFeePerGas ?? 0n),
          maxFeePerGas: numberToHex(parsed.maxFeePerGas ?? 0n),
          maxPriorityFeePerGas: numberToHex(parsed.maxPriorityFeePerGas ?? 0n),
        };
  return {
    hash: tx.hash,
    from: tx.sender,
    to: parsed.to ?? null,
    nonce: numberToHex(tx.nonce),
    value: numberToHex(parsed.value ?? 0n),
    input: parsed.data ?? "0x",
    gas: numberToHex(tx.gas),
    type: TYPES[type as keyof typeof TYPES] ?? "0x0",
    chainId: numberToHex(tx.chainId),
    accessList: "accessList" in parsed ? (parsed.accessList ?? []) : undefined,
    v: numberToHex(parsed.v ?? BigInt(parsed.yParity ?? 0)),
    r: parsed.r,
    s: parsed.s,
    yParity: parsed.yParity === undefined ? undefined : numberToHex(parsed.yParity),
    blockHash: null,
    blockNumber: null,
    transactionIndex: null,
    ...fees,
  };
}
