import { resolve } from "node:path";

import { getAddress, type Address, type Hash, type PublicClient } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { openStoreEngine } from "../../db/index.ts";
import type { CouncilSafeState } from "../../council/types.ts";
import type { Deployment } from "../server/deployment.ts";
import { CouncilStoreError } from "./errors.ts";
import { councilSafeAbi } from "./safeTx.ts";
import { CouncilSignatureStore, type CouncilSignatures } from "./store.ts";

/** The environment variable that moves the web app's database (tests point it at a temp file). */
export const WEB_DB_ENV = "SUPERCHAIN_WEB_DB";

/**
 * Where the signature store lives: `$SUPERCHAIN_WEB_DB`, else `.devnet/web.sqlite` under the
 * directory the app runs from (the repository root for `npm run dev` / `web:start`).
 */
export function councilStorePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env[WEB_DB_ENV]?.trim();
  return configured ? resolve(configured) : resolve(process.cwd(), ".devnet", "web.sqlite");
}

const stores = new Map<string, CouncilSignatureStore>();

/**
 * The app's store, opened once per path and kept open for the life of the server process: the
 * SQLite file at `path`, or the PostgreSQL database at `$DATABASE_URL` when that is set (see
 * lib/db). Its tables are migrated before its first statement.
 */
export function getCouncilStore(path: string = councilStorePath()): CouncilSignatureStore {
  let store = stores.get(path);
  if (!store) {
    let engine;
    try {
      engine = openStoreEngine(path);
    } catch (cause) {
      throw new CouncilStoreError(`Could not open the council signature store at ${path}.`, { cause, details: String(cause) });
    }
    store = CouncilSignatureStore.on(engine);
    stores.set(path, store);
  }
  return store;
}

/**
 * What tells two deployments apart although their contracts share addresses (the devnet deploys
 * identically every time): when the manifest was written and the hub's genesis block. A hub
 * restarted from its saved state keeps both, so its signatures stay; a fresh devnet changes both.
 *
 * @example
 * councilDeploymentIdOf(manifest, genesis.hash) // "900:0xabc…:2026-01-01T00:00:00.000Z"
 */
export function councilDeploymentIdOf(manifest: Pick<Manifest, "createdAt" | "hub">, hubGenesisHash: Hash): string {
  return `${manifest.hub.chainId}:${hubGenesisHash.toLowerCase()}:${manifest.createdAt}`;
}

const deploymentIds = new WeakMap<Deployment, Promise<string>>();

/**
 * The id the signature store scopes this deployment's signatures by (see
 * {@link councilDeploymentIdOf}). The hub's genesis block is read once per deployment (the
 * deployment object changes when the manifest does); a failed read is retried next time.
 */
export function councilDeploymentId(deployment: Deployment): Promise<string> {
  let id = deploymentIds.get(deployment);
  if (!id) {
    id = deployment.hub.getBlock({ blockNumber: 0n }).then((genesis) => councilDeploymentIdOf(deployment.manifest, genesis.hash));
    id.catch(() => deploymentIds.delete(deployment));
    deploymentIds.set(deployment, id);
  }
  return id;
}

/**
 * The signatures of this deployment only, in the app's store (or `store`): what the API and the
 * council page read and write, so a signature from an earlier devnet never counts.
 */
export async function councilSignatures(deployment: Deployment, store: CouncilSignatureStore = getCouncilStore()): Promise<CouncilSignatures> {
  return store.forDeployment(await councilDeploymentId(deployment));
}

/**
 * Owners, threshold and nonce of the council Safe, read together: on the app's read clients the
 * three calls leave as one Multicall3 `eth_call`.
 */
export async function readCouncilSafeState(client: PublicClient, safe: Address): Promise<CouncilSafeState> {
  const contract = { address: safe, abi: councilSafeAbi } as const;
  const [owners, threshold, nonce] = await Promise.all([
    client.readContract({ ...contract, functionName: "getOwners" }),
    client.readContract({ ...contract, functionName: "getThreshold" }),
    client.readContract({ ...contract, functionName: "nonce" }),
  ]);
  return { owners: owners.map((owner) => getAddress(owner)), threshold: Number(threshold), nonce };
}
