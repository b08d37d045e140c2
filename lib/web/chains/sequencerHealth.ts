import type { Manifest } from "../../chains/index.ts";
import { OperatorError, readRunningConfigs, sequencerOrigins, type RunningChainConfig, type RunningState } from "../../operator/index.ts";

/** The newest block the sequencer built for a chain. */
export interface LastBlock {
  number: bigint;
  /** Unix seconds, chain time. */
  timestamp: bigint;
}

/** What the shared sequencer reports, or why it could not be asked. */
export type SequencerHealth =
  | {
      reachable: true;
      url: string;
      release: RunningState["release"];
      chains: readonly RunningChainConfig[];
      /** By chain id; absent while the sequencer has not built a block for the chain. */
      lastBlocks: ReadonlyMap<number, LastBlock>;
    }
  | { reachable: false; url: string | undefined; reason: string };

/**
 * The shared sequencer's health for the dashboard: `readRunningConfigs` (so the app and the
 * operator CLI validate `/healthz` the same way), one HTTP request. Never throws: an unreachable or malformed sequencer is a state the
 * page shows next to the governed side.
 *
 * @example
 * const health = await readSequencerHealth(manifest)
 * if (!health.reachable) console.log(health.reason)
 */
export async function readSequencerHealth(manifest: Manifest, { timeoutMs = 3_000 }: { timeoutMs?: number } = {}): Promise<SequencerHealth> {
  const [url] = sequencerOrigins(manifest.members);
  if (url === undefined) return { reachable: false, url, reason: "The deployment manifest names no sequencer URL for any member chain." };
  try {
    const state = await readRunningConfigs(url, { timeoutMs });
    const lastBlocks = new Map(state.chains.flatMap((chain) => (chain.lastBlock ? [[chain.chainId, chain.lastBlock] as const] : [])));
    return { reachable: true, url, release: state.release, chains: state.chains, lastBlocks };
  } catch (error) {
    if (error instanceof OperatorError) return { reachable: false, url, reason: error.shortMessage };
    throw error;
  }
}

/**
 * "Now" in chain time: the newest of this server's clock and every chain's last block. Devnet
 * clocks run ahead of the wall clock after `time advance`, so a block's age is measured against
 * this rather than the wall clock (a paused chain's last block then ages as the others move on).
 *
 * @example
 * formatAge(lastBlock.timestamp, latestChainTime(health))
 */
export function latestChainTime(health: SequencerHealth, wallClockMs: number = Date.now()): bigint {
  let latest = BigInt(Math.floor(wallClockMs / 1000));
  if (!health.reachable) return latest;
  for (const block of health.lastBlocks.values()) if (block.timestamp > latest) latest = block.timestamp;
  return latest;
}
