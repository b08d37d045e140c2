import { defineConfig } from "@playwright/test";

import { E2E_TAG } from "./test/e2e/support/environment.ts";

/**
 * Browser tests: Debian's Chromium (never a downloaded browser) against a devnet and the built
 * web app that `test/e2e/support/global-setup.ts` starts on free ports. One worker: the specs
 * share that devnet and move its clock.
 */
export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  outputDir: `test-results/e2e${E2E_TAG}`,
  globalSetup: "./test/e2e/support/global-setup.ts",
  globalTeardown: "./test/e2e/support/global-teardown.ts",
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-report${E2E_TAG}.json` }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
});
