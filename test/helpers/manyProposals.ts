import { createPublicClient, encodeFunctionData, http, type Hex, type PublicClient } from "viem";

import { superchainGovernorAbi } from "../../lib/contracts/index.ts";
import type { Manifest } from "../../lib/chains/index.ts";
import { governanceContracts, viemChain } from "../../lib/chains/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal } from "../../lib/governance/index.ts";

/**
 * Creates `count` proposals on the hub quickly: signed locally, sent as JSON-RPC batches of 100
 * raw transactions (the hub automines one block per transaction). Each sets a different block time
 * on a member chain, so titles, actions and ids all differ. Returns how many proposals the governor
 * holds afterwards (checked from its logs) and the newest one's id.
 */
export async function seedManyProposals(manifest: Manifest, count: number, offset: number): Promise<{ total: number; newestId: bigint }> {
  const chain = viemChain(manifest.hub);
  const client: PublicClient = createPublicClient({ chain, transport: http(manifest.hub.rpcUrl) });
  const proposer = devAccount(DEV_ROLES.delegates[0]!);
  let nonce = await client.getTransactionCount({ address: proposer.address, blockTag: "pending" });
  const fees = await client.estimateFeesPerGas();
  const member = manifest.members[0]!;
  for (let start = 0; start < count; start += 100) {
    const raws: Hex[] = [];
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const n = offset + i;
      const description = `# Bench proposal ${n}: block time ${1000 + (n % 1000)} ms on ${member.name}\n\nSeeded by the web benchmark.`;
      const input = buildProposal(
        [{ kind: "setParameters", chainId: BigInt(member.chainId), changes: { blockTimeMs: 1000 + (n % 1000) }, requestedActivation: 0n }],
        description,
        governanceContracts(manifest),
      );
      raws.push(
        await proposer.signTransaction({
          chainId: chain.id,
          type: "eip1559",
          nonce: nonce++,
          to: manifest.contracts.governor,
          data: encodeFunctionData({ abi: superchainGovernorAbi, functionName: "propose", args: [input.targets, input.values, input.calldatas, description] }),
          gas: 600_000n,
          maxFeePerGas: fees.maxFeePerGas * 2n,
          maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
        }),
      );
    }
    const response = await fetch(manifest.hub.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(raws.map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] }))),
    });
    const answers = (await response.json()) as Array<{ error?: { message: string } }>;
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`seeding proposals failed: ${failed.error!.message}`);
  }
  const last = await client.getTransactionCount({ address: proposer.address });
  if (last !== nonce) throw new Error(`seeded up to nonce ${nonce} but the hub mined ${last}`);
  const created = await client.getContractEvents({ address: manifest.contracts.governor, abi: superchainGovernorAbi, eventName: "ProposalCreated", fromBlock: 0n });
  if (created.length < offset + count) throw new Error(`the governor holds ${created.length} proposals, expected at least ${offset + count}`);
  return { total: created.length, newestId: created.at(-1)!.args.proposalId! };
}
