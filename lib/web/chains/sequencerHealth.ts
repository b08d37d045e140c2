import type { Manifest } from "../../chains/index.ts";
import {
  readHealthReports,
  runningState,
  sequencerOrigins,
  sequencerReplicaOrigins,
  sequencerStatus,
  type RunningChainConfig,
  type RunningState,
  type SequencerStatus,
} from "../../operator/index.ts";

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
      /** A replicated sequencer's replicas and each chain's leader; absent for the single sequencer. */
      replication?: SequencerStatus;
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
  const origins = sequencerOrigins(manifest.members);
  const [url] = origins;
  if (url === undefined) return { reachable: false, url, reason: "The deployment manifest names no sequencer URL for any member chain." };
  // With replicas, every one is asked: any of them reports the chains, together they say who leads what.
  const answers = await readHealthReports(sequencerReplicaOrigins(manifest.members), { timeoutMs });
  const answered = answers.find((answer) => answer.report !== undefined);
  if (!answered?.report) return { reachable: false, url, reason: answers[0]?.error ?? "no answer" };
  const state = runningState(answered.url, answered.report);
  const lastBlocks = new Map<number, LastBlock>();
  for (const { report } of answers) {
    for (const chain of report?.chains ?? []) {
      const last = chain.lastBlock;
      const known = lastBlocks.get(chain.chainId);
      if (last && (!known || last.number > known.number)) lastBlocks.set(chain.chainId, { number: last.number, timestamp: last.timestamp });
    }
  }
  const status = sequencerStatus(answers);
  return { reachable: true, url: answered.url, release: state.release, chains: state.chains, lastBlocks, ...(status.replicated ? { replication: status } : {}) };
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
