import { createPublicClient, createWalletClient, http, keccak256, toBytes, type Hash } from "viem";

import { governanceContracts, viemChain, votingMember, type Manifest } from "../../lib/chains/index.ts";
import { spokeTokenAbi, spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../lib/contracts/index.ts";
import { newestUsableHubState } from "../../lib/crosschain/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal } from "../../lib/governance/index.ts";
import { formatTokenAmount } from "../../lib/web/format.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

const BASE = 901;

/** The hub and base-local's clients, the governor, and base-local's cross-chain voting contracts. */
function chainsOf(manifest: Manifest) {
  const voting = votingMember(manifest, BASE);
  const hubChain = viemChain(manifest.hub);
  const hub = createPublicClient({ chain: hubChain, transport: http(manifest.hub.rpcUrl) });
  const member = createPublicClient({ chain: viemChain(voting.chain), transport: http(voting.chain.rpcUrl) });
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const aggregator = { address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi } as const;
  const proposer = createWalletClient({ account: devAccount(DEV_ROLES.delegates[0]), chain: hubChain, transport: http(manifest.hub.rpcUrl) });
  return { voting, hub, member, governor, aggregator, proposer };
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

test.describe("cross-chain voting on the proposal page", () => {
  test("a member-chain delegate votes from the page and sees the tally on the hub after the relay", async ({ page, wallet, devnet }) => {
    test.setTimeout(300_000);
    const { manifest } = devnet;
    const { voting, hub, member, governor, aggregator, proposer } = chainsOf(manifest);
    // Seeded by `devnet up`: base-local's first spoke delegate holds (and delegates to itself) tokens on base-local only.
    const voter = devAccount(DEV_ROLES.spokeDelegates[0]);
    const weight = await member.readContract({ address: voting.spoke.token, abi: spokeTokenAbi, functionName: "getVotes", args: [voter.address] });
    expect(weight, "devnet up seeds base-local's spoke delegates").toBeGreaterThan(0n);
    const full = formatTokenAmount(weight, 18, { symbol: "SUP" });

    // 1. A fresh proposal on the hub; voting opens (every chain's clock moves).
    const description = `# Cross-chain vote on base-local's gas target (${unique()})\n\nCreated by the cross-chain proposals spec.`;
    const input = buildProposal([{ kind: "setParameters", chainId: 902n, changes: { maxPendingPerSender: 70 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    const hash: Hash = await proposer.writeContract({ ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    const created = await hub.waitForTransactionReceipt({ hash });
    expect(created.status).toBe("success");
    const id = await hub.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
    await devnet.advance(Number(await hub.readContract({ ...governor, functionName: "votingDelay" })) + 1);

    // 2. base-local can learn it once it holds a hub state at or after the proposal's block: the
    //    sequencer posts one every commitment interval.
    await expect
      .poll(async () => (await newestUsableHubState(member, voting.hubStateOracle)).blockNumber >= created.blockNumber, { timeout: 90_000, intervals: [1_000] })
      .toBe(true);

    // 3. The delegate opens the page, picks base-local (the page switches the wallet), and brings the proposal there.
    await wallet.useAccount(voter);
    await page.goto(`/proposals/${id}`);
    await connectWallet(page);
    const requestsBefore = wallet.requests.length;
    await page.getByRole("radio", { name: /base-local/ }).check();
    await expect.poll(() => wallet.chainId).toBe(BASE);
    expect(wallet.requests.slice(requestsBefore)).toContain("wallet_switchEthereumChain");
    const panel = page.getByTestId(`spoke-vote-${BASE}`);
    await expect(panel.getByTestId("spoke-weight")).toHaveText(full);
    await expect(panel.getByTestId("spoke-standing")).toHaveText("Not on base-local yet");
    await panel.getByRole("button", { name: "Bring this proposal to base-local" }).click();
    await expect(panel.locator('[data-tx-status="confirmed"]', { hasText: "Bring to base-local" })).toBeVisible();
    await expect(panel.getByTestId("spoke-standing")).toContainText("Open on base-local until");
    const [, deadline, votingClosesAt] = await member.readContract({ ...aggregator, functionName: "proposal", args: [id] });
    expect(votingClosesAt).toBeLessThan(deadline);

    // 4. Votes For with a reason on base-local.
    await panel.getByRole("radio", { name: "For" }).check();
    await panel.getByLabel(/Reason/).fill("Voting from base-local (e2e).");
    await panel.getByRole("button", { name: "Vote on base-local" }).click();
    await expect(panel.locator('[data-tx-status="confirmed"]', { hasText: "Vote on base-local" })).toBeVisible();
    await expect(panel.getByTestId("spoke-your-vote")).toHaveText(`For with ${full}`);
    await expect(panel.getByText("“Voting from base-local (e2e).”")).toBeVisible();
    await expect(panel.getByTestId("spoke-counted-note")).toHaveText("Counted on base-local; reaches the hub with the next relay.");
    expect(await member.readContract({ ...aggregator, functionName: "proposalVotes", args: [id] })).toEqual([0n, weight, 0n]);

    // 5. Relay: "Relay now" once an output covering the vote is committed (the server answers
    //    "waiting for the next commitment" until then), unless the sequencer relayed first.
    const counted = async () => (await hub.readContract({ ...governor, functionName: "proposalVotesByChain", args: [id, BigInt(BASE)] }))[1];
    const relayStatus = panel.locator("[data-tx-status]", { hasText: "Relay base-local's tally" });
    let relayedBy = "the sequencer";
    // Right after the vote no committed output covers it yet: the server says to wait, nothing is sent.
    const sent = wallet.requests.filter((method) => method === "eth_sendTransaction").length;
    await panel.getByRole("button", { name: "Relay now" }).click();
    await expect(relayStatus).toHaveAttribute("data-tx-status", /confirmed|failed/, { timeout: 30_000 });
    if ((await relayStatus.getAttribute("data-tx-status")) === "failed") {
      await expect(relayStatus).toContainText(/NotYetProvable: Waiting for the next commitment: base-local has votes newer than its committed output|NothingToRelay/);
      expect(wallet.requests.filter((method) => method === "eth_sendTransaction").length).toBe(sent);
    } else relayedBy = "the page";
    await expect(async () => {
      if ((await counted()) === weight) return;
      await panel.getByRole("button", { name: "Relay now" }).click();
      await expect(relayStatus).toHaveAttribute("data-tx-status", /confirmed|failed/, { timeout: 30_000 });
      if ((await relayStatus.getAttribute("data-tx-status")) === "confirmed") relayedBy = "the page";
      expect(await counted()).toBe(weight);
    }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
    test.info().annotations.push({ type: "relayed by", description: relayedBy });

    // 6. The page shows base-local's tally counted on the hub, equal to the chain's own, and when it was relayed.
    await page.reload();
    const formatted = `For ${formatTokenAmount(weight, 18, { compact: true, symbol: "SUP" })}`;
    await expect(page.getByTestId(`spoke-counted-${BASE}`)).toContainText(formatted);
    await expect(page.getByTestId(`spoke-local-${BASE}`)).toContainText(formatted);
    await expect(page.getByTestId(`tally-${BASE}`)).toContainText(formatted);
    await expect(page.getByTestId(`spoke-relayed-${BASE}`)).toContainText(/at .+ \(block \d+ of base-local\)/);
    await expect(page.getByTestId(`spoke-unrelayed-${BASE}`)).toHaveCount(0);
    const [hubAgainst, hubFor, hubAbstain] = await hub.readContract({ ...governor, functionName: "proposalVotesByChain", args: [id, BigInt(BASE)] });
    expect([hubAgainst, hubFor, hubAbstain]).toEqual(await member.readContract({ ...aggregator, functionName: "proposalVotes", args: [id] }));

    // On the hub the panel tells a voter without hub weight where to vote; back on base-local it shows the vote.
    await page.getByRole("radio", { name: /^hub/ }).check();
    await expect.poll(() => wallet.chainId).toBe(manifest.hub.chainId);
    await expect(page.getByTestId("vote-disabled")).toContainText("pick it under “Vote on”");
    await page.getByRole("radio", { name: /base-local/ }).check();
    await expect.poll(() => wallet.chainId).toBe(BASE);
    await expect(page.getByTestId(`spoke-vote-${BASE}`).getByTestId("spoke-your-vote")).toHaveText(`For with ${full}`);
    await expect(page.getByRole("button", { name: "Relay now" })).toBeVisible();

    await snap(page, "proposal-crosschain");
    await expectAccessible(page);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await snap(page, "proposal-crosschain-phone");
  });
});
