import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

import { loadManifest, userRpcUrl, type Manifest } from "../../../lib/chains/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { readEnvironment, type E2eEnvironment } from "./environment.ts";
import { TestWallet } from "./wallet.ts";

const SCREENSHOT_DIR = resolve(import.meta.dirname, "../../../test-results/screenshots");

export interface Devnet {
  environment: E2eEnvironment;
  manifest: Manifest;
  /** Moves every chain's clock forward (as `superchain time advance` does). */
  advance(seconds: number): Promise<void>;
}

interface Fixtures {
  devnet: Devnet;
  /** The injected test wallet, starting on the hub with the first delegate's account. */
  wallet: TestWallet;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => use(readEnvironment().baseURL),
  devnet: async ({}, use) => {
    const environment = readEnvironment();
    const manifest = await loadManifest({ env: { SUPERCHAIN_MANIFEST: environment.manifestFile } });
    const nodes = [manifest.hub, ...manifest.members].map((chain) => ({ rpcUrl: chain.rpcUrl, name: chain.name }));
    await use({ environment, manifest, advance: (seconds) => advanceTime(nodes, BigInt(seconds)).then(() => undefined) });
  },
  wallet: async ({ page, devnet }, use) => {
    const chains = [devnet.manifest.hub, ...devnet.manifest.members].map((chain) => ({ chainId: chain.chainId, rpcUrl: userRpcUrl(chain) }));
    const wallet = new TestWallet(chains, devAccount(DEV_ROLES.delegates[0]!));
    await wallet.install(page);
    await use(wallet);
  },
});

export { expect };

/** Connects the injected wallet through the app's own "Connect wallet" menu. */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: "Test Wallet" }).click();
  await expect(page.getByTestId("connected-account")).toBeVisible();
}

/**
 * Waits until no loading placeholder (`aria-busy="true"`) is on screen. React reveals streamed
 * Suspense content in batches, so content can already be in the DOM, hidden, while the skeleton
 * still shows: screenshots and accessibility scans must wait for the reveal.
 */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Saves a full-page screenshot as a test artifact (`test-results/screenshots/<name>.png`). */
export async function snap(page: Page, name: string): Promise<void> {
  await settled(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Fails on any serious or critical axe violation, listing each with its nodes. */
export async function expectAccessible(page: Page): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`)).toEqual([]);
}
