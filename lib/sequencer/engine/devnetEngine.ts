import { hexToBigInt, numberToHex, type Address, type Hash } from "viem";

import type { PendingTransaction } from "../types.ts";
import { JsonRpcRequestError, jsonRpcClient } from "../../rpc/jsonRpc.ts";
import type { BlockHead, BuiltBlock, ExecutionEngine } from "./types.ts";

interface RpcBlock {
  number: `0x${string}`;
  hash: Hash;
  timestamp: `0x${string}`;
  stateRoot: Hash;
  gasUsed: `0x${string}`;
  baseFeePerGas?: `0x${string}`;
  transactions: Hash[];
}

const toHead = (block: RpcBlock): BlockHead => ({
  number: hexToBigInt(block.number),
  hash: block.hash,
  timestamp: hexToBigInt(block.timestamp),
  stateRoot: block.stateRoot,
  gasUsed: hexToBigInt(block.gasUsed),
  baseFeePerGas: block.baseFeePerGas ? hexToBigInt(block.baseFeePerGas) : 0n,
  transactions: block.transactions,
});

interface AccountRead {
  address: Address;
  resolve: (account: { nonce: bigint; balance: bigint }) => void;
  reject: (error: unknown) => void;
}

/** Accounts read in one JSON-RPC batch (two calls each). */
const ACCOUNT_BATCH = 256;

/**
 * The devnet's execution engine: an EDR node whose automine the sequencer switches off. To build
 * a block it hands the node exactly the block's transactions (the node's mempool keeps arrival
 * order) and mines one block at the chosen timestamp; anything the node refuses is reported.
 * Account reads leave as JSON-RPC batches, one batch in flight at a time.
 */
export function devnetEngine({ chainId, rpcUrl }: { chainId: number; rpcUrl: string }): ExecutionEngine {
  const node = jsonRpcClient(rpcUrl);
  const latest = () => node.request<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
  let reads: AccountRead[] = [];
  let reading = false;
  let scheduled = false;
  const schedule = () => {
    if (scheduled || reading || reads.length === 0) return;
    scheduled = true;
    setImmediate(readAccounts);
  };
  /**
   * Up to ACCOUNT_BATCH waiting account reads as one JSON-RPC batch, one batch at a time: reads
   * asked for meanwhile wait for the next, so the node's queue (which block building shares) stays
   * one batch deep however many admissions ask.
   */
  const readAccounts = () => {
    scheduled = false;
    const chunk = reads.splice(0, ACCOUNT_BATCH);
    reading = true;
    node
      .batch(chunk.flatMap(({ address }) => [
        { method: "eth_getTransactionCount", params: [address, "latest"] },
        { method: "eth_getBalance", params: [address, "latest"] },
      ]))
      .then(
        (answers) =>
          chunk.forEach(({ resolve, reject }, j) => {
            const [nonce, balance] = [answers[2 * j], answers[2 * j + 1]];
            if (nonce?.error || balance?.error || nonce?.result === undefined || balance?.result === undefined) {
              reject(new JsonRpcRequestError("account", nonce?.error?.message ?? balance?.error?.message ?? "no answer"));
            } else resolve({ nonce: hexToBigInt(nonce.result as `0x${string}`), balance: hexToBigInt(balance.result as `0x${string}`) });
          }),
        (error: unknown) => chunk.forEach(({ reject }) => reject(error)),
      )
      .finally(() => {
        reading = false;
        schedule();
      });
  };

  return {
    chainId,
    async start() {
      const id = hexToBigInt(await node.request<`0x${string}`>("eth_chainId"));
      if (Number(id) !== chainId) throw new JsonRpcRequestError("eth_chainId", `node is chain ${id}, expected ${chainId}`);
      await node.request("evm_setAutomine", [false]);
    },
    async stop() {
      await node.request("evm_setAutomine", [true]).catch(() => undefined);
    },
    async head() {
      return toHead(await latest());
    },
    async nextBaseFee() {
      // eth_feeHistory's last base fee is the next block's, computed by the node's own rules.
      const history = await node.request<{ baseFeePerGas?: `0x${string}`[] }>("eth_feeHistory", ["0x1", "latest", []]);
      const next = history.baseFeePerGas?.at(-1);
      return next ? hexToBigInt(next) : 0n;
    },
    account(address: Address) {
      return new Promise<{ nonce: bigint; balance: bigint }>((resolve, reject) => {
        reads.push({ address, resolve, reject });
        schedule();
      });
    },
    async buildBlock(transactions: readonly PendingTransaction[], timestamp: bigint): Promise<BuiltBlock> {
      const refused: Array<{ hash: Hash; reason: string }> = [];
      if (transactions.length > 0) {
        // One JSON-RPC batch: the node receives the block's transactions in order, in one round trip.
        const answers = await node.batch(transactions.map((tx) => ({ method: "eth_sendRawTransaction", params: [tx.raw] })));
        answers.forEach((answer, i) => {
          const tx = transactions[i];
          if (tx && answer.error) refused.push({ hash: tx.hash, reason: answer.error.message });
        });
      }
      await node.request("evm_mine", [numberToHex(timestamp)]);
      const block = await node.request<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
      return { ...toHead(block), refused };
    },
    forward(method: string, params: unknown[]) {
      return node.request(method, params);
    },
    forwardRaw(body: string) {
      return node.post(body);
    },
  };
}
