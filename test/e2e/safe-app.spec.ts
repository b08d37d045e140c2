import { gzipSync } from "node:zlib";

import type { Response } from "@playwright/test";
import { createPublicClient, getAddress, http, type Address } from "viem";

import { viemChain, type Manifest } from "../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../lib/contracts/index.ts";
import type { CouncilDecision } from "../../lib/council/registryCalls.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "../../lib/web/council/safeTx.ts";
import { shortAddress } from "../../lib/web/format.ts";
import { expect, expectAccessible, snap, test as base } from "./support/fixtures.ts";
import { SafeWalletParent, type ParentSafe } from "./support/safeWalletParent.ts";

function hubReads(manifest: Manifest) {
  const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  return {
    nonce: () => hub.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" }),
    isPaused: (chainId: bigint) => hub.readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [chainId] }),
  };
}

/** Safe{Wallet} with `safeAddress` open on the hub (the council Safe unless told otherwise). */
function hubSafe(manifest: Manifest, safeAddress: Address = manifest.council.safe): ParentSafe {
  return {
    safeAddress,
    chainId: manifest.hub.chainId,
    chainName: manifest.hub.name,
    threshold: manifest.council.threshold,
    owners: manifest.council.owners,
    rpcUrl: manifest.hub.rpcUrl,
    nonce: hubReads(manifest).nonce,
  };
}

/** `safeWallet(safe)`: a Safe{Wallet} stand-in with `safe` open, framing the app's /council in `page`; stopped after the test. */
const test = base.extend<{ safeWallet: (safe: ParentSafe) => Promise<SafeWalletParent> }>({
  safeWallet: async ({ page, baseURL }, use) => {
    const started: SafeWalletParent[] = [];
    await use(async (safe) => {
      const parent = await SafeWalletParent.start(safe, `${baseURL}/council`);
      started.push(parent);
      await parent.open(page);
      return parent;
    });
    await Promise.all(started.map((parent) => parent.close()));
  },
});

test.describe("Safe App", () => {
  test("the Safe Apps manifest and its icon answer any origin, with the fields Safe{Wallet} reads", async ({ request }) => {
    const response = await request.get("/manifest.json", { headers: { origin: "https://app.safe.global" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["access-control-allow-methods"]).toBe("GET");
    expect(response.headers()["access-control-allow-headers"]).toContain("content-type");
    const manifest = (await response.json()) as { name?: unknown; description?: unknown; iconPath?: unknown };
    expect(manifest.name).toBe("Superchain Governance");
    expect(typeof manifest.description === "string" && manifest.description.length > 20).toBe(true);
    expect(typeof manifest.iconPath).toBe("string");

    const icon = await request.get(`/${manifest.iconPath as string}`, { headers: { origin: "https://app.safe.global" } });
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    expect(icon.headers()["access-control-allow-origin"]).toBe("*");
    expect(await icon.text()).toMatch(/<svg[^>]*width="256"/);
  });

  test("inside a Safe{Wallet} parent frame the app connects as the council Safe and proposes pausing zora-local into the Safe's queue", async ({ page, devnet, safeWallet }) => {
    const { manifest } = devnet;
    const { isPaused, nonce } = hubReads(manifest);
    const council = manifest.council.safe;
    const decision: CouncilDecision = { kind: (await isPaused(902n)) ? "unpause" : "pause", chainId: 902n };
    const expected = councilSafeTx(manifest.contracts.sequencerConfig, decision, await nonce());
    const parent = await safeWallet(hubSafe(manifest));

    const app = page.frameLocator('iframe[title="Safe App"]');
    await expect(app.getByRole("heading", { level: 1, name: "Security Council" })).toBeVisible();
    // Connected by itself, as the Safe, on the Safe's chain: no wallet was picked.
    await expect(app.getByTestId("connected-account")).toHaveText(shortAddress(getAddress(council)));
    await expect(app.getByTestId("connected-account")).toHaveAttribute("title", getAddress(council));
    await expect(app.getByTestId("safe-app-notice")).toHaveAttribute("data-standing", "council");
    await expect(app.getByTestId("safe-app-notice")).toContainText(`on chain ${manifest.hub.chainId}`);
    const info = parent.calls("getSafeInfo");
    expect(info.length).toBeGreaterThan(0);
    expect(info[0]!.origin).toBe(new URL(devnet.environment.baseURL).origin);
    expect(info[0]!.env?.sdkVersion).toMatch(/^\d+\.\d+\.\d+/);

    const card = app.getByTestId(`decision-${decisionKey(decision)}`);
    await card.locator("summary").click();
    // The owners' signature flow gives way to the Safe's queue.
    await expect(card.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);
    await expect(card.getByRole("button", { name: "Execute", exact: true })).toHaveCount(0);
    await expect(card.getByTestId("safe-app-proposal")).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(app.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page);

    expect(parent.queued).toHaveLength(0);
    await card.getByRole("button", { name: "Propose to the Safe's queue" }).click();
    await expect(card.getByTestId("safe-app-safe-tx-hash")).toBeVisible();
    expect(parent.queued).toHaveLength(1);
    const [queued] = parent.queued;
    expect(queued!.txs).toHaveLength(1);
    const [tx] = queued!.txs;
    expect(getAddress(tx!.to)).toBe(expected.to);
    expect(tx!.data).toBe(expected.data);
    expect(BigInt(tx!.value)).toBe(0n);
    // The hash Safe{Wallet} answered is the one shown, and it is the decision's own safeTxHash at the Safe's nonce.
    await expect(card.getByTestId("safe-app-safe-tx-hash")).toHaveText(queued!.safeTxHash);
    await expect(card.getByTestId("safe-tx-hash")).toHaveText(queued!.safeTxHash);
    await expect(card.getByRole("button", { name: "Proposed to the Safe's queue" })).toBeDisabled();
    await snap(page, "safe-app-proposed");
    // Proposing queues; nothing happened on-chain.
    expect(await isPaused(902n)).toBe(decision.kind === "unpause");
  });

  test("a Safe that is not the council is told so and offered nothing to propose; outside a frame the page is as before", async ({ page, devnet, safeWallet }) => {
    const { manifest } = devnet;
    const stranger = devAccount(DEV_ROLES.delegates[3]!).address;
    const allPause: CouncilDecision = { kind: (await hubReads(manifest).isPaused(0n)) ? "unpause" : "pause", chainId: 0n };
    const parent = await safeWallet(hubSafe(manifest, stranger));

    const app = page.frameLocator('iframe[title="Safe App"]');
    await expect(app.getByTestId("connected-account")).toHaveText(shortAddress(getAddress(stranger)));
    const notice = app.getByTestId("safe-app-notice");
    await expect(notice).toHaveAttribute("data-standing", "otherSafe");
    await expect(notice).toContainText("is not the council Safe");
    const card = app.getByTestId(`decision-${decisionKey(allPause)}`);
    await card.locator("summary").click();
    await expect(card.getByTestId("safe-app-not-council")).toBeVisible();
    await expect(card.getByRole("button", { name: /Propose/ })).toHaveCount(0);
    await expect(card.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);
    expect(parent.calls("sendTransactions")).toHaveLength(0);

    // Framed, the Safe Apps SDK was loaded (its `getSafeInfo` answered above)…
    expect(parent.calls("getSafeInfo").length).toBeGreaterThan(0);

    // …not framed, it is not: no Safe connector, no notice, the usual wallet menu, and none of
    // the SDK's code among the scripts the page loads, which stay under the 300 KB budget.
    const scripts: Array<Promise<Buffer>> = [];
    const onResponse = (response: Response) => {
      if (response.request().resourceType() === "script") scripts.push(response.body());
    };
    page.on("response", onResponse);
    await page.goto("/council", { waitUntil: "load" });
    await expect(page.getByRole("heading", { level: 1, name: "Security Council" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect wallet" })).toBeVisible();
    await expect(page.getByTestId("safe-app-notice")).toHaveCount(0);
    page.off("response", onResponse);
    const bodies = await Promise.all(scripts);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((body) => body.includes("getSafeInfo")), "the Safe Apps SDK is not in /council's scripts outside a frame").toHaveLength(0);
    const gzipped = bodies.reduce((total, body) => total + gzipSync(body).length, 0);
    expect(gzipped, "first-load JS of /council (gzip)").toBeLessThanOrEqual(300 * 1024);
  });
});
