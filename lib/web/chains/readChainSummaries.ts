import type { ChainEntry, Manifest } from "../../chains/index.ts";
import { readGovernedConfigs, verifyCommitments, type CommitmentVerdict, type GovernedConfig, type RunningChainConfig } from "../../operator/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { compareConfigs, type ConfigComparison } from "./compare.ts";
import { readSequencerHealth, type LastBlock, type SequencerHealth } from "./sequencerHealth.ts";

/** One member chain at a glance: what governance says, what the sequencer runs, whether they agree. */
export interface ChainSummary {
  chainId: number;
  name: string;
  governed: GovernedConfig;
  /** The sequencer's view: `null` when the sequencer did not answer, `undefined` when it does not serve the chain. */
  running: RunningChainConfig | null | undefined;
  comparison: ConfigComparison;
  lastBlock: LastBlock | undefined;
  /** The newest output commitment on the hub, when asked for and when one was posted. */
  lastCommitment?: CommitmentVerdict | undefined;
}

export interface ChainSummaries {
  chains: ChainSummary[];
  sequencer: SequencerHealth;
  /** False when the manifest has no OutputOracle (commitments are then not shown). */
  commitmentsAvailable: boolean;
}

/** The chain's entry in the sequencer's health: `null` when unknown, `undefined` when not served. */
export function runningOf(health: SequencerHealth, chainId: number): RunningChainConfig | null | undefined {
  return health.reachable ? health.chains.find((chain) => chain.chainId === chainId) : null;
}

/**
 * The member chain a route segment names, by decimal chain id only (`/chains/901`); the hub and
 * anything else is `undefined`, which the page turns into "not found".
 *
 * @example
 * memberFromParam(manifest, "901")?.name // "base-local"
 */
export function memberFromParam(manifest: Manifest, param: string): ChainEntry | undefined {
  if (!/^[1-9]\d{0,15}$/.test(param)) return undefined;
  const chainId = Number(param);
  return manifest.members.find((member) => member.chainId === chainId);
}

/**
 * Every member chain's governed configuration, pause flag and sequencer state, for the overview
 * and the chain list. The hub reads leave as one multicall, the sequencer is asked once, and the
 * commitments (when `commitments` is set) cost two more multicalls whatever the chain count.
 *
 * @throws {HubReadError} when the hub does not answer.
 * @example
 * const { chains, sequencer } = await readChainSummaries(deployment, { commitments: true })
 */
export async function readChainSummaries(deployment: Deployment, { commitments = false }: { commitments?: boolean } = {}): Promise<ChainSummaries> {
  const { manifest, hub } = deployment;
  const registry = manifest.contracts.sequencerConfig;
  const outputOracle = manifest.contracts.outputOracle;
  const chainIds = manifest.members.map((member) => member.chainId);
  const [governed, sequencer, outputs] = await Promise.all([
    readGovernedConfigs(hub, { registry, chainIds }),
    readSequencerHealth(manifest),
    commitments && outputOracle !== undefined
      ? Promise.all(chainIds.map((chainId) => verifyCommitments(hub, { outputOracle, registry, chainId, last: 1 })))
      : undefined,
  ]);
  const chains = manifest.members.map((member, i): ChainSummary => {
    const config = governed[i]!;
    const running = runningOf(sequencer, member.chainId);
    return {
      chainId: member.chainId,
      name: member.name,
      governed: config,
      running,
      comparison: compareConfigs(config, running),
      lastBlock: sequencer.reachable ? sequencer.lastBlocks.get(member.chainId) : undefined,
      ...(outputs === undefined ? {} : { lastCommitment: outputs[i]?.verdicts[0] }),
    };
  });
  return { chains, sequencer, commitmentsAvailable: outputOracle !== undefined };
}
