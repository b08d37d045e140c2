import { createPublicClient, http } from "viem";

import { viemChain } from "../../lib/chains/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { councilDecides } from "../../lib/devnet/councilDecides.ts";
import { councilSafeAbi } from "../../lib/web/council/safeTx.ts";
import { expect, expectAccessible, snap, test } from "./support/fixtures.ts";

const [OWNER_1, OWNER_2] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
const DEPLOYER = devAccount(DEV_ROLES.deployer);

test.describe("council history", () => {
  test("decisions executed earlier show in /council's history, newest first, with their signers and executor; /council/history lists them too", async ({ page, devnet }) => {
    const { manifest } = devnet;
    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const council = { rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig };

    // An earlier step: the council pauses zora-local and resumes it (two owners sign, the deployer relays).
    const pauseNonce = await hub.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" });
    const pauseTx = await councilDecides(council, { kind: "pause", chainId: 902n });
    const unpauseTx = await councilDecides(council, { kind: "unpause", chainId: 902n });

    await page.goto("/council");
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toBeVisible();
    const resumed = history.getByTestId(`history-${manifest.hub.chainId}-${pauseNonce + 1n}`);
    await expect(resumed.getByTestId("history-sentence")).toHaveText("Resumed sequencing of zora-local (chain 902)");
    await expect(resumed).toContainText(`${unpauseTx.slice(0, 12)}…`);

    const paused = history.getByTestId(`history-${manifest.hub.chainId}-${pauseNonce}`);
    await expect(paused.getByTestId("history-sentence")).toHaveText("Paused sequencing of zora-local (chain 902)");
    await expect(paused).toContainText(`hub (chain ${manifest.hub.chainId}), nonce ${pauseNonce}`);
    await expect(paused.getByTestId("history-executor")).toHaveText(DEPLOYER.address);
    await expect(paused).toContainText(`${pauseTx.slice(0, 12)}…`);
    const signers = paused.getByTestId("history-signers").getByRole("listitem");
    await expect(signers).toHaveCount(2);
    for (const owner of [OWNER_1!, OWNER_2!]) {
      const signer = paused.locator(`[data-owner="${owner.address}"]`);
      await expect(signer).toHaveAttribute("data-kind", "ecdsa");
      await expect(signer).toContainText(`${owner.address} — signed (EIP-712)`);
    }
    // Newest first: the resumption above the pause.
    const order = await history.locator("[data-testid^='history-']").evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")));
    expect(order.indexOf(`history-${manifest.hub.chainId}-${pauseNonce + 1n}`)).toBeLessThan(order.indexOf(`history-${manifest.hub.chainId}-${pauseNonce}`));
    await expect(paused.getByTestId("history-failed")).toHaveCount(0);
    await snap(page, "council-history");
    await expectAccessible(page);

    // Phone width: the history needs no horizontal scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    await history.scrollIntoViewIfNeeded();
    await snap(page, "council-history-mobile");
    expect(await page.locator("main").evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The whole history, paged.
    await page.goto("/council/history");
    await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
    await expect(page.getByTestId(`history-${manifest.hub.chainId}-${pauseNonce}`).getByTestId("history-sentence")).toHaveText("Paused sequencing of zora-local (chain 902)");
    await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of");
    await expectAccessible(page);

    // A malformed or oversized page number reads as the first page; nothing fails.
    for (const bad of ["abc", "-3", "1e9", "99999999"]) {
      const response = await page.goto(`/council/history?page=${bad}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of");
    }
  });
});
