/**
 * Shared by the cross-chain devnet test and benchmark: clients per chain, waiting for the
 * sequencer's commitment feeds, and sending member-chain transactions through the sequencer.
 */
import { createPublicClient, createWalletClient, http, type Abi, type Account, type Address, type Hash, type PublicClient } from "viem";

import { viemChain, type ChainEntry, type Manifest } from "../../../lib/chains/index.ts";
import { newestUsableHubState, newestUsableOutput } from "../../../lib/crosschain/index.ts";
import { writeContractWithHeadroom } from "../../../lib/rpc/gasHeadroom.ts";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A read client on the chain's own node (proofs, historical reads). */
export const nodeClient = (entry: ChainEntry): PublicClient =>
  createPublicClient({ chain: viemChain(entry), transport: http(entry.rpcUrl) }) as PublicClient;

/** Sends through what users use: the shared sequencer for a member chain, the node for the hub. */
export async function send(
  entry: ChainEntry,
  account: Account,
  call: { address: Address; abi: Abi | readonly unknown[]; functionName: string; args: readonly unknown[] },
): Promise<{ hash: Hash; blockNumber: bigint; gasUsed: bigint; sentAt: number; minedAt: number }> {
  const chain = viemChain(entry);
  const wallet = createWalletClient({ account, chain, transport: http() });
  const reader = createPublicClient({ chain, transport: http() });
  const sentAt = performance.now();
  // Only the call itself: a prepared call's extra fields (prepareRelayTally's `blockNumber`) would
  // otherwise reach writeContract, which estimates gas at that (old) block.
  const { address, abi, functionName, args } = call;
  const hash = await writeContractWithHeadroom(wallet, { address, abi: abi as Abi, functionName, args, chain } as never);
  const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 60_000 });
  if (receipt.status !== "success") throw new Error(`${call.functionName} on ${entry.name} reverted (${hash})`);
  return { hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed, sentAt, minedAt: performance.now() };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Until the member chain's HubStateOracle holds a hub state at or after `hubBlock`. */
export function waitForHubState(member: ChainEntry, hubBlock: bigint, timeoutMs?: number) {
  return waitFor(
    `hub block ${hubBlock} on ${member.name}`,
    async () => {
      const posted = await newestUsableHubState(nodeClient(member), member.hubStateOracle!);
      return posted.blockNumber >= hubBlock ? posted : undefined;
    },
    timeoutMs,
  );
}

/** Until the hub's OutputOracle holds an output of `member` at or after `block`. */
export function waitForOutput(manifest: Manifest, member: ChainEntry, block: bigint, timeoutMs?: number) {
  const hub = nodeClient(manifest.hub);
  return waitFor(
    `an output of ${member.name} covering block ${block}`,
    async () => {
      const output = await newestUsableOutput(hub, manifest.contracts.outputOracle!, member.chainId);
      return output.blockNumber >= block ? output : undefined;
    },
    timeoutMs,
  );
}
