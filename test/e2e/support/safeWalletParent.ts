import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Page } from "@playwright/test";
import type { Address, Hex } from "viem";

import { reviewCouncilTransaction } from "../../../lib/council/typedData.ts";
import { callSafeTx } from "../../../lib/web/council/safeTx.ts";

/** What the stand-in Safe{Wallet} says about the Safe it has open. */
export interface ParentSafe {
  safeAddress: Address;
  chainId: number;
  chainName: string;
  threshold: number;
  owners: readonly Address[];
  /** The chain's node, where `rpcCall` requests are forwarded (as Safe{Wallet} forwards them to its own RPC). */
  rpcUrl: string;
  /** The Safe's nonce now: the queued transaction's safeTxHash is computed at it. */
  nonce: () => Promise<bigint>;
}

/** One request a Safe App sent its parent (the SDK's message: id, method, params, env.sdkVersion). */
export interface AppRequest {
  origin: string;
  id: string;
  method: string;
  params: unknown;
  env?: { sdkVersion?: string };
}

/** What the stand-in queued for one `sendTransactions`. */
export interface QueuedTransaction {
  txs: Array<{ to: string; value: string; data: string }>;
  params?: unknown;
  safeTxHash: Hex;
}

/** The version the parent answers with: the SDK drops answers whose major version is below 1. */
const PARENT_VERSION = "1.0.0";

/**
 * Plays Safe{Wallet}'s side of the Safe Apps messaging protocol for a Safe App in an iframe: a
 * tiny HTTP server on the loopback serves a page that frames `appUrl` and hands every message from
 * that frame to this object, which answers as Safe{Wallet} does: `{ id, success, version, data }`
 * or `{ id, success: false, error }`. `sendTransactions` is recorded and answered with the
 * safeTxHash the Safe would queue it under. The page is addressed as `http://localhost:<port>`:
 * another origin than the app's `127.0.0.1`, as Safe{Wallet}'s is, and one the app trusts by default.
 */
export class SafeWalletParent {
  readonly requests: AppRequest[] = [];
  readonly queued: QueuedTransaction[] = [];
  private readonly safe: ParentSafe;
  private readonly server: Server;
  readonly origin: string;

  private constructor(safe: ParentSafe, server: Server, origin: string) {
    this.safe = safe;
    this.server = server;
    this.origin = origin;
  }

  /** Starts the parent's server for a Safe App at `appUrl`; `close` stops it. */
  static async start(safe: ParentSafe, appUrl: string): Promise<SafeWalletParent> {
    const server = createServer((request, response) => {
      if (request.method === "GET" && request.url === "/safe-wallet") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(parentPage(appUrl));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new SafeWalletParent(safe, server, `http://localhost:${(server.address() as AddressInfo).port}`);
  }

  /** Opens the parent page (with the app in its frame) in `page`. */
  async open(page: Page): Promise<void> {
    await page.exposeFunction("__safeWalletAnswer", (origin: string, message: unknown) => this.answer(origin, message));
    await page.goto(`${this.origin}/safe-wallet`);
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The browser keeps its connection alive; the page is done with it.
    this.server.closeAllConnections();
    return closed;
  }

  /** The requests of one method, in order. */
  calls(method: string): AppRequest[] {
    return this.requests.filter((request) => request.method === method);
  }

  private async answer(origin: string, message: unknown): Promise<unknown> {
    const request = message as AppRequest;
    if (typeof request?.id !== "string" || typeof request.method !== "string") return undefined;
    this.requests.push({ ...request, origin });
    try {
      return { id: request.id, success: true, version: PARENT_VERSION, data: await this.data(request) };
    } catch (error) {
      return { id: request.id, success: false, version: PARENT_VERSION, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async data({ method, params }: AppRequest): Promise<unknown> {
    const safe = this.safe;
    switch (method) {
      case "getSafeInfo":
        return { safeAddress: safe.safeAddress, chainId: safe.chainId, threshold: safe.threshold, owners: [...safe.owners], isReadOnly: false };
      case "getChainInfo":
        return {
          chainName: safe.chainName,
          chainId: String(safe.chainId),
          shortName: safe.chainName,
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18, logoUri: "" },
          blockExplorerUriTemplate: { address: "", txHash: "", api: "" },
        };
      case "rpcCall": {
        const { call, params: args } = params as { call: string; params: unknown[] };
        const response = await fetch(safe.rpcUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: call, params: args }),
        });
        const body = (await response.json()) as { result?: unknown; error?: { message: string } };
        if (body.error) throw new Error(body.error.message);
        return body.result;
      }
      case "sendTransactions": {
        const { txs, params: txParams } = params as Pick<QueuedTransaction, "txs" | "params">;
        if (txs.length !== 1) throw new Error("The stand-in queues single calls only.");
        const [tx] = txs;
        const data = callSafeTx({ to: tx!.to as Address, value: BigInt(tx!.value), data: tx!.data as Hex }, await safe.nonce());
        const { safeTxHash } = reviewCouncilTransaction({ safe: safe.safeAddress, chainId: safe.chainId, data });
        this.queued.push({ txs, params: txParams, safeTxHash });
        return { safeTxHash };
      }
      default:
        throw new Error(`${method} is not supported by this Safe{Wallet} stand-in.`);
    }
  }
}

/** Safe{Wallet}'s frame, reduced to the app's iframe and the message relay. */
function parentPage(appUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Safe{Wallet} (test parent)</title>
<style>body{margin:0;font-family:sans-serif}main{padding:8px}iframe{width:100%;height:860px;border:0}</style></head>
<body><main><h1>Safe{Wallet} test parent</h1>
<iframe id="app" title="Safe App" src="${appUrl}"></iframe></main>
<script>
  const frame = document.getElementById("app");
  window.addEventListener("message", async (event) => {
    if (event.source !== frame.contentWindow) return;
    const reply = await window.__safeWalletAnswer(event.origin, event.data);
    if (reply) event.source.postMessage(reply, event.origin);
  });
</script>
</body></html>`;
}
