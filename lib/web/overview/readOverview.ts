import { describeAction } from "../../governance/index.ts";
import { readChainSummaries, type ChainSummaries } from "../chains/readChainSummaries.ts";
import { latestChainTime } from "../chains/sequencerHealth.ts";
import type { Deployment } from "../server/deployment.ts";
import { readScheduledChanges } from "../server/registryChanges.ts";

/** A registry change the council has not decided yet, in words. */
export interface AwaitingChange {
  id: bigint;
  /** What it does, with before → after values for member chains (`describeAction`). */
  sentence: string;
  /** Unix seconds after which an undecided change expires. */
  expiresAt: bigint;
  proposalId?: bigint;
}

export interface Overview extends ChainSummaries {
  /** Oldest first: the council's queue. */
  awaitingCouncil: AwaitingChange[];
  /** Unix seconds in chain time (`latestChainTime`): what block ages and expiries are measured against. */
  now: bigint;
}

/**
 * The dashboard: every member chain's configuration in force, pause flag and sequencer health,
 * and the changes waiting for the council. On the hub: one multicall for the chains, and for the
 * changes the logs of blocks not seen before and one multicall of those not yet final (see
 * {@link readScheduledChanges}); one `/healthz` on the sequencer.
 *
 * @throws {HubReadError} when the hub does not answer.
 * @example
 * const { chains, sequencer, awaitingCouncil } = await readOverview(deployment)
 */
export async function readOverview(deployment: Deployment): Promise<Overview> {
  const { manifest, hub } = deployment;
  const [summaries, changes] = await Promise.all([readChainSummaries(deployment), readScheduledChanges(hub, manifest)]);
  const names = new Map(manifest.members.map((member) => [BigInt(member.chainId), member.name]));
  const parameters = new Map(summaries.chains.map((chain) => [BigInt(chain.chainId), chain.governed.parameters]));
  const context = { chainName: (id: bigint) => names.get(id), currentParameters: (id: bigint) => parameters.get(id) };
  const awaitingCouncil = changes
    .filter((change) => change.status === "awaitingCouncil")
    .reverse()
    .map(
      (change): AwaitingChange => ({
        id: change.id,
        sentence: describeAction(change.action, context),
        expiresAt: change.expiresAt,
        ...(change.proposalId === undefined ? {} : { proposalId: change.proposalId }),
      }),
    );
  return { ...summaries, awaitingCouncil, now: latestChainTime(summaries.sequencer) };
}
