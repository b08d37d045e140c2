import type { Address, Hash, Hex } from "viem";

import type { PendingTransaction } from "../types.ts";

export interface BlockHead {
  number: bigint;
  hash: Hash;
  timestamp: bigint;
  stateRoot: Hash;
  gasUsed: bigint;
  /** The block's base fee (0 before London); the next block's is close enough to select by. */
  baseFeePerGas: bigint;
  transactions: readonly Hash[];
}

export interface BuiltBlock extends BlockHead {
  /** Transactions the engine refused (invalid by the time the block was built) and why. */
  refused: ReadonlyArray<{ hash: Hash; reason: string }>;
}

/**
 * The execution client as the sequencer sees it: it reads account state, builds exactly the
 * block it is given, and forwards every other request. The devnet adapter drives an EDR node
 * through its dev RPC; a production adapter would drive an execution client over the Engine API
 * (`engine_forkchoiceUpdated` with payload attributes carrying the transactions, then
 * `engine_getPayload` and `engine_newPayload`) behind this same interface.
 */
export interface ExecutionEngine {
  readonly chainId: number;
  /** Takes over block production (the devnet node stops mining by itself). */
  start(): Promise<void>;
  /** Hands block production back (the devnet node mines on its own again). */
  stop(): Promise<void>;
  head(): Promise<BlockHead>;
  /** The base fee the next block will have (EIP-1559 from the head, by the chain's own parameters). */
  nextBaseFee(): Promise<bigint>;
  /** Nonce and balance at the latest block. */
  account(address: Address): Promise<{ nonce: bigint; balance: bigint }>;
  /**
   * Builds one block with exactly `transactions`, in order, stamped `timestamp`. `fence` is
   * called right before each step that changes the chain and throws to stop the build (a
   * replicated sequencer's leader checks that it still leads).
   */
  buildBlock(transactions: readonly PendingTransaction[], timestamp: bigint, fence?: () => void): Promise<BuiltBlock>;
  /** Any other JSON-RPC request, answered by the execution client. */
  forward(method: string, params: unknown[]): Promise<unknown>;
  /** The execution client's raw JSON-RPC response (for passthrough without re-encoding). */
  forwardRaw(body: string): Promise<string>;
}

export type { Hex };
