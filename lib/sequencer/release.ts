import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

import type { Address, Hex, PublicClient } from "viem";

import { readGovernedReleases, releaseText, releaseVerdict, type GovernedRelease, type ReleaseVerdict } from "../operator/verifyRelease.ts";

const SEQUENCER_ROOT = resolve(import.meta.dirname);
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** What this sequencer is: its version and the sha-256 digest of its build (its sources here). */
export interface SequencerBuild {
  version: string;
  digest: Hex;
}

/**
 * The release verdict the sequencer acts on. `halt` stops block production and admission; its
 * `reason` is the {@link releaseVerdict} kind that failed: `requiredNewer` (below the newest
 * required release), `digestMismatch` (this version was approved with another build digest) or
 * `notApproved` (this version is no approved release in force).
 */
export type ReleaseStatus =
  | { state: "ok"; message: string }
  | { state: "warn"; message: string }
  | { state: "halt"; reason: Exclude<ReleaseVerdict["kind"], "approved" | "noneApproved">; message: string };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : entry.endsWith(".ts") ? [path] : [];
  });
}

/**
 * The running build: `package.json`'s version and a sha-256 over every source file of the
 * sequencer (path and content, in path order). Governance approves releases by this digest.
 */
export function sequencerBuild(): SequencerBuild {
  const { version } = JSON.parse(readFileSync(join(REPOSITORY_ROOT, "package.json"), "utf8")) as { version: string };
  const hash = createHash("sha256");
  for (const path of files(SEQUENCER_ROOT).sort()) {
    hash.update(relative(REPOSITORY_ROOT, path));
    hash.update("\0");
    hash.update(readFileSync(path));
  }
  return { version, digest: `0x${hash.digest("hex")}` };
}

/** A release's place in version order (each part is a uint16 on chain). */
const order = (r: GovernedRelease) => (r.major * 65_536 + r.minor) * 65_536 + r.patch;

/**
 * What the sequencer does under the approved releases at hub time `now`: {@link releaseVerdict}
 * decides (the rule `superchain config verify` and the web app apply too). Until governance has
 * a release in force, any build runs; from then on only a build whose version and digest equal an
 * approved release in force builds blocks — anything else halts. An approved build below the
 * newest release in force (a recommended one) keeps running with a warning.
 */
export function releaseStatus(build: SequencerBuild, releases: readonly GovernedRelease[], now: bigint): ReleaseStatus {
  const verdict = releaseVerdict({ running: build, releases, now });
  const running = `${build.version} (${build.digest.slice(0, 10)}…)`;
  switch (verdict.kind) {
    case "requiredNewer":
      return { state: "halt", reason: verdict.kind, message: `governance requires sequencer release ${releaseText(verdict.required)}; this is ${running}` };
    case "digestMismatch":
      return { state: "halt", reason: verdict.kind, message: `unapproved build: release ${build.version} was approved with digest ${verdict.approved.digest}, this build is ${build.digest}` };
    case "notApproved":
      return {
        state: "halt",
        reason: verdict.kind,
        message: `unapproved release: ${running} is no approved release in force${verdict.newest ? `; the newest approved is ${releaseText(verdict.newest)}` : ""}`,
      };
    case "noneApproved":
      return { state: "ok", message: `running ${build.version}; governance has approved no release yet` };
    case "approved": {
      const newest = releases.filter((r) => r.activatesAt <= now).reduce((a, r) => (order(r) > order(a) ? r : a), verdict.release);
      if (order(newest) > order(verdict.release)) return { state: "warn", message: `governance recommends sequencer release ${releaseText(newest)}; this is ${build.version}` };
      return { state: "ok", message: `running ${build.version}, an approved release` };
    }
  }
}

/** Keeps the release verdict current by reading the hub registry; keeps the last verdict if the hub is down. */
export function releaseMonitor(client: Pick<PublicClient, "readContract" | "getBlock">, registry: Address, build: SequencerBuild) {
  let status: ReleaseStatus = { state: "ok", message: `running ${build.version} (releases not read yet)` };
  return {
    build,
    current: () => status,
    async refresh(): Promise<ReleaseStatus> {
      try {
        const { releases, now } = await readGovernedReleases(client, registry);
        status = releaseStatus(build, releases, now);
      } catch {
        // The hub is unreachable: the last verdict stands (health reports the hub separately).
      }
      return status;
    },
  };
}
