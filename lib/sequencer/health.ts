/**
 * The sequencer's health report (`GET /healthz`, `admin_health`): one schema, which the sequencer
 * builds its report to and the operator CLI and the web app parse it with, so the two sides cannot
 * drift. Integers beyond 2^53 travel as decimal strings and parse to bigints.
 */
import { z } from "zod";

import {
  ORDERING_POLICY_NAME_LIST,
  orderingPolicyFromName,
  orderingPolicyName,
  type AppliedConfig,
} from "../governance/parameters.ts";
import type { ChainStatus } from "./chainSequencer.ts";
import type { ReleaseStatus, SequencerBuild } from "./release.ts";

const decimal = z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a decimal string" }).transform((v) => BigInt(v));
const uint = z.int().nonnegative();

/**
 * One member chain's configuration as the sequencer applies it: the registry's parameters flat
 * beside their version. The ordering policy travels by name and parses to the contract's enum; the
 * output type is checked against the ABI-derived parameters, so a field the registry adds or
 * retypes fails to compile here until the report carries it.
 */
export const runningConfigSchema = z.object({
  version: decimal,
  activatedAt: decimal,
  blockTimeMs: uint,
  maxTxPerBlock: uint,
  maxBlockGas: decimal,
  orderingPolicy: z.enum(ORDERING_POLICY_NAME_LIST).transform(orderingPolicyFromName),
  minPriorityFeeWei: decimal,
  maxTxBytes: uint,
  maxPendingPerSender: uint,
  commitmentInterval: uint,
}) satisfies z.ZodType<AppliedConfig>;

/** One member chain in the report. */
export const chainHealthSchema = z.object({
  chainId: z.int().positive(),
  name: z.string(),
  /** null until a configuration was loaded. */
  config: runningConfigSchema.nullable(),
  /** The council paused the chain. */
  paused: z.boolean(),
  /** Governance and the council removed the chain; absent while it is a member. */
  removed: z.literal(true).optional(),
  /** Whether the operator lets this sequencer build the chain's blocks (admin_stopSequencer / admin_startSequencer). */
  sequencerActive: z.boolean(),
  hubReachable: z.boolean(),
  hubError: z.string().optional(),
  /** Why the chain builds nothing (a release halt). */
  halted: z.string().optional(),
  /** The newest block built (chain time); null before the first. Older reports may leave it out. */
  lastBlock: z.object({ number: decimal, timestamp: decimal, transactions: uint.optional() }).nullable().optional(),
  /** Transactions in the chain's mempool. */
  mempool: uint.optional(),
  /** The last failed attempt at a block, while no block has been built since: what kind of failure (lib/sequencer/faults), why, when (ms). */
  lastFault: z.object({ fault: z.enum(["temporary", "resync", "halt"]), message: z.string(), at: uint, failures: uint.optional() }).optional(),
  /** A replica's role on the chain; absent on a sequencer that is not replicated. */
  role: z.enum(["leader", "follower"]).optional(),
  /** The replica leading the chain, as etcd says; absent while none does (or not replicated). */
  leader: z.string().optional(),
});

/** A replica's view of the replicated sequencer it belongs to (lib/sequencer/replication). */
export const replicationHealthSchema = z.object({
  replicaId: z.string(),
  /** Whether etcd answered this replica's last lease renewal in time. */
  etcdReachable: z.boolean(),
  leaseTtlSeconds: uint,
  /** How much longer this replica's lease surely lives, ms; 0 while it is being renewed. */
  leaseValidForMs: uint,
  /** Not campaigning (admin `conductor_pause`). */
  paused: z.boolean(),
  /** Every live replica and its RPC. */
  members: z.array(z.object({ id: z.string(), rpcUrl: z.string() })),
  /** Times this replica started or stopped leading a chain. */
  leaderChanges: uint,
});

/** The whole report. Fields this schema does not name pass through a parse unread. */
export const healthReportSchema = z.object({
  /** halted: governance's releases forbid this build; degraded: the hub cannot be read. */
  status: z.enum(["ok", "degraded", "halted"]),
  release: z.object({
    version: z.string().min(1),
    digest: z.string().regex(/^0x[0-9a-fA-F]{64}$/, { error: "must be a 32-byte hex digest" }).transform((v) => v as `0x${string}`),
    state: z.enum(["ok", "warn", "halt"]),
    /** Why the build is halted (ReleaseStatus's `reason`), with `state` halt. */
    reason: z.string().optional(),
    message: z.string(),
  }),
  chains: z.array(chainHealthSchema),
  replication: replicationHealthSchema.optional(),
});

/** The report as it is sent (JSON). */
export type HealthReport = z.input<typeof healthReportSchema>;
/** The report as `healthReportSchema` parses it (bigints for the decimal strings). */
export type ParsedHealthReport = z.output<typeof healthReportSchema>;

/**
 * The report for a build, its release status and its chains' statuses.
 *
 * @example
 * send(response, 200, healthReport(build, releases.current(), chains.map((c) => c.status())))
 */
export function healthReport(
  build: SequencerBuild,
  release: ReleaseStatus,
  chains: readonly ChainStatus[],
  replication?: { report: z.input<typeof replicationHealthSchema>; leaders: ReadonlyMap<number, string | undefined> },
): HealthReport {
  return {
    status: release.state === "halt" ? "halted" : chains.every((chain) => chain.hubReachable) && (replication?.report.etcdReachable ?? true) ? "ok" : "degraded",
    release: { version: build.version, digest: build.digest, ...release },
    chains: chains.map((chain) => {
      const leader = replication?.leaders.get(chain.chainId);
      return { ...chainHealth(chain), ...(leader === undefined ? {} : { leader }) };
    }),
    ...(replication ? { replication: replication.report } : {}),
  };
}

function chainHealth(status: ChainStatus): HealthReport["chains"][number] {
  const { config, lastBlock } = status;
  return {
    chainId: status.chainId,
    name: status.name,
    config: config
      ? {
          version: config.version.toString(),
          activatedAt: config.activatedAt.toString(),
          blockTimeMs: config.blockTimeMs,
          maxTxPerBlock: config.maxTxPerBlock,
          maxBlockGas: config.maxBlockGas.toString(),
          orderingPolicy: orderingPolicyName(config.orderingPolicy),
          minPriorityFeeWei: config.minPriorityFeeWei.toString(),
          maxTxBytes: config.maxTxBytes,
          maxPendingPerSender: config.maxPendingPerSender,
          commitmentInterval: config.commitmentInterval,
        }
      : null,
    paused: status.paused,
    ...(config?.removed ? { removed: true as const } : {}),
    sequencerActive: status.active,
    hubReachable: status.hubReachable,
    ...(status.hubError ? { hubError: status.hubError } : {}),
    ...(status.halted ? { halted: status.halted } : {}),
    lastBlock: lastBlock ? { number: lastBlock.number.toString(), timestamp: lastBlock.timestamp.toString(), transactions: lastBlock.transactions } : null,
    mempool: status.mempoolSize,
    ...(status.lastFault ? { lastFault: status.lastFault } : {}),
    ...(status.role ? { role: status.role } : {}),
  };
}
