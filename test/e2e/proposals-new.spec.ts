import { createPublicClient, createWalletClient, decodeFunctionData, http, keccak256, toBytes, type Hash } from "viem";

import { viemChain } from "../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTimelockAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { CHANGE_STATUSES, changeToAction, formatUtc, VoteType } from "../../lib/governance/index.ts";
import { proposalDescription } from "../../lib/web/propose/validate.ts";
import { connectWallet, expect, expectAccessible, snap, test, type Devnet } from "./support/fixtures.ts";

/** A dev account that never holds tokens on the devnet. */
const NO_VOTES_INDEX = 48;

function hubClients(devnet: Devnet) {
  const chain = viemChain(devnet.manifest.hub);
  const transport = http(devnet.manifest.hub.rpcUrl);
  const client = createPublicClient({ chain, transport });
  const wallet = (index: number) => createWalletClient({ account: devAccount(index), chain, transport });
  const confirm = async (hash: Hash) => expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
  return { client, wallet, confirm };
}

test.describe("new proposal", () => {
  test("a delegate proposes 'set blockTimeMs' for chain 901 from the form; it is voted, queued and executed", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const { client, wallet: walletOf, confirm } = hubClients(devnet);
    const registry = { address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
    const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    const [bounds, current] = await Promise.all([
      client.readContract({ ...registry, functionName: "parameterBounds" }),
      client.readContract({ ...registry, functionName: "currentConfig", args: [901n] }),
    ]);
    // A value inside the contract's bounds and different from the one in force.
    const newBlockTime = current.parameters.blockTimeMs === 1_250 ? 1_300 : 1_250;
    expect(newBlockTime).toBeGreaterThanOrEqual(bounds.min.blockTimeMs);

    await page.goto("/proposals/new");
    await expect(page.getByRole("heading", { level: 1, name: "New proposal" })).toBeVisible();
    await connectWallet(page);
    await expect(page.getByTestId("proposer-standing")).toHaveAttribute("data-status", "eligible");

    const title = `Faster base-local blocks (${Date.now()})`;
    const body = "Cut **latency** on base-local.\n\n- sequencer block time only\n\n| chain | block time |\n| --- | --- |\n| base-local | ~~2,000~~ ms |\n\n- [x] simulated\n\n<script>alert(1)</script>";
    await page.getByLabel("Title").fill(title);
    await page.getByLabel(/^Description/).fill(body);
    await expect(page.getByLabel("Action 1")).toHaveValue("setParameters");
    await page.getByLabel("Applies to").selectOption("901");
    await expect(page.getByText(`Now ${new Intl.NumberFormat("en-US").format(current.parameters.blockTimeMs)} ms.`)).toBeVisible();

    // Below the contract's minimum: refused in the form, before the wallet is asked anything.
    const blockTime = page.getByLabel("Block time (ms)");
    await blockTime.fill(String(bounds.min.blockTimeMs - 1));
    await page.getByRole("button", { name: "Review proposal" }).click();
    const issues = page.locator("#form-issues");
    await expect(issues).toContainText("outside the allowed range");
    await expect(issues).toContainText(`between ${new Intl.NumberFormat("en-US").format(bounds.min.blockTimeMs)} and ${new Intl.NumberFormat("en-US").format(bounds.max.blockTimeMs)} ms`);
    await expect(blockTime).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("proposal-preview")).toHaveCount(0);
    await blockTime.fill("12.5");
    await page.getByRole("button", { name: "Review proposal" }).click();
    await expect(issues).toContainText("whole number");
    expect(wallet.requests).not.toContain("eth_sendTransaction");

    // A valid value: the decoded preview with before → after, and the simulation, before signing.
    await blockTime.fill(String(newBlockTime));
    await page.getByRole("button", { name: "Review proposal" }).click();
    await expect(issues).toHaveCount(0);
    const fmt = new Intl.NumberFormat("en-US").format;
    await expect(page.getByTestId("preview-sentence")).toHaveText(
      `Set base-local block time ${fmt(current.parameters.blockTimeMs)} ms → ${fmt(newBlockTime)} ms, activating as soon as the council's approval allows`,
    );
    await expect(page.getByTestId("proposal-preview").getByRole("heading", { name: title })).toBeVisible();
    // The description as GitHub Flavored Markdown, exactly as the proposal page will render it; raw HTML as text.
    const preview = page.getByTestId("proposal-preview");
    await expect(preview.locator("table td").first()).toHaveText("base-local");
    await expect(preview.locator("table del")).toHaveText("2,000");
    await expect(preview.getByRole("checkbox", { name: "simulated" })).toBeChecked();
    await expect(preview.getByText("<script>alert(1)</script>")).toBeVisible();
    await expect(preview.locator("script")).toHaveCount(0);
    await expect(page.locator('[data-simulation="ok"]')).toBeVisible();
    await expect(page.getByTestId("propose-simulation")).toContainText("the governor accepts this proposal");
    expect(wallet.requests).not.toContain("eth_sendTransaction");
    await snap(page, "proposal-new");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Submit proposal" }).click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();
    expect(wallet.requests).toContain("eth_sendTransaction");
    const href = await page.getByTestId("new-proposal-link").getAttribute("href");
    const proposalId = BigInt(href?.match(/^\/proposals\/(\d+)$/)?.[1] ?? "0");
    expect(await client.readContract({ ...governor, functionName: "state", args: [proposalId] })).toBe(0); // Pending
    expect(await client.readContract({ ...governor, functionName: "proposalProposer", args: [proposalId] })).toBe(wallet.address);

    // The rest of the lifecycle through viem: the two largest delegates vote for, then queue and execute.
    const description = proposalDescription(title, body);
    const created = await client.getContractEvents({ ...governor, eventName: "ProposalCreated", fromBlock: 0n, strict: true });
    const proposal = created.find((log) => log.args.proposalId === proposalId)?.args;
    expect(proposal?.description).toBe(description);
    const args = [proposal!.targets, proposal!.values, proposal!.calldatas, keccak256(toBytes(description))] as const;
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingDelay" })) + 1);
    for (const voter of DEV_ROLES.delegates.slice(0, 2)) {
      await confirm(await walletOf(voter).writeContract({ ...governor, functionName: "castVote", args: [proposalId, VoteType.For] }));
    }
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingPeriod" })) + 1);
    expect(await client.readContract({ ...governor, functionName: "state", args: [proposalId] })).toBe(4); // Succeeded
    const executor = walletOf(DEV_ROLES.delegates[0]);
    await confirm(await executor.writeContract({ ...governor, functionName: "queue", args }));
    await devnet.advance(Number(await client.readContract({ address: manifest.contracts.timelock, abi: superchainTimelockAbi, functionName: "getMinDelay" })) + 1);
    const before = await client.readContract({ ...registry, functionName: "changeCount" });
    await confirm(await executor.writeContract({ ...governor, functionName: "execute", args }));
    expect(await client.readContract({ ...governor, functionName: "state", args: [proposalId] })).toBe(7); // Executed

    // The registry now holds the change, awaiting the council, with the new block time for chain 901.
    expect(await client.readContract({ ...registry, functionName: "changeCount" })).toBe(before + 1n);
    const [change, status] = await Promise.all([
      client.readContract({ ...registry, functionName: "getChange", args: [before] }),
      client.readContract({ ...registry, functionName: "changeStatus", args: [before] }),
    ]);
    expect(CHANGE_STATUSES[status]).toBe("awaitingCouncil");
    expect(changeToAction(change)).toEqual({ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: newBlockTime }, requestedActivation: 0n });
  });

  test("an account without votes sees the proposer threshold explained, with the way to /delegates", async ({ page, wallet }) => {
    await wallet.useAccount(devAccount(NO_VOTES_INDEX));
    await page.goto("/proposals/new");
    await connectWallet(page);
    const standing = page.getByTestId("proposer-standing");
    await expect(standing).toHaveAttribute("data-status", "belowThreshold");
    await expect(standing).toContainText("Proposing needs 100,000 SUP of votes; this account has 0 SUP, 100,000 SUP short.");
    await expect(standing.getByRole("link", { name: "Delegates page" })).toHaveAttribute("href", "/delegates");

    // The governor would refuse it too, and the simulation says so in words before any signing.
    await page.getByLabel("Title").fill("Resume zora-local");
    await page.getByLabel("Action 1").selectOption("unpause");
    await page.getByLabel("Chain", { exact: true }).selectOption("902");
    await page.getByRole("button", { name: "Review proposal" }).click();
    await expect(page.getByTestId("propose-simulation")).toContainText("GovernorInsufficientProposerVotes");
    await expect(page.getByTestId("propose-simulation")).toContainText("below the proposal threshold");
    await expect(page.getByRole("button", { name: "Submit proposal" })).toBeDisabled();
    // Unpausing a chain that is not paused fails in the execution simulation, explained by name.
    await expect(page.locator('[data-simulation="failed"]')).toContainText("SequencerConfigNotPaused");
    expect(wallet.requests).not.toContain("eth_sendTransaction");
    await snap(page, "proposal-new-below-threshold");

    // Usable at phone width: nothing overflows the page sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await snap(page, "proposal-new-phone");
    await expectAccessible(page);
  });
});

test.describe("new proposal, in the proposer's own time zone", () => {
  // UTC+05:30 all year: a datetime-local input shows this zone, and the chain stores UTC.
  const ZONE_OFFSET_SECONDS = 5.5 * 3_600;
  test.use({ timezoneId: "Asia/Kolkata" });

  test("a call that fails the simulation needs an explicit 'submit anyway'; an activation typed in local time is stored in UTC", async ({ page, wallet, devnet }) => {
    const { client } = hubClients(devnet);
    const governor = { address: devnet.manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    // 30 days after the hub's clock (which the specs move), on a whole minute as the input types it.
    const now = (await client.getBlock()).timestamp;
    const activation = ((now + 30n * 86_400n) / 60n) * 60n;
    const localText = new Date((Number(activation) + ZONE_OFFSET_SECONDS) * 1_000).toISOString().slice(0, 16);
    const operator = devAccount(NO_VOTES_INDEX).address;

    await page.goto("/proposals/new");
    await connectWallet(page);
    await expect(page.getByTestId("proposer-standing")).toHaveAttribute("data-status", "eligible");
    await page.getByLabel("Title").fill(`Resume zora-local, new base-local operator (${Date.now()})`);
    // Action 1 fails against today's state: zora-local is not paused.
    await page.getByLabel("Action 1").selectOption("unpause");
    await page.getByRole("group", { name: "Action 1" }).getByLabel("Chain", { exact: true }).selectOption("902");
    // Action 2 requests an activation, typed in local time; the form shows what that is in UTC.
    await page.getByRole("button", { name: "Add another action" }).click();
    const second = page.getByRole("group", { name: "Action 2" });
    await page.getByLabel("Action 2").selectOption("replaceOperator");
    await second.getByLabel("Chain", { exact: true }).selectOption("901");
    await second.getByLabel("New operator address").fill(operator);
    await second.getByLabel(/^Requested activation \(your local time\)/).fill(localText);
    await expect(second.getByTestId("activation-utc")).toHaveText(`That is ${formatUtc(activation)}.`);

    await page.getByRole("button", { name: "Review proposal" }).click();
    await expect(page.getByTestId("preview-sentence").nth(1)).toContainText(`activating ${formatUtc(activation)}`);
    await expect(page.locator('[data-simulation="failed"]')).toContainText("SequencerConfigNotPaused");
    await expect(page.locator('[data-simulation="ok"]')).toHaveCount(1);
    await expect(page.getByTestId("propose-simulation")).toContainText("the governor accepts this proposal");

    // A failed call keeps Submit disabled until the proposer acknowledges it explicitly.
    const submit = page.getByRole("button", { name: "Submit proposal" });
    const anyway = page.getByRole("checkbox", { name: /^Submit anyway/ });
    await expect(page.getByTestId("submit-gate")).toContainText("call 1 failing against the current state");
    await expect(submit).toBeDisabled();
    await anyway.check();
    await expect(submit).toBeEnabled();
    await anyway.uncheck();
    await expect(submit).toBeDisabled();
    expect(wallet.requests).not.toContain("eth_sendTransaction");
    await snap(page, "proposal-new-submit-anyway");
    await expectAccessible(page);

    // An edit makes another proposal: it must be reviewed (and acknowledged) again.
    await anyway.check();
    await page.getByLabel("Title").fill(`Resume zora-local, new base-local operator, again (${Date.now()})`);
    await expect(page.getByText("The proposal changed since it was reviewed")).toBeVisible();
    await expect(submit).toHaveCount(0);
    await page.getByRole("button", { name: "Review proposal" }).click();
    await expect(page.locator('[data-simulation="failed"]')).toContainText("SequencerConfigNotPaused");
    await expect(anyway).not.toBeChecked();
    await expect(submit).toBeDisabled();

    await anyway.check();
    await submit.click();
    await expect(page.locator('[data-tx-status="confirmed"]')).toBeVisible();
    expect(wallet.requests).toContain("eth_sendTransaction");
    const href = await page.getByTestId("new-proposal-link").getAttribute("href");
    const proposalId = BigInt(href?.match(/^\/proposals\/(\d+)$/)?.[1] ?? "0");
    const created = await client.getContractEvents({ ...governor, eventName: "ProposalCreated", fromBlock: 0n, strict: true });
    const proposal = created.find((log) => log.args.proposalId === proposalId)?.args;
    expect(proposal?.proposer).toBe(wallet.address);
    // The activation the chain holds is the UTC instant of the local time typed.
    const { functionName, args } = decodeFunctionData({ abi: sequencerConfigRegistryAbi, data: proposal!.calldatas[1]! });
    expect(functionName).toBe("scheduleOperator");
    expect(args).toEqual([901n, operator, Number(activation)]);
  });
});
