import type { AddressInfo } from "node:net";

import type { Server } from "node:http";

import { createPublicClient, http, type LocalAccount } from "viem";

import { viemChain, votingMembers, type ChainEntry, type Manifest } from "../chains/index.ts";
import { BaseError } from "../errors.ts";
import { LogCheckpointStore } from "../rpc/logCheckpoints.ts";
import { createAdminServer } from "./admin/server.ts";
import { ChainSequencer, type ChainSequencerOptions } from "./chainSequencer.ts";
import { systemClock, type SequencerClock } from "./clock.ts";
import { commitmentPoster } from "./commitments.ts";
import { hubConfigSource, lastGoodConfig, type ConfigReading } from "./config/governedConfig.ts";
import { devnetEngine } from "./engine/devnetEngine.ts";
import type { ExecutionEngine } from "./engine/types.ts";
import { checkTxpoolOptions, type TxpoolOptions } from "./mempool/index.ts";
import { createSequencerMetrics, sequencerRegistry, type SequencerMetrics } from "./metrics/index.ts";
import { DEFAULT_RECOVERY_NICENESS, RecoveryPool } from "./recovery/pool.ts";
import type { Logger } from "./log.ts";
import { healthReport, type HealthReport } from "./health.ts";
import { releaseMonitor, sequencerBuild } from "./release.ts";
import { tallyRelayer } from "./relayer.ts";
import { createRpcServer, type SequencedChain } from "./rpc/server.ts";
import { openSqliteStore } from "./store/index.ts";
import type { ReplicaLeadership } from "./replication/leadership.ts";
import { openReplica, replicationOptionsProblem, type Replica, type ReplicationOptions } from "./replication/replica.ts";
import type { TransactionStore } from "./types.ts";

/** Failed ticks in a row after which a replica gives up leading the chain (another may build it). */
const UNHEALTHY_AFTER_FAILURES = 3;

/** A halt stops every chain; a recommended newer release is a warning. */
const RELEASE_LOG_LEVEL = { ok: "info", warn: "warn", halt: "error" } as const;

/**
 * Where acknowledged transactions are kept: a SQLite file (WAL) the sequencer opens and closes,
 * or a store the caller opened, and closes after `stop()`.
 */
export type SequencerStoreOptions =
  | { storePath: string; store?: never; replication?: never }
  | { store: TransactionStore; storePath?: never; replication?: never }
  /**
   * Run as one replica of a replicated sequencer: acknowledgements committed to etcd, each member
   * chain built by its elected leader only (see lib/sequencer/replication). `storePath` is unused.
   */
  | { replication: ReplicationOptions; storePath?: string; store?: never };

export type StartSequencerOptions = SequencerStoreOptions & SequencerServiceOptions;

export interface SequencerServiceOptions {
  manifest: Manifest;
  /** 0 picks a free port. */
  port: number;
  /** Bound on executable transactions per chain (memory stays bounded whatever the load); `txpool.maxPendingTotal`. */
  maxPendingPerChain?: number;
  /** The txpool's other limits (queued bounds, operator reserve, lifetime, base-fee grace…); defaults in DEFAULT_TXPOOL_OPTIONS. */
  txpool?: Partial<TxpoolOptions>;
  /**
   * Each member chain's operator account, which signs its commitments; none: commitments are off.
   * `superchain sequencer start` loads them from keystores (lib/keys), or on a devnet from its
   * plaintext dev keys.
   */
  operators?: Readonly<Record<number, LocalAccount>>;
  /**
   * Sender recovery's worker threads: how many (one per core by default) and their niceness on
   * Linux (default {@link DEFAULT_RECOVERY_NICENESS}: a flood's recovery yields the CPU to block
   * building; 0 runs them at the process's priority).
   */
  recovery?: { threads?: number; niceness?: number };
  /** The operator's admin listener (127.0.0.1, JWT-authenticated); none: no admin controls. */
  admin?: { port: number; jwtSecret: Buffer };
  /**
   * Each member chain's execution engine. Default: the devnet's EDR adapter on the member's
   * `rpcUrl`; a deployment passes its Engine API adapter (see ExecutionEngine).
   */
  engine?: (member: Pick<ChainEntry, "chainId" | "name" | "rpcUrl">) => ExecutionEngine;
  /** How often governance's releases are read from the hub, ms (1 to 3,600,000; default 2,000). */
  releasePollMs?: number;
  /**
   * The wall clock and timers of every part: block cadence, backoff, lifetimes, the release poll,
   * the commitment poster's waits ({@link systemClock} when absent).
   */
  clock?: SequencerClock;
  log?: Logger;
}

/** A start option out of range; names the option. Nothing was started. */
export class SequencerOptionsError extends BaseError {
  override name = "SequencerOptionsError";
  readonly option: string;
  constructor(option: string, value: unknown, rule: string) {
    super(`The sequencer option ${option} must be ${rule}, got ${String(value)}.`);
    this.option = option;
  }
}

export interface RunningSequencer {
  url: string;
  /** The admin listener's URL, when it runs. */
  adminUrl?: string;
  chainUrl: (chainId: number) => string;
  metrics: SequencerMetrics;
  chains: ReadonlyMap<number, SequencedChain>;
  health: () => HealthReport;
  /** A replica's part in the elections: leaders, members, block records, transfer, pause. */
  replication?: ReplicaLeadership;
  stop: () => Promise<void>;
}

/**
 * The shared sequencer: one process, one RPC server (`/<chainId>` per member chain), one durable
 * store, one sequencing loop per member chain, all configured from the hub's registry.
 */
export async function startSequencer(options: StartSequencerOptions): Promise<RunningSequencer> {
  const { manifest, log } = options;
  const releasePollMs = options.releasePollMs ?? 2_000;
  if (!Number.isSafeInteger(releasePollMs) || releasePollMs < 1 || releasePollMs > 3_600_000) {
    throw new SequencerOptionsError("releasePollMs", releasePollMs, "an integer from 1 to 3,600,000 (ms)");
  }
  const replicationProblem = options.replication && replicationOptionsProblem(options.replication);
  if (replicationProblem) throw new SequencerOptionsError(replicationProblem.option, replicationProblem.value, replicationProblem.rule);
  if (options.replication ? options.store !== undefined : (options.store === undefined) === (options.storePath === undefined)) {
    throw new SequencerOptionsError("storePath", options.storePath, "given when, and only when, neither a store nor replication is");
  }
  const clock = options.clock ?? systemClock;
  const engineFor = options.engine ?? ((member) => devnetEngine({ chainId: member.chainId, rpcUrl: member.rpcUrl }));
  // Checked once, before anything starts: a bad limit is a start-up error naming the option.
  const txpool = checkTxpoolOptions({ ...options.txpool, ...(options.maxPendingPerChain === undefined ? {} : { maxPendingTotal: options.maxPendingPerChain }) });
  const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
  const config = lastGoodConfig(hubConfigSource(hub, manifest.contracts.sequencerConfig));
  const registry = sequencerRegistry();
  const metrics = createSequencerMetrics(registry, { now: () => clock.now() });
  const releases = releaseMonitor(hub, manifest.contracts.sequencerConfig, sequencerBuild());
  metrics.releaseHalted((await releases.refresh()).state === "halt");
  let replica: Replica | undefined;
  if (options.replication) {
    replica = await openReplica({
      ...options.replication,
      defaultNamespace: `/superchain/${manifest.hub.chainId}/${manifest.contracts.sequencerConfig.toLowerCase()}/`,
      metrics,
      ...(log ? { log } : {}),
    });
  }
  const store: TransactionStore = replica?.store ?? options.store ?? openSqliteStore(options.storePath!);
  // The tally relayers' log scans resume where they were, next to the transactions (none without a file).
  const logCheckpoints = options.storePath === undefined ? undefined : LogCheckpointStore.open(logCheckpointPath(options.storePath));
  // The next poll is set once a read is over, so a slow hub never stacks reads up.
  let polling = true;
  let releaseTimer: { cancel(): void } | undefined;
  const pollReleases = () => {
    releaseTimer = clock.setTimeout(() => {
      const before = releases.current().state;
      void releases.refresh().then((status) => {
        metrics.releaseHalted(status.state === "halt");
        if (status.state !== before) log?.[RELEASE_LOG_LEVEL[status.state]]("release-status", { ...status });
        if (polling) pollReleases();
      });
    }, releasePollMs);
  };
  pollReleases();
  // A dead recovery worker is a fault of this process, not of the transactions in its batch.
  const recovery = new RecoveryPool({
    niceness: options.recovery?.niceness ?? DEFAULT_RECOVERY_NICENESS,
    ...(options.recovery?.threads === undefined ? {} : { size: options.recovery.threads }),
    ...(log ? { log: (event, fields) => log.error(event, fields) } : {}),
  });
  let sequence = store.nextSequence();
  const nextSequence = () => sequence++;

  const chains = new Map<number, SequencedChain>();
  const posters: Array<ReturnType<typeof commitmentPoster>> = [];
  const servers: Server[] = [];
  const stop = async () => {
    polling = false;
    releaseTimer?.cancel();
    // A replica resigns first: the other replicas take its chains over while it winds down.
    await replica?.close();
    await Promise.all(servers.map(close));
    for (const { sequencer } of chains.values()) await sequencer.stop();
    await Promise.all(posters.map((poster) => poster.drain()));
    await recovery.close();
    if (!replica && !options.store) store.close(); // a store the caller gave is the caller's to close
    logCheckpoints?.close();
  };
  const shared: SharedParts = {
    manifest,
    options,
    clock,
    engineFor,
    store,
    nextSequence,
    readConfig: (chainId, timestamp) => config.read(chainId, timestamp),
    haltReason: () => {
      const status = releases.current();
      return status.state === "halt" ? status.message : undefined;
    },
    recover: (raw, bid) => recovery.recover(raw, bid),
    metrics,
    txpool,
    hubChain: viemChain(manifest.hub),
    replica,
    votingByChain: new Map(votingMembers(manifest).map((voting) => [voting.chain.chainId, voting])),
    logCheckpoints,
  };
  try {
    for (const member of manifest.members) {
      const { poster, ...chain } = memberSequencer(member, shared);
      chains.set(member.chainId, chain);
      if (poster) posters.push(poster);
    }
    for (const { sequencer } of chains.values()) await sequencer.start();
  } catch (error) {
    await stop(); // a failed start leaves nothing running: no poll, no loop, no thread, no open store
    throw error;
  }

  const health = (): HealthReport =>
    healthReport(
      releases.build,
      releases.current(),
      [...chains.values()].map(({ sequencer }) => sequencer.status()),
      replica?.leadership() && { report: replica.leadership()!.health(), leaders: replica.leadership()!.leaders() },
    );
  servers.push(createRpcServer(chains, health, registry));
  if (options.admin) {
    const controls = new Map([...chains].map(([chainId, { sequencer }]) => [chainId, sequencer]));
    servers.push(createAdminServer({ chains: controls, health, secret: options.admin.jwtSecret, leadership: () => replica?.leadership() }));
  }
  let url: string;
  let adminUrl: string | undefined;
  try {
    url = await listen(servers[0]!, options.port);
    if (servers[1]) adminUrl = await listen(servers[1], options.admin?.port ?? 0);
  } catch (error) {
    await stop();
    throw error;
  }
  if (replica) {
    try {
      await replica.join({ rpcUrl: url, ...(adminUrl ? { adminUrl } : {}) }, new Map([...chains].map(([chainId, { sequencer }]) => [chainId, followingChain(sequencer)])));
    } catch (error) {
      await stop();
      throw error;
    }
  }
  log?.info("listening", { url, chains: [...chains.keys()], ...(adminUrl ? { adminUrl } : {}), ...(replica ? { replica: replica.replicaId } : {}) });

  const replication = replica?.leadership();
  return { url, ...(adminUrl ? { adminUrl } : {}), ...(replication ? { replication } : {}), chainUrl: (chainId) => `${url}/${chainId}`, metrics, chains, health, stop };
}

/** What every member chain's sequencer is built from. */
interface SharedParts {
  manifest: Manifest;
  options: StartSequencerOptions;
  clock: SequencerClock;
  engineFor: NonNullable<StartSequencerOptions["engine"]>;
  store: TransactionStore;
  nextSequence: () => bigint;
  readConfig: (chainId: number, timestamp: bigint) => Promise<ConfigReading>;
  haltReason: () => string | undefined;
  recover: NonNullable<ChainSequencerOptions["recover"]>;
  metrics: SequencerMetrics;
  txpool: TxpoolOptions;
  hubChain: ReturnType<typeof viemChain>;
  votingByChain: ReadonlyMap<number, ReturnType<typeof votingMembers>[number]>;
  logCheckpoints: LogCheckpointStore | undefined;
  replica: Replica | undefined;
}

/** A chain as its replica's log and elections see it. */
function followingChain(sequencer: ChainSequencer) {
  return {
    wake: () => sequencer.wake(),
    settled: () => sequencer.settled(),
    healthy: () => {
      const status = sequencer.status();
      // One failed tick is retried; three in a row, or a halt, and the chain is better led elsewhere.
      const failing = status.lastFault !== undefined && (status.lastFault.fault === "halt" || status.lastFault.failures >= UNHEALTHY_AFTER_FAILURES);
      return status.config !== undefined && status.active && status.halted === undefined && !failing;
    },
  };
}

/**
 * One member chain's sequencer on its engine and, when the operator's key is given and the
 * manifest has an OutputOracle, its commitment poster (and tally relayer, with cross-chain voting).
 * Nothing starts here.
 */
function memberSequencer(member: Manifest["members"][number], shared: SharedParts): SequencedChain & { poster?: ReturnType<typeof commitmentPoster> } {
  const { manifest, options, metrics, hubChain } = shared;
  const { log } = options;
  const outputOracle = manifest.contracts.outputOracle;
  const engine = shared.engineFor(member);
  let poster: ReturnType<typeof commitmentPoster> | undefined;
  const account = options.operators?.[member.chainId];
  const operator = outputOracle ? account : undefined;
  const sequencer = new ChainSequencer({
    chainId: member.chainId,
    name: member.name,
    engine,
    store: shared.store,
    readConfig: (timestamp) => shared.readConfig(member.chainId, timestamp),
    haltReason: shared.haltReason,
    nextSequence: shared.nextSequence,
    metrics,
    recover: shared.recover,
    txpool: shared.txpool,
    // The operator's hub-state posts go through admission: its reserve keeps them in on a full pool.
    operators: operator ? [operator.address] : [],
    clock: shared.clock,
    onBlock: (block, config) => poster?.onBlock(block, config),
    onTakeover: (block, config) => poster?.onTakeover(block, config),
    onRemoved: (lastBlock, config) => poster?.onRemoved(lastBlock, config),
    ...(shared.replica ? { leadership: shared.replica.leadershipOf(member.chainId) } : {}),
    ...(log ? { log } : {}),
  });
  shared.replica?.follow(member.chainId, sequencer);
  if (!operator || !outputOracle) {
    log?.warn("commitments-off", { chainId: member.chainId, reason: account ? "the manifest has no OutputOracle" : "no operator key" });
    return { sequencer, engine };
  }
  // With cross-chain voting, the operator also relays the chain's tallies after each output it commits.
  const voting = shared.votingByChain.get(member.chainId);
  const relayer =
    voting &&
    tallyRelayer({
      chainId: member.chainId,
      hub: { chain: hubChain, rpcUrl: manifest.hub.rpcUrl, outputOracle: voting.outputOracle, governor: voting.governor },
      member: { chain: viemChain(member), rpcUrl: member.rpcUrl, aggregator: voting.spoke.aggregator, pool: voting.spoke.pool, fromBlock: voting.fromBlock.member },
      relayer: operator,
      ...(shared.logCheckpoints ? { checkpoints: shared.logCheckpoints } : {}),
      ...(log ? { log } : {}),
    });
  poster = commitmentPoster({
    chainId: member.chainId,
    hub: { chain: hubChain, rpcUrl: manifest.hub.rpcUrl, outputOracle },
    hubStateOracle: member.hubStateOracle,
    member: createPublicClient({ chain: viemChain(member), transport: http(member.rpcUrl) }),
    operator,
    submit: (raw) => sequencer.admit(raw),
    pendingNonce: (address) => sequencer.pendingNonce(address),
    memberHead: () => engine.head(),
    metrics,
    clock: shared.clock,
    ...(relayer ? { afterOutput: () => relayer.relayOpen() } : {}),
    ...(log ? { log } : {}),
  });
  return { sequencer, engine, poster };
}

/** Where a sequencer keeps its log scans' progress: beside its transaction store, `seq.sqlite` → `seq.log-checkpoints.sqlite`. */
export function logCheckpointPath(storePath: string): string {
  return `${storePath.replace(/\.sqlite$/, "")}.log-checkpoints.sqlite`;
}

/** Listens on 127.0.0.1 only (0 picks a free port); resolves to the server's URL. */
async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
