/**
 * One member chain without the hub: a real EDR node (its own process, a free port) driven by a
 * `ChainSequencer` whose governed configuration is a fixture the test can change (pause it, …),
 * with a SQLite store in a temporary folder. For the sequencer's RPC and admin tests, which need
 * a real node behind them but not governance.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseGwei } from "viem";

import { freePort, startNode, stopNode, type RunningNode } from "../../lib/devnet/nodes.ts";
import { OrderingPolicy } from "../../lib/governance/parameters.ts";
import { ChainSequencer, type ChainSequencerOptions } from "../../lib/sequencer/chainSequencer.ts";
import type { GovernedConfig } from "../../lib/sequencer/config/governedConfig.ts";
import { devnetEngine } from "../../lib/sequencer/engine/devnetEngine.ts";
import type { SequencedChain } from "../../lib/sequencer/rpc/server.ts";
import { openSqliteStore } from "../../lib/sequencer/store/index.ts";

export const CHAIN_ID = 901;

export const FIXTURE_CONFIG: GovernedConfig = {
  chainId: CHAIN_ID,
  version: 1n,
  activatedAt: 0n,
  blockTimeMs: 1_000,
  maxTxPerBlock: 100,
  maxBlockGas: 30_000_000n,
  orderingPolicy: OrderingPolicy.Fifo,
  minPriorityFeeWei: parseGwei("0.001"),
  maxTxBytes: 131_072,
  maxPendingPerSender: 16,
  commitmentInterval: 10,
  paused: false,
};

export interface SequencedNode {
  node: RunningNode;
  sequencer: ChainSequencer;
  chain: SequencedChain;
  /** Changes the governed configuration from the next tick on (e.g. `{ paused: true }`). */
  govern: (changes: Partial<GovernedConfig>) => void;
  /** Resolves after `n` more ticks of the sequencing loop. */
  ticks: (n: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Starts the node and the sequencer (which switches the node's automine off).
 *
 * @example
 * const chain = await sequencedNode("rpc-");
 * await chain.ticks(2);
 */
export async function sequencedNode(prefix: string, options: Pick<ChainSequencerOptions, "txpool" | "metrics" | "log" | "clock"> = {}): Promise<SequencedNode> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const node = await startNode({ name: "base-local", chainId: CHAIN_ID, chainType: "op", port: await freePort(), logFile: join(dir, "node.log") });
  let config = FIXTURE_CONFIG;
  const engine = devnetEngine({ chainId: CHAIN_ID, rpcUrl: node.rpcUrl });
  const store = openSqliteStore(join(dir, "sequencer.sqlite"));
  let sequence = store.nextSequence();
  const sequencer = new ChainSequencer({
    chainId: CHAIN_ID,
    name: "base-local",
    engine,
    store,
    readConfig: async () => ({ config, hubReachable: true }),
    nextSequence: () => sequence++,
    ...options,
    txpool: { maxPendingTotal: 1_000, ...options.txpool },
  });
  await sequencer.start();
  return {
    node,
    sequencer,
    chain: { sequencer, engine },
    govern: (changes) => (config = { ...config, ...changes, version: config.version + 1n }),
    ticks: async (n) => {
      for (let i = 0; i < n; i++) await sequencer.ticked();
    },
    stop: async () => {
      await sequencer.stop();
      store.close();
      await stopNode(node);
    },
  };
}
