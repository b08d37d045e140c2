import { resolve } from "node:path";

import { getAddress, type Address, type PublicClient } from "viem";

import type { CouncilSafeState } from "../../council/types.ts";
import { councilSafeAbi } from "./safeTx.ts";
import { CouncilSignatureStore } from "./store.ts";

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

/** The app's store, opened once per path and kept open for the life of the server process. */
export function getCouncilStore(path: string = councilStorePath()): CouncilSignatureStore {
  let store = stores.get(path);
  if (!store) {
    store = CouncilSignatureStore.open(path);
    stores.set(path, store);
  }
  return store;
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
