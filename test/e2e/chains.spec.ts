import { createPublicClient, http } from "viem";

import { governanceContracts, viemChain, type Manifest } from "../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../lib/contracts/index.ts";
import { councilDecides } from "../../lib/devnet/councilDecides.ts";
import { passProposal } from "../../lib/devnet/passProposal.ts";
import { latestTimestamp } from "../../lib/devnet/time.ts";
import { formatUtc } from "../../lib/governance/codec/describe.ts";
import { PARAMETER_LABELS } from "../../lib/governance/parameters.ts";
import { readRunningConfigs, sequencerOrigins } from "../../lib/operator/index.ts";
import { expect, expectAccessible, snap, test } from "./support/fixtures.ts";

/** The block time the sequencer applies to a chain now, from its `/healthz`. */
async function runningBlockTime(manifest: Manifest, chainId: number): Promise<number | undefined> {
  const state = await readRunningConfigs(sequencerOrigins(manifest.members)[0]!);
  return state.chains.find((chain) => chain.chainId === chainId)?.config?.parameters.blockTimeMs;
}

test.describe("chains", () => {
  test("the chain list shows every member chain with its version, pause state, drift and last commitment", async ({ page, devnet }) => {
    await page.goto("/chains");
    await expect(page.getByRole("heading", { level: 1, name: "Member chains" })).toBeVisible();
    for (const member of devnet.manifest.members) {
      const row = page.getByTestId(`chain-row-${member.chainId}`);
      await expect(row).toContainText(member.name);
      await expect(row).toContainText(/v\d+/);
      await expect(row).toContainText(/running|paused/);
      await expect(row).toContainText(/match|drift|unknown/);
    }
    await page.getByRole("link", { name: devnet.manifest.members[0]!.name }).click();
    await expect(page).toHaveURL(new RegExp(`/chains/${devnet.manifest.members[0]!.chainId}$`));
    await page.goto("/chains");
    await snap(page, "chains");
    await expectAccessible(page);
  });

  test("an unknown chain, the hub and a malformed id are not found", async ({ page, devnet }) => {
    for (const path of ["/chains/12345", `/chains/${devnet.manifest.hub.chainId}`, "/chains/base-local", "/chains/0x385"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    }
  });

  test("a governed block time change on 901 is scheduled with its activation time, then in force on the sequencer", async ({ page, devnet }) => {
    const { manifest } = devnet;
    const current = await runningBlockTime(manifest, 901);
    const next = current === 1_000 ? 1_500 : 1_000;
    const hub = { chain: viemChain(manifest.hub), rpcUrl: manifest.hub.rpcUrl };
    const advance = (seconds: bigint) => devnet.advance(Number(seconds));

    // Governance passes the proposal; the council Safe approves the change it scheduled.
    const { changeIds } = await passProposal({
      ...hub,
      contracts: governanceContracts(manifest),
      actions: [{ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: next }, requestedActivation: 0n }],
      description: `# base-local block time ${next} ms\n\nFrom the chains browser test.`,
      advance,
    });
    const changeId = changeIds[0]!;
    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "approveChange", changeId });
    const client = createPublicClient({ chain: hub.chain, transport: http(hub.rpcUrl) });
    const { activatesAt } = await client.readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "getChange", args: [changeId] });
    const hubNow = await latestTimestamp({ name: "hub", rpcUrl: hub.rpcUrl });
    expect(BigInt(activatesAt)).toBeGreaterThan(hubNow);

    await page.goto("/chains/901");
    await expect(page.getByRole("heading", { level: 1, name: "base-local" })).toBeVisible();
    const change = page.getByTestId(`change-${changeId}`);
    await expect(change).toHaveAttribute("data-stage", "scheduled");
    await expect(change).toContainText("scheduled");
    await expect(change.getByTestId("change-when")).toContainText(`Activates ${formatUtc(BigInt(activatesAt))}`);
    await expect(change).toContainText(`block time ${PARAMETER_LABELS.blockTimeMs.format(current ?? 0)} → ${PARAMETER_LABELS.blockTimeMs.format(next)}`);
    await snap(page, "chain-901-scheduled");

    // Time passes the activation; the sequencer picks the new configuration up from the hub.
    await devnet.advance(Number(BigInt(activatesAt) - hubNow) + 1);
    await expect.poll(() => runningBlockTime(manifest, 901), { timeout: 30_000, intervals: [250, 500, 1_000] }).toBe(next);

    await page.reload();
    await expect(change).toHaveAttribute("data-stage", "inForce");
    await expect(change).toContainText("in force on the sequencer");
    const blockTime = page.getByTestId("compare-blockTimeMs");
    await expect(blockTime.getByTestId("running-value")).toHaveText(PARAMETER_LABELS.blockTimeMs.format(next));
    await expect(blockTime.getByTestId("governed-value")).toHaveText(PARAMETER_LABELS.blockTimeMs.format(next));
    await expect(page.locator('[data-testid="config-comparison"] tr[data-differs="true"]')).toHaveCount(0);
    await expect(page.getByTestId("config-history")).toContainText(`block time ${PARAMETER_LABELS.blockTimeMs.format(next)}`);
    await expect(page.getByTestId("pause-state")).toContainText("Running");
    await snap(page, "chain-901");
    await expectAccessible(page);
  });

  test("the chain page and the overview are usable at phone width", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/chains/902");
    await expect(page.getByRole("heading", { level: 1, name: "zora-local" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "chain-902-phone");
    await expectAccessible(page);
    await page.goto("/");
    await expect(page.getByTestId("chain-card-902")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await snap(page, "overview-phone");
    await expectAccessible(page);
  });
});
