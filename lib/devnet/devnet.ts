import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { createWalletClient, defineChain, http, type Hex } from "viem";

import { loadManifest, writeManifest } from "../chains/index.ts";
import { assertHandover } from "../deploy/verify/index.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { appointVoteSources, DEVNET_SPOKE_DELEGATES, seedSpokeDelegates, type CrosschainDeployment, type SeededSpokeDelegate } from "./crosschain.ts";
import { DEVNET_HUB_DEFAULTS } from "./deploy.ts";
import { deployDevnetContracts } from "./ignitionDeploy.ts";
import { hdPrivateKey } from "./keys.ts";
import { DevnetError } from "./errors.ts";
import { devnetManifest } from "./manifest.ts";
import { ensureMulticall3 } from "./multicall3.ts";
import { fundDevAccount } from "./fund.ts";
import { DevnetPortInUseError } from "./errors.ts";
import { isOwnProcess, isPortInUse, startNode, stopNode, type RunningNode, type StopOutcome } from "./nodes.ts";
import { etcdPortsFrom, replicaUrls, startReplicatedSequencer, stopReplicatedSequencer, type ReplicatedSequencer } from "./replicas.ts";
import { startSequencerProcess, stopSequencerProcess, type SequencerProcess } from "./sequencerProcess.ts";
import { seedDelegates } from "./seedDelegates.ts";
import { seedProposals, type SeededProposal } from "./seedProposals.ts";
import { advanceTime } from "./time.ts";

/** The devnet's chains: the hub and two OP-type member chains, on their DESIGN.md ports by default. */
export const DEVNET_CHAINS = [
  { name: "hub", chainId: 900, chainType: "l1", defaultPort: 8545 },
  { name: "base-local", chainId: 901, chainType: "op", defaultPort: 9545 },
  { name: "zora-local", chainId: 902, chainType: "op", defaultPort: 10545 },
] as const;

export interface DevnetPaths {
  /** Where the running devnet's pids and URLs are recorded (`.devnet/state.json`). */
  stateFile: string;
  /** The deployment manifest every part reads (`deployments/devnet.json`). */
  manifestFile: string;
  /** One log per node. */
  logDir: string;
}

/** Where the devnet's shared sequencer listens by default: `/<chainId>` per member chain. */
export const DEVNET_SEQUENCER_PORT = 7545;
/** Where `superchain devnet up` puts the sequencer's admin listener (JWT-authenticated) by default. */
export const DEVNET_SEQUENCER_ADMIN_PORT = 7551;

export interface DevnetState {
  nodes: RunningNode[];
  sequencer?: SequencerProcess;
  /** With `--replicas`: the etcd members and the replica processes instead of one sequencer. */
  replicated?: ReplicatedSequencer;
  startedAt: string;
}

/** Ports to use; `sequencerAdmin` turns on the sequencer's admin listener (off without it). */
export type DevnetPorts = Partial<Record<(typeof DEVNET_CHAINS)[number]["name"] | "sequencer" | "sequencerAdmin", number>>;

export function readDevnetState(paths: DevnetPaths): DevnetState | undefined {
  if (!existsSync(paths.stateFile)) return undefined;
  return JSON.parse(readFileSync(paths.stateFile, "utf8")) as DevnetState;
}

/** The recorded devnet, if every one of its nodes, and the sequencer's supervisor, still runs as recorded. */
export function runningDevnet(paths: DevnetPaths): DevnetState | undefined {
  const state = readDevnetState(paths);
  const alive = state && state.nodes.length > 0 && state.nodes.every(isOwnProcess);
  const sequencing = state && (!state.sequencer || isOwnProcess(state.sequencer.supervisor)) && (state.replicated?.replicas ?? []).every((replica) => isOwnProcess(replica.supervisor));
  return alive && sequencing ? state : undefined;
}

/**
 * Starts the three chains, deploys the hub and cross-chain voting (see lib/devnet/crosschain.ts:
 * the pools are appointed vote sources by one executed governance proposal, and four spoke
 * delegates are bridged to the member chains), and writes the state file and the manifest. When a
 * devnet is already running it returns it untouched (`alreadyRunning: true`). If anything fails,
 * every node started so far is stopped again.
 */
export interface DevnetUpOptions {
  ports?: DevnetPorts;
  /** How many sample proposals to create, spread over every lifecycle state (0: none). */
  seedProposals?: number;
  /** Start the shared sequencer for the member chains (default true). */
  sequencer?: boolean;
  /**
   * How many sequencer replicas (default 1: the single embedded sequencer). Two or more run on a
   * three-member etcd cluster, each chain led by one replica (lib/devnet/replicas.ts).
   */
  replicas?: number;
  /** With replicas: the etcd members' base port (member i: base + 2i client, + 1 peer); default 2379, 22379, 32379. */
  etcdPort?: number;
  onProgress?: (message: string) => void;
}

export interface DevnetUpResult {
  state: DevnetState;
  alreadyRunning: boolean;
  delegates?: Awaited<ReturnType<typeof seedDelegates>>;
  proposals?: SeededProposal[];
  /** Cross-chain voting: the contracts, the proposal that appointed the pools, the spoke delegates. */
  crosschain?: CrosschainDeployment & { appointment: { proposalId: bigint; description: string }; spokeDelegates: SeededSpokeDelegate[] };
}

export async function devnetUp(
  paths: DevnetPaths,
  { ports = {}, seedProposals: proposalCount = 0, sequencer: withSequencer = true, replicas = 1, etcdPort, onProgress = () => {} }: DevnetUpOptions = {},
): Promise<DevnetUpResult> {
  const running = runningDevnet(paths);
  if (running) return { state: running, alreadyRunning: true };

  const nodes: RunningNode[] = [];
  let sequencer: SequencerProcess | undefined;
  let replicated: ReplicatedSequencer | undefined;
  const sequencerPort = ports.sequencer ?? DEVNET_SEQUENCER_PORT;
  try {
    if (withSequencer && (await isPortInUse(sequencerPort))) throw new DevnetPortInUseError({ port: sequencerPort, chain: "sequencer" });
    if (withSequencer && ports.sequencerAdmin !== undefined && (await isPortInUse(ports.sequencerAdmin))) {
      throw new DevnetPortInUseError({ port: ports.sequencerAdmin, chain: "sequencer admin" });
    }
    // The chains start side by side (each node is its own process, ~1.6 s to answer); every one
    // that did start is recorded before a failure is thrown, so the cleanup below stops it.
    const started = await Promise.allSettled(
      DEVNET_CHAINS.map((chain) => {
        const port = ports[chain.name] ?? chain.defaultPort;
        onProgress(`starting ${chain.name} (chain ${chain.chainId}) on 127.0.0.1:${port}`);
        return startNode({ name: chain.name, chainId: chain.chainId, chainType: chain.chainType, port, logFile: join(paths.logDir, `${chain.name}.log`) });
      }),
    );
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const [hubNode, ...memberNodes] = nodes;
    if (!hubNode) throw new DevnetError("The hub node did not start.");
    const state: DevnetState = { nodes, startedAt: new Date().toISOString() };
    mkdirSync(dirname(paths.stateFile), { recursive: true });
    writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);

    const chainOf = (node: RunningNode) =>
      defineChain({
        id: node.chainId,
        name: node.name,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [node.rpcUrl] } },
      });
    const chain = chainOf(hubNode);
    const wallet = createWalletClient({ account: devAccount(DEV_ROLES.deployer), chain, transport: http(hubNode.rpcUrl) });
    // Multicall3 at its usual address, as on public chains: the web app batches reads through it.
    await Promise.all(nodes.map((node) => ensureMulticall3(createWalletClient({ account: devAccount(DEV_ROLES.deployer), chain: chainOf(node), transport: http(node.rpcUrl) }))));
    await Promise.all(nodes.map((node) => fundDevAccount(node.rpcUrl, devAccount(DEV_ROLES.gaslessRelayer).address)));
    onProgress("deploying with Hardhat Ignition: the council Safe on every chain; governance, the sequencer registries, roots and a SpokeVotePool per member on the hub; each member's HubStateOracle, SpokeToken and SpokeVoteAggregator");
    const { hub, crosschain, hubStateOracles } = await deployDevnetContracts(nodes, { dataDir: dirname(paths.stateFile), onProgress });
    const operatorKeys: Record<number, Hex> = Object.fromEntries(memberNodes.map((member, i) => [member.chainId, hdPrivateKey(DEV_ROLES.operators[i] ?? DEV_ROLES.deployer)]));
    const sequencerUrl = withSequencer ? `http://127.0.0.1:${sequencerPort}` : undefined;
    const sequencerReplicaUrls = withSequencer && replicas > 1 ? replicaUrls(sequencerPort, replicas) : undefined;
    await writeManifest(paths.manifestFile, devnetManifest({ hub: hubNode, members: memberNodes, sequencerUrl, sequencerReplicaUrls, hubStateOracles }, hub, crosschain));
    onProgress(`manifest written to ${paths.manifestFile}`);

    onProgress("funding 10 delegates with varied balances and delegations");
    const delegates = await seedDelegates(wallet, {
      token: hub.contracts.token,
      delegateClient: (account) => createWalletClient({ account, chain, transport: http(hubNode.rpcUrl) }),
    });
    const advance = (seconds: bigint) => advanceTime(nodes, seconds);
    onProgress("appointing each SpokeVotePool as its chain's vote source by a governance proposal (moves devnet time ~25 h)");
    const appointment = await appointVoteSources({
      chain,
      rpcUrl: hubNode.rpcUrl,
      contracts: { governor: hub.contracts.governor, timelock: hub.contracts.timelock, memberChains: hub.contracts.memberChains, sequencerConfig: hub.contracts.sequencerConfig },
      pools: memberNodes.map((node) => ({ chainId: node.chainId, name: node.name, pool: crosschain.spokes[node.chainId]!.pool })),
      advance,
    });
    // The handover, proven as after every deployment: no account but the registered operators holds any power.
    await assertHandover({ manifest: await loadManifest({ path: paths.manifestFile }) });
    onProgress(`bridging tokens to ${DEVNET_SPOKE_DELEGATES.flat().length} spoke delegates: deposit on the hub, hub state to each member, finalize by proof, delegate`);
    const spokeDelegates = await seedSpokeDelegates(wallet, {
      token: hub.contracts.token,
      challengeWindow: DEVNET_HUB_DEFAULTS.roots.hubStates.challengeWindow,
      advance,
      members: memberNodes.map((node, i) => ({
        chainId: node.chainId,
        chain: chainOf(node),
        rpcUrl: node.rpcUrl,
        pool: crosschain.spokes[node.chainId]!.pool,
        spokeToken: crosschain.spokes[node.chainId]!.token,
        hubStateOracle: hubStateOracles[node.chainId]!,
        operatorKey: operatorKeys[node.chainId]!,
        plan: DEVNET_SPOKE_DELEGATES[i] ?? [],
      })),
    });
    let proposals: SeededProposal[] = [];
    if (proposalCount > 0) {
      onProgress(`seeding ${proposalCount} proposals across every lifecycle state (moves devnet time forward)`);
      proposals = await seedProposals({
        chain,
        rpcUrl: hubNode.rpcUrl,
        contracts: { governor: hub.contracts.governor, timelock: hub.contracts.timelock, memberChains: hub.contracts.memberChains, sequencerConfig: hub.contracts.sequencerConfig },
        council: hub.council.safe,
        count: proposalCount,
        advance,
        onProgress,
      });
    }
    // Deployment mined many hub blocks, each a second after the last: bring every chain to the
    // hub's clock so member chains never stamp blocks before the registry existed.
    await advanceTime(nodes, 0n);

    if (withSequencer && replicas > 1) {
      const operatorKeysFile = join(dirname(paths.stateFile), "operator-keys.json");
      writeFileSync(operatorKeysFile, `${JSON.stringify(operatorKeys, null, 2)}\n`, { mode: 0o600 });
      replicated = await startReplicatedSequencer({
        count: replicas,
        dataDir: dirname(paths.stateFile),
        logDir: paths.logDir,
        manifestFile: paths.manifestFile,
        sequencerPort,
        ...(ports.sequencerAdmin === undefined ? {} : { adminPort: ports.sequencerAdmin }),
        operatorKeysFile,
        jwtSecretFile: join(dirname(paths.stateFile), "sequencer-jwt.hex"),
        ...(etcdPort === undefined ? {} : { etcdPorts: etcdPortsFrom(etcdPort) }),
        onProgress,
      });
      state.replicated = replicated;
      writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
    } else if (withSequencer) {
      onProgress(`starting the shared sequencer on 127.0.0.1:${sequencerPort} (/${memberNodes.map((n) => n.chainId).join(", /")})`);
      const storeFile = join(dirname(paths.stateFile), "sequencer.sqlite");
      // The operators' keys sign commitments; on a devnet they are the public dev keys.
      const operatorKeysFile = join(dirname(paths.stateFile), "operator-keys.json");
      writeFileSync(operatorKeysFile, `${JSON.stringify(operatorKeys, null, 2)}\n`, { mode: 0o600 });
      // A new devnet has new chains: the previous devnet's acknowledged transactions mean nothing here.
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${storeFile}${suffix}`, { force: true });
      sequencer = await startSequencerProcess({
        manifestFile: paths.manifestFile,
        port: sequencerPort,
        storeFile,
        operatorKeysFile,
        logFile: join(paths.logDir, "sequencer.log"),
        childFile: join(dirname(paths.stateFile), "sequencer-process.json"),
        // The admin listener's JWT secret is generated by the sequencer on first start, never printed.
        ...(ports.sequencerAdmin === undefined ? {} : { admin: { port: ports.sequencerAdmin, jwtSecretFile: join(dirname(paths.stateFile), "sequencer-jwt.hex") } }),
      });
      state.sequencer = sequencer;
      writeFileSync(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
    }
    return { state, alreadyRunning: false, delegates, proposals, crosschain: { ...crosschain, appointment, spokeDelegates } };
  } catch (error) {
    if (sequencer) await stopSequencerProcess(sequencer);
    if (replicated) await stopReplicatedSequencer(replicated);
    for (const node of nodes) await stopNode(node);
    rmSync(paths.stateFile, { force: true });
    throw error;
  }
}

/** One process `devnetDown` found recorded, and what stopping it did. */
export interface DownProcess {
  /** `hub`, …, `sequencer supervisor`, `sequencer`. */
  name: string;
  pid: number;
  outcome: StopOutcome;
  /** The node, for a node. */
  node?: RunningNode;
}

/**
 * Stops exactly the processes the state file recorded (never by name) and forgets them: the
 * sequencer's supervisor first (so it restarts nothing), then the sequencer, then the nodes. A
 * pid that now belongs to another process (its start time differs from the recorded one) is left
 * alone and reported `not-ours`.
 */
export async function devnetDown(paths: DevnetPaths): Promise<{ stopped: RunningNode[]; processes: DownProcess[] }> {
  const state = readDevnetState(paths);
  if (!state) return { stopped: [], processes: [] };
  const processes: DownProcess[] = [];
  if (state.sequencer) {
    const { supervisor, sequencer } = await stopSequencerProcess(state.sequencer);
    processes.push({ name: "sequencer supervisor", pid: state.sequencer.supervisor.pid, outcome: supervisor });
    if (sequencer) processes.push({ name: "sequencer", ...sequencer });
  }
  if (state.replicated) processes.push(...(await stopReplicatedSequencer(state.replicated)));
  for (const node of state.nodes) processes.push({ name: node.name, pid: node.pid, outcome: await stopNode(node), node });
  rmSync(paths.stateFile, { force: true });
  return { stopped: processes.flatMap((p) => (p.node && p.outcome !== "not-ours" ? [p.node] : [])), processes };
}
