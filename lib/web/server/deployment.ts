import { statSync } from "node:fs";

import { createPublicClient, http, type PublicClient } from "viem";

import { allChains, chainById, loadManifest, ManifestError, resolveManifestPath, viemChain, type ChainEntry, type Manifest } from "../../chains/index.ts";
import { toPublicDeployment, type PublicDeployment } from "../deployment.ts";
import { relayConfigured } from "./relay/relayer.ts";

/** The deployment the app serves: the manifest, its public view, and one read client per chain. */
export interface Deployment {
  manifest: Manifest;
  public: PublicDeployment;
  hub: PublicClient;
  /** Reads one chain's execution node (not the sequencer: reads never need to be sequenced). */
  client(chainId: number): PublicClient;
}

/** Why there is no deployment to show: the page renders this instead of chain data. */
export interface DeploymentUnavailable {
  unavailable: true;
  path: string;
  reason: string;
}

let cached: { path: string; mtimeMs: number; deployment: Deployment } | undefined;
const clients = new Map<string, PublicClient>();

/**
 * How the read clients batch. Calls made in the same tick leave as Multicall3 `eth_call`s, and
 * those and the remaining requests as one JSON-RPC batch: a page costs a few round trips whatever
 * it shows. A multicall is cut every 8 KB of inner calldata (~220 view calls): one `eth_call` of
 * ~1,800 (64 KB) exceeded the node's gas cap for a call and failed whole.
 */
export const READ_BATCHING = {
  rpc: { batchSize: 1_000, wait: 0 },
  multicall: { batchSize: 8_192, wait: 0 },
} as const;

function readClient(entry: ChainEntry): PublicClient {
  const key = `${entry.chainId}@${entry.rpcUrl}`;
  let client = clients.get(key);
  if (!client) {
    client = createPublicClient({
      chain: { ...viemChain(entry), rpcUrls: { default: { http: [entry.rpcUrl] } } },
      transport: http(entry.rpcUrl, { batch: READ_BATCHING.rpc, retryCount: 0, timeout: 10_000 }),
      batch: { multicall: READ_BATCHING.multicall },
      cacheTime: 1_000,
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * Loads the deployment manifest (`$SUPERCHAIN_MANIFEST`, else `deployments/devnet.json`) once per
 * change of the file, so a restarted devnet is picked up without restarting the app.
 */
export async function getDeployment(): Promise<Deployment | DeploymentUnavailable> {
  const path = resolveManifestPath();
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return { unavailable: true, path, reason: "No deployment manifest yet. Start the devnet with the README's first command." };
  }
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.deployment;
  let manifest: Manifest;
  try {
    manifest = await loadManifest();
  } catch (error) {
    return { unavailable: true, path, reason: error instanceof ManifestError ? error.shortMessage : String(error) };
  }
  const entries = new Map(allChains(manifest).map((entry) => [entry.chainId, readClient(entry)]));
  const deployment: Deployment = {
    manifest,
    public: toPublicDeployment(manifest, { relay: relayConfigured(manifest) }),
    hub: entries.get(manifest.hub.chainId)!,
    client: (chainId) => entries.get(chainId) ?? readClient(chainById(manifest, chainId)),
  };
  cached = { path, mtimeMs, deployment };
  return deployment;
}

export const isUnavailable = (value: Deployment | DeploymentUnavailable): value is DeploymentUnavailable => "unavailable" in value;
