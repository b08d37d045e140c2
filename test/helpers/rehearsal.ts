/**
 * Chains that are not the devnet, for rehearsing a real deployment: bare EDR nodes with their own
 * chain ids, and a way to fund an account on them once (from a dev account the rehearsal
 * otherwise never uses).
 */
import { join } from "node:path";

import { createPublicClient, createWalletClient, http, parseEther, type Address } from "viem";
import { getTransactionCount, sendTransaction, waitForTransactionReceipt } from "viem/actions";

import { devAccount } from "../../lib/devnet/accounts.ts";
import { freePort, startNode, type RunningNode } from "../../lib/devnet/nodes.ts";

export const REHEARSAL_CHAINS = [
  { name: "rehearsal-hub", chainId: 7_001, chainType: "l1" as const },
  { name: "rehearsal-one", chainId: 7_101, chainType: "op" as const },
  { name: "rehearsal-two", chainId: 7_102, chainType: "op" as const },
];

/** The hub and two members, on free ports; logs under `dir`. */
export function startRehearsalChains(dir: string): Promise<RunningNode[]> {
  return Promise.all(REHEARSAL_CHAINS.map(async (chain) => startNode({ ...chain, port: await freePort(), logFile: join(dir, `${chain.name}.log`) })));
}

/** Sends `to` 100 ETH on `node`. */
export async function fund(node: RunningNode, to: Address): Promise<void> {
  const wallet = createWalletClient({ account: devAccount(9), transport: http(node.rpcUrl) });
  const hash = await sendTransaction(wallet, { to, value: parseEther("100"), chain: null });
  await waitForTransactionReceipt(wallet, { hash });
}

export function nonceOn(node: RunningNode, address: Address): Promise<number> {
  return getTransactionCount(createPublicClient({ transport: http(node.rpcUrl) }), { address });
}
