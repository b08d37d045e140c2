import { JsonRpcRequestError, jsonRpcClient } from "../rpc/jsonRpc.ts";
import { DevnetError } from "./errors.ts";

interface RpcNode {
  name: string;
  rpcUrl: string;
}

async function rpc<T>(node: RpcNode, method: string, params: unknown[] = []): Promise<T> {
  let result: T | undefined;
  try {
    result = await jsonRpcClient(node.rpcUrl).request<T>(method, params);
  } catch (error) {
    if (error instanceof JsonRpcRequestError && error.code !== undefined) {
      throw new DevnetError(`The ${node.name} node refused ${method}.`, { details: error.shortMessage });
    }
    throw new DevnetError(`The ${node.name} node at ${node.rpcUrl} did not answer.`, { cause: error });
  }
  if (result === undefined) throw new DevnetError(`The ${node.name} node refused ${method}.`, { details: "no result" });
  return result;
}

/** The latest block's timestamp of a node, in seconds. */
export async function latestTimestamp(node: RpcNode): Promise<bigint> {
  const block = await rpc<{ timestamp: string }>(node, "eth_getBlockByNumber", ["latest", false]);
  return BigInt(block.timestamp);
}

/**
 * Moves every chain forward by `seconds`, to one common timestamp: the latest of their clocks
 * plus `seconds`. Each chain mines one block at exactly that time, so afterwards all chains agree
 * on "now" (what cross-chain snapshots and activation times rely on).
 *
 * @example
 * await advanceTime(state.nodes, 3_600n) // one hour, on the hub and both member chains
 */
export async function advanceTime(nodes: readonly RpcNode[], seconds: bigint): Promise<bigint> {
  if (seconds < 0n) throw new DevnetError("Time only moves forward on a devnet.");
  const clocks = await Promise.all(nodes.map(latestTimestamp));
  const target = clocks.reduce((max, t) => (t > max ? t : max), 0n) + (seconds === 0n ? 0n : seconds);
  for (const [i, node] of nodes.entries()) {
    // A chain already at the target still mines, so every chain shows a block at the same time.
    if (target > (clocks[i] ?? 0n)) await rpc(node, "evm_setNextBlockTimestamp", [`0x${target.toString(16)}`]);
    await rpc(node, "evm_mine");
  }
  return target;
}

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/**
 * Parses a duration such as `90s`, `15m`, `1h30m`, `2d` or a bare number of seconds. Returns
 * undefined for anything else, so callers can say what was wrong.
 */
export function parseDuration(text: string): bigint | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return BigInt(trimmed);
  if (!/^(\d+[smhdw])+$/.test(trimmed)) return undefined;
  let total = 0n;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) total += BigInt(amount ?? "0") * (UNITS[unit ?? "s"] ?? 1n);
  return total;
}
