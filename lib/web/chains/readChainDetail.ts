import { deployBlock, type ChainEntry } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../contracts/index.ts";
import { describeAction } from "../../governance/index.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import {
  HubReadError,
  readGovernedConfigs,
  verifyCommitments,
  type GovernedConfig,
  type GovernedRelease,
  type RunningChainConfig,
  type VerifyCommitmentsReturnType,
} from "../../operator/index.ts";
import { readRootFeed, type RootFeedView } from "../roots/readRoots.ts";
import type { Deployment } from "../server/deployment.ts";
import { readScheduledChanges } from "../server/registryChanges.ts";
import { chainChanges, type ChainChange } from "./changes.ts";
import { compareConfigs, type ConfigComparison } from "./compare.ts";
import { buildConfigHistory, type ConfigHistoryEntry, type ConfigPoint } from "./history.ts";
import { runningOf } from "./readChainSummaries.ts";
import { releaseOverview, type ReleaseOverview } from "./releases.ts";
import { latestChainTime, readSequencerHealth, type LastBlock, type SequencerHealth } from "./sequencerHealth.ts";

/** How many of the newest output commitments the chain page shows. */
export const COMMITMENTS_SHOWN = 5;

/** Everything the chain page shows, read in one round of concurrent calls. */
export interface ChainDetail {
  chainId: number;
  name: string;
  governed: GovernedConfig;
  sequencer: SequencerHealth;
  /** `null` when the sequencer did not answer, `undefined` when it does not serve the chain. */
  running: RunningChainConfig | null | undefined;
  comparison: ConfigComparison;
  lastBlock: LastBlock | undefined;
  /** Newest first. */
  history: ConfigHistoryEntry[];
  /** Waiting for the council or their activation, then the latest that became active; each with its sentence. */
  changes: (ChainChange & { sentence: string })[];
  releases: ReleaseOverview;
  /** `undefined` when the deployment has no OutputOracle. */
  commitments: VerifyCommitmentsReturnType | undefined;
  /**
   * The chain's newest outputs on the hub and the newest hub states on the chain, each with its
   * state; `undefined` when there is no such oracle, `null` when the member chain did not answer.
   */
  roots: { outputs: RootFeedView | undefined; hubStates: RootFeedView | undefined | null };
  /** Unix seconds the page judged "scheduled" and block ages against: the latest of the hub's, the member chains' and this server's clocks. */
  now: bigint;
}

const max = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));

/**
 * One member chain's governed and running configuration, version history (the registry's
 * `ConfigScheduled` logs of the default and the chain), pending and recent registry changes,
 * approved vs running release, latest output commitments, and the newest roots of both feeds
 * with their challenge-window states (see `readRootFeed`). The hub answers three log queries, a
 * few multicalls and a few blocks; the member chain one log query, one multicall and a block; the
 * sequencer one `/healthz`.
 *
 * @throws {HubReadError} when the hub does not answer.
 * @example
 * const detail = await readChainDetail(deployment, memberFromParam(manifest, "901")!)
 */
export async function readChainDetail(deployment: Deployment, member: ChainEntry): Promise<ChainDetail> {
  const { manifest, hub } = deployment;
  const registry = { address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  const outputOracle = manifest.contracts.outputOracle;
  const chainId = BigInt(member.chainId);
  const [[governed], sequencer, hubBlock, releases, points, changes, commitments, outputs, hubStates] = await Promise.all([
    readGovernedConfigs(hub, { registry: registry.address, chainIds: [member.chainId] }),
    readSequencerHealth(manifest),
    hubRead("the latest block", () => hub.getBlock({ blockTag: "latest" })),
    hubRead("the approved releases", () => hub.readContract({ ...registry, functionName: "releases" })),
    hubRead("the configuration history", () =>
      scanLogsToLatest(
        hub,
        (fromBlock, toBlock) => hub.getContractEvents({ ...registry, eventName: "ConfigScheduled", args: { scope: [0n, chainId] }, fromBlock, toBlock, strict: true }),
        deployBlock(manifest, "SequencerConfigRegistry"),
      ),
    ),
    hubRead("the scheduled changes", () => readScheduledChanges(hub, manifest)),
    outputOracle === undefined
      ? undefined
      : verifyCommitments(hub, { outputOracle, registry: registry.address, chainId: member.chainId, last: COMMITMENTS_SHOWN }),
    hubRead("the output roots", () => readRootFeed(deployment, { feed: "output", chainId: member.chainId })),
    readRootFeed(deployment, { feed: "hubState", chainId: member.chainId }).catch(() => null),
  ]);
  const running = runningOf(sequencer, member.chainId);
  const lastBlock = sequencer.reachable ? sequencer.lastBlocks.get(member.chainId) : undefined;
  const now = max(hubBlock.timestamp, latestChainTime(sequencer));
  const [approved, activations] = releases;
  const governedReleases = approved.map((release, i): GovernedRelease => ({ ...release, activatesAt: BigInt(activations[i] ?? 0) }));
  return {
    chainId: member.chainId,
    name: member.name,
    governed: governed!,
    sequencer,
    running,
    comparison: compareConfigs(governed!, running),
    lastBlock,
    history: buildConfigHistory(points.map(toPoint), { chainId, now }),
    changes: chainChanges(changes, { chainId, running: running ?? undefined, now }).map((item) => ({
      ...item,
      sentence: describeAction(item.change.action, {
        chainName: (id) => manifest.members.find((m) => BigInt(m.chainId) === id)?.name,
        // "before → after" only while the change is ahead: once active, the current values are its own.
        currentParameters: (id) => (id === chainId && (item.stage === "awaitingCouncil" || item.stage === "scheduled") ? governed!.parameters : undefined),
      }),
    })),
    releases: releaseOverview({ releases: governedReleases, running: sequencer.reachable ? sequencer.release : undefined, now }),
    commitments,
    roots: { outputs, hubStates },
    now,
  };
}

function toPoint(log: { args: { scope: bigint; version: bigint; activatesAt: number; overrides: number; parameters: ConfigPoint["parameters"] } }): ConfigPoint {
  const { scope, version, activatesAt, overrides, parameters } = log.args;
  return { scope, version, activatesAt: BigInt(activatesAt), overrides, parameters: { ...parameters } };
}

async function hubRead<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new HubReadError({ what, cause: error });
  }
}
