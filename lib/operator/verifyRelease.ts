import type { Address, Hex, PublicClient } from "viem";

import { sequencerConfigRegistryAbi } from "../contracts/index.ts";
import { HubReadError } from "./errors.ts";

/** A release as the registry stores it (`kind` 0 recommended, 1 required). */
export interface GovernedRelease {
  major: number;
  minor: number;
  patch: number;
  kind: number;
  digest: Hex;
  /** Unix seconds from which the approval is in force. */
  activatesAt: bigint;
}

export interface RunningRelease {
  version: string;
  digest: Hex;
}

export type ReleaseVerdict =
  /** The running version and digest are an approved release in force. */
  | { ok: true; kind: "approved"; release: GovernedRelease }
  /** Governance has approved no release yet (none in force), so there is nothing to be below. */
  | { ok: true; kind: "noneApproved"; pending: number }
  /** A required release in force is newer than the running one. */
  | { ok: false; kind: "requiredNewer"; required: GovernedRelease }
  /** The running version was approved, but with another build digest. */
  | { ok: false; kind: "digestMismatch"; approved: GovernedRelease }
  /** The running version is not among the approved releases in force. */
  | { ok: false; kind: "notApproved"; newest: GovernedRelease | undefined };

export const RELEASE_KIND_REQUIRED = 1;

export const releaseText = (r: { major: number; minor: number; patch: number }): string => `${r.major}.${r.minor}.${r.patch}`;

function parseVersion(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map(Number);
  return [major, minor, patch];
}
const compare = (a: readonly number[], b: readonly number[]): number => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);
const triple = (r: GovernedRelease): [number, number, number] => [r.major, r.minor, r.patch];

/**
 * The release verdict, pure: from every approved release, the time now (hub seconds) and what runs.
 * A release counts from its `activatesAt`. Order of judgement: a newer required release fails;
 * an exact version + digest match passes; the same version with another digest fails; no release
 * in force at all passes (reported as `noneApproved`); anything else is not approved.
 *
 * @example
 * releaseVerdict({ running: { version: "0.1.0", digest }, releases: [], now: 0n }).kind // "noneApproved"
 */
export function releaseVerdict({ running, releases, now }: { running: RunningRelease; releases: readonly GovernedRelease[]; now: bigint }): ReleaseVerdict {
  const version = parseVersion(running.version);
  const active = releases.filter((r) => r.activatesAt <= now);
  const newestFirst = [...active].sort((a, b) => compare(triple(b), triple(a)));
  const required = newestFirst.find((r) => r.kind === RELEASE_KIND_REQUIRED);
  if (required !== undefined && compare(version, triple(required)) < 0) return { ok: false, kind: "requiredNewer", required };
  const sameVersion = active.filter((r) => compare(version, triple(r)) === 0);
  const exact = sameVersion.find((r) => r.digest.toLowerCase() === running.digest.toLowerCase());
  if (exact !== undefined) return { ok: true, kind: "approved", release: exact };
  const [other] = sameVersion;
  if (other !== undefined) return { ok: false, kind: "digestMismatch", approved: other };
  if (active.length === 0) return { ok: true, kind: "noneApproved", pending: releases.length };
  return { ok: false, kind: "notApproved", newest: newestFirst[0] };
}

/**
 * Every release governance approved (each with the time it is in force from) and the hub's time
 * now, read from the SequencerConfigRegistry at the hub's latest block (or at `blockNumber`, with
 * that block's time as `now`): what {@link releaseVerdict} judges by. The sequencer's release
 * monitor, {@link verifyRelease} and the registry-layout export all read through it.
 *
 * @throws {HubReadError} when the hub does not answer.
 * @example
 * const { releases, now } = await readGovernedReleases(hub, registry)
 */
export async function readGovernedReleases(
  client: Pick<PublicClient, "readContract" | "getBlock">,
  registry: Address,
  { blockNumber }: { blockNumber?: bigint } = {},
): Promise<{ releases: GovernedRelease[]; now: bigint }> {
  try {
    const block = await client.getBlock(blockNumber === undefined ? { blockTag: "latest" } : { blockNumber });
    const [releases, activatesAt] = await client.readContract({ address: registry, abi: sequencerConfigRegistryAbi, functionName: "releases", blockNumber: block.number });
    return { releases: releases.map((r, i): GovernedRelease => ({ ...r, activatesAt: BigInt(activatesAt[i] ?? 0) })), now: block.timestamp };
  } catch (error) {
    throw new HubReadError({ what: `the approved releases (registry ${registry})`, cause: error });
  }
}

export interface VerifyReleaseParameters {
  registry: Address;
  running: RunningRelease;
}
export type VerifyReleaseReturnType = ReleaseVerdict;
export type VerifyReleaseErrorType = HubReadError;

/**
 * Whether the running sequencer release is one governance approved, read from the hub's
 * SequencerConfigRegistry (`releases()`, judged at the hub's latest block time).
 *
 * @throws {HubReadError} when the hub does not answer.
 * @example
 * const verdict = await verifyRelease(hub, { registry, running: { version: "0.1.0", digest } })
 * if (!verdict.ok) console.log(verdict.kind) // "requiredNewer" | "digestMismatch" | "notApproved"
 */
export async function verifyRelease(
  client: Pick<PublicClient, "readContract" | "getBlock">,
  { registry, running }: VerifyReleaseParameters,
): Promise<VerifyReleaseReturnType> {
  const { releases, now } = await readGovernedReleases(client, registry);
  return releaseVerdict({ running, releases, now });
}
