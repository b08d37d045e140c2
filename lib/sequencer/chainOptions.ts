/**
 * What one member chain's sequencer (./chainSequencer.ts) is built from, and what it reports.
 */
import type { Address, Hex } from "viem";

import type { AdmissionBid } from "./admissionQueue.ts";
import type { SequencerClock } from "./clock.ts";
import type { ConfigReading, GovernedConfig } from "./config/governedConfig.ts";
import type { BlockHead, BuiltBlock, ExecutionEngine } from "./engine/types.ts";
import type { Fault } from "./faults.ts";
import type { Logger } from "./log.ts";
import type { Mempool, TxpoolOptions } from "./mempool/index.ts";
import type { SequencerMetrics } from "./metrics/index.ts";
import type { RecoveredSender } from "./recovery/pool.ts";
import type { ChainLeadership, TransactionStore } from "./types.ts";

export interface ChainSequencerOptions {
  chainId: number;
  name: string;
  engine: ExecutionEngine;
  store: TransactionStore;
  /** The chain's txpool; one built from `txpool` and `operators` when absent. */
  mempool?: Mempool;
  /** The governed configuration in force at a timestamp (last good one if the hub is down). */
  readConfig: (timestamp: bigint) => Promise<ConfigReading>;
  /** Why block production must stop (e.g. a required release above ours), if it must. */
  haltReason?: () => string | undefined;
  nextSequence: () => bigint;
  /** The txpool's limits (see TxpoolOptions; defaults for what is left out), checked here. */
  txpool?: Partial<TxpoolOptions>;
  /** The chain's operator accounts, whose transactions (hub-state posts) use the txpool's operator reserve. */
  operators?: readonly Address[];
  /** The wall clock and timers: admission times, lifetimes, block cadence, backoff ({@link systemClock} when absent). */
  clock?: SequencerClock;
  log?: Logger;
  /** Called after every block this sequencer built. */
  onBlock?: (block: BuiltBlock, config: GovernedConfig) => void;
  /** Called before `onBlock` for the first block a replica built after it came to lead the chain. */
  onTakeover?: (block: BuiltBlock, config: GovernedConfig) => void;
  /**
   * Called once, at the first tick that finds the chain removed, with the chain's last block (all
   * of its blocks are from before the removal): the wind-down commits it so withdrawals made up to
   * the removal can be proven on the hub.
   */
  onRemoved?: (lastBlock: BlockHead, config: GovernedConfig) => void;
  metrics?: SequencerMetrics;
  /** Sender recovery off the event loop (a worker pool, the better bid first); on this thread when absent. */
  recover?: (raw: Hex, bid: AdmissionBid) => Promise<RecoveredSender>;
  /**
   * A replicated sequencer's leadership of this chain: blocks are built only while it leads, and
   * the engine (shared with the other replicas) is never handed back to mine on its own.
   */
  leadership?: ChainLeadership;
}

export interface ChainStatus {
  chainId: number;
  name: string;
  config?: GovernedConfig;
  hubReachable: boolean;
  hubError?: string;
  halted?: string;
  paused: boolean;
  /** Whether the operator lets this sequencer build blocks (admin_stopSequencer / admin_startSequencer). */
  active: boolean;
  lastBlock?: { number: bigint; timestamp: bigint; transactions: number };
  mempoolSize: number;
  /** The last tick that failed, what kind of failure it was and when (ms); absent once a block is built. */
  lastFault?: { fault: Fault; message: string; at: number; failures: number };
  /** A replicated sequencer's role on this chain. */
  role?: "leader" | "follower";
}
