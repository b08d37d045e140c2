import { hexToBigInt, numberToHex, type Address, type Hash } from "viem";

import type { PendingTransaction } from "../types.ts";
import { JsonRpcRequestError, jsonRpcClient } from "../../rpc/jsonRpc.ts";
import { EngineMismatchError, EngineResyncError, EngineUnreachableError } from "./errors.ts";
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
 *
 * Its errors say what the block loop should do (lib/sequencer/faults): no answer is
 * {@link EngineUnreachableError} (retry), a refusal {@link EngineResyncError} (resynchronize), and
 * a node of another chain at the URL — read with every head — {@link EngineMismatchError} (halt).
 */
export function devnetEngine({ chainId, rpcUrl }: { chainId: number; rpcUrl: string }): ExecutionEngine {
  const client = jsonRpcClient(rpcUrl);
  const classified = (method: string, error: unknown): Error => {
    if (error instanceof JsonRpcRequestError && error.code !== undefined) return new EngineResyncError(`The execution client refused ${method}.`, { details: error.shortMessage, cause: error });
    return new EngineUnreachableError({ url: rpcUrl, method, cause: error });
  };
  const node = {
    request: <T>(method: string, params: unknown[] = []) => client.request<T>(method, params).catch((error: unknown) => Promise.reject(classified(method, error))),
    batch: (requests: ReadonlyArray<{ method: string; params: unknown[] }>) =>
      client.batch(requests).catch((error: unknown) => Promise.reject(classified(`a batch of ${requests.length}`, error))),
  };
  const checkChainId = (answer: unknown) => {
    const id = hexToBigInt(answer as `0x${string}`);
    if (Number(id) !== chainId) throw new EngineMismatchError({ url: rpcUrl, expected: chainId, actual: id });
  };
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
          chunk.forEach(({ address, resolve, reject }, j) => {
            const [nonce, balance] = [answers[2 * j], answers[2 * j + 1]];
            if (nonce?.error || balance?.error || nonce?.result === undefined || balance?.result === undefined) {
              reject(new EngineResyncError(`The execution client refused to read account ${address}.`, { details: nonce?.error?.message ?? balance?.error?.message ?? "no answer" }));
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
      checkChainId(await node.request("eth_chainId"));
      await node.request("evm_setAutomine", [false]);
    },
    async stop() {
      await node.request("evm_setAutomine", [true]).catch(() => undefined);
    },
    async head() {
      // The chain id with every head: a node restarted for another chain at the same URL is caught before a block is built on it.
      const [id, block] = await node.batch([
        { method: "eth_chainId", params: [] },
        { method: "eth_getBlockByNumber", params: ["latest", false] },
      ]);
      if (id?.error || block?.error) throw new EngineResyncError("The execution client refused to report its head.", { details: (id?.error ?? block?.error)?.message ?? "no answer" });
      checkChainId(id?.result);
      return toHead(block?.result as RpcBlock);
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
    async buildBlock(transactions: readonly PendingTransaction[], timestamp: bigint, fence?: () => void): Promise<BuiltBlock> {
      const refused: Array<{ hash: Hash; reason: string }> = [];
      if (transactions.length > 0) {
        fence?.();
        // One JSON-RPC batch: the node receives the block's transactions in order, in one round trip.
        const answers = await node.batch(transactions.map((tx) => ({ method: "eth_sendRawTransaction", params: [tx.raw] })));
        answers.forEach((answer, i) => {
          const tx = transactions[i];
          if (tx && answer.error) refused.push({ hash: tx.hash, reason: answer.error.message });
        });
      }
      fence?.();
      await node.request("evm_mine", [numberToHex(timestamp)]);
      const block = await node.request<RpcBlock>("eth_getBlockByNumber", ["latest", false]);
      return { ...toHead(block), refused };
    },
    forward(method: string, params: unknown[]) {
      return client.request(method, params);
    },
    forwardRaw(body: string) {
      return client.post(body);
    },
  };
}
