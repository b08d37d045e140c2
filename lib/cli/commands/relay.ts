/**
 * `superchain relay [--proposal id] [--chain id|name]`: relays member chains' committed tallies to
 * the hub, where each chain's SpokeVotePool proves the tally against the chain's output in the
 * OutputOracle and casts what grew since the last relay. Anyone may relay; nothing is trusted.
 *
 *   superchain relay                          # every active proposal, every voting member chain
 *   superchain relay --proposal 1234… --chain base-local
 *
 * For each (proposal, chain) it prints one line: relayed (with the counted tally and the hub
 * transaction), or skipped and why (unchanged since the last relay, no votes committed yet, the
 * proposal not learnt on that chain, no output committed yet). Exit codes: 0 when every tally
 * that could be relayed was (skips included); 1 when a relay failed, or when there is nothing to
 * relay at all (no active proposal, the given proposal not active, no chain with cross-chain
 * voting); 2 for a malformed option.
 *
 * The relays are signed with the keystore of `--keystore` or `SUPERCHAIN_RELAYER_KEYSTORE` (its
 * password from `--password-file`, `SUPERCHAIN_RELAYER_PASSWORD_FILE` or a prompt); on the devnet
 * only, with the plaintext `SUPERCHAIN_RELAYER_KEY` or the deployer's dev key (see relayerKey.ts).
 */
import {
  BaseError as ViemBaseError,
  createPublicClient,
  createWalletClient,
  formatEther,
  http,
  type Account,
  type Hex,
  type PublicClient,
} from "viem";
import { z } from "zod";

import { loadManifest, viemChain, votingMember, votingMembers, type Manifest, type VotingMember } from "../../chains/index.ts";
import { superchainGovernorAbi } from "../../contracts/index.ts";
import { NothingToRelayError, relayTally, RootNotYetPostedError, TallyAlreadyCountedError, UnknownRecordError } from "../../crosschain/index.ts";
import { BaseError } from "../../errors.ts";
import { PROPOSAL_STATES, type VoteTally } from "../../governance/index.ts";
import { resolveMemberChain } from "../../operator/index.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import { revertName } from "../../rpc/revertName.ts";
import { defineCommand } from "../command.ts";
import { RELAYER_KEYSTORE_ENV, RELAYER_PASSWORD_FILE_ENV, relayerAccount } from "./relayerKey.ts";

const ACTIVE = PROPOSAL_STATES.indexOf("active");

/** Nothing can be relayed: no active proposal, the given one is not active, or no chain votes. */
export class RelayNothingToDoError extends BaseError {
  override name = "RelayNothingToDoError";
}

const proposalOption = z
  .string()
  .regex(/^(?:\d+|0x[0-9a-fA-F]+)$/, { error: "must be a proposal id: a decimal or 0x-hex uint256" })
  .transform((text) => BigInt(text))
  .refine((id) => id > 0n && id < 2n ** 256n, { error: "must be a proposal id: a non-zero uint256" })
  .optional()
  .meta({ description: "Only this proposal (decimal or 0x-hex id); default every active proposal", placeholder: "id" });

const chainOption = z
  .string()
  .min(1, { error: "must name a member chain" })
  .optional()
  .meta({ description: "Only this member chain, by id (901) or name (base-local); default every chain with cross-chain voting", placeholder: "chain" });

const fileOption = (description: string) => z.string().min(1).optional().meta({ description, placeholder: "file" });

/** What happened to one (proposal, chain) pair. */
export type RelayOutcome =
  | { kind: "relayed"; proposalId: bigint; chainId: number; blockNumber: bigint; tally: VoteTally; counted: VoteTally; transaction: Hex }
  | { kind: "skipped"; proposalId: bigint; chainId: number; reason: string }
  | { kind: "failed"; proposalId: bigint; chainId: number; reason: string };

export const relayCommand = defineCommand({
  name: "relay",
  summary: "Relay member chains' committed tallies to the hub by storage proof (anyone may)",
  options: z.strictObject({
    proposal: proposalOption,
    chain: chainOption,
    keystore: fileOption(`The relayer's keystore; default $${RELAYER_KEYSTORE_ENV}, on a devnet the deployer's dev key`),
    passwordFile: fileOption(`File whose first line is the keystore's password; default $${RELAYER_PASSWORD_FILE_ENV}, else a prompt (terminal only)`),
  }),
  run: async ({ proposal, chain, keystore, passwordFile }, { paths, print, env, usage }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const members = chain === undefined ? votingMembers(manifest) : [votingMember(manifest, resolveMemberChain(manifest, chain).chainId)];
    if (members.length === 0) {
      throw new RelayNothingToDoError("nothing to relay: no member chain of the manifest has cross-chain voting contracts", {
        details: "A member chain votes on hub proposals once its `spoke` contracts are deployed and listed in the manifest.",
      });
    }
    const account = await relayerAccount(manifest, env ?? process.env, { keystore, passwordFile, usage });
    const outcomes = await relayTallies({ manifest, members, account, ...(proposal === undefined ? {} : { proposalId: proposal }), onOutcome: (o) => print(describeOutcome(manifest, o)) });
    const relayed = outcomes.filter((o) => o.kind === "relayed").length;
    const failed = outcomes.filter((o) => o.kind === "failed").length;
    print();
    print(`${relayed} relayed, ${outcomes.length - relayed - failed} skipped, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  },
});

export const relayCommands = [relayCommand];

/**
 * Relays the committed tally of each of `members` for `proposalId` (or for every proposal active
 * on the hub), one hub transaction per tally that grew. Never throws for one pair: each pair's
 * outcome is returned (and reported through `onOutcome` as it happens).
 *
 * @throws {RelayNothingToDoError} when the given proposal is not active, or none is.
 */
export async function relayTallies({
  manifest,
  members,
  account,
  proposalId,
  onOutcome = () => {},
}: {
  manifest: Manifest;
  members: readonly VotingMember[];
  account: Account;
  proposalId?: bigint;
  onOutcome?: (outcome: RelayOutcome) => void;
}): Promise<RelayOutcome[]> {
  const hubChain = viemChain(manifest.hub);
  const hub = createPublicClient({ chain: hubChain, transport: http(manifest.hub.rpcUrl) }) as PublicClient;
  const wallet = createWalletClient({ account, chain: hubChain, transport: http(manifest.hub.rpcUrl) });
  const proposals = proposalId === undefined ? await activeProposals(hub, manifest) : [await requireActive(hub, manifest, proposalId)];
  const outcomes: RelayOutcome[] = [];
  const report = (outcome: RelayOutcome) => {
    outcomes.push(outcome);
    onOutcome(outcome);
  };
  const memberClients = new Map(members.map((member) => [member, createPublicClient({ chain: viemChain(member.chain), transport: http(member.chain.rpcUrl) }) as PublicClient]));
  for (const id of proposals) {
    for (const [member, memberClient] of memberClients) {
      const chainId = member.chain.chainId;
      try {
        const relayed = await relayTally(
          { hub, member: memberClient, wallet },
          { pool: member.spoke.pool, aggregator: member.spoke.aggregator, outputOracle: member.outputOracle, proposalId: id },
        );
        report({ kind: "relayed", proposalId: id, chainId, ...relayed });
      } catch (error) {
        if (error instanceof UnknownRecordError || error instanceof NothingToRelayError || error instanceof RootNotYetPostedError || error instanceof TallyAlreadyCountedError) {
          report({ kind: "skipped", proposalId: id, chainId, reason: error.shortMessage });
        } else if (error instanceof BaseError || error instanceof ViemBaseError) {
          report({ kind: "failed", proposalId: id, chainId, reason: error.shortMessage });
        } else throw error;
      }
    }
  }
  return outcomes;
}

async function proposalState(hub: PublicClient, manifest: Manifest, proposalId: bigint): Promise<number | undefined> {
  try {
    return await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "state", args: [proposalId] });
  } catch (error) {
    if (revertName(error) === "GovernorNonexistentProposal") return undefined;
    throw error;
  }
}

async function requireActive(hub: PublicClient, manifest: Manifest, proposalId: bigint): Promise<bigint> {
  const state = await proposalState(hub, manifest, proposalId);
  if (state === undefined) throw new RelayNothingToDoError(`nothing to relay: proposal ${proposalId} does not exist on the hub`);
  if (state !== ACTIVE) {
    throw new RelayNothingToDoError(`nothing to relay: proposal ${proposalId} is ${PROPOSAL_STATES[state] ?? `in state ${state}`} on the hub`, {
      details: "The hub counts relayed votes only while the proposal is active.",
    });
  }
  return proposalId;
}

async function activeProposals(hub: PublicClient, manifest: Manifest): Promise<bigint[]> {
  const created = await scanLogsToLatest(
    hub,
    (fromBlock, toBlock) => hub.getContractEvents({ address: manifest.contracts.governor, abi: superchainGovernorAbi, eventName: "ProposalCreated", fromBlock, toBlock, strict: true }),
    manifest.deployBlocks["SuperchainGovernor"] ?? 0n,
  );
  const ids = created.map((log) => log.args.proposalId);
  const states = await Promise.all(ids.map((id) => proposalState(hub, manifest, id)));
  const active = ids.filter((_, i) => states[i] === ACTIVE);
  if (active.length === 0) throw new RelayNothingToDoError("nothing to relay: no proposal is active on the hub");
  return active;
}

const tokens = (amount: bigint): string => Number(formatEther(amount)).toLocaleString("en-US", { maximumFractionDigits: 4 });
const formatTally = (t: VoteTally): string => `for ${tokens(t.forVotes)}, against ${tokens(t.againstVotes)}, abstain ${tokens(t.abstainVotes)}`;

/** One line per outcome: `relayed base-local (901) on proposal 123…: …`. */
export function describeOutcome(manifest: Manifest, outcome: RelayOutcome): string {
  const chain = manifest.members.find((m) => m.chainId === outcome.chainId);
  const where = `${chain?.name ?? "chain"} (${outcome.chainId}) on proposal ${outcome.proposalId}`;
  switch (outcome.kind) {
    case "relayed":
      return `relayed ${where}: ${formatTally(outcome.tally)} as committed at block ${outcome.blockNumber}; counted now ${formatTally(outcome.counted)} (hub transaction ${outcome.transaction})`;
    case "skipped":
      return `skipped ${where}: ${outcome.reason}`;
    case "failed":
      return `FAILED ${where}: ${outcome.reason}`;
  }
}
