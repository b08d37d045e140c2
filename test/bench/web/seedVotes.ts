/**
 * Seeds one proposal with thousands of votes on a devnet started without the sequencer (member
 * nodes mine on their own): many accounts, funded and impersonated through the nodes' dev RPC
 * (`hardhat_setBalance`, `hardhat_impersonateAccount`), their transactions sent unsigned as
 * JSON-RPC batches of `eth_sendTransaction` (each node automines one block per transaction, in
 * order). Real contract calls throughout: token transfers, delegations, the proposal, the hub state
 * posted to each member chain, `learnProposal` proven by storage proof, `castVoteWithReason`.
 */
import {
  createPublicClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  parseEther,
  parseEventLogs,
  toBytes,
  toHex,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
} from "viem";

import { governanceContracts, viemChain, votingMembers, type ChainEntry, type Manifest, type VotingMember } from "../../../lib/chains/index.ts";
import { hubStateOracleAbi, spokeTokenAbi, spokeVoteAggregatorAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { prepareLearnProposal } from "../../../lib/crosschain/prepare.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { DEVNET_SPOKE_DELEGATES } from "../../../lib/devnet/crosschain.ts";
import { DEVNET_HUB_DEFAULTS } from "../../../lib/devnet/deploy.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { buildProposal } from "../../../lib/governance/index.ts";

type RpcCall = { method: string; params: unknown[] };

/** How many requests one HTTP batch carries: large enough to be fast, small enough for the node's body limit. */
const BATCH = 250;

/** Sends `calls` in order as JSON-RPC batches; throws on the first error, naming the call. */
async function rpcBatch(url: string, calls: readonly RpcCall[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let start = 0; start < calls.length; start += BATCH) {
    const chunk = calls.slice(start, start + BATCH);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chunk.map((call, id) => ({ jsonrpc: "2.0", id, ...call }))),
    });
    const answers = (await response.json()) as Array<{ id: number; result?: unknown; error?: { message: string } }>;
    for (const answer of answers.sort((a, b) => a.id - b.id)) {
      if (answer.error) throw new Error(`${chunk[answer.id]?.method} #${start + answer.id} on ${url} failed: ${answer.error.message}`);
      results.push(answer.result);
    }
  }
  return results;
}

/** A deterministic account of the benchmark, not a dev account: `label` and index name it. */
export const benchAccount = (label: string, index: number): Address => getAddress(`0x${keccak256(toBytes(`bench:${label}:${index}`)).slice(26)}`);

/** Gives each account 100 ETH and lets the node send for it. */
const unlock = (url: string, accounts: readonly Address[]) =>
  rpcBatch(
    url,
    accounts.flatMap((account) => [
      { method: "hardhat_setBalance", params: [account, toHex(parseEther("100"))] },
      { method: "hardhat_impersonateAccount", params: [account] },
    ]),
  );

const send = (from: Address, to: Address, data: Hex, gas = 300_000n): RpcCall => ({ method: "eth_sendTransaction", params: [{ from, to, data, gas: toHex(gas) }] });

const transfer = (abi: typeof superchainTokenAbi | typeof spokeTokenAbi, token: Address, from: Address, to: Address, tokens: bigint) =>
  send(from, token, encodeFunctionData({ abi, functionName: "transfer", args: [to, parseEther(tokens.toString())] }), 120_000n);

const delegate = (abi: typeof superchainTokenAbi | typeof spokeTokenAbi, token: Address, from: Address, to: Address) =>
  send(from, token, encodeFunctionData({ abi, functionName: "delegate", args: [to] }), 150_000n);

/** For, against and abstain in turn, so every support shows up. */
const supportOf = (i: number) => [1, 0, 2][i % 3]!;

export interface VotesPlan {
  /** Hub delegates: each gets tokens and delegates to itself; `holders` more delegate to them. */
  delegates: number;
  holders: number;
  /** Spoke voters per member chain (in manifest order), each with tokens there, delegated to itself. */
  spokeVoters: number;
}

export interface SeededVotes {
  proposalId: bigint;
  delegates: readonly Address[];
  /** Casts the votes of hub delegates `[from, to)` and of spoke voters `[from, to)` on every member chain. */
  castVotes(range: { hub: [number, number]; spoke: [number, number] }): Promise<void>;
  /** VoteCast logs for the proposal: on the hub and on each member chain's aggregator. */
  countVotes(): Promise<number>;
}

/**
 * Funds and delegates the plan's accounts, creates one proposal, moves time to its voting, and
 * has every member chain learn it (hub state posted by the member's operator, past its challenge
 * window, then `learnProposal`). Votes are cast later, in steps, by `castVotes`.
 */
export async function seedVotes(manifest: Manifest, plan: VotesPlan, onProgress: (message: string) => void = () => {}): Promise<SeededVotes> {
  const hubUrl = manifest.hub.rpcUrl;
  const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(hubUrl) }) as PublicClient;
  const members = votingMembers(manifest);
  if (members.length < 2) throw new Error(`the bench needs two member chains with cross-chain voting, the manifest has ${members.length}`);
  const nodes = [manifest.hub, ...manifest.members].map((chain) => ({ name: chain.name, rpcUrl: chain.rpcUrl }));
  const token = manifest.contracts.token;
  const governor = manifest.contracts.governor;

  const deployer = devAccount(DEV_ROLES.deployer).address;
  const proposer = devAccount(DEV_ROLES.delegates[0]!).address;
  const delegates = Array.from({ length: plan.delegates }, (_, i) => benchAccount("delegate", i));
  const holders = Array.from({ length: plan.holders }, (_, i) => benchAccount("holder", i));
  onProgress(`hub: ${delegates.length} delegates and ${holders.length} holders delegating to them`);
  await unlock(hubUrl, [deployer, proposer, ...delegates, ...holders]);
  await rpcBatch(hubUrl, [
    ...delegates.map((account) => transfer(superchainTokenAbi, token, deployer, account, 10_000n)),
    ...holders.map((account) => transfer(superchainTokenAbi, token, deployer, account, 1_000n)),
  ]);
  await rpcBatch(hubUrl, [
    ...delegates.map((account) => delegate(superchainTokenAbi, token, account, account)),
    ...holders.map((account, i) => delegate(superchainTokenAbi, token, account, delegates[i % delegates.length]!)),
  ]);

  const voters = members.map((member) => Array.from({ length: plan.spokeVoters }, (_, i) => benchAccount(`voter-${member.chain.chainId}`, i)));
  for (const [m, member] of members.entries()) {
    // The devnet's first spoke delegate of the chain holds millions there: it hands out the voters' tokens.
    const source = devAccount(DEVNET_SPOKE_DELEGATES[m]![0]!.index).address;
    onProgress(`${member.chain.name}: ${voters[m]!.length} spoke voters`);
    await unlock(member.chain.rpcUrl, [source, ...voters[m]!]);
    await rpcBatch(member.chain.rpcUrl, voters[m]!.map((voter) => transfer(spokeTokenAbi, member.spoke.token, source, voter, 1_000n)));
    await rpcBatch(member.chain.rpcUrl, voters[m]!.map((voter) => delegate(spokeTokenAbi, member.spoke.token, voter, voter)));
  }

  onProgress("one proposal, its voting delay, and every member chain learning it");
  const proposalId = await propose(manifest, hub, proposer);
  await advanceTime(nodes, BigInt(DEVNET_HUB_DEFAULTS.governor.votingDelay) + 1n);
  for (const member of members) await learn(manifest, hub, member, proposalId, nodes);

  const castVotes: SeededVotes["castVotes"] = async ({ hub: [hubFrom, hubTo], spoke: [spokeFrom, spokeTo] }) => {
    const reason = (i: number) => `Bench vote ${i}: ${["for", "against", "abstain"][i % 3]} because the figures say so.`;
    await rpcBatch(
      hubUrl,
      delegates.slice(hubFrom, hubTo).map((voter, i) =>
        send(voter, governor, encodeFunctionData({ abi: superchainGovernorAbi, functionName: "castVoteWithReason", args: [proposalId, supportOf(hubFrom + i), reason(hubFrom + i)] })),
      ),
    );
    for (const [m, member] of members.entries()) {
      await rpcBatch(
        member.chain.rpcUrl,
        voters[m]!.slice(spokeFrom, spokeTo).map((voter, i) =>
          send(voter, member.spoke.aggregator, encodeFunctionData({ abi: spokeVoteAggregatorAbi, functionName: "castVoteWithReason", args: [proposalId, supportOf(spokeFrom + i), reason(spokeFrom + i)] })),
        ),
      );
    }
  };

  const countVotes = async () => {
    const onHub = await hub.getContractEvents({ address: governor, abi: superchainGovernorAbi, eventName: "VoteCast", fromBlock: 0n });
    let total = onHub.filter((log) => log.args.proposalId === proposalId).length;
    for (const member of members) {
      const client = createPublicClient({ chain: viemChain(member.chain), transport: http(member.chain.rpcUrl) });
      const logs = await client.getContractEvents({ address: member.spoke.aggregator, abi: spokeVoteAggregatorAbi, eventName: "VoteCast", fromBlock: 0n });
      total += logs.filter((log) => log.args.proposalId === proposalId).length;
    }
    return total;
  };

  return { proposalId, delegates, castVotes, countVotes };
}

async function receiptOf(client: PublicClient, hash: Hash) {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

async function propose(manifest: Manifest, hub: PublicClient, proposer: Address): Promise<bigint> {
  const member = manifest.members[0]!;
  const description = `# Bench: 5,000 votes on one proposal\n\nSets ${member.name}'s block time to 1,500 ms. Seeded by the web benchmark.`;
  const input = buildProposal([{ kind: "setParameters", chainId: BigInt(member.chainId), changes: { blockTimeMs: 1500 }, requestedActivation: 0n }], description, governanceContracts(manifest));
  const data = encodeFunctionData({ abi: superchainGovernorAbi, functionName: "propose", args: [input.targets, input.values, input.calldatas, description] });
  const [hash] = (await rpcBatch(manifest.hub.rpcUrl, [send(proposer, manifest.contracts.governor, data, 1_000_000n)])) as Hash[];
  const receipt = await receiptOf(hub, hash!);
  const [created] = parseEventLogs({ abi: superchainGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
  if (!created) throw new Error("propose emitted no ProposalCreated");
  return created.args.proposalId;
}

/** The member's operator posts the hub's newest state, its challenge window passes, and the aggregator learns the proposal by proof. */
async function learn(manifest: Manifest, hub: PublicClient, member: VotingMember, proposalId: bigint, nodes: ReadonlyArray<{ name: string; rpcUrl: string }>) {
  const index = manifest.members.findIndex((entry) => entry.chainId === member.chain.chainId);
  const operator = devAccount(DEV_ROLES.operators[index]!).address;
  const url = member.chain.rpcUrl;
  const client = createPublicClient({ chain: viemChain(member.chain as ChainEntry), transport: http(url) }) as PublicClient;
  const head = await hub.getBlock();
  await advanceTime(nodes, 1n); // a root is never stamped after the receiving chain's clock
  await unlock(url, [operator]);
  const post = encodeFunctionData({ abi: hubStateOracleAbi, functionName: "postHubState", args: [head.number, head.hash, head.stateRoot, Number(head.timestamp)] });
  await receiptOf(client, ((await rpcBatch(url, [send(operator, member.hubStateOracle, post)])) as Hash[])[0]!);
  await advanceTime(nodes, BigInt(DEVNET_HUB_DEFAULTS.roots.hubStates.challengeWindow));
  const call = await prepareLearnProposal({ hub, member: client }, { governor: manifest.contracts.governor, aggregator: member.spoke.aggregator, hubStateOracle: member.hubStateOracle, proposalId });
  const data = encodeFunctionData({ abi: spokeVoteAggregatorAbi, functionName: "learnProposal", args: call.args as readonly [bigint, bigint, readonly Hex[], readonly Hex[]] });
  await receiptOf(client, ((await rpcBatch(url, [send(operator, call.address, data, 2_000_000n)])) as Hash[])[0]!);
}
