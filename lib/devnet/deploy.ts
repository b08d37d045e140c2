import {
  getAddress,
  keccak256,
  parseEther,
  toBytes,
  zeroAddress,
  zeroHash,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Transport,
} from "viem";

import {
  hubStateOracleAbi,
  memberChainRegistryAbi,
  outputOracleAbi,
  rootSettingsAbi,
  sequencerConfigRegistryAbi,
  superchainGovernorAbi,
  superchainTimelockAbi,
  superchainTokenAbi,
} from "../contracts/index.ts";
import type { SequencerParameters } from "../governance/parameters.ts";
import { DEPLOYMENT_DEFAULTS } from "../deploy/params.ts";
import { createSafe, deploySafeContracts } from "../safe/index.ts";
import type { DeployableContract } from "./artifacts.ts";
import { contractDeployer } from "./contractDeployer.ts";

type WalletClient = Client<Transport, Chain | undefined, Account>;

export interface HubDeploymentOptions {
  council: { owners: readonly Address[]; threshold: number };
  members: ReadonlyArray<{ chainId: number; name: string; operator: Address }>;
  token: { name: string; symbol: string; supply: bigint };
  governor: {
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: bigint;
    quorumNumerator: bigint;
    lateQuorumVoteExtension: number;
  };
  timelockDelay: bigint;
  sequencer: { defaults: SequencerParameters; minActivationDelay: number; approvalWindow: number };
  /**
   * Challenge windows (seconds) and maximum block steps of outputs on the hub and of hub states on
   * members, and the shortest window governance may ever set (fixed at deployment).
   */
  roots: { outputs: RootRules; hubStates: RootRules; minChallengeWindow: number };
}

/** `IRootOracle.RootRules`: a root's challenge window and how far past the last accepted root a post may go. */
export interface RootRules {
  challengeWindow: number;
  maxBlockStep: bigint;
}

export interface HubDeployment {
  contracts: {
    token: Address;
    timelock: Address;
    governor: Address;
    memberChains: Address;
    sequencerConfig: Address;
    outputOracle: Address;
    rootSettings: Address;
  };
  council: { safe: Address; owners: Address[]; threshold: number };
  /** The account that deployed everything (it keeps no power: see `superchain deploy verify`). */
  deployer: Address;
  deployBlocks: Record<string, bigint>;
}

/** Sensible devnet defaults: 2 s blocks, FIFO, short voting so demos fit in minutes of `time advance`. */
export const DEVNET_HUB_DEFAULTS = {
  token: { name: "Superchain", symbol: "SUP", supply: parseEther("1000000000") },
  governor: {
    votingDelay: 300,
    votingPeriod: 86_400,
    proposalThreshold: parseEther("100000"),
    quorumNumerator: 4n,
    lateQuorumVoteExtension: 3_600,
  },
  timelockDelay: 3_600n,
  sequencer: {
    // The production defaults: the devnet differs only in its windows.
    defaults: DEPLOYMENT_DEFAULTS.sequencer.defaults,
    minActivationDelay: 600,
    approvalWindow: 7 * 86_400,
  },
  // A few seconds, so relays stay fast on a devnet; production would use hours (see docs/DESIGN.md).
  roots: {
    outputs: { challengeWindow: 4, maxBlockStep: 1_000_000n },
    hubStates: { challengeWindow: 4, maxBlockStep: 1_000_000n },
    minChallengeWindow: 1,
  },
} as const satisfies Omit<HubDeploymentOptions, "council" | "members">;

/**
 * Deploys the whole hub — Safe 1.4.1 at its canonical addresses and the council Safe, token,
 * timelock, governor (the council as its proposal guardian), member chain registry and sequencer
 * config registry — and wires it as production: the governor is the timelock's only proposer and
 * canceller, execution is open, and the deployer keeps no admin role. Works over any RPC.
 *
 * @example
 * const hub = await deployHub(walletClient, { ...DEVNET_HUB_DEFAULTS, council, members })
 */
export async function deployHub(client: WalletClient, options: HubDeploymentOptions): Promise<HubDeployment> {
  const deployBlocks: Record<string, bigint> = {};
  const deployer = client.account.address;
  const steps = contractDeployer(client, "Deployment step failed");
  const deploy = async (name: DeployableContract, abi: Abi, args: readonly unknown[]): Promise<Address> => {
    const { address, block } = await steps.deploy(name, abi, args);
    deployBlocks[name] = block;
    return address;
  };
  const { write } = steps;

  await deploySafeContracts(client);
  const owners = options.council.owners.map((owner) => getAddress(owner));
  const { address: safe } = await createSafe(client, { owners, threshold: options.council.threshold, saltNonce: 0n });

  const token = await deploy("SuperchainToken", superchainTokenAbi, [
    options.token.name,
    options.token.symbol,
    deployer,
    options.token.supply,
  ]);
  const timelock = await deploy("SuperchainTimelock", superchainTimelockAbi, [options.timelockDelay, [], [zeroAddress], deployer]);
  const governor = await deploy("SuperchainGovernor", superchainGovernorAbi, [token, timelock, safe, options.governor]);
  const memberChains = await deploy("MemberChainRegistry", memberChainRegistryAbi, [
    options.members.map((m) => ({ chainId: BigInt(m.chainId), name: m.name, operator: m.operator })),
  ]);
  const sequencerConfig = await deploy("SequencerConfigRegistry", sequencerConfigRegistryAbi, [
    memberChains,
    timelock,
    safe,
    options.sequencer.defaults,
    options.sequencer.minActivationDelay,
    options.sequencer.approvalWindow,
  ]);

  const rootSettings = await deploy("RootSettings", rootSettingsAbi, [memberChains, sequencerConfig, options.roots.outputs, options.roots.hubStates, options.roots.minChallengeWindow]);
  const outputOracle = await deploy("OutputOracle", outputOracleAbi, [memberChains, sequencerConfig, rootSettings]);
  // Spends the deployer's one-shot binding: from here on only changes both parties approved reach the member chains.
  await write("link registries", memberChains, memberChainRegistryAbi, "setChangeApplier", [sequencerConfig]);
  for (const role of [PROPOSER_ROLE, CANCELLER_ROLE]) {
    await write("grant timelock role", timelock, superchainTimelockAbi, "grantRole", [role, governor]);
  }
  await write("renounce timelock admin", timelock, superchainTimelockAbi, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer]);

  return {
    contracts: { token, timelock, governor, memberChains, sequencerConfig, outputOracle, rootSettings },
    council: { safe, owners, threshold: options.council.threshold },
    deployer,
    deployBlocks,
  };
}

// The role ids as OpenZeppelin's TimelockController defines them.
const PROPOSER_ROLE = keccak256(toBytes("PROPOSER_ROLE"));
const CANCELLER_ROLE = keccak256(toBytes("CANCELLER_ROLE"));
const DEFAULT_ADMIN_ROLE = zeroHash;

/**
 * Deploys a member chain's HubStateOracle with no owner: its first roles are what the hub's
 * RootSettings would publish for the chain now (operator, council, hub-state rules), its anchor the
 * hub's head; from then on the roles change only by proof of the hub's publication (`syncRoles`).
 */
export async function deployHubStateOracle(
  client: WalletClient,
  {
    verifier,
    rootSettings,
    roles,
    anchor,
  }: { verifier: Address; rootSettings: Address; roles: { operator: Address; council: Address; rules: RootRules }; anchor: bigint },
): Promise<{ address: Address; block: bigint }> {
  return contractDeployer(client, "Deployment step failed").deploy("HubStateOracle", hubStateOracleAbi, [verifier, rootSettings, roles, anchor]);
}
