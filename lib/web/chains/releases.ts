import type { Hex } from "viem";

import { RELEASE_KIND_REQUIRED, releaseText, releaseVerdict, type GovernedRelease, type ReleaseVerdict, type RunningRelease } from "../../operator/index.ts";

/** One approved release as the chain page lists it. */
export interface ReleaseRow {
  version: string;
  kind: "required" | "recommended";
  digest: Hex;
  activatesAt: bigint;
  /** In force from `activatesAt`; before that, approved but scheduled. */
  active: boolean;
  /** The sequencer runs exactly this version and digest. */
  running: boolean;
}

export interface ReleaseOverview {
  /** Newest version first. */
  approved: ReleaseRow[];
  /** `undefined` when the sequencer could not be asked. */
  running: RunningRelease | undefined;
  /** Whether what runs is acceptable to governance; `undefined` without a running release. */
  verdict: ReleaseVerdict | undefined;
}

const newestFirst = (a: GovernedRelease, b: GovernedRelease) => b.major - a.major || b.minor - a.minor || b.patch - a.patch;

/**
 * Approved releases next to the running one, with `releaseVerdict` (the rule the sequencer and
 * `superchain config verify` apply) saying whether the running release is one governance accepts.
 * Pure.
 *
 * @example
 * const { approved, verdict } = releaseOverview({ releases, running: health.release, now })
 */
export function releaseOverview({ releases, running, now }: { releases: readonly GovernedRelease[]; running: RunningRelease | undefined; now: bigint }): ReleaseOverview {
  const approved = [...releases].sort(newestFirst).map(
    (release): ReleaseRow => ({
      version: releaseText(release),
      kind: release.kind === RELEASE_KIND_REQUIRED ? "required" : "recommended",
      digest: release.digest,
      activatesAt: release.activatesAt,
      active: release.activatesAt <= now,
      running: running !== undefined && running.version === releaseText(release) && running.digest.toLowerCase() === release.digest.toLowerCase(),
    }),
  );
  const verdict = running === undefined ? undefined : releaseVerdict({ running, releases, now });
  return { approved, running, verdict };
}

/** The verdict in one sentence, for a person deciding whether the sequencer is fine. */
export function verdictSentence(verdict: ReleaseVerdict): string {
  switch (verdict.kind) {
    case "approved":
      return `Approved: governance approved ${releaseText(verdict.release)} with this build's digest.`;
    case "noneApproved":
      return verdict.pending > 0
        ? "No approved release is in force yet, so any build may run until one activates."
        : "Governance has approved no release yet, so any build may run.";
    case "requiredNewer":
      return `Below the required release ${releaseText(verdict.required)}: the sequencer halts block production.`;
    case "digestMismatch":
      return `Version ${releaseText(verdict.approved)} was approved with another build digest: this build is not the approved one.`;
    case "notApproved":
      return verdict.newest === undefined ? "Not an approved release." : `Not an approved release; the newest approved is ${releaseText(verdict.newest)}.`;
  }
}
