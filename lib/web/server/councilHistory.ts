import { BaseError as ViemBaseError, getAbiItem, type PublicClient } from "viem";

import { deployBlock, type Manifest } from "../../chains/index.ts";
import { describeAction } from "../../governance/index.ts";
import { LogRangeRefusedError } from "../../rpc/errors.ts";
import { decodeSafeSignatures, SafeSignaturesError, type SafeSigner } from "../../safe/signatures.ts";
import { councilChains, type CouncilChain } from "../council/actions.ts";
import {
  describeExecutedDecision,
  executedCallText,
  newestExecutionFirst,
  pairExecutions,
  type CouncilHistoryEntry,
  type HistoryContext,
  type ExecutedSafeTx,
  type PairedExecution,
  type SafeExecutionLog,
} from "../council/history.ts";
import { councilSafeAbi } from "../council/safeTx.ts";
import { readProposalRecords } from "../proposals/records.ts";
import type { Deployment } from "./deployment.ts";
import { deploymentKey, logCache, perChainLogCache, type HeadBlock, type LogCache } from "./logCache.ts";
import { webLogStore } from "./logStore.ts";
import { blockTimes } from "./readVotes.ts";
import { readScheduledChanges } from "./registryChanges.ts";

const EXECUTION_EVENTS = [
  getAbiItem({ abi: councilSafeAbi, name: "SafeMultiSigTransaction" }),
  getAbiItem({ abi: councilSafeAbi, name: "ExecutionSuccess" }),
  getAbiItem({ abi: councilSafeAbi, name: "ExecutionFailure" }),
] as const;

/** The signers of a paired execution; `null` for bytes the Safe would not have accepted (another contract's logs under the Safe's address cannot happen, so this is defensive). */
async function signersOf(execution: PairedExecution): Promise<SafeSigner[] | null> {
  try {
    return await decodeSafeSignatures(execution.signatures, { safeTxHash: execution.safeTxHash, count: execution.threshold, executor: execution.executor });
  } catch (error) {
    if (error instanceof SafeSignaturesError) return null;
    throw error;
  }
}

/** Where a chain's scan starts: the hub's governor (every hub decision targets it or later contracts), a member chain's spoke contracts. */
function historyFromBlock(manifest: Manifest, chainId: number): bigint {
  if (chainId === manifest.hub.chainId) return deployBlock(manifest, "SuperchainGovernor");
  return manifest.members.find((member) => member.chainId === chainId)?.spoke?.deployBlock ?? 0n;
}

/** One cache per chain: a log cache keeps one history at a time, and each chain's Safe is a history of its own. */

function historyCache(chainId: number) {
  return logCache({
    key: (manifest) => `${deploymentKey(manifest)}:council-history:${chainId}:${manifest.council.safe}`,
    fromBlock: (manifest) => historyFromBlock(manifest, chainId),
    fetch: async (client, manifest, fromBlock, toBlock): Promise<ExecutedSafeTx[]> => {
      const logs = await client.getLogs({ address: manifest.council.safe, events: EXECUTION_EVENTS, fromBlock, toBlock, strict: true });
      const paired = pairExecutions(chainId, logs as unknown as SafeExecutionLog[]);
      const [times, signers] = await Promise.all([blockTimes(client, paired), Promise.all(paired.map(signersOf))]);
      return paired.map(({ signatures: _, ...execution }, i) => ({ ...execution, timestamp: times.get(execution.blockNumber) ?? 0n, signers: signers[i]! }));
    },
    newState: () => undefined,
    persist: () => webLogStore(),
  });
}

const cacheOf = perChainLogCache(historyCache);

/**
 * How council decisions are named in words, at the hub's `head`: member chains by name, changes
 * by the registry's (cached) scheduled changes, proposals by the governor's (cached) records.
 * Shared by the history and the queue.
 */
export async function readHistoryContext(deployment: Deployment, head: HeadBlock): Promise<HistoryContext> {
  const { manifest, hub } = deployment;
  const [scheduled, proposals] = await Promise.all([readScheduledChanges(hub, manifest, head), readProposalRecords(hub, manifest, head)]);
  const names = new Map(manifest.members.map((member) => [BigInt(member.chainId), member.name]));
  const changes = new Map(scheduled.map((change) => [change.id, change]));
  return {
    chainName: (chainId) => names.get(chainId),
    changeSentence: (id) => {
      const change = changes.get(id);
      return change && describeAction(change.action, { chainName: (chainId) => names.get(chainId) });
    },
    proposalTitle: (id) => proposals.byId.get(id)?.title,
  };
}

/** A page of the history, newest first, and what could not be read. */
export interface CouncilHistory {
  entries: CouncilHistoryEntry[];
  /** Executed transactions on every chain that answered. */
  total: number;
  /** Member chains whose node failed: their transactions are missing from the page. */
  unreachable: Array<{ chainId: number; name: string }>;
}

/**
 * Every executed council Safe transaction, on the hub and on each member chain the council signs
 * on, newest first, with who signed it and the decision in words; `limit` entries from `offset`.
 * Each chain's SafeL2 logs (`SafeMultiSigTransaction` with its `ExecutionSuccess` /
 * `ExecutionFailure`) come through a {@link logCache} persisted in the web app's log store, with
 * block times and decoded signers kept beside them: a load reads only new blocks. Decisions are
 * decoded with the chain's own decoder (`councilChains`), so only this deployment's decisions get
 * a sentence; changes and proposals are named from the registry's and the governor's caches. A
 * member chain that does not answer is listed in `unreachable`; the hub failing throws.
 *
 * @example
 * const { entries, total } = await readCouncilHistory(deployment, { limit: 10 })
 */
export async function readCouncilHistory(deployment: Deployment, { offset = 0, limit = Number.POSITIVE_INFINITY }: { offset?: number; limit?: number } = {}): Promise<CouncilHistory> {
  const { manifest, hub } = deployment;
  const chains = councilChains(manifest);
  const hubHead = await hub.getBlock({ blockTag: "latest" });
  const head: HeadBlock = { number: hubHead.number, hash: hubHead.hash };
  const [context, ...scans] = await Promise.all([
    readHistoryContext(deployment, head),
    ...chains.map((chain) => readChain(deployment, chain, chain.chainId === manifest.hub.chainId ? head : undefined)),
  ]);
  const read = scans.filter((scan): scan is { chain: CouncilChain; scan: LogCache<ExecutedSafeTx, undefined> } => "scan" in scan);
  const all = read.flatMap(({ scan }) => scan.items).sort(newestExecutionFirst);
  const byChain = new Map(read.map(({ chain }) => [chain.chainId, chain]));
  const entries = all.slice(offset, offset + limit).map((execution): CouncilHistoryEntry => {
    const chain = byChain.get(execution.chainId)!;
    const call = { to: execution.safeTx.to, data: execution.safeTx.data };
    const action = chain.decode(call);
    return {
      key: `${execution.chainId}-${execution.safeTx.nonce}-${execution.transactionHash}`,
      chainId: execution.chainId,
      chainName: chain.name,
      nonce: execution.safeTx.nonce,
      safeTxHash: execution.safeTxHash,
      transactionHash: execution.transactionHash,
      executor: execution.executor,
      timestamp: execution.timestamp,
      success: execution.success,
      sentence: describeExecutedDecision(action, call, manifest.council.safe, context),
      call: executedCallText(action, call),
      known: action !== undefined,
      signers: execution.signers,
    };
  });
  return { entries, total: all.length, unreachable: scans.filter((scan): scan is { chainId: number; name: string } => !("scan" in scan)) };
}

async function readChain(deployment: Deployment, chain: CouncilChain, hubHead: HeadBlock | undefined) {
  const client: PublicClient = hubHead ? deployment.hub : deployment.client(chain.chainId);
  try {
    const head = hubHead ?? (await client.getBlock({ blockTag: "latest" }));
    return { chain, scan: await cacheOf(chain.chainId)(client, deployment.manifest, { number: head.number, hash: head.hash }) };
  } catch (error) {
    // A member chain's node failed or refused: the history goes on without it. The hub's failure is the page's.
    if (hubHead || !(error instanceof ViemBaseError || error instanceof LogRangeRefusedError)) throw error;
    return { chainId: chain.chainId, name: chain.name };
  }
}

/**
 * Every executed transaction of the council Safe on one chain, oldest first, through the same
 * persisted log cache as the history (a read scans only new blocks): what the Transaction
 * Service–compatible API marks executed, and how it tells a replaced alternative from a queued one.
 *
 * @example
 * const executions = await readCouncilExecutions(deployment, 901)
 */
export async function readCouncilExecutions(deployment: Deployment, chainId: number): Promise<readonly ExecutedSafeTx[]> {
  const client: PublicClient = chainId === deployment.manifest.hub.chainId ? deployment.hub : deployment.client(chainId);
  const head = await client.getBlock({ blockTag: "latest" });
  const scan = await cacheOf(chainId)(client, deployment.manifest, { number: head.number, hash: head.hash });
  return scan.items;
}
