import { createPublicClient, createWalletClient, http, parseEther, type Hash } from "viem";

import { viemChain } from "../../lib/chains/index.ts";
import { superchainTokenAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { writeContractWithHeadroom } from "../../lib/rpc/gasHeadroom.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

/** A dev account no other part of the devnet uses: this spec gives it tokens itself. */
const HOLDER_INDEX = 47;

/** The address with the case of its first letter flipped: a typo only the checksum catches. */
const miscased = (address: string) => {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address.charAt(i);
  return `${address.slice(0, i)}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}${address.slice(i + 1)}`;
};

test.describe("delegates", () => {
  test("a holder who has not delegated delegates to itself; its voting power and the ranking update", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const chain = viemChain(manifest.hub);
    const transport = http(manifest.hub.rpcUrl);
    const hub = createPublicClient({ chain, transport });
    const deployer = createWalletClient({ account: devAccount(DEV_ROLES.deployer), chain, transport });
    const holder = devAccount(HOLDER_INDEX);
    const confirm = async (hash: Hash) => expect((await hub.waitForTransactionReceipt({ hash })).status).toBe("success");
    // A fresh holder: gas money and 2,000,000 tokens, never delegated.
    await confirm(await deployer.sendTransaction({ to: holder.address, value: parseEther("10") }));
    await confirm(
      await writeContractWithHeadroom(deployer, { address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "transfer", args: [holder.address, parseEther("2000000")] }),
    );

    await wallet.useAccount(holder);
    await page.goto("/delegates");
    await expect(page.getByRole("heading", { level: 1, name: "Delegates" })).toBeVisible();
    // The seeded delegates are ranked: the largest (30M own + 3M delegated) first.
    const firstRow = page.getByTestId("delegates-table").locator("tbody tr").first();
    await expect(firstRow).toHaveAttribute("data-address", devAccount(DEV_ROLES.delegates[0]).address);
    await expect(firstRow).toContainText("33,000,000");
    await expect(firstRow).toContainText("3.30%");

    await connectWallet(page);
    await expect(page.getByTestId("my-balance")).toHaveText("2,000,000 SUP");
    await expect(page.getByTestId("my-delegate")).toContainText("nobody yet");
    await expect(page.getByTestId("my-voting-power")).toHaveText("0 SUP (0.00% of supply)");
    const holderRow = page.locator(`tr[data-address="${holder.address}"]`);
    await expect(holderRow).toHaveCount(0);

    // A malformed address is refused in the page; the wallet is never asked to send anything.
    const input = page.getByLabel("Delegate to another address");
    await input.fill("0x1234");
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await expect(page.locator("#delegatee-error")).toHaveText(/not an address/);
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await input.fill(miscased(holder.address));
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await expect(page.locator("#delegatee-error")).toHaveText(/checksum/);
    expect(wallet.requests).not.toContain("eth_sendTransaction");

    await page.getByRole("button", { name: "Delegate to myself" }).click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();
    expect(wallet.requests).toContain("eth_sendTransaction");
    await expect(page.getByTestId("my-voting-power")).toHaveText("2,000,000 SUP (0.20% of supply)");
    await expect(page.getByTestId("my-delegate")).toHaveText("yourself");
    // The ranking was read again: the holder now appears with its 2,000,000 votes.
    await expect(holderRow).toContainText("2,000,000");
    await expect(holderRow).toContainText("0.20%");
    expect(await hub.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "getVotes", args: [holder.address] })).toBe(parseEther("2000000"));

    await snap(page, "delegates");
    await expectAccessible(page);
  });

  test("at phone width the table scrolls inside its box and the page does not", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/delegates");
    await expect(page.getByTestId("delegates-table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await snap(page, "delegates-phone");
    await expectAccessible(page);
  });
});
