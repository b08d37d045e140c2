import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

import SafeApiKit from "@safe-global/api-kit";
import { createPublicClient, http, type Hash, type Hex, type WalletClient, type Account, type Chain, type Transport } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../lib/chains/index.ts";
import type { SafeTxData } from "../../lib/council/types.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../lib/devnet/devnet.ts";
import { freePort } from "../../lib/devnet/nodes.ts";
import { councilSafeAbi } from "../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../lib/web/council/store.ts";
import { councilSigners, serveTransactionService } from "./transactionService.ts";

/** What a council devnet suite reads once its `before` has run. */
export interface CouncilDevnet {
  manifest: Manifest;
  store: CouncilSignatureStore;
  /** The transaction service's handlers over `store`, on a free port, and api-kit on the hub's. */
  service: Awaited<ReturnType<typeof serveTransactionService>>;
  api: SafeApiKit;
  signers: ReturnType<typeof councilSigners>;
}

/**
 * A devnet (hub and two member chains, no sequencer) for one suite, with the app's council store
 * in a temporary SQLite file, the transaction service over it, api-kit and protocol-kit signers
 * for the hub's council Safe; started in `before`, stopped in `after`. The app's server modules
 * read the devnet through `SUPERCHAIN_MANIFEST`.
 *
 * @example
 * const devnet = councilDevnet("tx-service-")
 * it("…", async () => { await devnet.api.getSafeInfo(devnet.manifest.council.safe) })
 */
export function councilDevnet(prefix: string): CouncilDevnet {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  const devnet = {} as CouncilDevnet;
  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    devnet.manifest = await loadManifest({ path: paths.manifestFile });
    devnet.store = await CouncilSignatureStore.open(join(dir, "web.sqlite"));
    devnet.service = await serveTransactionService(devnet.store);
    const { hub, council } = devnet.manifest;
    devnet.api = new SafeApiKit({ chainId: BigInt(hub.chainId), txServiceUrl: devnet.service.txServiceUrl(hub.chainId) });
    devnet.signers = councilSigners({ rpcUrl: hub.rpcUrl, chainId: hub.chainId, safe: council.safe });
  });
  after(async () => {
    await devnet.service?.close();
    await devnet.store?.close();
    await devnetDown(paths);
  });
  return devnet;
}

/** A read client on the hub of `manifest`, and the council Safe's nonce there. */
export function hubReader(manifest: () => Manifest) {
  const hub = () => createPublicClient({ chain: viemChain(manifest().hub), transport: http(manifest().hub.rpcUrl) });
  const nonce = () => hub().readContract({ address: manifest().council.safe, abi: councilSafeAbi, functionName: "nonce" });
  return { hub, nonce };
}

/**
 * `execTransaction` of a council Safe transaction with packed `signatures`, sent by `wallet`
 * (anyone: the Safe checks the signatures, not the sender).
 */
export function execCouncilTx(wallet: WalletClient<Transport, Chain, Account>, safe: `0x${string}`, d: SafeTxData, signatures: Hex, gas?: bigint): Promise<Hash> {
  return wallet.writeContract({
    address: safe,
    abi: councilSafeAbi,
    functionName: "execTransaction",
    args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, signatures],
    ...(gas === undefined ? {} : { gas }),
  });
}
