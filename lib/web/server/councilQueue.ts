import { BaseError as ViemBaseError, getAddress, type Address, type PublicClient } from "viem";

import { LogRangeRefusedError } from "../../rpc/errors.ts";
import { councilChains, type CouncilChain } from "../council/actions.ts";
import { buildQueueChain, RECENT_NONCES, type CouncilQueue, type CouncilQueueChain } from "../council/queue.ts";
import { councilSafeAbi } from "../council/safeTx.ts";
import { councilSignatures, readCouncilSafeState } from "../council/server.ts";
import type { CouncilSignatureStore } from "../council/store.ts";
import { readCouncilExecutions, readHistoryContext } from "./councilHistory.ts";
import type { Deployment } from "./deployment.ts";

/**
 * The council Safe's queue on the hub and on every member chain it signs on (see
 * `lib/web/council/queue.ts`), in two rounds of reads per chain however long the queue is: the
 * Safe's owners, threshold and nonce (one multicall) with its executions (the history's
 * persisted log cache, new blocks only); then the stored transactions from a few nonces below
 * the Safe's nonce on (one query) with the on-chain `approveHash` approvals of the queued ones
 * (one multicall). Changes and proposals are named from the registry's and the governor's caches.
 * A member chain whose node fails is listed in `unreachable`; the hub failing throws.
 *
 * @example
 * const queue = await readCouncilQueue(deployment, getCouncilStore())
 */
export async function readCouncilQueue(deployment: Deployment, store?: CouncilSignatureStore): Promise<CouncilQueue> {
  const { manifest, hub } = deployment;
  const safe = manifest.council.safe;
  const head = await hub.getBlock({ blockTag: "latest" });
  const [signatures, context] = await Promise.all([councilSignatures(deployment, store), readHistoryContext(deployment, { number: head.number, hash: head.hash })]);

  const readChain = async (chain: CouncilChain): Promise<CouncilQueueChain> => {
    const client: PublicClient = chain.chainId === manifest.hub.chainId ? hub : deployment.client(chain.chainId);
    const [state, executions] = await Promise.all([readCouncilSafeState(client, safe), readCouncilExecutions(deployment, chain.chainId)]);
    const from = state.nonce > RECENT_NONCES ? state.nonce - RECENT_NONCES : 0n;
    const stored = await signatures.transactions({ safe, chainId: chain.chainId, nonceAtLeast: from });
    const queued = stored.filter((entry) => BigInt(entry.safeTx.nonce) >= state.nonce);
    const approvals =
      queued.length === 0 || state.owners.length === 0
        ? []
        : await client.multicall({
            contracts: queued.flatMap(({ safeTxHash }) => state.owners.map((owner) => ({ address: safe, abi: councilSafeAbi, functionName: "approvedHashes", args: [owner, safeTxHash] }) as const)),
            allowFailure: false,
          });
    const approvedOnChain = new Map<string, Address[]>(
      queued.map(({ safeTxHash }, i) => [safeTxHash.toLowerCase(), state.owners.filter((_, j) => approvals[i * state.owners.length + j]! !== 0n).map((owner) => getAddress(owner))]),
    );
    return buildQueueChain({ chainId: chain.chainId, name: chain.name, safe, state, stored, executions, approvedOnChain, decode: chain.decode, context });
  };

  const chains = councilChains(manifest);
  const read = await Promise.all(
    chains.map((chain) =>
      readChain(chain).catch((error: unknown) => {
        // A member chain's node failed or refused: the queue goes on without it. The hub's failure is the page's.
        if (chain.chainId === manifest.hub.chainId || !(error instanceof ViemBaseError || error instanceof LogRangeRefusedError)) throw error;
        return { chainId: chain.chainId, name: chain.name };
      }),
    ),
  );
  return {
    safe,
    chains: read.filter((chain): chain is CouncilQueueChain => "state" in chain),
    unreachable: read.filter((chain) => !("state" in chain)).map(({ chainId, name }) => ({ chainId, name })),
  };
}
