/**
 * `superchain proposal create|vote|queue|execute`: governance from a terminal, on any deployment,
 * signed with a keystore (Web3 Secret Storage; the password from `--password-file` or a prompt).
 * Each command reads the proposal's state first, so a call that would revert is refused with the
 * reason (voting not open yet, the timelock's delay not over) instead of a failed transaction.
 */
import { readFile } from "node:fs/promises";

import { getAbiItem, keccak256, toBytes, type Hash, type Hex } from "viem";
import { z } from "zod";

import { deployBlock, governanceContracts } from "../../chains/index.ts";
import { superchainGovernorAbi } from "../../contracts/index.ts";
import { parseGovernanceActions } from "../../governance/codec/actionsJson.ts";
import { buildProposal, VoteType } from "../../governance/index.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import { defineCommand, type CommandDefinition } from "../command.ts";
import { CliUsageError } from "../errors.ts";
import { hubSigner, HubTransactionError, signerOptions, type HubSigner } from "./signer.ts";

/** The governor's `ProposalState`, by value. */
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;
const MAX_ACTIONS_BYTES = 256 * 1024;

const proposalId = z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a proposal id (a decimal integer)" }).transform(BigInt);

type Hub = HubSigner;

/** Sends a call to the governor. */
const governorCall = (hub: Hub, label: string, functionName: "propose" | "castVote" | "castVoteWithReason" | "queue" | "execute", args: readonly unknown[]) =>
  hub.send(label, { address: hub.manifest.contracts.governor, abi: superchainGovernorAbi, functionName, args });

async function stateOf(hub: Hub, id: bigint): Promise<(typeof STATES)[number]> {
  const state = await hub.reader
    .readContract({ address: hub.manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "state", args: [id] })
    .catch((error: unknown) => {
      throw new HubTransactionError(`no proposal ${id} on the governor ${hub.manifest.contracts.governor}`, { cause: error });
    });
  return STATES[state] ?? "Pending";
}

function expectState(id: bigint, state: string, wanted: readonly string[], step: string): void {
  if (!wanted.includes(state)) throw new HubTransactionError(`proposal ${id} is ${state}: it can be ${step} only when ${wanted.join(" or ")}`);
}

/** The calls a proposal was created with, from its `ProposalCreated` log (read in bounded ranges). */
async function proposalCalls(hub: Hub, id: bigint): Promise<{ targets: readonly Hex[]; values: readonly bigint[]; calldatas: readonly Hex[]; descriptionHash: Hash }> {
  const { governor } = hub.manifest.contracts;
  const event = getAbiItem({ abi: superchainGovernorAbi, name: "ProposalCreated" });
  const logs = await scanLogsToLatest(hub.reader, (fromBlock, toBlock) => hub.reader.getLogs({ address: governor, event, fromBlock, toBlock, strict: true }), deployBlock(hub.manifest, "SuperchainGovernor"));
  const created = logs.find((log) => log.args.proposalId === id);
  if (!created) throw new HubTransactionError(`no ProposalCreated log for proposal ${id} on the governor ${governor}`);
  const { targets, values, calldatas, description } = created.args;
  return { targets, values, calldatas, descriptionHash: keccak256(toBytes(description)) };
}

export const proposalCreateCommand = defineCommand({
  name: "proposal create",
  summary: "Propose governance actions (a JSON file of actions) with a description; prints the proposal id",
  options: z.strictObject({
    actions: z.string().min(1).meta({ description: 'A JSON file: [{"kind": "setParameters", "chainId": "901", "changes": {"blockTimeMs": 1000}}, …]', placeholder: "file" }),
    description: z.string().trim().min(1, { error: "must not be empty" }).meta({ description: "The proposal's description (Markdown; its first line is the title)", placeholder: "text" }),
    ...signerOptions,
  }),
  run: async (input, { paths, print, usage }) => {
    const text = await readFile(input.actions, "utf8").catch(() => {
      throw new CliUsageError(`cannot read the actions file ${input.actions}`, { usage: usage });
    });
    if (text.length > MAX_ACTIONS_BYTES) throw new CliUsageError(`${input.actions} is larger than ${MAX_ACTIONS_BYTES} bytes`, { usage: usage });
    let actions;
    try {
      actions = parseGovernanceActions(JSON.parse(text));
    } catch (error) {
      const details = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ") : "not JSON";
      throw new CliUsageError(`${input.actions} does not hold governance actions`, { usage: usage, details });
    }
    const hub = await hubSigner(input, { usage, manifestFile: paths.manifestFile });
    const proposal = buildProposal(actions, input.description, governanceContracts(hub.manifest));
    const id = await hub.reader.readContract({
      address: hub.manifest.contracts.governor,
      abi: superchainGovernorAbi,
      functionName: "hashProposal",
      args: [proposal.targets, proposal.values, proposal.calldatas, keccak256(toBytes(proposal.description))],
    });
    const hash = await governorCall(hub, "the proposal", "propose", [proposal.targets, proposal.values, proposal.calldatas, proposal.description]);
    print(`proposal ${id} created by ${hub.account.address} (transaction ${hash}): ${actions.length} action${actions.length === 1 ? "" : "s"}`);
  },
});

export const proposalVoteCommand = defineCommand({
  name: "proposal vote",
  summary: "Vote on an active proposal: for, against or abstain, with an optional reason",
  options: z.strictObject({
    id: proposalId.meta({ description: "The proposal id" }),
    support: z.enum(["for", "against", "abstain"], { error: 'must be "for", "against" or "abstain"' }).meta({ description: "for, against or abstain", placeholder: "choice" }),
    reason: z.string().max(10_000).optional().meta({ description: "Why (stored on chain with the vote)", placeholder: "text" }),
    ...signerOptions,
  }),
  positionals: ["id"],
  run: async (input, { paths, print, usage }) => {
    const hub = await hubSigner(input, { usage, manifestFile: paths.manifestFile });
    expectState(input.id, await stateOf(hub, input.id), ["Active"], "voted on");
    const support = { for: VoteType.For, against: VoteType.Against, abstain: VoteType.Abstain }[input.support];
    const hash = input.reason
      ? await governorCall(hub, "the vote", "castVoteWithReason", [input.id, support, input.reason])
      : await governorCall(hub, "the vote", "castVote", [input.id, support]);
    print(`${hub.account.address} voted ${input.support} on proposal ${input.id} (transaction ${hash})`);
  },
});

export const proposalQueueCommand = defineCommand({
  name: "proposal queue",
  summary: "Queue a succeeded proposal in the timelock",
  options: z.strictObject({ id: proposalId.meta({ description: "The proposal id" }), ...signerOptions }),
  positionals: ["id"],
  run: async (input, { paths, print, usage }) => {
    const hub = await hubSigner(input, { usage, manifestFile: paths.manifestFile });
    expectState(input.id, await stateOf(hub, input.id), ["Succeeded"], "queued");
    const calls = await proposalCalls(hub, input.id);
    const hash = await governorCall(hub, "queueing", "queue", [calls.targets, calls.values, calls.calldatas, calls.descriptionHash]);
    const eta = await hub.reader.readContract({ address: hub.manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "proposalEta", args: [input.id] });
    print(`proposal ${input.id} queued (transaction ${hash}); executable from ${new Date(Number(eta) * 1000).toISOString()}`);
  },
});

export const proposalExecuteCommand = defineCommand({
  name: "proposal execute",
  summary: "Execute a queued proposal once the timelock's delay is over",
  options: z.strictObject({ id: proposalId.meta({ description: "The proposal id" }), ...signerOptions }),
  positionals: ["id"],
  run: async (input, { paths, print, usage }) => {
    const hub = await hubSigner(input, { usage, manifestFile: paths.manifestFile });
    expectState(input.id, await stateOf(hub, input.id), ["Queued"], "executed");
    const { governor, timelock } = hub.manifest.contracts;
    const [eta, now] = await Promise.all([
      hub.reader.readContract({ address: governor, abi: superchainGovernorAbi, functionName: "proposalEta", args: [input.id] }),
      hub.reader.getBlock().then((block) => block.timestamp),
    ]);
    if (now < eta) throw new HubTransactionError(`proposal ${input.id} is executable from ${new Date(Number(eta) * 1000).toISOString()} (the timelock's delay is not over)`);
    const calls = await proposalCalls(hub, input.id);
    const hash = await governorCall(hub, "the execution", "execute", [calls.targets, calls.values, calls.calldatas, calls.descriptionHash]);
    print(`proposal ${input.id} executed through the timelock ${timelock} (transaction ${hash})`);
  },
});

export const proposalCommands: readonly CommandDefinition[] = [proposalCreateCommand, proposalVoteCommand, proposalQueueCommand, proposalExecuteCommand];
