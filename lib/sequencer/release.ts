import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

import type { Address, Hex, PublicClient } from "viem";

import { sequencerConfigRegistryAbi } from "../contracts/index.ts";

const SEQUENCER_ROOT = resolve(import.meta.dirname);
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** What this sequencer is: its version and the sha-256 digest of its build (its sources here). */
export interface SequencerBuild {
  version: string;
  digest: Hex;
}

export interface ApprovedRelease {
  major: number;
  minor: number;
  patch: number;
  digest: Hex;
}

export type ReleaseStatus =
  | { state: "ok"; message: string }
  | { state: "warn"; message: string }
  | { state: "halt"; message: string };

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

const parse = (version: string): [number, number, number] => {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map(Number);
  return [major, minor, patch];
};
const compare = (a: [number, number, number], b: [number, number, number]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const text = (r: ApprovedRelease) => `${r.major}.${r.minor}.${r.patch}`;

/**
 * Below the newest required release: halt. Below the newest recommended one: warn. The same
 * version with a different digest is not the approved build either: warn.
 */
export function releaseStatus(build: SequencerBuild, required?: ApprovedRelease, recommended?: ApprovedRelease): ReleaseStatus {
  const running = parse(build.version);
  if (required && compare(running, [required.major, required.minor, required.patch]) < 0) {
    return { state: "halt", message: `governance requires sequencer release ${text(required)}; this is ${build.version} (${build.digest.slice(0, 10)}…)` };
  }
  if (recommended && compare(running, [recommended.major, recommended.minor, recommended.patch]) < 0) {
    return { state: "warn", message: `governance recommends sequencer release ${text(recommended)}; this is ${build.version}` };
  }
  const same = [required, recommended].find((r) => r && compare(running, [r.major, r.minor, r.patch]) === 0);
  if (same && same.digest.toLowerCase() !== build.digest.toLowerCase()) {
    return { state: "warn", message: `release ${build.version} was approved with digest ${same.digest}, this build is ${build.digest}` };
  }
  return { state: "ok", message: `running ${build.version}` };
}

/** Keeps the release verdict current by reading the hub registry; keeps the last verdict if the hub is down. */
export function releaseMonitor(client: PublicClient, registry: Address, build: SequencerBuild) {
  let status: ReleaseStatus = { state: "ok", message: `running ${build.version} (releases not read yet)` };
  const contract = { address: registry, abi: sequencerConfigRegistryAbi } as const;
  return {
    build,
    current: () => status,
    async refresh(): Promise<ReleaseStatus> {
      try {
        const [[hasRequired, required], [hasRecommended, recommended]] = await Promise.all([
          client.readContract({ ...contract, functionName: "newestRequiredRelease" }),
          client.readContract({ ...contract, functionName: "newestRecommendedRelease" }),
        ]);
        status = releaseStatus(build, hasRequired ? required : undefined, hasRecommended ? recommended : undefined);
      } catch {
        // The hub is unreachable: the last verdict stands (health reports the hub separately).
      }
      return status;
    },
  };
}
