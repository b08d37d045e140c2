import { createPublicClient, createWalletClient, http, keccak256, toBytes, type Hash } from "viem";

import { governanceContracts, viemChain, type Manifest } from "../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../lib/contracts/index.ts";
import { proposalVeto, reviewCouncilTransaction } from "../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal, PROPOSAL_STATES } from "../../lib/governance/index.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "../../lib/web/council/safeTx.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

const PROPOSER = devAccount(DEV_ROLES.delegates[0]);
const OTHER_DELEGATE = devAccount(DEV_ROLES.delegates[1]);
const [OWNER_1, OWNER_2] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
const RELAYER = devAccount(DEV_ROLES.delegates[2]);

function hubOf(manifest: Manifest) {
  const chain = viemChain(manifest.hub);
  const transport = http(manifest.hub.rpcUrl);
  const client = createPublicClient({ chain, transport });
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  return {
    client,
    governor,
    state: async (id: bigint) => PROPOSAL_STATES[await client.readContract({ ...governor, functionName: "state", args: [id] })],
    nonce: () => client.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" }),
    /** A new pending proposal from the first delegate (the test wallet's default account). */
    async propose(title: string) {
      const description = `# ${title}\n\nCreated by the cancel and veto test (${Date.now()}).`;
      const input = buildProposal([{ kind: "unpause", chainId: 902n }], description, governanceContracts(manifest));
      const hash: Hash = await createWalletClient({ account: PROPOSER, chain, transport }).writeContract({
        ...governor,
        functionName: "propose",
        args: [input.targets, input.values, input.calldatas, description],
      });
      expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
      const call = { targets: input.targets, values: input.values, calldatas: input.calldatas, descriptionHash: keccak256(toBytes(description)) };
      return { id: await client.readContract({ ...governor, functionName: "hashProposal", args: [call.targets, call.values, call.calldatas, call.descriptionHash] }), call };
    },
  };
}

test.describe("cancel and veto", () => {
  test("a proposer cancels their pending proposal from its page after confirming; others are told why they cannot; the timeline shows it", async ({ page, wallet, devnet }) => {
    const hub = hubOf(devnet.manifest);
    const { id } = await hub.propose("Withdrawn from the page");

    await page.goto(`/proposals/${id}`);
    await expect(page.locator("header [data-state]")).toHaveText("pending");
    const section = page.getByTestId("cancel-or-veto");
    await expect(section.getByText("Connect a wallet to cancel this proposal if you are its proposer.")).toBeVisible();
    await expect(section.getByTestId("council-veto-link")).toHaveAttribute("href", `/council#veto-${id}`);

    // Another account sees why no cancel is offered.
    await wallet.useAccount(OTHER_DELEGATE);
    await connectWallet(page);
    await expect(section.getByTestId("cancel-not-proposer")).toBeVisible();
    await expect(section.getByRole("button", { name: "Cancel proposal" })).toHaveCount(0);

    // The proposer: a confirmation step first, and "Keep it" changes nothing.
    await wallet.useAccount(PROPOSER);
    await section.getByRole("button", { name: "Cancel proposal" }).click();
    await expect(section.getByTestId("cancel-confirm")).toBeVisible();
    await expect(section.getByRole("button", { name: "Keep it" })).toBeFocused();
    await snap(page, "proposal-cancel-confirm");
    await expectAccessible(page);
    // Phone width: the section, like the page, needs no horizontal scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.locator("main").evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await section.getByRole("button", { name: "Keep it" }).click();
    await expect(section.getByTestId("cancel-confirm")).toHaveCount(0);
    expect(await hub.state(id)).toBe("pending");

    await section.getByRole("button", { name: "Cancel proposal" }).click();
    await section.getByRole("button", { name: "Yes, cancel the proposal" }).click();
    await expect(page.locator("header [data-state]")).toHaveText("canceled");
    expect(await hub.state(id)).toBe("canceled");
    const step = page.locator('[data-step="canceled"]');
    await expect(step).toHaveAttribute("data-step-state", "failed");
    await expect(step).toContainText("Canceled by the proposer");
    await expect(step.locator("[data-step-tx]")).toHaveAttribute("data-step-tx", /^0x[0-9a-f]{64}$/);
    await expect(page.getByTestId("cancel-or-veto")).toHaveCount(0);
    await snap(page, "proposal-canceled-by-proposer");
    await expectAccessible(page);
  });

  test("the council vetoes a proposal on /council through two owners' signatures (hashes shown first), anyone executes, and the timeline shows the veto", async ({
    page,
    wallet,
    devnet,
  }) => {
    const { manifest } = devnet;
    const hub = hubOf(manifest);
    const { id, call } = await hub.propose("Vetoed by the council");
    const veto = proposalVeto(manifest.contracts.governor, call);

    // From the proposal's page to its veto on /council.
    await page.goto(`/proposals/${id}`);
    await page.getByTestId("council-veto-link").click();
    await expect(page).toHaveURL(new RegExp(`/council#veto-${id}$`));
    const offer = page.getByTestId(`veto-${id}`);
    await expect(offer).toContainText("Vetoed by the council");
    await expect(offer.locator("[data-state]")).toHaveText("pending");

    const nonce = await hub.nonce();
    const expected = reviewCouncilTransaction({ safe: manifest.council.safe, chainId: manifest.hub.chainId, data: councilSafeTx(manifest.contracts.sequencerConfig, veto, nonce) });
    const card = page.getByTestId(`decision-${decisionKey(veto)}`);
    await card.locator("summary").click();
    await expect(card).toContainText(`cancel(…) of proposal ${id} on ${manifest.contracts.governor}`);
    await connectWallet(page);
    await offer.scrollIntoViewIfNeeded();
    await snap(page, "council-veto");
    await expectAccessible(page);

    const signatureRequests = () => wallet.requests.filter((method) => method === "eth_signTypedData_v4").length;
    const asked = signatureRequests();
    for (const [i, owner] of [OWNER_1, OWNER_2].entries()) {
      await wallet.useAccount(owner!);
      if (!(await card.evaluate((el) => (el as HTMLDetailsElement).open))) await card.locator("summary").click();
      await expect(card.getByTestId("safe-tx-hash")).toHaveText(expected.safeTxHash);
      await expect(card.getByTestId("domain-hash")).toHaveText(expected.domainHash);
      await expect(card.getByTestId("message-hash")).toHaveText(expected.messageHash);
      expect(signatureRequests() - asked, "no signature asked before the hashes were shown").toBe(i);
      await card.getByRole("button", { name: "Sign", exact: true }).click();
      await expect(card.getByTestId("approval-count")).toHaveText(`${i + 1} of 2 approvals`);
    }

    await wallet.useAccount(RELAYER);
    await expect(card.getByTestId("not-owner-note")).toBeVisible();
    await card.getByRole("button", { name: "Execute", exact: true }).click();
    await expect.poll(hub.nonce, { message: "the Safe executed (nonce moved on)" }).toBe(nonce + 1n);
    await expect.poll(() => hub.state(id)).toBe("canceled");
    await expect(page.getByTestId(`veto-${id}`)).toHaveCount(0);

    await page.goto(`/proposals/${id}`);
    await expect(page.locator("header [data-state]")).toHaveText("canceled");
    const step = page.locator('[data-step="canceled"]');
    await expect(step).toContainText("Vetoed by the Security Council");
    await expect(step.locator("[data-step-tx]")).toHaveAttribute("data-step-tx", /^0x[0-9a-f]{64}$/);
    await snap(page, "proposal-vetoed");
    await expectAccessible(page);
  });
});
