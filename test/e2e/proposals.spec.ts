import { createPublicClient, createWalletClient, http, keccak256, parseEther, toBytes, type Hash, type LocalAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { governanceContracts, viemChain, type Manifest } from "../../lib/chains/index.ts";
import { superchainGovernorAbi, superchainTimelockAbi, superchainTokenAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal, VoteType, type GovernanceAction } from "../../lib/governance/index.ts";
import { writeContractWithHeadroom } from "../../lib/rpc/gasHeadroom.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

/** The hub's clients and the governor, for setting up the state each test needs. */
function hubOf(manifest: Manifest) {
  const chain = viemChain(manifest.hub);
  const transport = http(manifest.hub.rpcUrl);
  const client = createPublicClient({ chain, transport });
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const walletOf = (account: LocalAccount) => createWalletClient({ account, chain, transport });
  const confirm = async (hash: Hash) => expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
  return { client, governor, walletOf, confirm };
}

/** Proposes `action` from the largest delegate; returns the proposal id. */
async function propose(manifest: Manifest, description: string, action: GovernanceAction): Promise<bigint> {
  const { client, governor, walletOf, confirm } = hubOf(manifest);
  const input = buildProposal([action], description, governanceContracts(manifest));
  const proposer = walletOf(devAccount(DEV_ROLES.delegates[0]));
  await confirm(await proposer.writeContract({ ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] }));
  return client.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

test.describe("proposals", () => {
  test("a fresh holder delegates to itself on /delegates, then votes For with a reason on a later proposal; weight, tally and its vote update", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const { client, governor, walletOf, confirm } = hubOf(manifest);
    const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
    const tag = unique();

    // A brand-new account: gas from the deployer, tokens from the delegate who delegates to nobody.
    // An amount with more digits than the page shows: the weight must read cut, never rounded up.
    const holder = privateKeyToAccount(generatePrivateKey());
    const amount = parseEther("123456.789");
    await confirm(await walletOf(devAccount(DEV_ROLES.deployer)).sendTransaction({ to: holder.address, value: parseEther("1") }));
    await confirm(await writeContractWithHeadroom(walletOf(devAccount(DEV_ROLES.delegates[9])), { ...token, functionName: "transfer", args: [holder.address, amount] }));
    await wallet.useAccount(holder);

    // 1. Delegate to itself through the delegates page.
    await page.goto("/delegates");
    await connectWallet(page);
    await expect(page.getByTestId("my-delegate")).toContainText("nobody yet");
    await page.getByRole("button", { name: "Delegate to myself" }).click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();
    await expect(page.getByTestId("my-delegate")).toHaveText("yourself");
    expect(await client.readContract({ ...token, functionName: "getVotes", args: [holder.address] })).toBe(amount);

    // 2. A proposal created after the delegation, so its snapshot counts the holder's votes; voting opens.
    const maxTxPerBlock = 400 + Math.floor(Math.random() * 50);
    // GitHub Flavored Markdown: a table wider than a phone, strikethrough, a bare URL, a task list.
    const wideRow = Array.from({ length: 8 }, (_, i) => `transactions-per-block-column-${i}`);
    const gfm = [
      `| ${wideRow.join(" | ")} |`,
      `| ${wideRow.map(() => "---").join(" | ")} |`,
      `| ${wideRow.map((_, i) => `${maxTxPerBlock + i}`).join(" | ")} |`,
      "",
      "The cap was ~~600~~ before; details at https://example.org/gfm-cap and [a bad link](javascript:alert(1)).",
      "",
      "- [x] done in review",
      "- [ ] council approval",
      "",
      "<img src=x onerror=alert(1)>",
    ].join("\n");
    const description = `# Cap base-local at ${maxTxPerBlock} transactions per block (${tag})\n\nCreated by the proposals spec.\n\n## Why\n\n- fewer, *smaller* blocks\n\n<script>alert(1)</script><b>raw html stays text</b>\n\n${gfm}`;
    const id = await propose(manifest, description, { kind: "setParameters", chainId: 901n, changes: { maxTxPerBlock }, requestedActivation: 0n });
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingDelay" })) + 1);

    // 3. The same account votes on the proposal page.
    await page.goto(`/proposals/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: `Cap base-local at ${maxTxPerBlock} transactions per block (${tag})` })).toBeVisible();
    // Markdown rendered (the title heading moved to the h1, "Why" under the description), raw HTML not.
    await expect(page.getByRole("heading", { name: "Why" })).toBeVisible();
    await expect(page.getByRole("heading", { name: `Cap base-local at ${maxTxPerBlock} transactions per block (${tag})` })).toHaveCount(1);
    await expect(page.locator("article em", { hasText: "smaller" })).toBeVisible();
    await expect(page.locator("article b")).toHaveCount(0);
    await expect(page.getByText("<b>raw html stays text</b>", { exact: false })).toBeVisible();
    // GFM: a real table, <del>, an autolinked URL, task items as checked/unchecked read-only checkboxes.
    const rendered = page.locator('section[aria-labelledby="description"]');
    await expect(rendered.locator("table th").first()).toHaveText("transactions-per-block-column-0");
    await expect(rendered.locator("table td").first()).toHaveText(String(maxTxPerBlock));
    await expect(rendered.locator("del")).toHaveText("600");
    await expect(rendered.locator('a[href="https://example.org/gfm-cap"]')).toHaveText("https://example.org/gfm-cap");
    await expect(page.getByRole("checkbox", { name: "done in review" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "done in review" })).toBeDisabled();
    await expect(page.getByRole("checkbox", { name: "council approval" })).not.toBeChecked();
    // Still safe: the javascript: link is plain text, and no HTML element came from the description.
    await expect(rendered.getByText("a bad link")).toBeVisible();
    await expect(rendered.locator("a", { hasText: "a bad link" })).toHaveCount(0);
    await expect(rendered.locator('a[href^="javascript:"], img, script')).toHaveCount(0);
    await expect(rendered.getByText("<img src=x onerror=alert(1)>")).toBeVisible();
    // The action, decoded with before → after.
    await expect(page.getByTestId("proposal-action")).toContainText(`Set base-local max transactions per block 500 → ${maxTxPerBlock}`);
    await expect(page.locator('[data-step="voting"]')).toHaveAttribute("data-step-state", "current");

    // The wallet reconnects after the full page load (else connect it again); the weight at the
    // snapshot is the delegated amount, cut to 2 decimals.
    const reconnected = await page.getByTestId("connected-account").waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false);
    if (!reconnected) await connectWallet(page);
    await expect(page.getByTestId("voting-weight")).toHaveText("123,456.78 SUP");
    await expect(page.getByTestId("your-vote")).toHaveText("Not voted");
    await expect(page.getByTestId(`tally-${manifest.hub.chainId}`)).toContainText("For 0 SUP");

    await page.getByRole("radio", { name: "For" }).check();
    await page.getByLabel(/Reason/).fill("Smaller blocks keep latency low (e2e).");
    await page.getByRole("button", { name: "Vote", exact: true }).click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();

    await expect(page.getByTestId("your-vote")).toHaveText("For with 123,456.78 SUP");
    await expect(page.getByText("“Smaller blocks keep latency low (e2e).”")).toBeVisible();
    // The hub's tally holds exactly this vote (compact and cut: 123.4K, not 123.5K).
    await expect(page.getByTestId(`tally-${manifest.hub.chainId}`)).toContainText("For 123.4K SUP");
    await expect(page.getByTestId("vote-disabled")).toHaveText("This account has already voted.");
    expect(await client.readContract({ ...governor, functionName: "hasVoted", args: [id, holder.address] })).toBe(true);
    const [against, forVotes, abstain] = await client.readContract({ ...governor, functionName: "proposalVotes", args: [id] });
    expect([against, forVotes, abstain]).toEqual([0n, amount, 0n]);

    await snap(page, "proposal");
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The wide table scrolls inside its own box instead.
    const table = page.getByTestId("markdown-table");
    expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    await snap(page, "proposal-phone");
  });

  test("the list shows every proposal; state filter and search work with and without the form", async ({ page, devnet }) => {
    const tag = `needle${unique()}`;
    const id = await propose(devnet.manifest, `# Find me ${tag}\n\nA pending proposal for the search test.`, {
      kind: "setParameters",
      chainId: 902n,
      changes: { maxPendingPerSender: 60 },
      requestedActivation: 0n,
    });

    await page.goto("/proposals");
    await expect(page.getByRole("heading", { level: 1, name: "Proposals" })).toBeVisible();
    await expect(page.getByTestId("proposal-row").first()).toBeVisible();
    // Newest first: the proposal just created leads the list, pending, with its tallies per chain.
    const first = page.getByTestId("proposal-row").first();
    await expect(first).toHaveAttribute("data-proposal-id", id.toString());
    await expect(first.locator("[data-state]")).toHaveText("pending");
    for (const chain of [devnet.manifest.hub, ...devnet.manifest.members]) await expect(first.getByTestId(`tally-${chain.chainId}`)).toBeVisible();
    await snap(page, "proposals");
    await expectAccessible(page);
    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await snap(page, "proposals-phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The search form (GET): one match.
    await page.getByLabel("Search").fill(tag);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${tag}`));
    await expect(page.getByTestId("proposal-row")).toHaveCount(1);
    await expect(page.getByRole("link", { name: `Find me ${tag}` })).toBeVisible();

    // State tabs keep the search: pending has it, executed does not.
    await page.getByRole("navigation", { name: "Filter by state" }).getByRole("link", { name: "Executed" }).click();
    await expect(page).toHaveURL(/state=executed/);
    await expect(page.getByText("No proposal matches these filters.")).toBeVisible();
    await page.goto(`/proposals?state=pending&q=${tag}`);
    await expect(page.getByTestId("proposal-row")).toHaveCount(1);

    // Every row of a state filter is in that state.
    await page.goto("/proposals?state=executed");
    const states = await page.getByTestId("proposal-row").locator("[data-state]").allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(["executed"]));

    // Garbage in the URL falls back to defaults instead of failing.
    const response = await page.goto("/proposals?state=bogus&page=-4&q=");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("proposal-row").first()).toBeVisible();
  });

  test("unknown and malformed ids answer HTTP 404 with the not-found page", async ({ page }) => {
    for (const id of ["12345", "0xabc", "-1", "9".repeat(90)]) {
      const response = await page.goto(`/proposals/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Proposal not found" })).toBeVisible();
    }
  });

  test("anyone queues a succeeded proposal and executes it after the timelock; the timeline reaches the council", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const { client, governor, walletOf, confirm } = hubOf(manifest);
    const tag = unique();
    const id = await propose(manifest, `# Queue and execute (${tag})\n\nSet zora-local's max transaction size.`, {
      kind: "setParameters",
      chainId: 902n,
      changes: { maxTxBytes: 100_000 },
      requestedActivation: 0n,
    });
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingDelay" })) + 1);
    // The two largest delegates carry quorum.
    for (const index of DEV_ROLES.delegates.slice(0, 2)) {
      await confirm(await walletOf(devAccount(index)).writeContract({ ...governor, functionName: "castVote", args: [id, VoteType.For] }));
    }
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingPeriod" })) + 1);

    await page.goto(`/proposals/${id}`);
    await expect(page.locator("header [data-state]")).toHaveText("succeeded");
    await expect(page.getByTestId("quorum")).toContainText("Quorum reached");
    await connectWallet(page);
    await page.getByRole("button", { name: "Queue in the timelock" }).click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();
    await expect(page.locator("header [data-state]")).toHaveText("queued");
    await expect(page.locator('[data-step="executed"]')).toHaveAttribute("data-step-state", "upcoming");
    // Execute is offered as soon as it is queued (an idle hub's clock can lag); before the eta the
    // simulation explains the timelock's refusal and the wallet is never asked to send.
    await expect(page.getByTestId("next-step-note")).toContainText("The timelock delay runs until");
    const sent = wallet.requests.filter((method) => method === "eth_sendTransaction").length;
    await page.getByRole("button", { name: "Execute" }).click();
    await expect(page.locator('[data-tx-status="failed"]')).toContainText("TimelockUnexpectedOperationState");
    expect(wallet.requests.filter((method) => method === "eth_sendTransaction").length).toBe(sent);

    const delay = await client.readContract({ address: manifest.contracts.timelock, abi: superchainTimelockAbi, functionName: "getMinDelay" });
    await devnet.advance(Number(delay) + 1);
    await page.reload();
    await expect(page.getByTestId("next-step-note")).toContainText("The timelock delay has passed");
    await page.getByRole("button", { name: "Execute" }).click();
    // Once executed the page refreshes and the lifecycle buttons (with their status) are gone, so
    // the proof of success is the proposal's new state, not the transient "confirmed" status.
    await expect(page.locator("header [data-state]")).toHaveText("executed");
    await expect(page.locator('[data-step="council"]')).toHaveAttribute("data-step-state", "current");
    await expect(page.locator('[data-step="decision"]')).toHaveAttribute("data-step-state", "upcoming");
    await snap(page, "proposal-executed");
  });
});
