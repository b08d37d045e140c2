import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

/** The wallet's account: the largest devnet delegate (30M own + 3M from the sixth delegate), who voted at `devnet up`. */
const delegate = devAccount(DEV_ROLES.delegates[0]);
const lender = devAccount(DEV_ROLES.delegates[5]);

test.describe("delegate profiles", () => {
  test("a delegate writes and signs a statement and sees it on their profile and on the list", async ({ page, wallet }) => {
    await page.goto(`/delegates/${delegate.address.toLowerCase()}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(delegate.address);
    await expect(page.getByTestId("profile-power")).toHaveText("33,000,000 SUP");
    await expect(page.getByTestId("power-chart")).toBeVisible();
    await expect(page.getByTestId("delegators-table").locator(`tr[data-address="${lender.address}"]`)).toContainText("3,000,000 SUP");
    await expect(page.getByTestId("profile-votes").locator("tbody tr").first()).toBeVisible();
    await expect(page.getByTestId("profile-participation")).toHaveText(/\d+ of \d+ \(\d+%\)/);

    await connectWallet(page);
    const stamp = Date.now();
    await page.getByLabel("Statement (Markdown)").fill(`## Why me ${stamp}\n\nI **read** every proposal and explain each vote.`);
    await page.getByLabel("Topics you care about").fill("fees, uptime, fees");
    await page.getByRole("button", { name: "Sign and publish" }).click();
    await expect(page.locator('[data-statement-status="stored"]')).toBeVisible();
    expect(wallet.requests).toContain("eth_signTypedData_v4");
    expect(wallet.requests).not.toContain("eth_sendTransaction");

    const statement = page.getByTestId("delegate-statement");
    await expect(statement.getByRole("heading", { name: `Why me ${stamp}` })).toBeVisible();
    await expect(statement.locator("strong")).toHaveText("read");
    await expect(statement.getByRole("list", { name: "Topics" }).getByRole("listitem")).toHaveText(["fees", "uptime"]);
    await expect(page.getByText("Seeking delegation")).toBeVisible();
    await snap(page, "delegate-profile");
    await expectAccessible(page);

    // The same statement sent again is a replay: refused, nothing changes.
    const served = (await (await page.request.get(`/api/delegates/${delegate.address}/statement`)).json()) as { statement: Record<string, unknown> };
    const { statement: text, topics, issuedAt, signature } = served.statement;
    const replay = await page.request.put(`/api/delegates/${delegate.address}/statement`, { data: { statement: text, topics, issuedAt, signature } });
    expect(replay.status()).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("stale_statement");
    const wrongSigner = await page.request.put(`/api/delegates/${lender.address}/statement`, { data: { statement: text, topics, issuedAt, signature } });
    expect(wrongSigner.status()).toBe(403);

    await page.goto("/delegates");
    const row = page.locator(`tr[data-address="${delegate.address}"]`);
    await expect(row.getByTestId("seeking-delegation")).toContainText("Seeking delegation");
    await expect(row.getByRole("list")).toContainText("uptime");
    await expect(row).toContainText(/\d+ of \d+ \(\d+%\)/);
    await snap(page, "delegates-with-statement");
    await expectAccessible(page);
    await row.getByRole("link", { name: delegate.address }).click();
    await expect(page).toHaveURL(new RegExp(`/delegates/${delegate.address}$`));
    await expect(page.getByTestId("delegate-statement")).toContainText("explain each vote");
  });

  test("at phone width the profile fits and the tables scroll inside their boxes", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/delegates/${delegate.address}`);
    await expect(page.getByTestId("profile-power")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "delegate-profile-phone");
    await expectAccessible(page);
  });

  test("a malformed address or one without any record is not found", async ({ page }) => {
    for (const path of ["/delegates/0x1234", `/delegates/${devAccount(61).address}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Delegate not found" })).toBeVisible();
    }
    await expectAccessible(page);
  });
});
