/**
 * Cross-chain voting on the devnet: deploys the contracts (a StateProofVerifier on every chain, a
 * SpokeVotePool per member chain on the hub, a SpokeToken and SpokeVoteAggregator on each member
 * chain), appoints the pools as their chains' vote sources through governance, and seeds spoke
 * delegates through the bridge itself — deposit on the hub, hub state posted to the member chain,
 * deposit finalized there by proof, delegation there.
 */
import {
  createPublicClient,
  createWalletClient,
  isAddressEqual,
  parseEventLogs,
  type Log,
  http,
  maxUint256,
  parseEther,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  hubStateOracleAbi,
  spokeTokenAbi,
  spokeVoteAggregatorAbi,
  spokeVotePoolAbi,
  stateProofVerifierAbi,
  superchainTokenAbi,
} from "../contracts/index.ts";
import { prepareFinalizeDeposit } from "../crosschain/index.ts";
import type { GovernanceContracts } from "../governance/index.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { contractDeployer } from "./contractDeployer.ts";
import { DevnetError } from "./errors.ts";
import { passProposal } from "./passProposal.ts";

type WalletClient = Client<Transport, Chain | undefined, Account>;

/**
 * How many seconds before the hub deadline voting closes on member chains. A spoke vote reaches
 * the hub after at most two commitments (the one covering the vote, and the hub transaction of
 * the relay that proves it): 2 × commitmentInterval × blockTime = 2 × 10 × 2 s = 40 s with the
 * devnet's governed defaults. 300 s keeps that with a wide slack — for the hub transaction, the
 * relayer reacting, and slower governed block times (it still covers two commitments at 12 s
 * blocks) — while staying negligible against the 24 h voting period.
 */
export const DEVNET_CLOSING_MARGIN = 300;

/**
 * The spoke delegates `devnet up` seeds, per member chain in manifest order (base-local, then
 * zora-local): dev accounts outside every other devnet role, so their votes are spoke votes
 * only. The deployer deposits their tokens on the hub; each delegates to itself on its chain.
 */
export const DEVNET_SPOKE_DELEGATES: ReadonlyArray<ReadonlyArray<{ index: number; tokens: bigint }>> = [
  [
    { index: DEV_ROLES.spokeDelegates[0], tokens: 20_000_000n },
    { index: DEV_ROLES.spokeDelegates[1], tokens: 5_000_000n },
  ],
  [
    { index: DEV_ROLES.spokeDelegates[2], tokens: 15_000_000n },
    { index: DEV_ROLES.spokeDelegates[3], tokens: 5_000_000n },
  ],
];

export interface SpokeDeployment {
  pool: Address;
  token: Address;
  aggregator: Address;
  verifier: Address;
  /** The member-chain block of the SpokeToken's deployment. */
  deployBlock: bigint;
}

export interface CrosschainDeployment {
  /** The hub's StateProofVerifier. */
  stateProofVerifier: Address;
  /** By member chain id. */
  spokes: Record<number, SpokeDeployment>;
  /** Hub deploy blocks: `StateProofVerifier` and `SpokeVotePool` (the first pool). */
  deployBlocks: Record<string, bigint>;
}

export interface CrosschainMember {
  chainId: number;
  name: string;
  /** The deployer on the member chain. */
  wallet: WalletClient;
  hubStateOracle: Address;
  /** The member chain's StateProofVerifier (deployed with its HubStateOracle). */
  verifier: Address;
}

const deployer = (client: WalletClient) => contractDeployer(client, "Cross-chain deployment step failed");

/**
 * Deploys cross-chain voting: the verifier and one SpokeVotePool per member on the hub, the
 * SpokeToken and SpokeVoteAggregator on each member (next to its verifier), then binds each pool to its
 * spoke contracts (the hub deployer is the pools' binder). The pools are not vote sources yet:
 * see {@link appointVoteSources}.
 */
export async function deployCrosschain(
  hubWallet: WalletClient,
  {
    governor,
    token,
    outputOracle,
    members,
    closingMargin = DEVNET_CLOSING_MARGIN,
  }: { governor: Address; token: Address; outputOracle: Address; members: readonly CrosschainMember[]; closingMargin?: number },
): Promise<CrosschainDeployment> {
  const hub = deployer(hubWallet);
  const verifier = await hub.deploy("StateProofVerifier", stateProofVerifierAbi, []);
  const deployBlocks: Record<string, bigint> = { StateProofVerifier: verifier.block };
  const spokes: Record<number, SpokeDeployment> = {};
  for (const member of members) {
    const pool = await hub.deploy("SpokeVotePool", spokeVotePoolAbi, [
      token,
      governor,
      outputOracle,
      verifier.address,
      BigInt(member.chainId),
      hubWallet.account.address,
    ]);
    deployBlocks["SpokeVotePool"] ??= pool.block;
    const spoke = deployer(member.wallet);
    const spokeToken = await spoke.deploy("SpokeToken", spokeTokenAbi, [
      `Superchain on ${member.name}`,
      "SUP",
      pool.address,
      member.hubStateOracle,
      member.verifier,
    ]);
    const aggregator = await spoke.deploy("SpokeVoteAggregator", spokeVoteAggregatorAbi, [
      spokeToken.address,
      governor,
      member.hubStateOracle,
      member.verifier,
      closingMargin,
    ]);
    await hub.write(`bind ${member.name}'s pool`, pool.address, spokeVotePoolAbi, "bindSpoke", [spokeToken.address, aggregator.address]);
    spokes[member.chainId] = {
      pool: pool.address,
      token: spokeToken.address,
      aggregator: aggregator.address,
      verifier: member.verifier,
      deployBlock: spokeToken.block,
    };
  }
  return { stateProofVerifier: verifier.address, spokes, deployBlocks };
}

/**
 * Appoints each member chain's pool as its vote source on the hub governor. `setVoteSource` is
 * `onlyGovernance`, and OpenZeppelin's Governor accepts such a call only while it executes a
 * proposal through the timelock (the timelock alone is refused: the governor checks the call
 * was queued by its own `execute`), so this passes one real proposal with {@link passProposal}:
 * the two largest devnet delegates vote for it; devnet time moves by the voting delay, period
 * and timelock delay (about 25 h).
 */
export async function appointVoteSources(parameters: {
  chain: Chain;
  rpcUrl: string;
  contracts: GovernanceContracts;
  pools: ReadonlyArray<{ chainId: number; name: string; pool: Address }>;
  advance: (seconds: bigint) => Promise<unknown>;
}): Promise<{ proposalId: bigint; description: string }> {
  const { chain, rpcUrl, contracts, pools, advance } = parameters;
  const description = `Appoint the SpokeVotePools of ${pools.map((p) => p.name).join(" and ")} as their chains' vote sources`;
  const { proposalId } = await passProposal({
    chain,
    rpcUrl,
    contracts,
    actions: pools.map((p) => ({ kind: "setVoteSource" as const, chainId: BigInt(p.chainId), source: p.pool })),
    description,
    advance,
  });
  return { proposalId, description };
}

export interface SeededSpokeDelegate {
  chainId: number;
  address: Address;
  tokens: bigint;
  depositId: bigint;
}

/**
 * Seeds spoke delegates through the bridge: the hub deployer deposits each delegate's tokens in
 * its chain's pool; the chain's operator posts the hub state covering the deposits to the
 * member's HubStateOracle (as the sequencer does every commitment interval — here directly, as
 * the sequencer is not running yet); devnet time moves past the hub states' challenge window
 * (`advance`, every chain at once, instead of waiting); anyone (the deployer) finalizes each
 * deposit there with a storage proof; each delegate delegates to itself there. Member nodes must
 * mine on their own.
 */
export async function seedSpokeDelegates(
  hubWallet: WalletClient,
  {
    token,
    members,
    challengeWindow,
    advance,
  }: {
    token: Address;
    /** The member HubStateOracles' challenge window, in seconds. */
    challengeWindow: number;
    /** Moves every chain's clock by this many seconds (0: to a common "now"). */
    advance: (seconds: bigint) => Promise<unknown>;
    members: ReadonlyArray<{
      chainId: number;
      chain: Chain;
      rpcUrl: string;
      pool: Address;
      spokeToken: Address;
      hubStateOracle: Address;
      /** The member's operator: the only HubStateOracle poster. */
      operatorKey: Hex;
      plan: ReadonlyArray<{ index: number; tokens: bigint }>;
    }>;
  },
): Promise<SeededSpokeDelegate[]> {
  const hub = deployer(hubWallet);
  const hubClient = createPublicClient({ chain: hubWallet.chain, transport: http(hubRpcUrl(hubWallet)) }) as PublicClient;
  const seeded: SeededSpokeDelegate[] = [];
  const pending: Array<SeededSpokeDelegate & { index: number; member: (typeof members)[number] }> = [];
  for (const member of members) {
    await hub.write("approve the pool", token, superchainTokenAbi, "approve", [member.pool, maxUint256]);
    for (const { index, tokens } of member.plan) {
      const recipient = devAccount(index).address;
      const receipt = await hub.write(`deposit for ${recipient}`, member.pool, spokeVotePoolAbi, "deposit", [parseEther(tokens.toString()), recipient]);
      const depositId = depositIdOf(receipt.logs, member.pool);
      pending.push({ chainId: member.chainId, address: recipient, tokens, depositId, index, member });
    }
  }
  // The hub block posted must not be stamped after the member chains' clocks: move every clock past it.
  const head = await hubClient.getBlock();
  await advance(1n);
  for (const member of members) {
    const asOperator = deployer(walletFor(member.chain, member.rpcUrl, privateKeyToAccount(member.operatorKey)));
    await asOperator.write(`post hub state to chain ${member.chainId}`, member.hubStateOracle, hubStateOracleAbi, "postHubState", [
      head.number,
      head.hash,
      head.stateRoot,
      Number(head.timestamp),
    ]);
  }
  await advance(BigInt(challengeWindow));
  for (const member of members) {
    const memberClient = createPublicClient({ chain: member.chain, transport: http(member.rpcUrl) }) as PublicClient;
    const asDeployer = deployer(walletFor(member.chain, member.rpcUrl, hubWallet.account));
    for (const deposit of pending.filter((p) => p.member === member)) {
      const call = await prepareFinalizeDeposit(
        { hub: hubClient, member: memberClient },
        { pool: member.pool, token: member.spokeToken, hubStateOracle: member.hubStateOracle, depositId: deposit.depositId },
      );
      await asDeployer.write(`finalize deposit ${deposit.depositId} on chain ${member.chainId}`, call.address, call.abi as Abi, call.functionName, call.args);
      const holder = deployer(walletFor(member.chain, member.rpcUrl, devAccount(deposit.index)));
      await holder.write(`delegate on chain ${member.chainId}`, member.spokeToken, spokeTokenAbi, "delegate", [deposit.address]);
      seeded.push({ chainId: deposit.chainId, address: deposit.address, tokens: deposit.tokens, depositId: deposit.depositId });
    }
  }
  return seeded;
}

function hubRpcUrl(client: WalletClient): string {
  const url = client.chain?.rpcUrls.default.http[0];
  if (!url) throw new DevnetError("The hub wallet has no RPC URL.");
  return url;
}

function walletFor(chain: Chain, rpcUrl: string, account: Account): WalletClient {
  return createWalletClient({ account, chain, transport: http(rpcUrl) });
}

function depositIdOf(logs: readonly Log[], pool: Address): bigint {
  const [event] = parseEventLogs({ abi: spokeVotePoolAbi, logs: logs.filter((l) => isAddressEqual(l.address, pool)), eventName: "DepositInitiated" });
  if (!event) throw new DevnetError(`No DepositInitiated event from the pool ${pool}.`);
  return event.args.depositId;
}
