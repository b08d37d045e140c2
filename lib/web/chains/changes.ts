import type { RunningChainConfig } from "../../operator/index.ts";
import type { ScheduledChange } from "../server/registryChanges.ts";
import { sequencerApplied } from "../inForce.ts";

/**
 * Where a registry change stands for one chain, from scheduling to the sequencer:
 * - `awaitingCouncil`: governance scheduled it, the council has not decided;
 * - `scheduled`: approved, its activation time is still ahead;
 * - `activeOnHub`: the registry has it in force, the sequencer has not reported applying it yet;
 * - `inForce`: the sequencer runs a configuration activated at or after it (parameter changes),
 *   or the registry has it in force (releases, operators: nothing on the sequencer to compare).
 */
export type ChangeStage = "awaitingCouncil" | "scheduled" | "activeOnHub" | "inForce";

export interface ChainChange {
  change: ScheduledChange;
  stage: ChangeStage;
}

/** Whether a change kind touches how a member chain is sequenced (a council replacement does not). */
const TOUCHES_CHAIN: Record<ScheduledChange["kind"], boolean> = {
  setParameters: true,
  approveRelease: true,
  replaceCouncil: false,
  replaceOperator: true,
  addChain: true,
  removeChain: true,
};

/**
 * The changes that matter to one chain's sequencing (its own and global ones), with their stage:
 * every change still waiting for the council or its activation, then the `recent` latest that
 * became active, so a change stays in view from "scheduled" to "in force on the sequencer".
 * Pure; `changes` newest first as `readScheduledChanges` returns them.
 *
 * @param running The chain's entry of the sequencer's health; `undefined` when unknown.
 * @param now Unix seconds: the chain's clock (an approved change past its activation is active
 *   even before the hub mines another block).
 * @example
 * chainChanges(await readScheduledChanges(hub, manifest), { chainId: 901n, running, now, recent: 3 })
 */
export function chainChanges(
  changes: readonly ScheduledChange[],
  { chainId, running, now, recent = 3 }: { chainId: bigint; running: RunningChainConfig | undefined; now: bigint; recent?: number },
): ChainChange[] {
  const relevant = changes.filter((c) => TOUCHES_CHAIN[c.kind] && (c.chainId === 0n || c.chainId === chainId));
  const pending: ChainChange[] = [];
  const done: ChainChange[] = [];
  for (const change of relevant) {
    const stage = changeStage(change, running, now);
    if (stage === undefined) continue;
    (stage === "awaitingCouncil" || stage === "scheduled" ? pending : done).push({ change, stage });
  }
  return [...pending, ...done.slice(0, recent)];
}

/** The stage of one change, `undefined` for changes that will never apply (rejected, cancelled, expired). */
export function changeStage(change: ScheduledChange, running: RunningChainConfig | undefined, now: bigint): ChangeStage | undefined {
  if (change.status === "awaitingCouncil") return "awaitingCouncil";
  if (change.status !== "approved" && change.status !== "active") return undefined;
  if (change.kind === "setParameters") {
    if (sequencerApplied(running?.config?.activatedAt, change.activatesAt)) return "inForce";
    return change.status === "active" || change.activatesAt <= now ? "activeOnHub" : "scheduled";
  }
  return change.status === "active" || change.activatesAt <= now ? "inForce" : "scheduled";
}
