import type { ChainEntry, Manifest } from "../chains/index.ts";
import { UnknownMemberChainError } from "./errors.ts";

/**
 * The member chain a command-line argument names, by chain id (`901`) or name (`base-local`).
 *
 * @throws {UnknownMemberChainError} when no member matches (the hub included); it lists the members.
 * @example
 * resolveMemberChain(manifest, "zora-local").chainId // 902
 */
export function resolveMemberChain(manifest: Manifest, chain: string): ChainEntry {
  const text = chain.trim();
  const byId = /^\d+$/.test(text) ? Number(text) : undefined;
  const found = manifest.members.find((m) => m.chainId === byId || m.name === text);
  if (found !== undefined) return found;
  const hub = manifest.hub.chainId === byId || manifest.hub.name === text;
  throw new UnknownMemberChainError({ chain: text, network: manifest.network, known: manifest.members, hub });
}
