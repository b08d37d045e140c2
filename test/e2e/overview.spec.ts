import { createPublicClient, http } from "viem";

import { viemChain } from "../../lib/chains/index.ts";
import { councilDecides } from "../../lib/devnet/councilDecides.ts";
import { readScheduledChanges } from "../../lib/web/server/registryChanges.ts";
import { expect, expectAccessible, snap, test } from "./support/fixtures.ts";

test.describe("overview", () => {
  test("shows every member chain's configuration in force, the sequencer and the council's queue", async ({ page, devnet }) => {
    const { manifest } = devnet;
    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const awaiting = (await readScheduledChanges(hub, manifest)).filter((change) => change.status === "awaitingCouncil");

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    for (const member of manifest.members) {
      const card = page.getByTestId(`chain-card-${member.chainId}`);
      await expect(card).toContainText(member.name);
      await expect(card).toContainText(/Block time\s*[\d,]+ ms/i);
      await expect(card).toContainText(/Ordering policy\s*(FIFO|priority fee)/i);
      await expect(card.getByTestId("last-block")).toContainText(/#\d+/);
    }
    await expect(page.getByTestId("sequencer-panel")).toContainText("reachable at");
    await expect(page.getByRole("heading", { level: 2, name: `Awaiting the council (${awaiting.length})` })).toBeVisible();
    for (const change of awaiting) await expect(page.getByTestId("awaiting-council")).toContainText(`Change #${change.id}`);
    await expect(page.getByTestId("active-proposals").getByRole("link", { name: "See all proposals" })).toHaveAttribute("href", "/proposals");
  });

  test("pausing zora-local through the council Safe shows it paused; unpausing shows it running again", async ({ page, devnet }) => {
    const { manifest } = devnet;
    const council = { rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig };
    const state = page.getByTestId("chain-card-902").getByTestId("chain-state");

    await page.goto("/");
    await expect(state).toContainText("running");
    await councilDecides(council, { kind: "pause", chainId: 902n });
    try {
      await page.reload();
      await expect(state).toContainText("paused");
      await expect(page.getByTestId("chain-card-901").getByTestId("chain-state")).toContainText("running");
      await snap(page, "overview");
      await expectAccessible(page);
      await page.goto("/chains/902");
      await expect(page.getByTestId("pause-state")).toContainText("Paused: sequencing of zora-local is stopped by the Security Council.");
    } finally {
      await councilDecides(council, { kind: "unpause", chainId: 902n });
    }
    await page.goto("/");
    await expect(state).toContainText("running");
    await expect(state).not.toContainText("paused");
  });
});
