import { BaseError as ViemBaseError, getAbiItem, type Address, type PublicClient } from "viem";

import { deployBlock, type Manifest } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import { LogRangeRefusedError } from "../../rpc/errors.ts";
import type { DelegationLog } from "../delegates/profileModel.ts";
import type { Deployment } from "./deployment.ts";
import { deploymentKey, logCache, type HeadBlock, type LogCache } from "./logCache.ts";
import { webLogStore } from "./logStore.ts";

/** A chain whose token has delegation: the hub's SuperchainToken, or a member chain's SpokeToken. */
export interface TokenChain {
  chainId: number;
  name: string;
  role: "hub" | "member";
  token: Address;
  fromBlock: bigint;
}

/** Both events share their signature on SuperchainToken and SpokeToken (both ERC20Votes). */
const EVENTS = [getAbiItem({ abi: superchainTokenAbi, name: "DelegateVotesChanged" }), getAbiItem({ abi: superchainTokenAbi, name: "DelegateChanged" })] as const;

/**
 * The chains where voting power lives: the hub, then each member chain with a SpokeToken, in
 * manifest order. A delegate is one address on all of them.
 */
export function tokenChains(manifest: Manifest): TokenChain[] {
  return [
    { chainId: manifest.hub.chainId, name: manifest.hub.name, role: "hub", token: manifest.contracts.token, fromBlock: deployBlock(manifest, "SuperchainToken") },
    ...manifest.members.flatMap((member): TokenChain[] =>
      member.spoke ? [{ chainId: member.chainId, name: member.name, role: "member", token: member.spoke.token, fromBlock: member.spoke.deployBlock ?? 0n }] : [],
    ),
  ];
}

async function fetchDelegationLogs(client: PublicClient, chain: TokenChain, fromBlock: bigint, toBlock: bigint): Promise<DelegationLog[]> {
  const logs = await client.getLogs({ address: chain.token, events: EVENTS, fromBlock, toBlock, strict: true });
  // Nodes that put the block's timestamp on each log spare the block reads; others get one per block with logs.
  const missing = [...new Set(logs.filter((log) => log.blockTimestamp == null).map((log) => log.blockNumber))];
  const blocks = await Promise.all(missing.map((blockNumber) => client.getBlock({ blockNumber })));
  const timestamps = new Map(blocks.map((block) => [block.number, block.timestamp]));
  return logs.map((log): DelegationLog => {
    const at = {
      chainId: chain.chainId,
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      timestamp: log.blockTimestamp ?? timestamps.get(log.blockNumber)!,
      transactionHash: log.transactionHash,
    };
    if (log.eventName === "DelegateChanged") return { kind: "delegate", ...at, ...log.args };
    return { kind: "votes", ...at, ...log.args };
  });
}

type Reader = (client: PublicClient, manifest: Manifest, head: HeadBlock) => Promise<LogCache<DelegationLog, undefined>>;
/** One forward-only cache per chain's token (a cache follows one chain). */
const readers = new Map<string, Reader>();

function reader(chain: TokenChain): Reader {
  const id = `${chain.chainId}:${chain.token}`;
  let read = readers.get(id);
  if (!read) {
    read = logCache<DelegationLog, undefined>({
      // The deployment too: a saved scan of another devnet's chain with this id must not be extended.
      key: (manifest) => `${deploymentKey(manifest)}:${id}:delegation`,
      fromBlock: () => chain.fromBlock,
      fetch: (client, _manifest, fromBlock, toBlock) => fetchDelegationLogs(client, chain, fromBlock, toBlock),
      newState: () => undefined,
      persist: () => webLogStore(),
    });
    readers.set(id, read);
  }
  return read;
}

/** One chain's delegation logs, newest first, up to its head. */
export interface ChainDelegationLogs {
  chain: TokenChain;
  head: HeadBlock & { timestamp: bigint };
  logs: readonly DelegationLog[];
}

/**
 * Every `DelegateVotesChanged` and `DelegateChanged` log of the token on one chain, through a
 * {@link logCache}: a load fetches only blocks it has not seen, and a restarted app starts from
 * the saved scan. `head` is the chain's block to read up to (its latest when omitted).
 *
 * @example
 * const { logs } = await readDelegationLogs(deployment, tokenChains(manifest)[0]!)
 */
export async function readDelegationLogs(deployment: Deployment, chain: TokenChain, head?: HeadBlock & { timestamp: bigint }): Promise<ChainDelegationLogs> {
  const client = deployment.client(chain.chainId);
  const at = head ?? (await client.getBlock({ blockTag: "latest" }));
  const scan = await reader(chain)(client, deployment.manifest, at);
  return { chain, head: { number: at.number, hash: at.hash, timestamp: at.timestamp }, logs: scan.items };
}

/** Every chain's delegation logs that could be read, and the member chains that did not answer. */
export interface AllDelegationLogs {
  /** Hub first, then each member chain that answered, in manifest order. */
  chains: ChainDelegationLogs[];
  /** Member chains whose node did not answer: their power and delegators are left out, and the page says so. */
  unreachable: TokenChain[];
}

/**
 * The delegation logs of every chain with a token, read in parallel: one round of requests per
 * chain however many logs there are (the hub's at `hubHead` when given). The hub must answer; a member chain that does not is
 * reported, not fatal.
 */
export async function readAllDelegationLogs(deployment: Deployment, hubHead?: HeadBlock & { timestamp: bigint }): Promise<AllDelegationLogs> {
  const [hub, ...members] = tokenChains(deployment.manifest);
  const [hubLogs, ...settled] = await Promise.all([
    readDelegationLogs(deployment, hub!, hubHead),
    ...members.map((chain) =>
      readDelegationLogs(deployment, chain).then(
        (logs) => ({ ok: true as const, logs }),
        (error: unknown) => {
          // The chain's node failed or refused: the page goes on without it. Anything else is a bug.
          if (!(error instanceof ViemBaseError || error instanceof LogRangeRefusedError)) throw error;
          return { ok: false as const, chain };
        },
      ),
    ),
  ]);
  return {
    chains: [hubLogs, ...settled.flatMap((result) => (result.ok ? [result.logs] : []))],
    unreachable: settled.flatMap((result) => (result.ok ? [] : [result.chain])),
  };
}
